"""The supply–demand table, its summaries and drill-downs, the refresh, advice and alignment."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import selectors, services
from chanjiao.docking.api_common import form_data_from
from chanjiao.docking.coding import suggest_crosswalk
from chanjiao.docking.filters import AdviceFilter, AlignmentFilter
from chanjiao.docking.forms import AdviceDecisionForm, AdviceResponseForm
from chanjiao.docking.models import Advice, AlignmentScore, Course, Posting, SupplyDemandRun
from chanjiao.jobs.services import start_job
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Region

router = Router(tags=["supply and demand"])


class ViewQuery(Schema):
    region: int | None = Field(None, description="Region id (default: your region)")
    level: int = Field(4, ge=1, le=4, description="CSCO level: 1 major group … 4 fine occupation")
    year: int | None = Field(None, description="Default: the latest year with both seats and graduates")


class CellOut(Schema):
    occupation: str
    name: str
    level: int
    region_id: int
    year: int
    demand: int
    postings: int
    supply: float
    gap: float
    ratio: float | None
    trend: float | None
    forecast: float | None

    @staticmethod
    def resolve_occupation(obj):
        return obj.occupation_id

    @staticmethod
    def resolve_name(obj):
        return obj.occupation.name


class SummaryOut(Schema):
    region_id: int
    level: int
    year: int | None
    totals: dict[str, float | None]
    shortages: list[CellOut]
    surpluses: list[CellOut]
    computed_at: datetime | None
    changes_since: int
    forecast_error: float | None = Field(None, description="WAPE of the demand forecast on held-out years")
    naive_error: float | None = Field(None, description="WAPE of 'same as last year' on the same years")


class TrendPoint(Schema):
    year: int
    demand: int | None
    supply: float
    forecast: float | None


class DrillOut(Schema):
    cell: CellOut | None
    programs: list[dict[str, Any]]
    postings: list[int]


def _view(query: ViewQuery, request) -> selectors.View:
    region = (
        Region.objects.filter(pk=query.region).first()
        if query.region
        else selectors.default_region(request.user)
    )
    if region is None:
        raise Http404(f"No region {query.region}.")
    return selectors.View(region=region, level=query.level, year=query.year or selectors.default_year(region))


@router.get("/supply-demand/cells", response=list[CellOut])
@paginate(PageNumberPagination, page_size=200)
def list_cells(request, query: Query[ViewQuery]):
    """Every occupation of the region, level and year: seats, graduates, gap, ratio, trend, forecast."""
    return selectors.cells(_view(query, request)).order_by("-gap", "occupation_id")


@router.get("/supply-demand/summary", response=SummaryOut)
def summary(request, query: Query[ViewQuery]):
    from chanjiao.docking.refresh import changes_since

    view = _view(query, request)
    run = selectors.latest_run()
    return {
        "region_id": view.region.pk,
        "level": view.level,
        "year": view.year,
        "totals": selectors.totals(view),
        "shortages": selectors.shortages(view),
        "surpluses": selectors.surpluses(view),
        "computed_at": run.started_at if run else None,
        "changes_since": changes_since(run),
        "forecast_error": run.forecast_error if run else None,
        "naive_error": run.naive_error if run else None,
    }


@router.get("/supply-demand/heatmap")
def heatmap(request, query: Query[ViewQuery]) -> dict[str, Any]:
    """Gap per area below the region (rows) and occupation with the largest gaps (columns)."""
    heat = selectors.heatmap(_view(query, request)) or {"occupations": [], "rows": []}
    return {
        "occupations": [{"code": code, "name": name} for code, name in heat["occupations"]],
        "rows": [
            {
                "region_id": region.pk,
                "region": region.name,
                "cells": [{key: cell[key] for key in ("code", "demand", "supply", "gap")} for cell in cells],
            }
            for region, cells in heat["rows"]
        ],
    }


@router.get("/supply-demand/trend", response=list[TrendPoint])
def trend(request, query: Query[ViewQuery], occupation: str | None = None):
    return selectors.trend(_view(query, request), occupation)


@router.get("/supply-demand/drill", response=DrillOut)
def drill(request, query: Query[ViewQuery], occupation: str):
    """The programs and postings behind one cell."""
    view = _view(query, request)
    if selectors.occupation(occupation) is None:
        raise Http404(f"No occupation {occupation}.")
    programs = [
        {
            "program_id": row["program"].pk,
            "program": row["program"].name,
            "school_id": row["program"].school_id,
            "graduates": row["graduates"],
            "share": round(row["share"], 4),
            "supply": row["supply"],
        }
        for row in selectors.programs_behind(view, occupation)
    ]
    postings = access.visible(request.user, Posting).filter(
        occupation_id__in=selectors.occupation_members(occupation, view.level),
        region__path__startswith=view.region.path,
        published_on__year=view.year,
    )
    return {
        "cell": selectors.cell(view, occupation),
        "programs": programs,
        "postings": list(postings.order_by("pk").values_list("pk", flat=True)[:1000]),
    }


class JobStarted(Schema):
    job_id: int
    url: str


@router.post("/supply-demand/refresh", response={202: JobStarted})
def refresh(request):
    """Recompute every table in the background; follow the job at /api/jobs/{job_id}."""
    if not access.possible(request.user, Action.MANAGE, SupplyDemandRun):
        raise PermissionDenied("Only officers and administrators refresh the supply–demand table.")
    job = start_job(
        kind="docking.refresh_supply_demand", label="Refresh the supply–demand table", actor=request.user
    )
    return 202, {"job_id": job.pk, "url": f"/jobs/{job.pk}/"}


# -- advice and alignment ------------------------------------------------------------------


class AdviceOut(Schema):
    id: int
    year: int
    region_id: int
    school_id: int | None
    program_id: int | None
    program_code: str
    program_name: str
    recommendation: str
    relative_ratio: float | None
    trend: float | None
    evidence: dict[str, Any]
    status: str
    response_position: str
    response: str
    decision: str
    decision_note: str


class AdviceQuery(Schema):
    q: str | None = None
    year: int | None = None
    recommendation: str | None = None
    status: str | None = None
    region: int | None = None
    school: int | None = None
    regional: bool | None = None


class ResponseIn(Schema):
    response_position: str = Field(..., description="agree, disagree or partly")
    response: str


class DecisionIn(Schema):
    decision: str = Field(..., description="expand, keep, reduce, close or review")
    decision_note: str


@router.get("/supply-demand/advice", response=list[AdviceOut])
@paginate(PageNumberPagination, page_size=50)
def list_advice(request, query: Query[AdviceQuery]):
    return filtered(AdviceFilter, request, access.visible(request.user, Advice), query)


@router.get("/supply-demand/advice/{advice_id}", response=AdviceOut)
def get_advice(request, advice_id: int):
    return access.get(request.user, Advice, advice_id)


@router.post("/supply-demand/advice/{advice_id}/respond", response=AdviceOut)
def respond(request, advice_id: int, payload: ResponseIn):
    advice = access.get(request.user, Advice, advice_id, Action.RESPOND)
    data = form_data_from(AdviceResponseForm(data=payload.dict()))
    return services.respond_to_advice(
        actor=request.user, advice=advice, position=data["response_position"], response=data["response"]
    )


@router.post("/supply-demand/advice/{advice_id}/decide", response=AdviceOut)
def decide(request, advice_id: int, payload: DecisionIn):
    advice = access.get(request.user, Advice, advice_id, Action.DECIDE)
    data = form_data_from(AdviceDecisionForm(data=payload.dict()))
    return services.decide_advice(
        actor=request.user, advice=advice, decision=data["decision"], note=data["decision_note"]
    )


class AlignmentOut(Schema):
    school_id: int
    region_id: int
    year: int
    score: float
    occupations: int
    supply: float
    demand: int


class AlignmentQuery(Schema):
    year: int | None = None
    region: int | None = None
    q: str | None = None


@router.get("/supply-demand/alignment", response=list[AlignmentOut])
@paginate(PageNumberPagination, page_size=100)
def list_alignment(request, query: Query[AlignmentQuery]):
    return filtered(AlignmentFilter, request, AlignmentScore.objects.select_related("school"), query)


class CrosswalkEntryOut(Schema):
    occupation: str
    weight: float


@router.get("/docking/programs/{program_id}/crosswalk-suggestion", response=list[CrosswalkEntryOut])
def crosswalk_suggestion(request, program_id: int):
    """The coder's suggested crosswalk for a program (apply it with PUT /api/programs/{id}/crosswalk)."""
    program = access.options(request.user, Course, "program").filter(pk=program_id).first()
    if program is None:
        raise Http404(f"No program {program_id} among those you curate.")
    courses = list(program.courses.values_list("name", flat=True))
    entries = suggest_crosswalk(program.name, program.description, courses)
    if not entries:
        raise ValidationError("The coder has no suggestion for this program.")
    return [{"occupation": code, "weight": weight} for code, weight in entries]
