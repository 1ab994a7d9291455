"""Matching rounds through the API: the same access helpers, forms and services as the pages."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import policy, selectors, services
from chanjiao.matching.api_offers import ChoiceOut, option_out
from chanjiao.matching.confirmations import (
    publish_consequences,
)
from chanjiao.matching.explanations import explain_participant
from chanjiao.matching.filters import ParticipantFilter, PositionFilter, RoundFilter
from chanjiao.matching.forms_rounds import (
    ChoicesForm,
    PositionForm,
    RankingForm,
    RoundForm,
    RoundSettingsForm,
)
from chanjiao.matching.models import MatchingRound, RoundStudent
from chanjiao.matching.reports import report_for_side
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data, validated
from chanjiao.web.confirm import ConfirmIn, require_confirmed

router = Router(tags=["matching rounds"])


class RoundOut(Schema):
    id: int
    name: str
    organiser_id: int
    region_id: int
    kinds: list[str]
    stage: str
    cohort_from: int
    cohort_to: int
    region_rule: str
    min_program_fit: float
    max_choices: int
    ranking_opens: datetime
    ranking_closes: datetime
    starts_on: date
    ends_on: date
    lottery_seed: int | None
    status: str
    job_id: int | None
    published_at: datetime | None
    early_run_reason: str


class RoundIn(Schema):
    name: str | None = None
    kinds: list[str] | None = None
    cohort_from: int | None = None
    cohort_to: int | None = None
    schools: list[int] | None = None
    stage: str | None = None
    region_rule: str | None = None
    min_program_fit: float | None = None
    max_choices: int | None = None
    ranking_opens: datetime | None = None
    ranking_closes: datetime | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    lottery_seed: int | None = None


class PositionOut(Schema):
    id: int
    posting_id: int
    enterprise_id: int
    title: str
    kind: str
    occupation_id: str | None
    capacity: int
    min_study_year: int
    certificates_required: bool
    ranking_mode: str
    ranking_confirmed_at: datetime | None
    seats_filled: int
    unfilled_reason: str


class PositionIn(Schema):
    capacity: int | None = None
    min_study_year: int | None = None
    certificates_required: bool | None = None


class ParticipantOut(Schema):
    id: int
    student_id: int
    school_id: int
    submitted_at: datetime | None
    outcome: str

    @staticmethod
    def resolve_school_id(obj):
        return obj.student.school_id


class ChoicesIn(Schema):
    positions: list[int] = Field(..., description="Position ids, most wanted first")


class CandidateOut(Schema):
    participant_id: int
    student_id: int
    name: str
    school_id: int
    program_id: int
    score: float
    score_parts: dict[str, float]
    failed_requirements: list[str]
    rank: int | None
    excluded: bool


class RankingIn(Schema):
    mode: str = Field(..., description="derived, or entered")
    ranked: list[int] = Field(default_factory=list, description="Participant ids, best first")
    excluded: list[int] = Field(default_factory=list, description="Participant ids you will not take")


class JobStarted(Schema):
    job_id: int
    url: str


class RoundQuery(SearchQuery):
    status: str | None = None
    region: int | None = None


class ParticipantQuery(SearchQuery):
    outcome: str | None = None
    school: int | None = None


class PositionQuery(SearchQuery):
    enterprise: int | None = None
    kind: str | None = None
    ranking_mode: str | None = None
    unfilled_reason: str | None = None


@router.get("/matching/rounds", response=list[RoundOut])
@paginate(PageNumberPagination, page_size=50)
def list_rounds(request, query: Query[RoundQuery]):
    return filtered(RoundFilter, request, access.visible(request.user, MatchingRound), query)


@router.post("/matching/rounds", response={201: RoundOut})
def open_round(request, payload: RoundIn):
    organiser = policy.organiser_for(request.user)
    if organiser is None:
        raise PermissionDenied("Only an education bureau or a school's cooperation office opens rounds.")
    data = form_data(RoundForm, payload.dict(exclude_unset=True), organiser=organiser)
    return 201, services.open_round(actor=request.user, organiser=organiser, data=dict(data))


@router.get("/matching/rounds/{round_id}", response=RoundOut)
def get_round(request, round_id: int):
    return access.get(request.user, MatchingRound, round_id)


@router.patch("/matching/rounds/{round_id}", response=RoundOut)
def update_round(request, round_id: int, payload: RoundIn):
    rnd = access.get(request.user, MatchingRound, round_id, Action.MANAGE)
    data = form_data(RoundSettingsForm, payload.dict(exclude_unset=True), instance=rnd)
    return services.update_round(actor=request.user, rnd=rnd, data=data)


@router.get("/matching/rounds/{round_id}/overview", response=dict[str, Any])
def round_overview(request, round_id: int):
    rnd = access.get(request.user, MatchingRound, round_id)
    if not policy.round_side(request.user, rnd).oversee:
        raise PermissionDenied("The overview is for the coordinator and officers in scope.")
    return selectors.round_overview(rnd)


@router.get("/matching/rounds/{round_id}/positions", response=list[PositionOut])
@paginate(PageNumberPagination, page_size=100)
def list_positions(request, round_id: int, query: Query[PositionQuery]):
    rnd = access.get(request.user, MatchingRound, round_id)
    return filtered(PositionFilter, request, rnd.positions.all(), query)


@router.patch("/matching/rounds/{round_id}/positions/{position_id}", response=PositionOut)
def update_position(request, round_id: int, position_id: int, payload: PositionIn):
    rnd = access.get(request.user, MatchingRound, round_id)
    position = access.get(request.user, rnd.positions.all(), position_id, Action.CHANGE)
    data = form_data(PositionForm, payload.dict(exclude_unset=True), instance=position)
    return services.update_position(actor=request.user, position=position, data=data)


@router.get("/matching/rounds/{round_id}/students", response=list[ParticipantOut])
@paginate(PageNumberPagination, page_size=100)
def list_participants(request, round_id: int, query: Query[ParticipantQuery]):
    rnd = access.get(request.user, MatchingRound, round_id)
    return filtered(
        ParticipantFilter, request, access.visible(request.user, RoundStudent).filter(round=rnd), query
    )


def _my_choices(participant, rnd) -> list[dict]:
    options = selectors.positions_for_student(participant, selectors.current_stage(rnd))
    return [option_out(option) for option in options if option.rank is not None]


@router.get("/matching/rounds/{round_id}/my-choices", response=list[ChoiceOut])
def my_choices(request, round_id: int):
    rnd = access.get(request.user, MatchingRound, round_id)
    return _my_choices(policy.participant_of(request.user, rnd), rnd)


@router.put("/matching/rounds/{round_id}/my-choices", response=list[ChoiceOut])
def set_my_choices(request, round_id: int, payload: ChoicesIn):
    rnd = access.get(request.user, MatchingRound, round_id)
    participant = policy.participant_of(request.user, rnd)
    data = validated(ChoicesForm(data=payload.dict(), round=rnd))
    services.set_student_choices(actor=request.user, participant=participant, positions=data["positions"])
    return _my_choices(participant, rnd)


def _candidates(position) -> list[dict]:
    return [
        {
            "participant_id": row.participant.pk,
            "student_id": row.participant.student_id,
            "name": row.participant.student.name,
            "school_id": row.participant.student.school_id,
            "program_id": row.participant.student.program_id,
            "score": row.score,
            "score_parts": row.parts,
            "failed_requirements": list(row.failed),
            "rank": row.rank,
            "excluded": row.excluded,
        }
        for row in selectors.candidates_for(position, selectors.current_stage(position.round))
    ]


@router.get("/matching/rounds/{round_id}/positions/{position_id}/candidates", response=list[CandidateOut])
def list_candidates(request, round_id: int, position_id: int):
    rnd = access.get(request.user, MatchingRound, round_id)
    oversee = policy.round_side(request.user, rnd).oversee
    return _candidates(
        access.get(request.user, rnd.positions.all(), position_id, Action.VIEW if oversee else Action.RANK)
    )


@router.put("/matching/rounds/{round_id}/positions/{position_id}/ranking", response=list[CandidateOut])
def set_ranking(request, round_id: int, position_id: int, payload: RankingIn):
    rnd = access.get(request.user, MatchingRound, round_id)
    position = access.get(request.user, rnd.positions.all(), position_id, Action.RANK)
    data = validated(RankingForm(data=payload.dict(), round=rnd))
    position = services.set_candidate_ranking(
        actor=request.user,
        position=position,
        mode=data["mode"],
        ranked=data["ranked"],
        excluded=data["excluded"],
    )
    return _candidates(position)


class RunIn(Schema):
    reason: str = Field("", description="why the round runs before its ranking window closes")


@router.post("/matching/rounds/{round_id}/run", response={202: JobStarted})
def run_round(request, round_id: int, payload: RunIn | None = None):
    """Before the ranking window closes the round runs only with a ``reason``, which is stored."""
    rnd = access.get(request.user, MatchingRound, round_id, Action.MANAGE)
    job = services.start_round_run(actor=request.user, rnd=rnd, reason=payload.reason if payload else "")
    return 202, {"job_id": job.pk, "url": f"/api/jobs/{job.pk}"}


@router.get("/matching/rounds/{round_id}/report", response=dict[str, Any])
def round_report(request, round_id: int, stage: str = "main"):
    rnd = access.get(request.user, MatchingRound, round_id)
    side = policy.round_side(request.user, rnd)
    if not side.sees_report:
        raise PermissionDenied("The report is for the coordinator, officers and participating organisations.")
    if stage not in ("main", "scramble"):
        raise ValueError("stage is main or scramble")
    run = selectors.latest_run(rnd, stage)
    if run is None or (not side.oversee and rnd.status not in policy.RESULTS_PUBLIC):
        raise PermissionDenied("The round has no published report yet.")
    if side.oversee:
        return {"run_id": run.pk, "stage": run.stage, "created_at": run.created_at, **run.report}
    return {
        "run_id": run.pk,
        "stage": run.stage,
        **report_for_side(run.report, school_id=side.school_id, enterprise_id=side.enterprise_id),
    }


@router.get("/matching/rounds/{round_id}/my-result", response=list[dict[str, Any]])
def my_result(request, round_id: int):
    """The student's result in each run they were part of, every higher choice explained."""
    rnd = access.get(request.user, MatchingRound, round_id)
    participant = policy.participant_of(request.user, rnd)
    if rnd.status not in policy.RESULTS_PUBLIC:
        raise PermissionDenied("Results are not published yet.")
    runs = [selectors.latest_run(rnd, stage) for stage in ("main", "scramble")]
    explained = [explain_participant(run, participant.pk) for run in runs if run is not None]
    return [item for item in explained if item is not None]


def _act(request, round_id: int, action):
    rnd = access.get(request.user, MatchingRound, round_id, Action.MANAGE)
    return action(actor=request.user, rnd=rnd)


@router.post("/matching/rounds/{round_id}/publish", response=RoundOut)
def publish_round(request, round_id: int, payload: ConfirmIn | None = None):
    """Every match becomes a placement: only with ``"confirm": true``."""
    rnd = access.get(request.user, MatchingRound, round_id, Action.MANAGE)
    require_confirmed(payload is not None and payload.confirm, publish_consequences(rnd))
    return services.publish_round(actor=request.user, rnd=rnd)


@router.post("/matching/rounds/{round_id}/scramble", response=RoundOut)
def open_scramble(request, round_id: int):
    return _act(request, round_id, services.open_scramble)


@router.post("/matching/rounds/{round_id}/close", response=RoundOut)
def close_round(request, round_id: int):
    return _act(request, round_id, services.close_round)
