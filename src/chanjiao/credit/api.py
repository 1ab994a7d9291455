"""Credit endpoints: credit files, assessments, the policy, exit notices. The records, one-window
and money endpoints live in their own modules and are mounted here."""

from datetime import datetime
from typing import Any

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit import selectors, services
from chanjiao.credit.api_money import router as money_router
from chanjiao.credit.api_one_window import router as one_window_router
from chanjiao.credit.api_records import router as records_router
from chanjiao.credit.filters import AssessmentFilter
from chanjiao.credit.forms import AppealDecisionForm, AppealForm, PolicyForm, ReassessForm
from chanjiao.credit.forms_base import clean_payload
from chanjiao.credit.models import CreditAssessment, ExitNotice, IncentiveGrant, PolicyVersion
from chanjiao.credit.policy import credit_file
from chanjiao.jobs.services import start_job
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Region
from chanjiao.registry.schemas import SearchQuery

router = Router(tags=["credit"])
router.add_router("", records_router)
router.add_router("", one_window_router)
router.add_router("", money_router)


class AssessmentOut(Schema):
    id: int
    enterprise_id: int
    rating: str
    earned_rating: str
    as_of_year: int
    first_year: int
    policy_region_id: int
    policy_version: int
    is_current: bool
    computed_at: datetime
    exit_revoked: bool
    exit_reason: str
    result: dict[str, Any]
    decisions: list[dict[str, Any]]
    records: list[dict[str, Any]]
    insurance: dict[str, Any] | None

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version

    @staticmethod
    def resolve_policy_region_id(obj):
        return obj.policy.region_id


class RatingOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    rating: str
    as_of_year: int
    policy_version: int
    exit_revoked: bool
    granted: list[str]

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.name

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version

    @staticmethod
    def resolve_granted(obj):
        return [decision["key"] for decision in obj.decisions if decision["granted"]]


class GrantOut(Schema):
    id: int
    key: str
    title: str
    status: str
    basis: list[str]
    granted_by_id: int
    granted_at: datetime
    ended_by_id: int | None
    ended_reason: str
    ended_at: datetime | None
    notice_id: int | None


class NoticeOut(Schema):
    id: int
    enterprise_id: int
    assessment_id: int
    red_light_years: list[int]
    reason: str
    status: str
    notified_at: datetime
    appeal_grounds: str
    appealed_at: datetime | None
    decision_note: str
    decided_at: datetime | None


class CreditFileOut(Schema):
    enterprise_id: int
    enterprise: str
    assessment: AssessmentOut | None
    grants: list[GrantOut]
    notices: list[NoticeOut]


class PolicyOut(Schema):
    id: int
    region_id: int
    version: int
    finance_tier: str
    note: str
    created_at: datetime
    settings: dict[str, Any]


class PolicyIn(Schema):
    settings: dict[str, Any] | None = None
    finance_tier: str | None = None
    note: str | None = None
    recompute: bool = False


class PolicySaved(Schema):
    policy: PolicyOut
    job_id: int | None


class RatingQuery(SearchQuery):
    rating: str | None = None
    enterprise: int | None = None
    as_of_year: int | None = None
    exit_revoked: bool | None = None


class YearIn(Schema):
    as_of_year: int | None = None


class AppealIn(Schema):
    grounds: str | None = None


class DecisionIn(Schema):
    decision: str | None = None
    note: str | None = None


# -- credit files -------------------------------------------------------------------------------


@router.get("/credit/ratings", response=list[RatingOut])
@paginate(PageNumberPagination, page_size=50)
def list_ratings(request, query: Query[RatingQuery]):
    """Current ratings: every enterprise in an officer's region; an enterprise's own."""
    current = (
        access.visible(request.user, CreditAssessment).filter(is_current=True).order_by("enterprise__name")
    )
    return filtered(AssessmentFilter, request, current, query)


@router.get("/credit/enterprises/{enterprise_id}", response=CreditFileOut)
def get_credit_file(request, enterprise_id: int):
    enterprise = credit_file(request.user, enterprise_id)
    return {
        "enterprise_id": enterprise.pk,
        "enterprise": enterprise.name,
        "assessment": selectors.current_assessment(enterprise),
        "grants": list(IncentiveGrant.objects.filter(enterprise=enterprise)),
        "notices": list(enterprise.exit_notices.all()),
    }


@router.get("/credit/enterprises/{enterprise_id}/assessments", response=list[AssessmentOut])
def list_assessments(request, enterprise_id: int):
    enterprise = credit_file(request.user, enterprise_id)
    return list(CreditAssessment.objects.filter(enterprise=enterprise).select_related("policy"))


@router.post("/credit/enterprises/{enterprise_id}/assess", response={201: AssessmentOut})
def assess(request, enterprise_id: int, payload: YearIn):
    """Reassess from the current records (the enterprise itself or an officer in scope)."""
    enterprise = credit_file(request.user, enterprise_id)
    access.require_create(request.user, CreditAssessment, enterprise=enterprise)
    data = clean_payload(ReassessForm, payload.dict())
    return 201, services.assess_enterprise(
        enterprise=enterprise, actor=request.user, as_of_year=data["as_of_year"]
    )


@router.get("/credit/assessments/{assessment_id}", response=AssessmentOut)
def get_assessment(request, assessment_id: int):
    return access.get(request.user, CreditAssessment, assessment_id)


# -- exit notices ---------------------------------------------------------------------------------


@router.post("/credit/notices/{notice_id}/appeal", response=NoticeOut)
def appeal(request, notice_id: int, payload: AppealIn):
    notice = access.get(request.user, ExitNotice, notice_id, Action.RESPOND)
    data = clean_payload(AppealForm, payload.dict(exclude_none=True))
    return services.appeal_exit(notice=notice, grounds=data["grounds"], actor=request.user)


@router.post("/credit/notices/{notice_id}/decision", response=NoticeOut)
def decide(request, notice_id: int, payload: DecisionIn):
    notice = access.get(request.user, ExitNotice, notice_id, Action.DECIDE)
    data = clean_payload(AppealDecisionForm, payload.dict(exclude_none=True))
    return services.decide_appeal(
        notice=notice, overturn=data["decision"] == "overturn", note=data["note"], actor=request.user
    )


# -- policy ---------------------------------------------------------------------------------------


@router.get("/credit/policies/{region_id}", response=PolicyOut)
def get_policy(request, region_id: int):
    """The version governing the region (its own latest, or its nearest ancestor's)."""
    version = selectors.governing_version(access.get(request.user, Region, region_id))
    if version is None:
        raise Http404("No policy is recorded for this region or above it; the national defaults apply.")
    return version


@router.get("/credit/policies/{region_id}/versions", response=list[PolicyOut])
def list_policy_versions(request, region_id: int):
    return list(PolicyVersion.objects.filter(region=access.get(request.user, Region, region_id)))


@router.get("/credit/policies/{region_id}/versions/{version}", response=PolicyOut)
def get_policy_version(request, region_id: int, version: int):
    found = PolicyVersion.objects.filter(
        region=access.get(request.user, Region, region_id), version=version
    ).first()
    if found is None:
        raise Http404(f"Region {region_id} has no policy version {version}.")
    return found


@router.post("/credit/policies/{region_id}", response={201: PolicySaved})
def save_policy(request, region_id: int, payload: PolicyIn):
    """Save the next version; with ``recompute`` every rating in the region is recomputed by a job."""
    region = access.get(request.user, Region, region_id, Action.CHANGE)
    data = clean_payload(PolicyForm, payload.dict(exclude_none=True))
    saved = services.save_policy(
        region=region,
        policy_settings=data["settings"],
        finance_tier=data["finance_tier"],
        note=data["note"],
        actor=request.user,
    )
    job = None
    if data["recompute"]:
        job = start_job(
            kind="credit.recompute",
            label=f"Recompute credit ratings in {region.name}",
            actor=request.user,
            params={"region_id": region.pk},
        )
    return 201, {"policy": saved, "job_id": job.pk if job else None}
