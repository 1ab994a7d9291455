"""Practical training endpoints: trainings of placements, logs and decisions, assessments,
completion, conversion, remediation, certification exams."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching.models import Placement
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Student
from chanjiao.registry.schemas import SearchQuery
from chanjiao.registry.services import create_record
from chanjiao.tracking import filters, policy
from chanjiao.tracking.forms import clean_payload
from chanjiao.tracking.forms import training as forms
from chanjiao.tracking.models import (
    AssessorRole,
    CertificationExam,
    RemediationPlan,
    RemediationStep,
    TrainingLog,
)
from chanjiao.tracking.services import training as services
from chanjiao.web.api_forms import form_data

router = Router(tags=["training"])


class TrainingOut(Schema):
    """The training of a placement (defaults until something is recorded)."""

    placement_id: int
    student_id: int
    enterprise_id: int
    mentor_id: int | None
    supervisor_id: int | None
    required_hours: int
    status: str
    completed_on: date | None
    hired: bool | None
    hired_on: date | None
    approved_log_hours: Decimal = Field(..., description="Hours in logs the mentor approved.")

    @staticmethod
    def resolve_placement_id(obj):
        return obj.placement.pk

    @staticmethod
    def resolve_student_id(obj):
        return obj.placement.student_id

    @staticmethod
    def resolve_enterprise_id(obj):
        return obj.placement.enterprise_id

    @staticmethod
    def resolve_approved_log_hours(obj):
        if obj.pk is None:
            return Decimal(0)
        return obj.logs.filter(status="approved").aggregate(total=Sum("hours"))["total"] or Decimal(0)


class LogOut(Schema):
    id: int
    placement_id: int
    period: str
    starts_on: date
    ends_on: date
    hours: Decimal
    content: str
    night_work: bool
    holiday_work: bool
    status: str
    decisions: list[dict]

    @staticmethod
    def resolve_placement_id(obj):
        return obj.training_id

    @staticmethod
    def resolve_decisions(obj):
        return [
            {"action": d.action, "reason": d.reason, "at": d.at.isoformat(), "actor": str(d.actor or "")}
            for d in obj.decisions.all()
        ]


class AssessmentOut(Schema):
    id: int
    criterion_id: int
    assessor_role: str
    score: int
    passed: bool
    comment: str
    assessed_on: date


class PlanOut(Schema):
    id: int
    placement_id: int
    reason: str
    criterion_ids: list[int]
    opened_on: date
    due_on: date
    status: str
    closed_on: date | None
    outcome: str
    steps: list[dict]

    @staticmethod
    def resolve_placement_id(obj):
        return obj.training_id

    @staticmethod
    def resolve_criterion_ids(obj):
        return [c.pk for c in obj.criteria.all()]

    @staticmethod
    def resolve_steps(obj):
        return [
            {
                "id": s.pk,
                "description": s.description,
                "due_on": s.due_on.isoformat(),
                "done_on": s.done_on and s.done_on.isoformat(),
            }
            for s in obj.steps.all()
        ]


class SessionOut(Schema):
    id: int
    setting: str
    date: date
    hours: Decimal
    activity: str
    carrier_id: int | None


class ExamOut(Schema):
    id: int
    student_id: int
    name: str
    level: str
    issuer: str
    exam_date: date
    passed: bool
    certificate_no: str


class TrainingQuery(SearchQuery):
    kind: str | None = None
    stage: str | None = None
    status: str | None = None
    year: int | None = None
    school: int | None = None
    enterprise: int | None = None
    training_status: str | None = None
    pending_logs: bool | None = None


class ExamQuery(SearchQuery):
    school: int | None = None
    program: int | None = None
    year: int | None = None
    passed: bool | None = None


class PersonIn(Schema):
    mentor: int | None = None
    supervisor: int | None = None
    required_hours: int | None = None


class SessionIn(Schema):
    setting: str
    date: date
    hours: Decimal
    activity: str
    carrier: int | None = None


class LogIn(Schema):
    period: str = "weekly"
    starts_on: date
    ends_on: date
    hours: Decimal
    content: str
    night_work: bool = Field(False, description="Worked at night (22:00 to 6:00).")
    holiday_work: bool = Field(False, description="Worked on a statutory holiday.")


class LogDecisionIn(Schema):
    decision: str = Field(..., description="approve, return or revoke (withdraw an approval)")
    reason: str = ""


class AssessmentIn(Schema):
    criterion: int
    assessor_role: str
    score: int
    comment: str = ""
    assessed_on: date | None = None


class CompletionIn(Schema):
    status: str
    completed_on: date | None = None


class ConversionIn(Schema):
    hired: bool
    hired_on: date | None = None


class PlanIn(Schema):
    reason: str
    criteria: list[int] = []
    due_on: date
    steps: list[str] = Field(..., description='Lines "YYYY-MM-DD what to do"')


class CloseIn(Schema):
    status: str
    outcome: str


class ExamIn(Schema):
    student: int
    name: str
    level: str = ""
    issuer: str = ""
    exam_date: date
    passed: bool
    certificate_no: str = ""


def _payload(schema: Schema) -> dict:
    return {k: v for k, v in schema.dict().items() if v is not None}


class TrainingPage(PageNumberPagination):
    """Pages of placements, each shown as its training."""

    def paginate_queryset(self, queryset, pagination, **params):
        page = super().paginate_queryset(queryset, pagination, **params)
        return {**page, "items": [policy.training_of(placement) for placement in page["items"]]}


@router.get("/tracking/trainings", response=list[TrainingOut])
@paginate(TrainingPage, page_size=50)
def list_trainings(request, query: Query[TrainingQuery]):
    return filtered(
        filters.TrainingFilter,
        request,
        access.visible(request.user, Placement).select_related(
            "training", "training__mentor", "training__supervisor"
        ),
        query,
    )


@router.get("/tracking/trainings/{placement_id}", response=TrainingOut)
def get_training(request, placement_id: int):
    return policy.get_training(request.user, placement_id)


@router.post("/tracking/trainings/{placement_id}/mentor", response=TrainingOut)
def assign_mentor(request, placement_id: int, payload: PersonIn):
    training = policy.get_training(request.user, placement_id, Action.ASSIGN_MENTOR)
    data = clean_payload(forms.MentorForm, _payload(payload), training=training)
    return services.assign_mentor(actor=request.user, placement=training.placement, **data)


@router.post("/tracking/trainings/{placement_id}/supervisor", response=TrainingOut)
def assign_supervisor(request, placement_id: int, payload: PersonIn):
    training = policy.get_training(request.user, placement_id, Action.ASSIGN_TEACHER)
    data = clean_payload(forms.SupervisorForm, _payload(payload), training=training)
    return services.assign_supervisor(actor=request.user, placement=training.placement, **data)


@router.get("/tracking/trainings/{placement_id}/sessions", response=list[SessionOut])
def list_sessions(request, placement_id: int):
    training = policy.get_training(request.user, placement_id)
    return list(training.sessions.all()) if training.pk else []


@router.post("/tracking/trainings/{placement_id}/sessions", response={201: SessionOut})
def record_session(request, placement_id: int, payload: SessionIn):
    training = policy.get_training(request.user, placement_id, Action.MANAGE)
    data = clean_payload(forms.SessionForm, _payload(payload))
    return 201, services.record_session(actor=request.user, placement=training.placement, **data)


@router.get("/tracking/trainings/{placement_id}/logs", response=list[LogOut])
def list_logs(request, placement_id: int):
    training = policy.get_training(request.user, placement_id)
    return list(training.logs.prefetch_related("decisions", "decisions__actor")) if training.pk else []


@router.post("/tracking/trainings/{placement_id}/logs", response={201: LogOut})
def submit_log(request, placement_id: int, payload: LogIn):
    training = policy.get_training(request.user, placement_id, Action.FILE)
    data = clean_payload(forms.LogForm, _payload(payload))
    return 201, services.submit_log(actor=request.user, placement=training.placement, **data)


@router.post("/tracking/logs/{log_id}/decision", response=LogOut)
def decide_log(request, log_id: int, payload: LogDecisionIn):
    log = TrainingLog.objects.filter(pk=log_id).select_related("training").first()
    if log is None:
        raise Http404(f"No log with id {log_id} is visible to you.")
    training = policy.get_training(request.user, log.training_id, Action.DECIDE)
    data = clean_payload(forms.LogDecisionForm, {**_payload(payload), "log": log.pk})
    return services.decide_log(
        actor=request.user, log=training.logs.get(pk=log.pk), action=data["decision"], reason=data["reason"]
    )


@router.get("/tracking/trainings/{placement_id}/assessments", response=list[AssessmentOut])
def list_assessments(request, placement_id: int):
    training = policy.get_training(request.user, placement_id)
    return list(training.assessments.all()) if training.pk else []


@router.post("/tracking/trainings/{placement_id}/assessments", response={201: AssessmentOut})
def assess(request, placement_id: int, payload: AssessmentIn):
    training = policy.get_training(request.user, placement_id)
    data = clean_payload(
        forms.AssessmentForm, _payload(payload), criteria=services.program_criteria(training.placement)
    )
    if not access.allows(
        request.user,
        Action.ASSESS if data["assessor_role"] == AssessorRole.MENTOR else Action.GRADE,
        training.placement,
    ):
        raise PermissionDenied(
            "Only the mentor assesses as mentor; the supervising teacher or the school as teacher."
        )
    return 201, services.assess(actor=request.user, placement=training.placement, **data)


@router.post("/tracking/trainings/{placement_id}/completion", response=TrainingOut)
def complete(request, placement_id: int, payload: CompletionIn):
    training = policy.get_training(request.user, placement_id, Action.COMPLETE)
    data = clean_payload(forms.CompletionForm, _payload(payload))
    return services.complete_training(actor=request.user, placement=training.placement, **data)


@router.post("/tracking/trainings/{placement_id}/conversion", response=TrainingOut)
def conversion(request, placement_id: int, payload: ConversionIn):
    training = policy.get_training(request.user, placement_id, Action.COMPLETE)
    body = {**_payload(payload), "hired": "yes" if payload.hired else "no"}
    data = clean_payload(forms.ConversionForm, body)
    return services.record_conversion(actor=request.user, placement=training.placement, **data)


@router.get("/tracking/trainings/{placement_id}/remediation-plans", response=list[PlanOut])
def list_plans(request, placement_id: int):
    training = policy.get_training(request.user, placement_id)
    return list(training.remediation_plans.prefetch_related("steps", "criteria")) if training.pk else []


@router.post("/tracking/trainings/{placement_id}/remediation-plans", response={201: PlanOut})
def open_plan(request, placement_id: int, payload: PlanIn):
    training = policy.get_training(request.user, placement_id, Action.MANAGE)
    body = {**payload.dict(), "steps": "\n".join(payload.steps)}
    data = clean_payload(forms.RemediationForm, body, criteria=services.program_criteria(training.placement))
    return 201, services.open_remediation(actor=request.user, placement=training.placement, **data)


@router.post("/tracking/remediation-steps/{step_id}/done", response=PlanOut)
def step_done(request, step_id: int):
    step = RemediationStep.objects.filter(pk=step_id).select_related("plan").first()
    if step is None:
        raise Http404(f"No remediation step with id {step_id} is visible to you.")
    policy.get_training(request.user, step.plan.training_id, Action.MANAGE)
    services.complete_step(actor=request.user, step=step, done_on=timezone.localdate())
    return step.plan


@router.post("/tracking/remediation-plans/{plan_id}/close", response=PlanOut)
def close_plan(request, plan_id: int, payload: CloseIn):
    plan = RemediationPlan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise Http404(f"No remediation plan with id {plan_id} is visible to you.")
    policy.get_training(request.user, plan.training_id, Action.MANAGE)
    data = clean_payload(forms.CloseRemediationForm, {**payload.dict(), "plan": plan.pk})
    return services.close_remediation(
        actor=request.user, plan=plan, status=data["status"], outcome=data["outcome"]
    )


@router.get("/tracking/certification-exams", response=list[ExamOut])
@paginate(PageNumberPagination, page_size=50)
def list_exams(request, query: Query[ExamQuery]):
    exams = CertificationExam.objects.filter(student__in=access.visible(request.user, Student))
    return filtered(filters.ExamFilter, request, exams, query)


@router.post("/tracking/certification-exams", response={201: ExamOut})
def record_exam(request, payload: ExamIn):
    students = access.options(request.user, Placement, "student")
    if not students.exists():
        raise PermissionDenied("A school records its students' certification exams.")
    data = form_data(forms.ExamForm, payload.dict(), students=students)
    return 201, create_record(actor=request.user, model=CertificationExam, data=data)
