"""One-window endpoints: apply, see the parallel review, decide a department's part."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.filters import ApplicationFilter
from chanjiao.credit.forms import ApplicationForm, ReviewForm
from chanjiao.credit.forms_base import clean_payload
from chanjiao.credit.models import Application
from chanjiao.credit.policy import applicant
from chanjiao.credit.services import ensure_policy
from chanjiao.credit.services_one_window import incentive_choices, review_application, submit_application
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["credit"])


class ReviewOut(Schema):
    department: str
    automatic_passed: bool
    checks: list[dict[str, Any]]
    decision: str
    note: str
    decided_at: datetime | None


class ApplicationOut(Schema):
    id: int
    enterprise_id: int
    incentive: str
    year: int
    claimed_hosted_students: int
    claimed_rd_spending: Decimal
    claimed_technical_needs_solved: int
    claimed_equipment_contributed: Decimal
    statement: str
    policy_version: int
    automatic_passed: bool
    status: str
    submitted_at: datetime
    decided_at: datetime | None
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.all())


class ApplicationIn(Schema):
    incentive: str | None = None
    year: int | None = None
    claimed_hosted_students: int | None = None
    claimed_rd_spending: Decimal | None = None
    claimed_technical_needs_solved: int | None = None
    claimed_equipment_contributed: Decimal | None = None
    statement: str | None = None


class ReviewIn(Schema):
    department: str | None = None
    decision: str | None = None
    note: str | None = None


class ApplicationQuery(SearchQuery):
    status: str | None = None
    year: int | None = None
    enterprise: int | None = None


@router.get("/credit/applications", response=list[ApplicationOut])
@paginate(PageNumberPagination, page_size=50)
def list_applications(request, query: Query[ApplicationQuery]):
    return filtered(ApplicationFilter, request, access.visible(request.user, Application), query)


@router.get("/credit/applications/{application_id}", response=ApplicationOut)
def get_application(request, application_id: int):
    return access.get(request.user, Application, application_id)


@router.post("/credit/applications", response={201: ApplicationOut})
def apply(request, payload: ApplicationIn):
    """One form: the enterprise's claims are checked against the platform's records at once."""
    enterprise = applicant(request.user)
    if enterprise is None:
        raise PermissionDenied(access.refusal(Action.CREATE, Application))
    version = ensure_policy(region=enterprise.region, actor=request.user)
    data = form_data(
        ApplicationForm, payload.dict(exclude_none=True), incentives=incentive_choices(enterprise, version)
    )
    return 201, submit_application(enterprise=enterprise, data=data, actor=request.user)


@router.post("/credit/applications/{application_id}/reviews", response=ApplicationOut)
def review(request, application_id: int, payload: ReviewIn):
    """A department's decision (officers of the enterprise's region)."""
    application = access.get(request.user, Application, application_id, Action.REVIEW)
    data = clean_payload(ReviewForm, payload.dict(exclude_none=True))
    return review_application(application=application, actor=request.user, **data)
