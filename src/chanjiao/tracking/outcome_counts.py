"""The outcome figures computed for many units at once: every function takes the programs in
scope and ``by`` ("program", "school" or None for all of them together) and answers a figure per
group key (a program id, a school id, or None), in a few queries whatever the number of units.

`chanjiao.tracking.outcomes` asks these for one unit; the outcomes table and the evaluation
sources ask them for all units at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from chanjiao.core.outcomes import Rate, band_midpoints, counterpart_matches, rate
from chanjiao.docking.models import Course
from chanjiao.registry.models import OrgKind, Program, ProgramOccupation, Teacher
from chanjiao.tracking.models import (
    OUTSIDE_LABOUR_MARKET,
    WORKING,
    CareerRecord,
    CertificationExam,
    CourseRevision,
    DualQualifiedReview,
    TeachingAssignment,
)
from chanjiao.tracking.rules import default_practical_hours

GROUP_FIELDS = {"program": "", "school": "__school"}
NOTHING = rate(0, 0)


def group_lookup(path: str, by: str | None) -> str | None:
    """The lookup giving a row's group key, from the path to its program (``student__program``)."""
    return None if by is None else path + GROUP_FIELDS[by]


def grouped(queryset: QuerySet, key: str | None, **annotations) -> dict[Hashable, dict[str, Any]]:
    """Aggregates per group key, or ``{None: aggregates}`` when not grouped."""
    if key is None:
        return {None: queryset.aggregate(**annotations)}
    return {row.pop(key): row for row in queryset.values(key).annotate(**annotations).order_by()}


def records(programs: QuerySet[Program], year: int, years_after: int) -> QuerySet[CareerRecord]:
    return CareerRecord.objects.filter(
        graduate__student__program__in=programs, graduate__graduation_year=year, years_after=years_after
    )


def employment(
    programs: QuerySet[Program], year: int, by: str | None, years_after: int = 0
) -> dict[Hashable, Rate]:
    counts = grouped(
        records(programs, year, years_after).exclude(destination__in=OUTSIDE_LABOUR_MARKET),
        group_lookup("graduate__student__program", by),
        total=Count("pk"),
        working=Count("pk", filter=Q(destination__in=WORKING)),
    )
    return {key: rate(row["working"], row["total"]) for key, row in counts.items()}


def counterpart(
    programs: QuerySet[Program], year: int, by: str | None, level: int = 4, years_after: int = 0
) -> dict[Hashable, Rate]:
    key = group_lookup("graduate__student__program", by) or "graduate__student__program_id"
    rows = list(
        records(programs, year, years_after)
        .filter(destination__in=WORKING)
        .values_list(key, "occupation_id", "graduate__student__program_id")
    )
    crosswalks: dict[int, list[str]] = defaultdict(list)
    for program_id, code in ProgramOccupation.objects.filter(program_id__in={r[2] for r in rows}).values_list(
        "program_id", "occupation_id"
    ):
        crosswalks[program_id].append(code)
    matches = counterpart_matches([r[1] for r in rows], [crosswalks[r[2]] for r in rows], level)
    totals: dict[Hashable, list[int]] = defaultdict(lambda: [0, 0])
    for (group, _, _), matched in zip(rows, matches, strict=True):
        total = totals[group if by else None]
        total[0] += int(matched)
        total[1] += 1
    return {group: rate(matched, total) for group, (matched, total) in totals.items()}


def retention(
    programs: QuerySet[Program], year: int, by: str | None, years_after: int = 1
) -> dict[Hashable, Rate]:
    joined = records(programs, year, 0).filter(with_cooperating_enterprise=True).values("graduate_id")
    counts = grouped(
        records(programs, year, years_after).filter(graduate_id__in=joined),
        group_lookup("graduate__student__program", by),
        total=Count("pk"),
        stayed=Count("pk", filter=Q(with_cooperating_enterprise=True)),
    )
    return {key: rate(row["stayed"], row["total"]) for key, row in counts.items()}


@dataclass(frozen=True)
class SalarySummary:
    """Monthly starting salary (yuan) of the graduates in work who gave a band: midpoint statistics."""

    graduates: int
    mean: float | None
    median: float | None


def salaries(programs: QuerySet[Program], year: int, by: str | None) -> dict[Hashable, SalarySummary]:
    key = group_lookup("graduate__student__program", by) or "graduate__student__program_id"
    bands: dict[Hashable, list[str]] = defaultdict(list)
    for group, band in (
        records(programs, year, 0)
        .filter(destination__in=WORKING)
        .exclude(salary_band="")
        .values_list(key, "salary_band")
    ):
        bands[group if by else None].append(band)
    summaries = {}
    for group, values in bands.items():
        midpoints = band_midpoints(values)
        summaries[group] = SalarySummary(len(midpoints), float(midpoints.mean()), float(np.median(midpoints)))
    return summaries


def certification(programs: QuerySet[Program], year: int, by: str | None) -> dict[Hashable, Rate]:
    """Students who passed at least one exam in the year / students who sat one."""
    key = group_lookup("student__program", by) or "student__program_id"
    sat: dict[Hashable, set[int]] = defaultdict(set)
    passed: dict[Hashable, set[int]] = defaultdict(set)
    for group, student, ok in CertificationExam.objects.filter(
        student__program__in=programs, exam_date__year=year
    ).values_list(key, "student_id", "passed"):
        group = group if by else None
        sat[group].add(student)
        if ok:
            passed[group].add(student)
    return {group: rate(len(passed[group]), len(students)) for group, students in sat.items()}


@dataclass(frozen=True)
class HoursShare:
    """Practical hours / all course hours of the current teaching plans."""

    practical_hours: int
    hours: int

    @property
    def value(self) -> float | None:
        return self.practical_hours / self.hours if self.hours else None

    @property
    def percent(self) -> float | None:
        return None if self.value is None else 100.0 * self.value


def practical(programs: QuerySet[Program], by: str | None) -> dict[Hashable, HoursShare]:
    """Courses with a design count their practical hours, the others by their kind."""
    key = group_lookup("program", by) or "program_id"
    sums: dict[Hashable, list[int]] = defaultdict(lambda: [0, 0])
    for group, hours, kind, designed in Course.objects.filter(program__in=programs).values_list(
        key, "hours", "kind", "design__practical_hours"
    ):
        total = sums[group if by else None]
        total[0] += designed if designed is not None else default_practical_hours(kind, hours)
        total[1] += hours
    return {group: HoursShare(practical_hours=p, hours=h) for group, (p, h) in sums.items()}


def update_frequency(programs: QuerySet[Program], year: int, by: str | None) -> dict[Hashable, float]:
    """Course revisions made with an enterprise during the year / programs."""
    offered = grouped(programs, {"program": "pk", "school": "school"}[by] if by else None, n=Count("pk"))
    revisions = grouped(
        CourseRevision.objects.filter(
            course__program__in=programs, revised_on__year=year, with_enterprise=True
        ),
        group_lookup("course__program", by),
        n=Count("pk"),
    )
    return {key: revisions.get(key, {"n": 0})["n"] / row["n"] for key, row in offered.items() if row["n"]}


def dual_qualified(programs: QuerySet[Program], year: int, by: str | None) -> dict[Hashable, Rate]:
    """Dual-qualified college teachers / college teachers as of 31 December: a program's teachers
    teach in it that year; a school's (or all programs' together) are all their schools' teachers."""
    day = dt.date(year, 12, 31)
    latest = DualQualifiedReview.objects.filter(
        teacher=OuterRef("teacher_id" if by == "program" else "pk"), reviewed_on__lte=day
    )
    status = Subquery(latest.order_by("-reviewed_on", "-id").values("qualified")[:1])
    if by == "program":
        rows = (
            TeachingAssignment.objects.filter(program__in=programs, year=year, teacher__kind="teacher")
            .annotate(reviewed=status)
            .values_list("program_id", "teacher_id", "reviewed", "teacher__dual_qualified")
            .distinct()
        )
    else:
        teachers = Teacher.objects.filter(
            kind="teacher",
            organisation__kind=OrgKind.SCHOOL,
            organisation_id__in=programs.values("school_id"),
        )
        rows = teachers.annotate(reviewed=status).values_list(
            "organisation_id", "pk", "reviewed", "dual_qualified"
        )
    counts: dict[Hashable, dict[int, bool]] = defaultdict(dict)
    for group, teacher, reviewed, flag in rows:
        counts[group if by else None][teacher] = flag if reviewed is None else reviewed
    return {group: rate(sum(statuses.values()), len(statuses)) for group, statuses in counts.items()}


def count_value(values: dict[Hashable, Rate], key: Hashable) -> Rate:
    """The group's rate, or the empty rate when the group has no records."""
    return values.get(key, NOTHING)
