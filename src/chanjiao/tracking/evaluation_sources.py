"""Figures the evaluation app reads from the tracking records (``chanjiao.evaluation.sources``).

For colleges and districts, in an evaluation of ``year``:

- curriculum: programmes offered and course revisions made with an enterprise in the year;
- teaching: practical and all course hours of the current teaching plans (course designs, else
  by course kind);
- graduates: the ``year`` cohort with a known destination in the labour market, those in work,
  and those in work in an occupation of their program's crosswalk (fine CSCO level);
- salary: the matched starting-salary comparison of the cohort (cooperative programs of the unit
  against non-cooperative programs of its city, matched on school level and occupation group):
  the matched means of both sides, so that (first - second) / second is the matched relative
  difference (docs/tracking.md);
- certification: students who sat a certification exam in the year, and those who passed one;
- retention: the previous cohort's graduates who joined their cooperating enterprise and
  answered a year on, and those still there;
- career: graduates of the five cohorts before ``year`` with a record, those promoted, those
  with the same employer for three years or more, those with a patent, award or own business.

A unit gets figures only when the platform holds the records (else its annual return is used).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from chanjiao.registry.models import Organisation, Program, Region
from chanjiao.tracking import outcomes
from chanjiao.tracking.models import CareerRecord, CourseRevision
from chanjiao.tracking.outcomes import Unit as OutcomeUnit

Figures = dict[int, dict[str, float]]
STABLE_YEARS = 3


def _units(units, kind: str) -> dict[int, OutcomeUnit]:
    ids = [unit.id for unit in units]
    model = Organisation if kind == "college" else Region
    return dict(model.objects.in_bulk(ids))


def _per_unit(kind: str, compute: Callable[[OutcomeUnit, int], dict[str, float] | None]):
    def provider(units, year: int) -> Figures:
        figures: Figures = {}
        for pk, unit in _units(units, kind).items():
            values = compute(unit, year)
            if values is not None:
                figures[pk] = values
        return figures

    return provider


def curriculum(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    if not CourseRevision.objects.filter(outcomes.program_filter(unit, "course__program")).exists():
        return None
    frequency = outcomes.curriculum_update_frequency(unit, year)
    programmes = Program.objects.filter(outcomes.program_filter(unit, "")).count()
    return {"programmes": programmes, "curriculum_revisions": (frequency or 0.0) * programmes}


def teaching(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    share = outcomes.practical_share(unit)
    if not share.hours:
        return None
    return {"practical_course_hours": share.practical_hours, "total_course_hours": share.hours}


def graduates(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    employment = outcomes.employment_rate(unit, year)
    if not employment.denominator:
        return None
    counterpart = outcomes.counterpart_rate(unit, year)
    return {
        "graduates": employment.denominator,
        "graduates_employed": employment.numerator,
        "graduates_counterpart_employed": counterpart.numerator,
    }


def salary(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    difference = outcomes.salary_difference(unit, year, n_bootstrap=200)
    if difference is None:
        return None
    return {
        "median_starting_salary": difference.cooperative_mean,
        "reference_starting_salary": difference.non_cooperative_mean,
    }


def certification(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    result = outcomes.certification_pass_rate(unit, year)
    if not result.denominator:
        return None
    return {"certification_candidates": result.denominator, "certification_passed": result.numerator}


def retention(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    result = outcomes.retention_rate(unit, year - 1, years_after=1)
    if not result.denominator:
        return None
    return {"graduates_placed_with_partners": result.denominator, "graduates_retained": result.numerator}


def career(unit: OutcomeUnit, year: int) -> dict[str, float] | None:
    """Each graduate's records up to ``year``: promoted ever, stable, innovating ever."""
    records = (
        CareerRecord.objects.filter(
            outcomes.program_filter(unit, "graduate__student__program"),
            graduate__graduation_year__gte=year - 5,
            graduate__graduation_year__lt=year,
        )
        .order_by("graduate_id", "years_after")
        .values_list(
            "graduate_id",
            "graduate__graduation_year",
            "years_after",
            "employer_name",
            "promoted",
            "patents",
            "awards",
            "destination",
        )
    )
    by_graduate: dict[int, list[tuple]] = {}
    for row in records:
        if row[1] + row[2] <= year:
            by_graduate.setdefault(row[0], []).append(row)
    if not by_graduate:
        return None
    promoted = stable = innovating = 0
    for rows in by_graduate.values():
        promoted += any(r[4] for r in rows)
        innovating += any(r[5] or r[6] or r[7] == "self_employed" for r in rows)
        latest = rows[-1]
        first_same = latest
        for row in reversed(rows):
            if not row[3] or row[3] != latest[3]:
                break
            first_same = row
        stable += bool(latest[3]) and latest[2] - first_same[2] >= STABLE_YEARS
    return {
        "tracked_graduates": len(by_graduate),
        "tracked_promoted": promoted,
        "tracked_stable": stable,
        "tracked_innovating": innovating,
    }


RECORDS = _("Tracking records")
GRADUATE_RECORDS = _("Graduate career tracking")
MATCHED_SALARIES = _("Graduate tracking (matched starting salaries)")
PROVIDERS = {
    (group, kind): (label, _per_unit(kind, compute))
    for kind in ("college", "region")
    for group, label, compute in (
        ("curriculum", RECORDS, curriculum),
        ("teaching", RECORDS, teaching),
        ("graduates", GRADUATE_RECORDS, graduates),
        ("salary", MATCHED_SALARIES, salary),
        ("certification", RECORDS, certification),
        ("retention", GRADUATE_RECORDS, retention),
        ("career", GRADUATE_RECORDS, career),
    )
}
