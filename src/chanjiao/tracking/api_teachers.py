"""Teachers' evidence endpoints: certificates, enterprise practice, teaching hours, dual-qualified
reviews. Same access helpers, forms and services as the evidence page."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.models import Teacher
from chanjiao.registry.services import create_record
from chanjiao.tracking import policy
from chanjiao.tracking.forms import teachers as teacher_forms
from chanjiao.tracking.models import EnterprisePractice, TeacherCertificate, TeachingAssignment
from chanjiao.tracking.services.teachers import evidence_of, review_dual_qualified
from chanjiao.tracking.views_teachers import programs_user_staffs
from chanjiao.web.api_forms import form_data

router = Router(tags=["teachers"])


def _payload(schema: Schema) -> dict:
    return {k: v for k, v in schema.dict().items() if v is not None}


class EvidenceOut(Schema):
    teacher_id: int
    dual_qualified: bool
    valid_certificates: int | None
    practice_days_last_five_years: int | None
    certificates: list[dict]
    practices: list[dict]
    assignments: list[dict]


@router.get("/tracking/teachers/{teacher_id}/evidence", response=EvidenceOut)
def get_evidence(request, teacher_id: int):
    teacher = access.get(request.user, Teacher, teacher_id)
    evidence = evidence_of(teacher, timezone.localdate()) if teacher.organisation.kind == "school" else None
    return {
        "teacher_id": teacher.pk,
        "dual_qualified": teacher.dual_qualified,
        "valid_certificates": evidence.valid_certificates if evidence else None,
        "practice_days_last_five_years": evidence.practice_days if evidence else None,
        "certificates": list(
            teacher.certificates.values("id", "kind", "name", "issuer", "issued_on", "expires_on")
        ),
        "practices": list(
            teacher.practices.values("id", "enterprise_id", "start_date", "end_date", "days", "tasks")
        ),
        "assignments": list(teacher.assignments.values("id", "program_id", "course_id", "year", "hours")),
    }


class CertificateIn(Schema):
    kind: str
    name: str
    issuer: str = ""
    number: str = ""
    issued_on: date
    expires_on: date | None = None


class PracticeIn(Schema):
    enterprise: int
    start_date: date
    end_date: date
    days: int
    tasks: str = ""


class AssignmentIn(Schema):
    program: int
    course: int | None = None
    year: int
    hours: int


class ReviewOut(Schema):
    teacher_id: int
    reviewed_on: date
    qualified: bool
    valid_certificates: int
    practice_days: int


def _evidence_teacher(request, teacher_id):
    teacher = access.get(request.user, Teacher, teacher_id)
    access.require(request.user, Action.FILE, teacher)
    return teacher


@router.post("/tracking/teachers/{teacher_id}/certificates", response={201: dict})
def add_certificate(request, teacher_id: int, payload: CertificateIn):
    teacher = _evidence_teacher(request, teacher_id)
    data = form_data(teacher_forms.CertificateForm, _payload(payload))
    return 201, {
        "id": create_record(
            actor=request.user, model=TeacherCertificate, data={**data, "teacher": teacher}
        ).pk
    }


@router.post("/tracking/teachers/{teacher_id}/practices", response={201: dict})
def add_practice(request, teacher_id: int, payload: PracticeIn):
    teacher = _evidence_teacher(request, teacher_id)
    if teacher.organisation.kind != "school":
        raise PermissionDenied("Enterprise practice is recorded for college teachers.")
    data = form_data(teacher_forms.PracticeForm, _payload(payload))
    return 201, {
        "id": create_record(
            actor=request.user, model=EnterprisePractice, data={**data, "teacher": teacher}
        ).pk
    }


@router.post("/tracking/teachers/{teacher_id}/assignments", response={201: dict})
def add_assignment(request, teacher_id: int, payload: AssignmentIn):
    teacher = access.pick(policy.teachers_user_assigns(request.user), teacher_id)
    programs = programs_user_staffs(request.user)
    data = form_data(teacher_forms.AssignmentForm, _payload(payload), programs=programs)
    return 201, {
        "id": create_record(
            actor=request.user, model=TeachingAssignment, data={**data, "teacher": teacher}
        ).pk
    }


@router.post("/tracking/teachers/{teacher_id}/review", response={201: ReviewOut})
def review(request, teacher_id: int):
    teacher = access.get(request.user, Teacher, teacher_id)
    access.require(request.user, Action.REVIEW, teacher)
    return 201, review_dual_qualified(actor=request.user, teacher=teacher, on=timezone.localdate())
