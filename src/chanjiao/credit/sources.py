"""Figures the credit file reads from capabilities other apps provide.

Each is read through a small selector that returns nothing (an empty mapping) while the app
providing it is not installed, so the figure starts counting as soon as the app lands:

========================  =====================================================================
figure                    where it comes from
========================  =====================================================================
students hosted           ``chanjiao.matching`` placements (internships and apprenticeships)
mentors                   ``chanjiao.registry`` teachers of kind mentor or part-time expert
technical needs solved    ``chanjiao.docking`` technical needs with status *solved*, by the year
                          they were closed
evaluation lights         ``chanjiao.evaluation`` results of enterprises (as partners): per year,
                          the latest run of each cycle, the worst light when several cycles rate
                          the enterprise that year; *not rated* is no light
courses co-developed      ``chanjiao.tracking`` course co-developers and ``chanjiao.docking``
                          courses' co-developer: distinct courses, in the year the
                          co-development started (undated: the last year of the window)
internship breaches       any app's ``credit_figures`` (``chanjiao.web.plugins``): the tracking
                          app counts post internships breaking the region's internship rules,
                          by placement year
========================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.db.models import Count, Max
from django.db.models.functions import ExtractYear

from chanjiao.web import plugins

HOSTED_KINDS = {"internship": "interns_hosted", "apprenticeship": "apprentices_hosted"}
NOT_HOSTED_STATUSES = ("offered", "declined")
"""An offer not (yet) taken up is not a student hosted."""

MENTOR_KINDS = ("mentor", "part_time")


LIGHT_SEVERITY = {"green": 0, "yellow": 1, "red": 2}


def technical_needs_solved(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], int]:
    """Technical needs each enterprise had solved, by the year they were closed (docking app)."""
    if not apps.is_installed("chanjiao.docking"):
        return {}
    need_model: Any = apps.get_model("docking", "TechnicalNeed")
    rows = (
        need_model.objects.filter(
            enterprise_id__in=enterprise_ids,
            status="solved",
            closed_at__year__gte=years.start,
            closed_at__year__lt=years.stop,
        )
        .annotate(year=ExtractYear("closed_at"))
        .values("enterprise_id", "year")
        .annotate(n=Count("id"))
    )
    return {(row["enterprise_id"], row["year"]): row["n"] for row in rows}


def evaluation_lights(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], str]:
    """Each enterprise's evaluation light by year (evaluation app)."""
    if not apps.is_installed("chanjiao.evaluation"):
        return {}
    evaluation_model: Any = apps.get_model("evaluation", "Evaluation")
    result_model: Any = apps.get_model("evaluation", "UnitResult")
    latest_runs = (
        evaluation_model.objects.filter(cycle__year__gte=years.start, cycle__year__lt=years.stop)
        .values("cycle_id")
        .annotate(latest=Max("pk"))
        .values_list("latest", flat=True)
    )
    rows = result_model.objects.filter(
        evaluation_id__in=list(latest_runs),
        unit_kind="enterprise",
        unit_id__in=enterprise_ids,
        colour__in=list(LIGHT_SEVERITY),
    ).values_list("unit_id", "evaluation__cycle__year", "colour")
    lights: dict[tuple[int, int], str] = {}
    for unit_id, year, colour in rows:
        key = (unit_id, year)
        if key not in lights or LIGHT_SEVERITY[colour] > LIGHT_SEVERITY[lights[key]]:
            lights[key] = colour
    return lights


def courses_codeveloped(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], int]:
    """Distinct courses each enterprise co-develops (tracking's co-developers and docking's
    course co-developer), in the year the co-development started; an undated one counts in the
    last year of the range, as a co-development going on now."""
    last = years.stop - 1
    started: dict[tuple[int, int], Any] = {}
    if apps.is_installed("chanjiao.docking"):
        course_model: Any = apps.get_model("docking", "Course")
        for course_id, enterprise_id in course_model.objects.filter(
            co_developer_id__in=enterprise_ids
        ).values_list("pk", "co_developer_id"):
            started[(course_id, enterprise_id)] = None
    if apps.is_installed("chanjiao.tracking"):
        co_developer_model: Any = apps.get_model("tracking", "CourseCoDeveloper")
        rows = co_developer_model.objects.filter(organisation_id__in=enterprise_ids).values_list(
            "course_id", "organisation_id", "since"
        )
        for course_id, enterprise_id, since in rows:
            started[(course_id, enterprise_id)] = since
    counts: dict[tuple[int, int], int] = {}
    for (_course, enterprise_id), since in started.items():
        year = since.year if since is not None else last
        if years.start <= year <= last:
            counts[(enterprise_id, year)] = counts.get((enterprise_id, year), 0) + 1
    return counts


def hosted_students(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], dict[str, int]]:
    """Distinct students hosted per enterprise and year, as interns and as apprentices.

    Order classes and jobs are not hosting for the credit file; offers declined or not yet
    accepted do not count.
    """
    if not apps.is_installed("chanjiao.matching"):
        return {}
    placement_model: Any = apps.get_model("matching", "Placement")
    rows = (
        placement_model.objects.filter(
            enterprise_id__in=enterprise_ids,
            year__gte=years.start,
            year__lt=years.stop,
            kind__in=list(HOSTED_KINDS),
        )
        .exclude(status__in=NOT_HOSTED_STATUSES)
        .values("enterprise_id", "year", "kind")
        .annotate(students=Count("student_id", distinct=True))
    )
    figures: dict[tuple[int, int], dict[str, int]] = {}
    for row in rows:
        key = (row["enterprise_id"], row["year"])
        figures.setdefault(key, {})[HOSTED_KINDS[row["kind"]]] = row["students"]
    return figures


def contributed_figures(enterprise_ids: Sequence[int], years: range) -> dict[tuple[int, int], dict[str, int]]:
    """Counts other apps contribute through their ``credit_figures`` hook, per enterprise and year."""
    return plugins.enterprise_credit_figures(list(enterprise_ids), years)


def mentors(enterprise_ids: Sequence[int]) -> dict[int, int]:
    """Mentors and part-time expert teachers each enterprise has registered now."""
    teacher_model: Any = apps.get_model("registry", "Teacher")
    rows = (
        teacher_model.objects.filter(organisation_id__in=enterprise_ids, kind__in=MENTOR_KINDS)
        .values("organisation_id")
        .annotate(n=Count("id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}
