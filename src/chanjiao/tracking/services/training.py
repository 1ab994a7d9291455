"""Writes to practical training: people, sessions, logs and decisions, assessments, completion,
conversion to employment, certification exams and remediation plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.ledger.services import record_change
from chanjiao.matching.models import Placement
from chanjiao.notifications import models as notice
from chanjiao.notifications.services import notify
from chanjiao.registry.models import Carrier, Teacher
from chanjiao.tracking.compliance import check_log
from chanjiao.tracking.ledger_records import MENTOR_ASSESSMENTS
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    AssessmentCriterion,
    AssessorRole,
    LogAction,
    LogDecision,
    LogStatus,
    PracticalTraining,
    RemediationPlan,
    RemediationStatus,
    RemediationStep,
    TrainingAssessment,
    TrainingLog,
    TrainingSession,
    TrainingStatus,
)


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


def program_criteria(placement: Placement) -> QuerySet[AssessmentCriterion]:
    """Criteria listed by the courses of the student's program: what a placement is assessed on."""
    return (
        AssessmentCriterion.objects.filter(courses__course__program_id=placement.student.program_id)
        .select_related("standard")
        .distinct()
        .order_by("standard__code", "code")
    )


def ensure_training(placement: Placement, actor: User | None) -> PracticalTraining:
    """The placement's training record, created (and logged) on the first write."""
    training, created = PracticalTraining.objects.get_or_create(placement=placement)
    if created:
        record_change(instance=training, actor=actor)
    return training


@transaction.atomic
def assign_mentor(*, actor: User | None, placement: Placement, mentor: Teacher) -> PracticalTraining:
    if mentor.organisation_id != placement.enterprise_id or mentor.kind not in MENTOR_KINDS:
        raise ValueError("The mentor must be a mentor of the host enterprise.")
    training = ensure_training(placement, actor)
    training.mentor = mentor
    training.save(update_fields=["mentor"])
    record_change(instance=training, actor=actor)
    record_activity(actor=actor, verb="assign_mentor", target=training, summary=mentor.name)
    return training


@transaction.atomic
def assign_supervisor(
    *, actor: User | None, placement: Placement, supervisor: Teacher, required_hours: int | None = None
) -> PracticalTraining:
    if supervisor.organisation_id != placement.student.school_id or supervisor.kind != "teacher":
        raise ValueError("The supervising teacher must teach at the student's school.")
    training = ensure_training(placement, actor)
    training.supervisor = supervisor
    if required_hours is not None:
        training.required_hours = required_hours
    training.save(update_fields=["supervisor", "required_hours"])
    record_change(instance=training, actor=actor)
    record_activity(actor=actor, verb="assign_supervisor", target=training, summary=supervisor.name)
    return training


@transaction.atomic
def record_session(
    *,
    actor: User | None,
    placement: Placement,
    setting: str,
    date: dt.date,
    hours: Decimal,
    activity: str,
    carrier: Carrier | None = None,
) -> TrainingSession:
    training = ensure_training(placement, actor)
    session = TrainingSession(
        training=training, setting=setting, date=date, hours=hours, activity=activity, carrier=carrier
    )
    session.full_clean()
    session.save()
    record_change(instance=training, actor=actor)
    record_activity(
        actor=actor, verb="record_training", target=training, summary=f"{date} {hours} h {activity}"
    )
    return session


@transaction.atomic
def submit_log(
    *,
    actor: User | None,
    placement: Placement,
    period: str,
    starts_on: dt.date,
    ends_on: dt.date,
    hours: Decimal,
    content: str,
    night_work: bool = False,
    holiday_work: bool = False,
) -> TrainingLog:
    """Submit a log, or resubmit one the mentor returned; an approved or pending log stays as it is.

    Refused outside the placement's dates, above the region's hours a day or (with the
    placement's other logs) a week, and for night or holiday work the rules forbid
    (``chanjiao.tracking.compliance.check_log``)."""
    training = ensure_training(placement, actor)
    log = (
        TrainingLog.objects.select_for_update()
        .filter(training=training, period=period, starts_on=starts_on)
        .first()
    )
    if log is not None and log.status != LogStatus.RETURNED:
        raise ValueError(f"The log from {starts_on} is already {log.get_status_display().lower()}.")
    check_log(
        placement,
        period=period,
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        night_work=night_work,
        holiday_work=holiday_work,
        replacing=log.pk if log is not None else None,
    )
    if log is None:
        log = TrainingLog(training=training, period=period, starts_on=starts_on)
    log.ends_on, log.hours, log.content = ends_on, hours, content.strip()
    log.night_work, log.holiday_work = night_work, holiday_work
    log.status = LogStatus.SUBMITTED
    log.submitted_by = _user(actor)
    log.full_clean()
    log.save()
    record_activity(actor=actor, verb="submit_log", target=log, summary=f"{starts_on}–{ends_on} {hours} h")
    return log


ALLOWED_FROM = {
    LogAction.APPROVE: (LogStatus.SUBMITTED,),
    LogAction.RETURN: (LogStatus.SUBMITTED,),
    LogAction.REVOKE: (LogStatus.APPROVED,),
}
RESULT = {
    LogAction.APPROVE: LogStatus.APPROVED,
    LogAction.RETURN: LogStatus.RETURNED,
    LogAction.REVOKE: LogStatus.RETURNED,
}


@transaction.atomic
def decide_log(*, actor: User | None, log: TrainingLog, action: str, reason: str = "") -> TrainingLog:
    """The mentor approves or returns a submitted log, or withdraws an approval (with a reason);
    a withdrawn log goes back to the student to correct."""
    log = TrainingLog.objects.select_for_update().get(pk=log.pk)
    action = LogAction(action)
    if log.status not in ALLOWED_FROM[action]:
        raise ValueError(
            f"A log that is {log.get_status_display().lower()} cannot be {action.label.lower()}."
        )
    if action != LogAction.APPROVE and not reason.strip():
        raise ValueError("Give the reason, so the student knows what to change.")
    log.status = RESULT[action]
    log.save(update_fields=["status"])
    LogDecision.objects.create(log=log, action=action, reason=reason.strip(), actor=_user(actor))
    record_change(instance=log.training, actor=actor)  # the approved hours changed
    record_activity(actor=actor, verb=f"log_{action.value}", target=log, summary=reason)
    student_user = log.training.placement.student.user_id
    if student_user:
        notify(
            user_ids=[student_user],
            kind=notice.APPROVAL,
            title=gettext_noop("Your training log from %(day)s is approved.")
            if log.status == LogStatus.APPROVED
            else gettext_noop("Your training log from %(day)s was returned: %(reason)s"),
            params={"day": log.starts_on.isoformat(), "reason": reason.strip()},
            url=reverse("tracking:training", args=[log.training.pk]),
        )
    return log


@transaction.atomic
def assess(
    *,
    actor: User | None,
    placement: Placement,
    criterion: AssessmentCriterion,
    assessor_role: str,
    score: int,
    comment: str = "",
    assessed_on: dt.date,
) -> TrainingAssessment:
    """Record (or correct) the mentor's or the teacher's score against one criterion."""
    if not program_criteria(placement).filter(pk=criterion.pk).exists():
        raise ValueError("The criterion is not listed by a course of the student's program.")
    training = ensure_training(placement, actor)
    assessor = training.mentor if assessor_role == AssessorRole.MENTOR else training.supervisor
    assessment, _ = TrainingAssessment.objects.update_or_create(
        training=training,
        criterion=criterion,
        assessor_role=assessor_role,
        defaults={
            "score": score,
            "passed": score >= criterion.pass_score,
            "comment": comment,
            "assessed_on": assessed_on,
            "recorded_by": _user(actor),
        },
    )
    if assessor_role == AssessorRole.MENTOR:
        record_change(instance=training, actor=actor, record_type=MENTOR_ASSESSMENTS)
    record_activity(
        actor=actor,
        verb="assess",
        target=training,
        summary=f"{criterion.standard.code} {criterion.code}: {score} ({assessor_role}{f' {assessor}' if assessor else ''})",
    )
    return assessment


@transaction.atomic
def complete_training(
    *, actor: User | None, placement: Placement, status: str, completed_on: dt.date | None
) -> PracticalTraining:
    training = ensure_training(placement, actor)
    if status != TrainingStatus.IN_PROGRESS and completed_on is None:
        raise ValueError("Give the date the training ended.")
    training.status = status
    training.completed_on = None if status == TrainingStatus.IN_PROGRESS else completed_on
    training.save(update_fields=["status", "completed_on"])
    record_change(instance=training, actor=actor)
    record_activity(
        actor=actor, verb="complete_training", target=training, summary=f"{status} {completed_on or ''}"
    )
    return training


@transaction.atomic
def record_conversion(
    *, actor: User | None, placement: Placement, hired: bool, hired_on: dt.date | None
) -> PracticalTraining:
    """Whether the host hired the student at the end of the placement (post conversion)."""
    if hired and hired_on is None:
        raise ValueError("Give the date the student was hired.")
    if hired and hired_on < placement.start_date:
        raise ValueError("A student is hired after the placement starts.")
    training = ensure_training(placement, actor)
    training.hired = hired
    training.hired_on = hired_on if hired else None
    training.save(update_fields=["hired", "hired_on"])
    record_change(instance=training, actor=actor)
    record_activity(
        actor=actor, verb="record_conversion", target=training, summary="hired" if hired else "not hired"
    )
    return training


@transaction.atomic
def open_remediation(
    *,
    actor: User | None,
    placement: Placement,
    reason: str,
    criteria: Iterable[AssessmentCriterion],
    due_on: dt.date,
    steps: Iterable[tuple[dt.date, str]],
) -> RemediationPlan:
    steps = list(steps)
    if not steps:
        raise ValueError("A plan has at least one step.")
    training = ensure_training(placement, actor)
    plan = RemediationPlan.objects.create(
        training=training,
        reason=reason.strip(),
        opened_on=timezone.localdate(),
        due_on=due_on,
        created_by=_user(actor),
    )
    plan.criteria.set(list(criteria))
    RemediationStep.objects.bulk_create(
        [RemediationStep(plan=plan, description=description, due_on=due) for due, description in steps]
    )
    record_activity(
        actor=actor, verb="open_remediation", target=plan, summary=f"{len(steps)} steps, due {due_on}"
    )
    return plan


@transaction.atomic
def complete_step(*, actor: User | None, step: RemediationStep, done_on: dt.date) -> RemediationStep:
    if step.plan.status != RemediationStatus.OPEN:
        raise ValueError("The plan is closed.")
    if step.done_on is not None:
        raise ValueError("The step is already done.")
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    record_activity(actor=actor, verb="complete_remediation_step", target=step.plan, summary=step.description)
    return step


@transaction.atomic
def close_remediation(
    *, actor: User | None, plan: RemediationPlan, status: str, outcome: str
) -> RemediationPlan:
    plan = RemediationPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != RemediationStatus.OPEN:
        raise ValueError("The plan is already closed.")
    if status == RemediationStatus.COMPLETED and plan.steps.filter(done_on__isnull=True).exists():
        raise ValueError("Mark every step done before completing the plan.")
    plan.status = status
    plan.closed_on = timezone.localdate()
    plan.outcome = outcome.strip()
    plan.save(update_fields=["status", "closed_on", "outcome"])
    record_activity(actor=actor, verb=f"remediation_{status}", target=plan, summary=outcome)
    return plan
