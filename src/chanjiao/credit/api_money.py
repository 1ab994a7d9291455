"""Endpoints for the calculators, technology-equity stakes and benefit-sharing tables."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.credit import calculators
from chanjiao.credit.forms_base import clean_payload
from chanjiao.credit.forms_money import (
    BenefitSharingForm,
    EquityCalculatorForm,
    EquityPerformanceForm,
    EquityStakeForm,
    InsuranceCalculatorForm,
    SuperDeductionForm,
    TrainingReimbursementForm,
)
from chanjiao.credit.models import BenefitSharing, EquityStake
from chanjiao.credit.policy import credit_file
from chanjiao.credit.selectors import stakes_listed
from chanjiao.credit.services import ensure_policy
from chanjiao.credit.services_money import create_sharing, create_stake, record_equity_year, sign_sharing
from chanjiao.web.api_forms import form_data

router = Router(tags=["credit"])


def _policy(request):
    organisation = request.user.organisation
    return calculators.calculator_policy(organisation.region if organisation else None)[0]


class InsuranceIn(Schema):
    year: int | None = None
    premium: Decimal | None = None
    finance_tier: str | None = None
    is_sme: bool = False
    claims: int = 0


class EquityCalculatorIn(Schema):
    enterprise: str | None = None
    contributions: list[dict[str, Any]] | None = None
    other_capital: Decimal | None = None
    performance: list[dict[str, Any]] = []


class DeductionIn(Schema):
    costs: list[dict[str, Any]] | None = None


class TrainingIn(Schema):
    training_cost: Decimal | None = None
    reimbursed_this_year: Decimal | None = None


@router.post("/credit/calculators/insurance", response=dict[str, Any])
def insurance_calculator(request, payload: InsuranceIn):
    """Subsidy, enterprise share, claim-free rebate and net premium for one policy year."""
    policy = _policy(request)
    data = clean_payload(InsuranceCalculatorForm, payload.dict(exclude_none=True), policy=policy)
    return calculators.insurance(data, policy)


@router.post("/credit/calculators/equity", response=dict[str, Any])
def equity_calculator(request, payload: EquityCalculatorIn):
    """Initial share and yearly adjustment history; contributions are ``{kind, description,
    appraised_value, appraiser}``, performance ``{year, certification_pass_rate, transfer_income}``."""
    data = clean_payload(EquityCalculatorForm, payload.dict(exclude_none=True), policy=_policy(request))
    return data["history"]


@router.post("/credit/calculators/super-deduction", response=dict[str, Any])
def deduction_calculator(request, payload: DeductionIn):
    """Costs are ``{category, cost}``; eligible categories are deducted at the policy's rate."""
    policy = _policy(request)
    return calculators.deduction(clean_payload(SuperDeductionForm, payload.dict(exclude_none=True)), policy)


@router.post("/credit/calculators/training-reimbursement", response=dict[str, Any])
def training_calculator(request, payload: TrainingIn):
    policy = _policy(request)
    return calculators.training(
        clean_payload(TrainingReimbursementForm, payload.dict(exclude_none=True)), policy
    )


# -- technology equity -----------------------------------------------------------------------------


class HistoryOut(Schema):
    id: int
    policy_version: int
    initial_share: Decimal
    final_share: Decimal
    result: dict[str, Any]
    computed_at: datetime

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version


class StakeOut(Schema):
    id: int
    enterprise_id: int
    venture: str
    carrier_id: int | None
    other_capital: Decimal
    contribution_ids: list[int]
    histories: list[HistoryOut]

    @staticmethod
    def resolve_contribution_ids(obj):
        return [c.pk for c in obj.contributions.all()]

    @staticmethod
    def resolve_histories(obj):
        return list(obj.histories.all())


class StakeIn(Schema):
    venture: str | None = None
    carrier: int | None = None
    other_capital: Decimal | None = None
    contributions: list[int] | None = None


class EquityYearIn(Schema):
    year: int | None = None
    certification_pass_rate: Decimal | None = None
    transfer_income: Decimal | None = None


@router.get("/credit/equity-stakes", response=list[StakeOut])
@paginate(PageNumberPagination, page_size=50)
def list_stakes(request):
    return stakes_listed(access.visible(request.user, EquityStake))


@router.get("/credit/equity-stakes/{stake_id}", response=StakeOut)
def get_stake(request, stake_id: int):
    return access.get(request.user, EquityStake, stake_id)


@router.post("/credit/enterprises/{enterprise_id}/equity-stakes", response={201: StakeOut})
def create_equity_stake(request, enterprise_id: int, payload: StakeIn):
    enterprise = credit_file(request.user, enterprise_id)
    access.require_create(request.user, EquityStake, enterprise=enterprise)
    version = ensure_policy(region=enterprise.region, actor=request.user)
    data = form_data(
        EquityStakeForm, payload.dict(exclude_none=True), enterprise=enterprise, policy=version.policy
    )
    return 201, create_stake(enterprise=enterprise, data=data, actor=request.user)


@router.post("/credit/equity-stakes/{stake_id}/years", response={201: StakeOut})
def add_equity_year(request, stake_id: int, payload: EquityYearIn):
    stake = access.get(request.user, EquityStake, stake_id, Action.CHANGE)
    data = form_data(EquityPerformanceForm, payload.dict(exclude_none=True), stake=stake)
    record_equity_year(stake=stake, data=data, actor=request.user)
    return 201, stake


# -- benefit sharing -------------------------------------------------------------------------------


class PartyOut(Schema):
    organisation_id: int
    contribution: Decimal
    contribution_note: str
    signed_at: datetime | None


class SharingOut(Schema):
    id: int
    title: str
    description: str
    total: Decimal
    method: str
    status: str
    table: dict[str, Any]
    coalition_values: list[dict[str, Any]]
    parties: list[PartyOut]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())


class SharingIn(Schema):
    title: str | None = None
    description: str | None = None
    total: Decimal | None = None
    method: str | None = None
    parties: list[dict[str, Any]] | None = None
    coalition_values: list[dict[str, Any]] | None = None


@router.get("/credit/benefit-sharing", response=list[SharingOut])
@paginate(PageNumberPagination, page_size=50)
def list_sharings(request):
    return access.visible(request.user, BenefitSharing).order_by("pk").prefetch_related("parties")


@router.get("/credit/benefit-sharing/{sharing_id}", response=SharingOut)
def get_sharing(request, sharing_id: int):
    return access.get(request.user, BenefitSharing, sharing_id)


@router.post("/credit/benefit-sharing", response={201: SharingOut})
def propose_sharing(request, payload: SharingIn):
    """Parties are ``{organisation, contribution, note}``; for Shapley, coalition values are
    ``{parties: [organisation ids], value}`` for every group of parties."""
    access.require_create(request.user, BenefitSharing)
    data = clean_payload(
        BenefitSharingForm, payload.dict(exclude_none=True), own_organisation=request.user.organisation
    )
    return 201, create_sharing(data=data, actor=request.user)


@router.post("/credit/benefit-sharing/{sharing_id}/sign", response=SharingOut)
def sign(request, sharing_id: int):
    sharing = access.get(request.user, BenefitSharing, sharing_id, Action.CHANGE)
    return sign_sharing(sharing=sharing, organisation=request.user.organisation, actor=request.user)
