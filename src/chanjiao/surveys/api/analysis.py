"""Analyses through the API, and the cooperation-satisfaction scores of the evaluation indicators."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.models import Carrier, Organisation
from chanjiao.surveys import policy, services
from chanjiao.surveys.api.design import form_errors
from chanjiao.surveys.forms import AnalysisForm
from chanjiao.surveys.models import Analysis, Questionnaire
from chanjiao.surveys.selectors import satisfaction_scores
from chanjiao.surveys.views.analysis import download_content

router = Router()


class AnalysisOut(Schema):
    id: int
    questionnaire_id: int
    status: str
    ordinal: bool
    rotation: str
    n_factors: int | None
    model_syntax: str
    received: int
    job_id: int | None
    error: str
    created_at: datetime
    finished_at: datetime | None
    report: dict[str, Any] = Field(..., description="The full report (see docs/surveys.md); empty until done")


class AnalysisIn(Schema):
    ordinal: bool = False
    rotation: str = "oblimin"
    n_factors: int | None = None


@router.post("/surveys/questionnaires/{questionnaire_id}/analyses", response={201: AnalysisOut})
def start_analysis(request, questionnaire_id: int, payload: AnalysisIn):
    """Analyse the responses with the current model. Up to 2,000 responses the report comes
    back at once; larger collections run as a job (poll this analysis or /api/jobs/{job_id})."""
    questionnaire = access.get(request.user, Questionnaire, questionnaire_id, Action.MANAGE)
    form = AnalysisForm(data={k: ("" if v is None else v) for k, v in payload.dict().items()})
    if not form.is_valid():
        raise form_errors(form)
    return 201, services.start_analysis(
        actor=request.user, questionnaire=questionnaire, data=form.cleaned_data
    )


@router.get("/surveys/questionnaires/{questionnaire_id}/analyses", response=list[AnalysisOut])
def list_analyses(request, questionnaire_id: int):
    return access.get(request.user, Questionnaire, questionnaire_id).analyses.all()[:50]


@router.get("/surveys/analyses/{analysis_id}", response=AnalysisOut)
def get_analysis(request, analysis_id: int):
    return access.get(request.user, Analysis, analysis_id)


@router.get("/surveys/analyses/{analysis_id}/download/{fmt}")
def download_analysis(request, analysis_id: int, fmt: str):
    """The report as pdf, xlsx or json, or the path diagram as png or svg."""
    return download_content(access.get(request.user, Analysis, analysis_id), fmt)


class SatisfactionQuery(Schema):
    year: int
    organisation: int | None = None
    carrier: int | None = None


class SatisfactionOut(Schema):
    unit: str
    id: int
    year: int
    score: float | None = Field(..., description="0–100; null when no valid response names this unit")
    responses: int
    questionnaires: int


@router.get("/surveys/satisfaction", response=SatisfactionOut)
def cooperation_satisfaction(request, query: Query[SatisfactionQuery]):
    """Cooperation satisfaction of an organisation or a carrier in a year (see docs/surveys.md)."""
    if (query.organisation is None) == (query.carrier is None):
        raise ValidationError({"organisation": ["Give either organisation or carrier."]})
    unit: Organisation | Carrier
    by: Literal["organisation", "carrier"]
    if query.carrier is not None:
        unit, by = access.get(request.user, Carrier, query.carrier), "carrier"
    else:
        unit, by = access.get(request.user, Organisation, query.organisation or 0), "organisation"
    if not policy.may_see_satisfaction(request.user, unit):
        raise PermissionDenied(
            "Satisfaction scores are for the unit itself, officers in scope and evaluators."
        )
    score = satisfaction_scores(query.year, by=by, units=[unit.pk]).get(unit.pk)
    return {
        "unit": by,
        "id": unit.pk,
        "year": query.year,
        "score": score.score if score else None,
        "responses": score.responses if score else 0,
        "questionnaires": score.questionnaires if score else 0,
    }
