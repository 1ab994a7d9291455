"""Endpoints for the dashboard, rectification cases, funding and annual returns."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import funding, rectification, selectors, services
from chanjiao.evaluation.filters import AllocationFilter, CaseFilter, ReturnFilter
from chanjiao.evaluation.forms import AnnualReturnForm, cleaned
from chanjiao.evaluation.forms_followup import (
    CloseCaseForm,
    ConsultationForm,
    EscalateCaseForm,
    FundForm,
    FundingForm,
    OpenCaseForm,
    ResponseForm,
)
from chanjiao.evaluation.models import AnnualReturn, FundingAllocation, RectificationCase, UnitResult
from chanjiao.evaluation.views_funding import commit_consequences, district_evaluations, proposal_from
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data
from chanjiao.web.confirm import require_confirmed

router = Router(tags=["evaluation"])


class GridUnitOut(Schema):
    result_id: int
    unit_kind: str
    unit_id: int
    unit_name: str
    colour: str
    score: float | None
    rank: int | None
    rank_low: float | None
    rank_high: float | None
    sentence: str


class GridRowOut(Schema):
    region_id: int | None
    region: str
    region_colour: str | None
    units: list[GridUnitOut]


class DashboardOut(Schema):
    evaluation_id: int | None
    cycle: str | None
    colour_counts: dict[str, int]
    rows: list[GridRowOut]


class CaseOut(Schema):
    id: int
    result_id: int
    unit_kind: str
    unit_id: int
    unit_name: str
    kind: str
    status: str
    reasons: str
    deadline: date
    overdue: bool
    escalation_level: int
    expert_name: str
    consulted_on: date | None
    expert_advice: str
    conclusion: str
    fund_amount: Decimal | None
    fund_note: str

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue


class EventOut(Schema):
    id: int
    verb: str
    note: str
    actions: str
    evidence: str
    has_file: bool
    actor_id: int | None
    at: datetime

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.evidence_file)


class CaseDetailOut(CaseOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())


class CaseQuery(SearchQuery):
    status: str | None = None
    kind: str | None = None
    unit_kind: str | None = None
    overdue: bool | None = None


class OpenCaseIn(Schema):
    result: int
    deadline: date | None = None
    note: str = ""


class ConsultIn(Schema):
    expert_name: str
    consulted_on: date
    advice: str


class CloseIn(Schema):
    conclusion: str


class EscalateIn(Schema):
    note: str
    deadline: date


class FundIn(Schema):
    amount: Decimal
    note: str


class FundingIn(Schema):
    kind: str
    confirm: bool = Field(False, description="true to commit: the allocation of record is never changed")
    year: int
    budget: Decimal
    base: str = "enrolment"
    title: str = ""
    float_band: float | None = None
    certification_weight: float | None = None
    retention_weight: float | None = None
    evaluation: int | None = None
    top_fraction: float | None = None
    incentive: float | None = None
    shortfall_cut: float | None = None
    standard_score: float | None = None
    integration_weight: float | None = None
    other_scores: dict[int, float] | None = None


class FundingLineOut(Schema):
    unit_kind: str
    unit_id: int
    unit_name: str
    base_weight: float
    benchmark: Decimal
    inputs: dict[str, Any]
    status: str
    factor: float
    amount: Decimal
    reason: str


class ProposalOut(Schema):
    kind: str
    year: int
    budget: Decimal
    policy: dict[str, Any]
    lines: list[FundingLineOut]


class AllocationOut(Schema):
    id: int
    kind: str
    title: str
    region_id: int
    year: int
    budget: Decimal
    policy: dict[str, Any]
    parameters: dict[str, Any]
    evaluation_id: int | None
    committed_by_id: int | None
    committed_at: datetime
    lines: list[FundingLineOut]

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())


class AllocationQuery(SearchQuery):
    kind: str | None = None
    year: int | None = None


class ReturnQuery(Schema):
    unit_kind: str | None = None
    unit_id: int | None = None
    year: int | None = None


class ReturnFigures(Schema):
    """The raw figures of an annual return (blank = not reported); see the model for their meaning."""

    partner_enterprises: int | None = None
    active_partner_enterprises: int | None = None
    enterprise_education_spending: Decimal | None = None
    voting_seats: int | None = None
    enterprise_voting_seats: int | None = None
    programmes: int | None = None
    curriculum_revisions: int | None = None
    practical_course_hours: int | None = None
    total_course_hours: int | None = None
    full_time_teachers: int | None = None
    dual_qualified_teachers: int | None = None
    key_equipment_items: int | None = None
    key_equipment_failed: int | None = None
    graduates: int | None = None
    graduates_employed: int | None = None
    graduates_counterpart_employed: int | None = None
    median_starting_salary: int | None = None
    reference_starting_salary: int | None = None
    certification_candidates: int | None = None
    certification_passed: int | None = None
    graduates_placed_with_partners: int | None = None
    graduates_retained: int | None = None
    technical_needs: int | None = None
    technical_needs_solved: int | None = None
    achievement_transfer_income: Decimal | None = None
    patents_granted: int | None = None
    interns_hosted: int | None = None
    satisfaction_1: int | None = None
    satisfaction_2: int | None = None
    satisfaction_3: int | None = None
    satisfaction_4: int | None = None
    satisfaction_5: int | None = None
    tracked_graduates: int | None = None
    tracked_promoted: int | None = None
    tracked_stable: int | None = None
    tracked_innovating: int | None = None


class ReturnOut(ReturnFigures):
    id: int
    unit_kind: str
    unit_id: int
    year: int
    reported_by_id: int | None
    updated_at: datetime
    notes: str


class ReturnIn(ReturnFigures):
    unit_kind: str | None = None
    unit_id: int | None = None
    year: int | None = None
    notes: str | None = None


# -- dashboard ------------------------------------------------------------------------------


@router.get("/evaluation/dashboard", response=DashboardOut)
def dashboard(request, evaluation: int | None = None):
    """Lights by region: the chosen evaluation (default the latest carrier evaluation)."""
    evaluations = list(selectors.current_evaluations(request.user)[:60])
    chosen = next((e for e in evaluations if e.pk == evaluation), None) if evaluation else None
    if chosen is None and evaluations:
        chosen = next((e for e in evaluations if e.config["unit_kind"] == "carrier"), evaluations[0])
    if chosen is None:
        return {"evaluation_id": None, "cycle": None, "colour_counts": {}, "rows": []}
    rows = [
        {
            "region_id": row["region"].pk if row["region"] else None,
            "region": row["region"].name if row["region"] else "",
            "region_colour": row["light"].colour if row["light"] else None,
            "units": [
                {
                    "result_id": r.pk,
                    "unit_kind": r.unit_kind,
                    "unit_id": r.unit_id,
                    "unit_name": r.unit_name,
                    "colour": r.colour,
                    "score": r.score,
                    "rank": r.rank,
                    "rank_low": r.rank_low,
                    "rank_high": r.rank_high,
                    "sentence": r.sentence,
                }
                for r in row["results"]
            ],
        }
        for row in selectors.light_grid(chosen, request.user)
    ]
    return {
        "evaluation_id": chosen.pk,
        "cycle": chosen.cycle.name,
        "colour_counts": chosen.colour_counts,
        "rows": rows,
    }


# -- rectification --------------------------------------------------------------------------


@router.get("/evaluation/cases", response=list[CaseOut])
@paginate(PageNumberPagination, page_size=50)
def list_cases(request, query: Query[CaseQuery]):
    return filtered(CaseFilter, request, access.visible(request.user, RectificationCase), query)


@router.get("/evaluation/cases/{case_id}", response=CaseDetailOut)
def get_case(request, case_id: int):
    return access.get(request.user, RectificationCase, case_id)


@router.post("/evaluation/cases", response={201: CaseDetailOut})
def open_case(request, payload: OpenCaseIn):
    """Open rectification (red light) or supervision (yellow light) for an evaluation result."""
    result = access.get(request.user, UnitResult, payload.result)
    if not access.allows(request.user, Action.MANAGE, result.evaluation.cycle):
        raise PermissionDenied("Only officers of the scheme's region open cases.")
    data = cleaned(OpenCaseForm(data=payload.dict(exclude={"result"}, exclude_none=True)))
    return 201, rectification.open_case(
        actor=request.user, result=result, deadline=data["deadline"], note=data["note"]
    )


@router.post("/evaluation/cases/{case_id}/responses", response={201: CaseDetailOut})
def respond(
    request,
    case_id: int,
    actions: Form[str],
    evidence: Form[str],
    evidence_file: File[UploadedFile | None] = None,
):
    """The unit's response (multipart form: actions, evidence, optional evidence_file)."""
    case = access.get(request.user, RectificationCase, case_id, Action.RESPOND)
    files = {"evidence_file": evidence_file} if evidence_file is not None else {}
    data = cleaned(ResponseForm(data={"actions": actions, "evidence": evidence}, files=files))
    rectification.respond_to_case(
        actor=request.user,
        case=case,
        actions=data["actions"],
        evidence=data["evidence"],
        evidence_file=data["evidence_file"],
    )
    return 201, access.get(request.user, RectificationCase, case_id)


@router.post("/evaluation/cases/{case_id}/consultation", response=CaseDetailOut)
def consult(request, case_id: int, payload: ConsultIn):
    case = access.get(request.user, RectificationCase, case_id, Action.MANAGE)
    if case.kind != "supervision":
        raise ValueError("Expert consultations belong to supervision (yellow light) cases.")
    data = cleaned(ConsultationForm(data=payload.dict()))
    return rectification.record_consultation(actor=request.user, case=case, **data)


@router.post("/evaluation/cases/{case_id}/close", response=CaseDetailOut)
def close(request, case_id: int, payload: CloseIn):
    case = access.get(request.user, RectificationCase, case_id, Action.MANAGE)
    data = cleaned(CloseCaseForm(data=payload.dict()))
    return rectification.close_case(actor=request.user, case=case, conclusion=data["conclusion"])


@router.post("/evaluation/cases/{case_id}/escalate", response=CaseDetailOut)
def escalate(request, case_id: int, payload: EscalateIn):
    case = access.get(request.user, RectificationCase, case_id, Action.MANAGE)
    data = cleaned(EscalateCaseForm(data=payload.dict()))
    return rectification.escalate_case(
        actor=request.user, case=case, note=data["note"], deadline=data["deadline"]
    )


@router.post("/evaluation/cases/{case_id}/fund", response=CaseDetailOut)
def fund(request, case_id: int, payload: FundIn):
    """Grant a special rectification fund (once, rectification cases only)."""
    case = access.get(request.user, RectificationCase, case_id, Action.MANAGE)
    data = cleaned(FundForm(data=payload.dict()))
    return rectification.grant_fund(actor=request.user, case=case, amount=data["amount"], note=data["note"])


# -- funding --------------------------------------------------------------------------------


def _proposal(request, payload: FundingIn):
    access.require_possible(request.user, Action.CREATE, FundingAllocation)
    fields = {k: v for k, v in payload.dict(exclude={"other_scores"}).items() if v is not None}
    fields["other_scores"] = "\n".join(f"{k}: {v}" for k, v in (payload.other_scores or {}).items())
    form = FundingForm(data=fields, evaluations=district_evaluations(request.user))
    data = cleaned(form)
    if data.get("policy") is None:
        cleaned(form)  # the policy error was added to the form: answer 422 naming the field
    return proposal_from(data, request.user), data


@router.post("/evaluation/funding/simulate", response=ProposalOut)
def simulate(request, payload: FundingIn):
    """Who would get what under these rules; nothing is stored."""
    proposal, _data = _proposal(request, payload)
    return {
        "kind": proposal.kind,
        "year": proposal.year,
        "budget": proposal.allocation.budget,
        "policy": proposal.allocation.policy.to_dict(),
        "lines": proposal.rows(),
    }


@router.post("/evaluation/funding", response={201: AllocationOut})
def commit(request, payload: FundingIn):
    """Compute and store the allocation of record: only with ``"confirm": true``."""
    proposal, data = _proposal(request, payload)
    require_confirmed(payload.confirm, commit_consequences(proposal))
    return 201, funding.commit_allocation(actor=request.user, proposal=proposal, title=data["title"])


@router.get("/evaluation/funding", response=list[AllocationOut])
@paginate(PageNumberPagination, page_size=20)
def list_allocations(request, query: Query[AllocationQuery]):
    return filtered(AllocationFilter, request, access.visible(request.user, FundingAllocation), query)


@router.get("/evaluation/funding/{allocation_id}", response=AllocationOut)
def get_allocation(request, allocation_id: int):
    return access.get(request.user, FundingAllocation, allocation_id)


# -- annual returns -------------------------------------------------------------------------


@router.get("/evaluation/returns", response=list[ReturnOut])
@paginate(PageNumberPagination, page_size=50)
def list_returns(request, query: Query[ReturnQuery]):
    return filtered(ReturnFilter, request, access.visible(request.user, AnnualReturn), query)


@router.get("/evaluation/returns/{return_id}", response=ReturnOut)
def get_return(request, return_id: int):
    return access.get(request.user, AnnualReturn, return_id)


@router.post("/evaluation/returns", response={201: ReturnOut})
def file_return(request, payload: ReturnIn):
    access.require_possible(request.user, Action.FILE, AnnualReturn)
    data = form_data(AnnualReturnForm, payload.dict(exclude_unset=True), user=request.user)
    return 201, services.file_return(actor=request.user, data=data)


@router.patch("/evaluation/returns/{return_id}", response=ReturnOut)
def amend_return(request, return_id: int, payload: ReturnIn):
    annual_return = access.get(request.user, AnnualReturn, return_id, Action.FILE)
    changes = payload.dict(exclude_unset=True, exclude={"unit_kind", "unit_id", "year"})
    data = form_data(AnnualReturnForm, changes, instance=annual_return, user=request.user)
    fixed = ("unit_kind", "unit_id", "year")
    return services.file_return(
        actor=request.user, data={k: v for k, v in data.items() if k not in fixed}, instance=annual_return
    )
