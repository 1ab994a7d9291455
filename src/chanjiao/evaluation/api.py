"""Evaluation endpoints: schemes, cycles, evaluations and scorecards. Rectification, funding,
returns and the dashboard are in :mod:`chanjiao.evaluation.api_followup`, mounted here. Every object
passes the same access helpers as the pages and every write the same forms and services."""

from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import runs, selectors, services
from chanjiao.evaluation.api_followup import router as followup_router
from chanjiao.evaluation.filters import CycleFilter, ResultFilter, SchemeFilter
from chanjiao.evaluation.forms import (
    AssignmentForm,
    CycleForm,
    OnsiteScoreForm,
    RegionalWeightsForm,
    SchemeForm,
    ThresholdsForm,
    cleaned,
)
from chanjiao.evaluation.models import Assignment, Cycle, Evaluation, Scheme, UnitResult
from chanjiao.evaluation.reports import scorecard_pdf, scorecard_xlsx
from chanjiao.evaluation.units import units_of
from chanjiao.evaluation.views import scorecard_filename
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Zone
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data
from chanjiao.web.excel import xlsx_response

router = Router(tags=["evaluation"])
OFFICERS_ONLY = "Only government officers and administrators manage evaluation schemes."


class SchemeOut(Schema):
    id: int
    name: str
    unit_kind: str
    region_id: int
    framework: dict[str, Any]
    weighting_method: str
    ahp_judgements: dict[str, Any]
    zone: str
    regional_weight_sets: dict[str, dict[str, float]]
    missing: str
    outliers: str
    normalisation: str
    aggregation: str
    light_policy: dict[str, Any]
    red_deadline_days: int
    yellow_deadline_days: int
    monitoring_weight: float
    onsite_weight: float
    tracking_weight: float
    monte_carlo_draws: int
    weight_noise: float
    random_seed: int


class SchemeIn(Schema):
    name: str | None = None
    unit_kind: str | None = None
    region: int | None = None
    weighting_method: str | None = None
    zone: str | None = None
    missing: str | None = None
    outliers: str | None = None
    normalisation: str | None = None
    aggregation: str | None = None
    monitoring_weight: float | None = None
    onsite_weight: float | None = None
    tracking_weight: float | None = None
    monte_carlo_draws: int | None = None
    weight_noise: float | None = None
    random_seed: int | None = None


class FrameworkIn(Schema):
    schema_: str = Field(..., alias="schema", examples=["chanjiao.indicators.framework/1"])
    root: dict[str, Any]


class AHPIn(Schema):
    matrix: list[list[float]]


class RegionalIn(Schema):
    zone: str
    weight_sets: dict[str, dict[str, float]]


class ThresholdsIn(Schema):
    green_from: float
    yellow_from: float | None = None
    participation_below: float | None = None
    equipment_failure_above: float | None = None
    red_deadline_days: int = 90
    yellow_deadline_days: int = 180


class CycleOut(Schema):
    id: int
    scheme_id: int
    kind: str
    year: int
    name: str


class CycleIn(Schema):
    scheme: int
    kind: str = "annual"
    year: int
    name: str = ""


class CycleQuery(SearchQuery):
    kind: str | None = None
    year: int | None = None
    scheme: int | None = None
    unit_kind: str | None = None


class SchemeQuery(SearchQuery):
    unit_kind: str | None = None
    weighting_method: str | None = None


class EvaluationOut(Schema):
    id: int
    cycle_id: int
    unit_count: int
    colour_counts: dict[str, int]
    uncertainty_status: str
    uncertainty_job_id: int | None
    sensitivity: dict[str, Any]
    config: dict[str, Any]
    created_at: datetime


class ResultOut(Schema):
    id: int
    evaluation_id: int
    unit_kind: str
    unit_id: int
    unit_name: str
    region_id: int | None
    score: float | None
    rank: int | None
    colour: str
    sentence: str
    light: dict[str, Any]
    inputs: dict[str, Any]
    normalised: dict[str, Any]
    dimension_scores: dict[str, Any]
    imputed: list[str]
    median_rank: float | None
    rank_low: float | None
    rank_high: float | None


class ResultQuery(SearchQuery):
    colour: str | None = None


class HistoryOut(Schema):
    result_id: int
    cycle_id: int
    cycle: str
    year: int
    score: float | None
    rank: int | None
    colour: str


class ScorecardOut(Schema):
    result: ResultOut
    history: list[HistoryOut]


class AssignmentOut(Schema):
    id: int
    cycle_id: int
    unit_kind: str
    unit_id: int
    unit_name: str
    evaluator_id: int
    onsite_score: float | None
    visited_on: date | None
    findings: str


class AssignmentIn(Schema):
    unit: int
    evaluator: int


class OnsiteIn(Schema):
    onsite_score: float
    visited_on: date
    findings: str


# -- schemes --------------------------------------------------------------------------------


@router.get("/evaluation/schemes", response=list[SchemeOut])
@paginate(PageNumberPagination, page_size=50)
def list_schemes(request, query: Query[SchemeQuery]):
    return filtered(SchemeFilter, request, access.visible(request.user, Scheme), query)


@router.get("/evaluation/schemes/{scheme_id}", response=SchemeOut)
def get_scheme(request, scheme_id: int):
    return access.get(request.user, Scheme, scheme_id)


@router.post("/evaluation/schemes", response={201: SchemeOut})
def create_scheme(request, payload: SchemeIn):
    access.require_possible(request.user, Action.CREATE, Scheme)
    data = form_data(SchemeForm, payload.dict(exclude_unset=True), user=request.user)
    return 201, services.create_scheme(actor=request.user, data=data)


@router.patch("/evaluation/schemes/{scheme_id}", response=SchemeOut)
def update_scheme(request, scheme_id: int, payload: SchemeIn):
    scheme = access.get(request.user, Scheme, scheme_id)
    data = form_data(SchemeForm, payload.dict(exclude_unset=True), instance=scheme, user=request.user)
    return services.update_scheme(actor=request.user, scheme=scheme, data=data)


@router.put("/evaluation/schemes/{scheme_id}/framework", response=SchemeOut)
def set_framework(request, scheme_id: int, payload: FrameworkIn):
    """The whole indicator tree, as in `framework` of the scheme (schema chanjiao.indicators.framework/1)."""
    scheme = access.get(request.user, Scheme, scheme_id)
    framework = {"schema": payload.schema_, "root": payload.root}
    return services.set_framework(actor=request.user, scheme=scheme, framework=framework)


@router.put("/evaluation/schemes/{scheme_id}/ahp/{group}", response=SchemeOut)
def set_ahp(request, scheme_id: int, group: str, payload: AHPIn):
    """Pairwise comparisons of a dimension's children (framework order); refused if CR >= 0.1."""
    scheme = access.get(request.user, Scheme, scheme_id)
    return services.set_ahp_judgements(actor=request.user, scheme=scheme, group=group, matrix=payload.matrix)


@router.put("/evaluation/schemes/{scheme_id}/regional", response=SchemeOut)
def set_regional(request, scheme_id: int, payload: RegionalIn):
    scheme = access.get(request.user, Scheme, scheme_id)
    fields: dict[str, Any] = {"zone": payload.zone}
    for zone in Zone.values:
        for dimension, weight in payload.weight_sets.get(zone, {}).items():
            fields[f"{zone}_{dimension}"] = weight
    data = cleaned(RegionalWeightsForm(data=fields, scheme=scheme))
    return services.set_regional_weights(
        actor=request.user, scheme=scheme, zone=data["zone"], weight_sets=data["weight_sets"]
    )


@router.put("/evaluation/schemes/{scheme_id}/thresholds", response=SchemeOut)
def set_thresholds(request, scheme_id: int, payload: ThresholdsIn):
    scheme = access.get(request.user, Scheme, scheme_id)
    fields = {k: v for k, v in payload.dict().items() if v is not None}
    data = cleaned(ThresholdsForm(data=fields, scheme=scheme))
    return services.set_thresholds(
        actor=request.user,
        scheme=scheme,
        green_from=data["green_from"],
        yellow_from=data["yellow_from"],
        red_lines=data["red_lines"],
        red_deadline_days=data["red_deadline_days"],
        yellow_deadline_days=data["yellow_deadline_days"],
    )


# -- cycles, assignments, evaluations ---------------------------------------------------------


@router.get("/evaluation/cycles", response=list[CycleOut])
@paginate(PageNumberPagination, page_size=50)
def list_cycles(request, query: Query[CycleQuery]):
    return filtered(CycleFilter, request, access.visible(request.user, Cycle), query)


@router.get("/evaluation/cycles/{cycle_id}", response=CycleOut)
def get_cycle(request, cycle_id: int):
    return access.get(request.user, Cycle, cycle_id)


@router.post("/evaluation/cycles", response={201: CycleOut})
def create_cycle(request, payload: CycleIn):
    access.require_possible(request.user, Action.CREATE, Cycle)
    data = form_data(CycleForm, payload.dict(), user=request.user)
    return 201, services.create_cycle(actor=request.user, **data)


@router.post("/evaluation/cycles/{cycle_id}/evaluate", response={201: EvaluationOut})
def evaluate(request, cycle_id: int):
    """Evaluate every unit now; rank intervals follow at once, or from a background job for large sets."""
    cycle = access.get(request.user, Cycle, cycle_id, Action.MANAGE)
    return 201, runs.run_evaluation(actor=request.user, cycle=cycle)


@router.get("/evaluation/cycles/{cycle_id}/assignments", response=list[AssignmentOut])
def list_assignments(request, cycle_id: int):
    cycle = access.get(request.user, Cycle, cycle_id)
    return access.visible(request.user, Assignment).filter(cycle=cycle)


@router.post("/evaluation/cycles/{cycle_id}/assignments", response={201: AssignmentOut})
def add_assignment(request, cycle_id: int, payload: AssignmentIn):
    cycle = access.get(request.user, Cycle, cycle_id, Action.MANAGE)
    scheme = cycle.scheme
    form = AssignmentForm(data=payload.dict(), units=units_of(scheme.unit_kind, scheme.region, cycle.year))
    data = cleaned(form)
    return 201, services.assign_evaluator(
        actor=request.user, cycle=cycle, unit=data["unit"], evaluator=data["evaluator"]
    )


@router.put("/evaluation/assignments/{assignment_id}/score", response=AssignmentOut)
def score_onsite(request, assignment_id: int, payload: OnsiteIn):
    assignment = access.get(request.user, Assignment, assignment_id, Action.SCORE)
    data = form_data(OnsiteScoreForm, payload.dict(), instance=assignment)
    return services.record_onsite_score(actor=request.user, assignment=assignment, data=data)


@router.get("/evaluation/evaluations/{evaluation_id}", response=EvaluationOut)
def get_evaluation(request, evaluation_id: int):
    return access.get(request.user, Evaluation, evaluation_id)


@router.get("/evaluation/evaluations/{evaluation_id}/results", response=list[ResultOut])
@paginate(PageNumberPagination, page_size=100)
def list_results(request, evaluation_id: int, query: Query[ResultQuery]):
    evaluation = access.get(request.user, Evaluation, evaluation_id)
    results = access.visible(request.user, UnitResult).filter(evaluation=evaluation).order_by("position")
    return filtered(ResultFilter, request, results, query)


@router.post("/evaluation/evaluations/{evaluation_id}/reproduce", response=dict[str, Any])
def reproduce(request, evaluation_id: int):
    """Re-run the stored configuration on the stored inputs and on today's records."""
    evaluation = access.get(request.user, Evaluation, evaluation_id, Action.MANAGE)
    return runs.reproduce_evaluation(evaluation)


@router.get("/evaluation/results/{result_id}", response=ScorecardOut)
def get_scorecard(request, result_id: int):
    result = access.get(request.user, UnitResult, result_id)
    return {
        "result": result,
        "history": [
            {
                "result_id": h.pk,
                "cycle_id": h.evaluation.cycle_id,
                "cycle": h.evaluation.cycle.name,
                "year": h.evaluation.cycle.year,
                "score": h.score,
                "rank": h.rank,
                "colour": h.colour,
            }
            for h in selectors.history(result, request.user)
        ],
    }


@router.get("/evaluation/results/{result_id}/scorecard.pdf", response={200: None})
def download_pdf(request, result_id: int):
    result = access.get(request.user, UnitResult, result_id)
    response = HttpResponse(
        scorecard_pdf(selectors.scorecard(result, request.user)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{scorecard_filename(result, "pdf")}"'
    return response


@router.get("/evaluation/results/{result_id}/scorecard.xlsx", response={200: None})
def download_xlsx(request, result_id: int):
    result = access.get(request.user, UnitResult, result_id)
    return xlsx_response(
        scorecard_filename(result, "xlsx"), scorecard_xlsx(selectors.scorecard(result, request.user))
    )


router.add_router("", followup_router)
