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
    outcomes_by(year, *, programs, by="program" | "school", counterpart_level=4)
                                                             -> {id: {figure: value}}

The last computes every figure for many programs or schools at once, in a few queries
(``chanjiao.tracking.outcome_counts``); the others answer for one unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from chanjiao.core.outcomes import MatchedDifference, Rate, band_midpoints, csco_prefix
from chanjiao.docking.models import Course
from chanjiao.registry.models import Organisation, OrgKind, Program, Region
from chanjiao.tracking import outcome_counts as counts
from chanjiao.tracking.models import WORKING, CourseCoDeveloper
from chanjiao.tracking.outcome_counts import HoursShare, SalarySummary, count_value

Unit = Program | Organisation | Region | None
__all__ = [
    "HoursShare",
    "SalaryDifference",
    "SalarySummary",
    "Unit",
    "certification_pass_rate",
    "cooperative_program_ids",
    "counterpart_rate",
    "curriculum_update_frequency",
    "dual_qualified_share",
    "employment_rate",
    "outcomes_by",
    "practical_share",
    "program_filter",
    "programs_of",
    "retention_rate",
    "salary_difference",
    "starting_salary",
]


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


def programs_of(unit: Unit) -> QuerySet[Program]:
    return Program.objects.filter(program_filter(unit, ""))


def employment_rate(unit: Unit, year: int, *, years_after: int = 0) -> Rate:
    """Graduates in work / graduates with a known destination who are in the labour market.

    Further study and military service are outside the labour market, so they count neither
    way; graduates without a record for the year are unknown and left out (see the response
    rate of the follow-up for how many that is).
    """
    return count_value(counts.employment(programs_of(unit), year, None, years_after), None)


def counterpart_rate(unit: Unit, year: int, *, level: int = 4, years_after: int = 0) -> Rate:
    """Graduates in work whose occupation lies in their program's crosswalk at a CSCO level /
    graduates in work (a job without an occupation code does not match)."""
    return count_value(counts.counterpart(programs_of(unit), year, None, level, years_after), None)


def retention_rate(unit: Unit, year: int, *, years_after: int = 1) -> Rate:
    """Graduates still with their cooperating enterprise ``years_after`` years on / graduates who
    joined it at graduation and answered that year's follow-up."""
    return count_value(counts.retention(programs_of(unit), year, None, years_after), None)


def starting_salary(unit: Unit, year: int) -> SalarySummary:
    """Mean and median band midpoint of the cohort's graduates in work at graduation."""
    return counts.salaries(programs_of(unit), year, None).get(None, SalarySummary(0, None, None))


def certification_pass_rate(unit: Unit, year: int) -> Rate:
    """Students who passed at least one certification exam in the year / students who sat one."""
    return count_value(counts.certification(programs_of(unit), year, None), None)


def practical_share(unit: Unit) -> HoursShare:
    """Practical hours / all hours of the unit's courses; a course with a design counts its
    practical hours, the others by their kind (``chanjiao.tracking.rules.default_practical_hours``)."""
    return counts.practical(programs_of(unit), None).get(None, HoursShare(0, 0))


def curriculum_update_frequency(unit: Unit, year: int) -> float | None:
    """Course revisions made with an enterprise during the year / programs offered (for one
    program: its revisions). None when the unit has no program."""
    return counts.update_frequency(programs_of(unit), year, None).get(None)


def dual_qualified_share(unit: Unit, year: int) -> Rate:
    """Dual-qualified college teachers / college teachers, as of 31 December of the year.

    A program's teachers are the college teachers with teaching hours in it that year; a school's
    or region's are all its college teachers. A teacher's status is their latest review up to the
    day, or the registered flag when never reviewed.
    """
    by = "program" if isinstance(unit, Program) else None
    values = counts.dual_qualified(programs_of(unit), year, by)
    return count_value(values, unit.pk if isinstance(unit, Program) else None)


def outcomes_by(
    year: int, *, programs: QuerySet[Program], by: str, counterpart_level: int = 4
) -> dict[int, dict[str, Any]]:
    """Every figure for each program (``by="program"``) or school (``by="school"``) of ``programs``,
    in a few queries: ``{id: {"employment": Rate, "counterpart": Rate, "retention": Rate (the
    previous cohort one year on), "salary": SalarySummary, "certification": Rate, "practical":
    HoursShare, "update_frequency": float | None, "dual_qualified": Rate}}``."""
    figures: dict[str, dict[Any, Any]] = {
        "employment": counts.employment(programs, year, by),
        "counterpart": counts.counterpart(programs, year, by, counterpart_level),
        "retention": counts.retention(programs, year - 1, by),
        "salary": counts.salaries(programs, year, by),
        "certification": counts.certification(programs, year, by),
        "practical": counts.practical(programs, by),
        "update_frequency": counts.update_frequency(programs, year, by),
        "dual_qualified": counts.dual_qualified(programs, year, by),
    }
    empty: dict[str, Any] = {
        "salary": SalarySummary(0, None, None),
        "practical": HoursShare(0, 0),
        "update_frequency": None,
    }
    keys = programs.values_list("pk" if by == "program" else "school_id", flat=True).distinct()
    return {
        key: {name: values.get(key, empty.get(name, counts.NOTHING)) for name, values in figures.items()}
        for key in keys
    }


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
        counts.records(programs_of(region), year, 0)
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
