"""Reads with joins for the pages: a program's curriculum, a training, a follow-up's responses,
a teacher's evidence, the outcomes table and xAPI counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from chanjiao.core.outcomes import rate
from chanjiao.docking.models import Course
from chanjiao.registry.models import Organisation, OrgKind, Program, Teacher
from chanjiao.tracking import outcomes
from chanjiao.tracking.models import (
    ChangeRequestStatus,
    CourseChangeRequest,
    CourseRevision,
    FollowUpWave,
    Graduate,
    LogStatus,
    PracticalTraining,
    TrainingSetting,
    XapiStatement,
)
from chanjiao.tracking.outcome_counts import NOTHING
from chanjiao.tracking.rules import PRACTICE_WINDOW_YEARS, years_before
from chanjiao.tracking.services.teachers import evidence_of
from chanjiao.tracking.xapi import COMPLETING_VERBS

PRACTICAL_SHARE_FLOOR = 0.5  # the seeds' rule: practical courses at least half of the hours
UPDATE_WINDOW_YEARS = 3


@dataclass
class CurriculumSummary:
    share: outcomes.HoursShare
    meets_practical_rule: bool | None
    revisions_per_year: float
    last_revised_on: dt.date | None
    pending_requests: int
    oldest_pending_days: int | None


def program_curriculum(program: Program, today: dt.date) -> tuple[CurriculumSummary, QuerySet[Course]]:
    """The program's courses with their design and partners, and the figures of the program page."""
    courses = (
        Course.objects.filter(program=program)
        .select_related("design", "co_developer")
        .prefetch_related("co_developers__organisation", "co_developers__mentors", "design__standards")
        .annotate(revision_count=Count("revisions", distinct=True), last_revised=Max("revisions__revised_on"))
    )
    share = outcomes.practical_share(program)
    since = years_before(today, UPDATE_WINDOW_YEARS)
    revisions = CourseRevision.objects.filter(course__program=program)
    pending = CourseChangeRequest.objects.filter(
        program=program, status__in=[ChangeRequestStatus.OPEN, ChangeRequestStatus.ACCEPTED]
    )
    oldest = pending.aggregate(first=Min("requested_on"))["first"]
    summary = CurriculumSummary(
        share=share,
        meets_practical_rule=None if share.value is None else share.value >= PRACTICAL_SHARE_FLOOR,
        revisions_per_year=revisions.filter(revised_on__gt=since).count() / UPDATE_WINDOW_YEARS,
        last_revised_on=revisions.aggregate(last=Max("revised_on"))["last"],
        pending_requests=pending.count(),
        oldest_pending_days=(today - oldest).days if oldest else None,
    )
    return summary, courses


def training_overview(training: PracticalTraining) -> dict[str, Any]:
    """Hours by setting, approved log hours, assessments by criterion, remediation plans."""
    if training.pk is None:
        return {
            "hours_by_setting": [],
            "approved_hours": Decimal(0),
            "assessments": [],
            "plans": [],
        }
    hours = (
        training.sessions.values("setting")
        .annotate(hours=Sum("hours"), sessions=Count("pk"))
        .order_by("setting")
    )
    approved = training.logs.filter(status=LogStatus.APPROVED).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    by_criterion: dict[int, dict[str, Any]] = {}
    for assessment in training.assessments.select_related("criterion", "criterion__standard"):
        row = by_criterion.setdefault(assessment.criterion_id, {"criterion": assessment.criterion})
        row[assessment.assessor_role] = assessment
    return {
        "hours_by_setting": [{**row, "label": TrainingSetting(row["setting"]).label} for row in hours],
        "approved_hours": approved,
        "assessments": list(by_criterion.values()),
        "plans": list(training.remediation_plans.prefetch_related("steps", "criteria")),
    }


def wave_responses(wave: FollowUpWave) -> dict[str, Any]:
    """Invited, links issued and responses, overall and by cohort and program."""
    invitations = wave.invitations.all()
    total = invitations.aggregate(
        invited=Count("pk"),
        issued=Count("pk", filter=Q(issued_at__isnull=False)),
        responded=Count("pk", filter=Q(responded_at__isnull=False)),
    )
    by_cohort = (
        invitations.values("graduate__graduation_year")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
        .order_by("-graduate__graduation_year")
    )
    by_program = (
        invitations.values("graduate__student__program__name")
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(responded_at__isnull=False)))
        .order_by("graduate__student__program__name")
    )
    return {
        **total,
        "rate": rate(total["responded"], total["invited"]),
        "by_cohort": [{**row, "rate": rate(row["responded"], row["invited"])} for row in by_cohort],
        "by_program": [{**row, "rate": rate(row["responded"], row["invited"])} for row in by_program],
    }


def teacher_evidence(teacher: Teacher, today: dt.date) -> dict[str, Any]:
    practice_by_year = (
        teacher.practices.annotate(y=ExtractYear("start_date"))
        .values("y")
        .annotate(days=Sum("days"))
        .order_by("-y")
    )
    hours_by_year = teacher.assignments.values("year").annotate(hours=Sum("hours")).order_by("-year")
    return {
        "certificates": teacher.certificates.all(),
        "practices": teacher.practices.select_related("enterprise"),
        "practice_by_year": [r for r in practice_by_year if r["y"] > today.year - PRACTICE_WINDOW_YEARS],
        "assignments": teacher.assignments.select_related("program", "program__school", "course"),
        "hours_by_year": hours_by_year,
        "reviews": teacher.dual_reviews.all()[:10],
        "evidence": evidence_of(teacher, today) if teacher.organisation.kind == OrgKind.SCHOOL else None,
    }


@dataclass
class OutcomeRow:
    unit: Program | Organisation
    graduates: int
    employment: outcomes.Rate
    counterpart: outcomes.Rate
    retention: outcomes.Rate
    salary: outcomes.SalarySummary
    certification: outcomes.Rate
    practical: outcomes.HoursShare
    update_frequency: float | None
    dual_qualified: outcomes.Rate
    cooperative: bool | None


def outcomes_table(
    year: int, *, level: str, schools: QuerySet[Organisation], counterpart_level: int = 4
) -> list[OutcomeRow]:
    """One row of figures per program (``level="program"``) or school of the given schools."""
    programs = Program.objects.filter(school__in=schools)
    by = "program" if level == "program" else "school"
    figures = outcomes.outcomes_by(year, programs=programs, by=by, counterpart_level=counterpart_level)
    if by == "program":
        units: list[Program | Organisation] = list(programs.select_related("school"))
        cooperative = outcomes.cooperative_program_ids(programs)
    else:
        units = list(schools.order_by("name"))
        cooperative = set()
    graduates = dict(
        Graduate.objects.filter(graduation_year=year, student__school__in=schools)
        .values_list("student__program_id" if by == "program" else "student__school_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for unit in units:
        values = figures.get(unit.pk) or _no_figures()
        rows.append(
            OutcomeRow(
                unit=unit,
                graduates=graduates.get(unit.pk, 0),
                employment=values["employment"],
                counterpart=values["counterpart"],
                retention=values["retention"],
                salary=values["salary"],
                certification=values["certification"],
                practical=values["practical"],
                update_frequency=values["update_frequency"],
                dual_qualified=values["dual_qualified"],
                cooperative=(unit.pk in cooperative) if by == "program" else None,
            )
        )
    return rows


def _no_figures() -> dict[str, Any]:
    return {
        "employment": NOTHING,
        "counterpart": NOTHING,
        "retention": NOTHING,
        "salary": outcomes.SalarySummary(0, None, None),
        "certification": NOTHING,
        "practical": outcomes.HoursShare(0, 0),
        "update_frequency": None,
        "dual_qualified": NOTHING,
    }


def xapi_counts(statements: QuerySet[XapiStatement]) -> dict[str, Any]:
    """How many statements, learners, completions and passes, and the learning time they report."""
    totals = statements.aggregate(
        statements=Count("pk"),
        students=Count("student_id", distinct=True),
        completed=Count("pk", filter=Q(completion=True) | Q(verb__in=COMPLETING_VERBS)),
        passed=Count("pk", filter=Q(success=True)),
        seconds=Sum("duration_seconds"),
        mean_score=Avg("score_scaled"),
    )
    verbs = statements.values("verb", "verb_display").annotate(n=Count("pk")).order_by("-n", "verb")[:10]
    return {**totals, "hours": (totals["seconds"] or 0) / 3600, "verbs": list(verbs)}


def program_conversion_counts(year: int) -> dict[int, dict[str, int]]:
    """Per program, how many of its students' placements of ``year`` ended with the host
    enterprise hiring the student (post conversion)."""
    rows = (
        PracticalTraining.objects.filter(placement__year=year, hired=True)
        .values("placement__student__program")
        .annotate(hired=Count("pk"))
    )
    return {row["placement__student__program"]: {"hired": row["hired"]} for row in rows}
