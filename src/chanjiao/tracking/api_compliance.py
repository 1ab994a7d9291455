"""Internship compliance endpoints: a placement's three-party agreement, an organisation's
breaches of the internship rules, and the problems students report confidentially to the school."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Organisation
from chanjiao.tracking import compliance
from chanjiao.tracking.forms import clean_payload
from chanjiao.tracking.forms.compliance import AgreementForm, ConcernAnswerForm, ConcernForm
from chanjiao.tracking.models import InternshipAgreement, InternshipConcern
from chanjiao.tracking.services import compliance as services
from chanjiao.web.api_forms import form_data

router = Router(tags=["internship compliance"])


class AgreementIn(Schema):
    school_signed_on: date | None = None
    enterprise_signed_on: date | None = None
    student_signed_on: date | None = None
    guardian_name: str = ""
    monthly_pay: Decimal | None = None
    post_wage: Decimal | None = None
    post_staff: int | None = None
    insurer: str = ""
    insurance_policy_no: str = ""
    insured_from: date | None = None
    insured_to: date | None = None


class AgreementOut(AgreementIn):
    placement_id: int
    signed_on: date | None


class BreachOut(Schema):
    placement_id: int
    student: str
    school_id: int
    enterprise_id: int
    start_date: date
    kind: str
    message: str


class ComplianceOut(Schema):
    organisation_id: int
    placements_in_breach: int
    breaches: list[BreachOut]


class ConcernIn(Schema):
    topic: str
    description: str


class ConcernAnswerIn(Schema):
    response: str


class ConcernOut(Schema):
    id: int
    placement_id: int
    topic: str
    description: str
    status: str
    response: str
    reported_at: datetime
    answered_at: datetime | None


@router.get("/tracking/trainings/{placement_id}/agreement", response=AgreementOut)
def get_agreement(request, placement_id: int):
    placement = access.get(request.user, Placement, placement_id)
    agreement = InternshipAgreement.objects.filter(placement=placement).first()
    if agreement is None:
        raise Http404("No agreement is recorded for this placement.")
    return agreement


@router.put("/tracking/trainings/{placement_id}/agreement", response=AgreementOut)
def record_agreement(request, placement_id: int, payload: AgreementIn):
    """Record the three-party agreement (the student's school). 422 when it breaks the region's
    internship rules: pay below the floor, too many interns on the post, a date in the future."""
    placement = access.get(request.user, Placement, placement_id, Action.CHANGE)
    data = form_data(AgreementForm, payload.dict())
    return services.record_agreement(actor=request.user, placement=placement, data=data)


@router.get("/tracking/compliance/{organisation_id}", response=ComplianceOut)
def organisation_compliance(request, organisation_id: int):
    """Breaches of the internship rules among an enterprise's or a school's post internships."""
    organisation = access.get(request.user, Organisation, organisation_id, Action.VIEW_COMPLIANCE)
    breaches = compliance.placement_breaches(compliance.school_or_enterprise_placements(organisation))
    return {
        "organisation_id": organisation.pk,
        "placements_in_breach": len({breach.placement.pk for breach in breaches}),
        "breaches": [
            {
                "placement_id": breach.placement.pk,
                "student": breach.placement.student.name,
                "school_id": breach.placement.student.school_id,
                "enterprise_id": breach.placement.enterprise_id,
                "start_date": breach.placement.start_date,
                "kind": breach.kind,
                "message": breach.message,
            }
            for breach in breaches
        ],
    }


@router.post("/tracking/trainings/{placement_id}/concerns", response={201: ConcernOut})
def report_concern(request, placement_id: int, payload: ConcernIn):
    """A student reports a problem with their internship to the school; the host never sees it."""
    placement = access.get(request.user, Placement, placement_id, Action.REPORT)
    data = clean_payload(ConcernForm, payload.dict())
    return 201, services.report_concern(actor=request.user, placement=placement, **data)


@router.get("/tracking/concerns", response=list[ConcernOut])
def list_concerns(request):
    """The reports one may read: one's own (a student), one's students' (a school office)."""
    return list(access.visible(request.user, InternshipConcern)[:500])


@router.post("/tracking/concerns/{concern_id}/answer", response=ConcernOut)
def answer_concern(request, concern_id: int, payload: ConcernAnswerIn):
    concern = access.get(request.user, InternshipConcern, concern_id, Action.RESPOND)
    data = clean_payload(ConcernAnswerForm, {**payload.dict(), "concern": concern.pk})
    return services.answer_concern(actor=request.user, concern=concern, response=data["response"])
