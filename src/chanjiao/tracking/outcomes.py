"""Outcome figures of programs, schools and regions: the inputs of the evaluation indicators
and of the docking app's program advice.

Every function takes a *unit*: a ``Program``, a school (``Organisation``), a ``Region`` (the
region and everything below it) or None (the whole platform). Graduate figures take the
graduation ``year`` (the cohort); certification and curriculum figures the calendar year.
Rates come back as :class:`chanjiao.core.outcomes.Rate` (``value`` a fraction, ``percent``,
a Wilson interval ``low``/``high``, and the counts behind them; ``value`` is None when there is
nothing to measure). The formulas are in docs/tracking.md.

    employment_rate(unit, year, *, years_after=0)            -> Rate
    counterpart_rate(unit, year, *, level=4, years_after=0)  -> Rate
    retention_rate(unit, year, *, years_after=1)             -> Rate
    starting_salary(unit, year)                              -> SalarySummary
    salary_difference(unit, year, *, occupation_level=2, n_bootstrap=2000, random_state=0)
                                                             -> SalaryDifference | None
    certification_pass_rate(unit, year)                      -> Rate
    practical_share(unit)                                    -> HoursShare
    curriculum_update_frequency(unit, year)                  -> float | None
    dual_qualified_share(unit, year)                         -> Rate
    cooperative_program_ids(programs=None)                   -> set[int]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from chanjiao.core.outcomes import (
    MatchedDifference,
    Rate,
    band_midpoints,
    counterpart_matches,
    csco_prefix,
    rate,
)
from chanjiao.docking.models import Course
from chanjiao.registry.models import Organisation, OrgKind, Program, ProgramOccupation, Region, Teacher
from chanjiao.tracking.models import (
    OUTSIDE_LABOUR_MARKET,
    WORKING,
    CareerRecord,
    CertificationExam,
    CourseCoDeveloper,
    CourseRevision,
    DualQualifiedReview,
    TeachingAssignment,
)
from chanjiao.tracking.rules import default_practical_hours

Unit = Program | Organisation | Region | None


def program_filter(unit: Unit, prefix: str) -> Q:
    """Rows of ``unit`` given the lookup path from a model to the program (``student__program``;
    "" for programs themselves)."""

    def lookup(name: str) -> str:
        return f"{prefix}__{name}" if prefix else name

    if unit is None:
        return Q()
    if isinstance(unit, Program):
        return Q(**{prefix or "pk": unit.pk})
    if isinstance(unit, Region):
        return Q(**{lookup("school__region__path__startswith"): unit.path})
    if isinstance(unit, Organisation) and unit.kind == OrgKind.SCHOOL:
        return Q(**{lookup("school"): unit.pk})
    raise ValueError(f"A unit is a program, a school, a region or None, not {unit!r}.")


def _records(unit: Unit, year: int, years_after: int) -> QuerySet[CareerRecord]:
    return CareerRecord.objects.filter(
        program_filter(unit, "graduate__student__program"),
        graduate__graduation_year=year,
        years_after=years_after,
    )


def employment_rate(unit: Unit, year: int, *, years_after: int = 0) -> Rate:
    """Graduates in work / graduates with a known destination who are in the labour market.

    Further study and military service are outside the labour market, so they count neither
    way; graduates without a record for the year are unknown and left out (see the response
    rate of the follow-up for how many that is).
    """
    counts = (
        _records(unit, year, years_after)
        .exclude(destination__in=OUTSIDE_LABOUR_MARKET)
        .aggregate(total=Count("pk"), working=Count("pk", filter=Q(destination__in=WORKING)))
    )
    return rate(counts["working"], counts["total"])


def counterpart_rate(unit: Unit, year: int, *, level: int = 4, years_after: int = 0) -> Rate:
    """Graduates in work whose occupation lies in their program's crosswalk at a CSCO level /
    graduates in work (a job without an occupation code does not match)."""
    rows = list(
        _records(unit, year, years_after)
        .filter(destination__in=WORKING)
        .values_list("occupation_id", "graduate__student__program_id")
    )
    crosswalks: dict[int, list[str]] = {}
    for program_id, code in ProgramOccupation.objects.filter(program_id__in={p for _, p in rows}).values_list(
        "program_id", "occupation_id"
    ):
        crosswalks.setdefault(program_id, []).append(code)
    matches = counterpart_matches([code for code, _ in rows], [crosswalks.get(p, []) for _, p in rows], level)
    return rate(int(matches.sum()), len(rows))


def retention_rate(unit: Unit, year: int, *, years_after: int = 1) -> Rate:
    """Graduates still with their cooperating enterprise ``years_after`` years on / graduates who
    joined it at graduation and answered that year's follow-up."""
    joined = _records(unit, year, 0).filter(with_cooperating_enterprise=True).values("graduate_id")
    later = _records(unit, year, years_after).filter(graduate_id__in=joined)
    counts = later.aggregate(
        total=Count("pk"), stayed=Count("pk", filter=Q(with_cooperating_enterprise=True))
    )
    return rate(counts["stayed"], counts["total"])


@dataclass(frozen=True)
class SalarySummary:
    """Monthly starting salary (yuan) of the graduates in work who gave a band: midpoint statistics."""

    graduates: int
    mean: float | None
    median: float | None


def starting_salary(unit: Unit, year: int) -> SalarySummary:
    bands = list(
        _records(unit, year, 0)
        .filter(destination__in=WORKING)
        .exclude(salary_band="")
        .values_list("salary_band", flat=True)
    )
    values = band_midpoints(bands)
    if not len(values):
        return SalarySummary(0, None, None)
    return SalarySummary(len(values), float(values.mean()), float(np.median(values)))


def cooperative_program_ids(programs: QuerySet[Program] | None = None) -> set[int]:
    """Programs with at least one course co-developed with an enterprise (the course's recorded
    co-developer, or an enterprise among its co-developing partners)."""
    courses = Course.objects.all() if programs is None else Course.objects.filter(program__in=programs)
    lead = courses.filter(co_developer__kind=OrgKind.ENTERPRISE).values_list("program_id", flat=True)
    partners = CourseCoDeveloper.objects.filter(
        course__in=courses, organisation__kind=OrgKind.ENTERPRISE
    ).values_list("course__program_id", flat=True)
    return set(lead) | set(partners)


@dataclass(frozen=True)
class SalaryDifference:
    """Starting-salary difference, cooperative minus non-cooperative programs (yuan per month),
    matched on school level and occupation group, with a bootstrap interval."""

    difference: float
    interval: tuple[float, float]
    relative: float
    relative_interval: tuple[float, float]
    cooperative_mean: float
    non_cooperative_mean: float
    cooperative_graduates: int
    non_cooperative_graduates: int
    unmatched_graduates: int
    strata: int

    @property
    def percent(self) -> float:
        return 100.0 * self.relative


def _comparison_region(unit: Unit) -> Region | None:
    """Where the non-cooperative graduates are drawn from: a region itself, else the city of the
    unit's school (its level-2 ancestor), else everywhere."""
    if unit is None or isinstance(unit, Region):
        return unit
    school = unit.school if isinstance(unit, Program) else unit
    ids = [int(part) for part in school.region.path.strip("/").split("/")]
    return Region.objects.filter(pk__in=ids, level=2).first() or school.region


def salary_difference(
    unit: Unit,
    year: int,
    *,
    occupation_level: int = 2,
    n_bootstrap: int = 2000,
    confidence: float = 0.95,
    random_state: int = 0,
) -> SalaryDifference | None:
    """The matched starting-salary difference for a cohort (None when no stratum can be compared).

    Treated: the unit's graduates of cooperative programs; control: graduates of non-cooperative
    programs in the comparison region. Both are in work at graduation with a salary band and an
    occupation code; strata are school level x the occupation's CSCO group at
    ``occupation_level``. Estimator and interval: ``chanjiao.core.outcomes.MatchedDifference``.
    """
    region = _comparison_region(unit)
    rows = list(
        _records(region, year, 0)
        .filter(destination__in=WORKING, occupation__isnull=False)
        .exclude(salary_band="")
        .values_list(
            "salary_band",
            "occupation_id",
            "graduate__student__program_id",
            "graduate__student__school__school_level",
        )
    )
    in_unit = None
    if unit is not None and not isinstance(unit, Region):
        in_unit = set(Program.objects.filter(program_filter(unit, "")).values_list("pk", flat=True))
    cooperative = cooperative_program_ids(Program.objects.filter(pk__in={r[2] for r in rows}))
    treated = np.array([r[2] in cooperative for r in rows], dtype=bool)
    keep = np.array(
        [not t or in_unit is None or r[2] in in_unit for r, t in zip(rows, treated, strict=True)], dtype=bool
    )
    rows = [r for r, k in zip(rows, keep, strict=True) if k]
    treated = treated[keep]
    if not rows:
        return None
    strata = np.array([f"{level}|{csco_prefix(code, occupation_level)}" for _, code, _, level in rows])
    try:
        fit = MatchedDifference(
            n_bootstrap=n_bootstrap, confidence=confidence, random_state=random_state
        ).fit(band_midpoints([r[0] for r in rows]), treated, strata)
    except ValueError:
        return None
    return SalaryDifference(
        difference=fit.difference_,
        interval=fit.interval_,
        relative=fit.relative_difference_,
        relative_interval=fit.relative_interval_,
        cooperative_mean=fit.treated_mean_,
        non_cooperative_mean=fit.control_mean_,
        cooperative_graduates=fit.n_treated_,
        non_cooperative_graduates=fit.n_control_,
        unmatched_graduates=fit.n_unmatched_treated_ + fit.n_unmatched_control_,
        strata=len(fit.strata_),
    )


def certification_pass_rate(unit: Unit, year: int) -> Rate:
    """Students who passed at least one certification exam in the year / students who sat one."""
    exams = CertificationExam.objects.filter(program_filter(unit, "student__program"), exam_date__year=year)
    sat = exams.values("student_id").distinct().count()
    passed = exams.filter(passed=True).values("student_id").distinct().count()
    return rate(passed, sat)


@dataclass(frozen=True)
class HoursShare:
    """Practical hours / all course hours of the unit's current teaching plans."""

    practical_hours: int
    hours: int

    @property
    def value(self) -> float | None:
        return self.practical_hours / self.hours if self.hours else None

    @property
    def percent(self) -> float | None:
        return None if self.value is None else 100.0 * self.value


def practical_share(unit: Unit) -> HoursShare:
    """Courses with a design count their practical hours; the others count by their kind (see
    ``chanjiao.tracking.rules.default_practical_hours``)."""
    practical = hours = 0
    courses = Course.objects.filter(program_filter(unit, "program"))
    for course_hours, kind, designed in courses.values_list("hours", "kind", "design__practical_hours"):
        hours += course_hours
        practical += designed if designed is not None else default_practical_hours(kind, course_hours)
    return HoursShare(practical_hours=practical, hours=hours)


def curriculum_update_frequency(unit: Unit, year: int) -> float | None:
    """Course revisions made with an enterprise during the year / programs offered (for one
    program: its revisions). None when the unit has no program."""
    programs = Program.objects.filter(program_filter(unit, "")).count()
    if not programs:
        return None
    revisions = CourseRevision.objects.filter(
        program_filter(unit, "course__program"), revised_on__year=year, with_enterprise=True
    ).count()
    return revisions / programs


def dual_qualified_share(unit: Unit, year: int) -> Rate:
    """Dual-qualified college teachers / college teachers, as of 31 December of the year.

    A program's teachers are the college teachers with teaching hours in it that year; a school's
    or region's are all its college teachers. A teacher's status is their latest review up to the
    day, or the registered flag when never reviewed.
    """
    day = dt.date(year, 12, 31)
    if isinstance(unit, Program):
        teachers = Teacher.objects.filter(
            pk__in=TeachingAssignment.objects.filter(program=unit, year=year).values("teacher_id"),
            kind="teacher",
        )
    else:
        teachers = Teacher.objects.filter(kind="teacher", organisation__kind=OrgKind.SCHOOL)
        if isinstance(unit, Organisation):
            teachers = teachers.filter(organisation=unit)
        elif isinstance(unit, Region):
            teachers = teachers.filter(organisation__region__path__startswith=unit.path)
    latest = DualQualifiedReview.objects.filter(teacher=OuterRef("pk"), reviewed_on__lte=day).order_by(
        "-reviewed_on", "-id"
    )
    statuses = list(
        teachers.annotate(reviewed=Subquery(latest.values("qualified")[:1])).values_list(
            "reviewed", "dual_qualified"
        )
    )
    qualified = sum(1 for reviewed, flag in statuses if (flag if reviewed is None else reviewed))
    return rate(qualified, len(statuses))
