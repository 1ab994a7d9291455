"""Endpoints for contributions, insurance covers and claims, disputes and breaches."""

from datetime import date
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit.filters import ContributionFilter, CoverFilter, IncidentFilter
from chanjiao.credit.forms import ContributionForm, IncidentForm, InsuranceClaimForm, InsuranceCoverForm
from chanjiao.credit.models import Contribution, Incident, InsuranceCover
from chanjiao.credit.policy import recordable
from chanjiao.credit.services_records import record_claim, record_contribution, record_cover, record_incident
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["credit"])


class ContributionOut(Schema):
    id: int
    enterprise_id: int
    kind: str
    description: str
    recipient_id: int | None
    carrier_id: int | None
    contributed_on: date
    appraised_value: Decimal
    appraiser: str
    appraisal_reference: str


class ContributionIn(Schema):
    enterprise: int | None = None
    kind: str | None = None
    description: str | None = None
    recipient: int | None = None
    carrier: int | None = None
    contributed_on: date | None = None
    appraised_value: Decimal | None = None
    appraiser: str | None = None
    appraisal_reference: str | None = None


class ClaimOut(Schema):
    id: int
    occurred_on: date
    description: str
    paid: Decimal


class ClaimIn(Schema):
    occurred_on: date | None = None
    description: str | None = None
    paid: Decimal | None = None


class CoverOut(Schema):
    id: int
    enterprise_id: int
    year: int
    insurer: str
    policy_number: str
    premium: Decimal
    insured_people: int
    claims: list[ClaimOut]

    @staticmethod
    def resolve_claims(obj):
        return list(obj.claims.all())


class CoverIn(Schema):
    enterprise: int | None = None
    year: int | None = None
    insurer: str | None = None
    policy_number: str | None = None
    premium: Decimal | None = None
    insured_people: int | None = None


class IncidentOut(Schema):
    id: int
    enterprise_id: int
    kind: str
    occurred_on: date
    description: str
    counterparty_id: int | None
    agreement_id: int | None


class IncidentIn(Schema):
    enterprise: int | None = None
    kind: str | None = None
    occurred_on: date | None = None
    description: str | None = None
    counterparty: int | None = None
    agreement: int | None = None


class RecordQuery(SearchQuery):
    enterprise: int | None = None
    kind: str | None = None


class CoverQuery(SearchQuery):
    enterprise: int | None = None
    year: int | None = None


@router.get("/credit/contributions", response=list[ContributionOut])
@paginate(PageNumberPagination, page_size=50)
def list_contributions(request, query: Query[RecordQuery]):
    return filtered(ContributionFilter, request, access.visible(request.user, Contribution), query)


@router.get("/credit/contributions/{contribution_id}", response=ContributionOut)
def get_contribution(request, contribution_id: int):
    return access.get(request.user, Contribution, contribution_id)


@router.post("/credit/contributions", response={201: ContributionOut})
def create_contribution(request, payload: ContributionIn):
    """Record a contribution with its third-party appraisal; the enterprise is reassessed."""
    access.require_create(request.user, Contribution)
    enterprises = recordable(request.user, Contribution)
    data = form_data(ContributionForm, payload.dict(exclude_none=True), enterprises=enterprises)
    return 201, record_contribution(actor=request.user, data=data)


@router.get("/credit/insurance", response=list[CoverOut])
@paginate(PageNumberPagination, page_size=50)
def list_covers(request, query: Query[CoverQuery]):
    covers = access.visible(request.user, InsuranceCover).prefetch_related("claims")
    return filtered(CoverFilter, request, covers, query)


@router.post("/credit/insurance", response={201: CoverOut})
def create_cover(request, payload: CoverIn):
    access.require_create(request.user, InsuranceCover)
    enterprises = recordable(request.user, InsuranceCover)
    data = form_data(InsuranceCoverForm, payload.dict(exclude_none=True), enterprises=enterprises)
    return 201, record_cover(actor=request.user, data=data)


@router.get("/credit/insurance/{cover_id}", response=CoverOut)
def get_cover(request, cover_id: int):
    return access.get(request.user, InsuranceCover, cover_id)


@router.post("/credit/insurance/{cover_id}/claims", response={201: ClaimOut})
def create_claim(request, cover_id: int, payload: ClaimIn):
    cover = access.get(request.user, InsuranceCover, cover_id, Action.CHANGE)
    data = form_data(InsuranceClaimForm, payload.dict(exclude_none=True), cover=cover)
    return 201, record_claim(actor=request.user, cover=cover, data=data)


@router.get("/credit/incidents", response=list[IncidentOut])
@paginate(PageNumberPagination, page_size=50)
def list_incidents(request, query: Query[RecordQuery]):
    return filtered(IncidentFilter, request, access.visible(request.user, Incident), query)


@router.post("/credit/incidents", response={201: IncidentOut})
def create_incident(request, payload: IncidentIn):
    """An officer records a dispute or breach found against an enterprise of the region."""
    access.require_possible(request.user, Action.CREATE, Incident)
    enterprises = recordable(request.user, Incident)
    data = form_data(IncidentForm, payload.dict(exclude_none=True), enterprises=enterprises)
    return 201, record_incident(actor=request.user, data=data)
