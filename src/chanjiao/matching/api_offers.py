"""What job seekers and employers do in a round through the API: a student's positions with
wages, a candidate's profile, the offers and the answers to them, one or many at once."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import policy, selectors, services
from chanjiao.matching.candidate_profile import candidate_profile
from chanjiao.matching.confirmations import bulk_decline_consequences, decline_consequences
from chanjiao.matching.forms_rounds import BulkDecisionForm, DecisionForm, PositionSearchForm
from chanjiao.matching.models import MAIN, MatchingRound, Offer, RoundStudent
from chanjiao.web.api_forms import validated
from chanjiao.web.confirm import require_confirmed

router = Router(tags=["matching rounds"])


class ChoiceOut(Schema):
    rank: int
    position_id: int
    title: str
    enterprise_id: int
    eligible: bool
    failed_requirements: list[str]
    fit: float
    pay: float
    salary_min: int | None
    salary_max: int | None
    place: str
    open_seats: int
    applicants: int


class PositionOptionOut(ChoiceOut):
    rank: int | None  # type: ignore[assignment]
    kind: str
    enterprise: str
    occupation: str | None
    starts_on: date
    ends_on: date
    posting_starts_on: date | None


class PositionSearchQuery(Schema):
    q: str = ""
    kind: str = ""
    location: str = ""
    min_wage: int | None = None
    order: str = ""


class OfferOut(Schema):
    id: int
    round_id: int
    participant_id: int
    student_id: int
    position_id: int
    enterprise_id: int
    stage: str
    choice_number: int
    student_response: str
    enterprise_response: str
    placement_id: int | None

    @staticmethod
    def resolve_student_id(obj):
        return obj.participant.student_id

    @staticmethod
    def resolve_enterprise_id(obj):
        return obj.position.enterprise_id


class DecisionIn(Schema):
    decision: str = Field(..., description="accept or decline")
    confirm: bool = Field(False, description="true to decline: a declined offer cannot be answered again")
    note: str = ""


class BulkDecisionIn(Schema):
    decision: str = Field(..., description="accept or decline")
    offers: list[int] = Field(default_factory=list, description="ids of offers awaiting your answer")
    all: bool = Field(False, description="true to answer every offer of the round awaiting your answer")
    confirm: bool = Field(False, description="true to decline: declined offers cannot be answered again")


class CandidateProfileOut(Schema):
    participant_id: int
    student_id: int
    name: str
    school: str
    program: str
    entry_year: int
    study_year: int
    skills: list[str]
    certificates: list[str]
    listed_position_ids: list[int]
    offer_ids: list[int]
    exams: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    logs: list[dict[str, Any]]
    logged_hours: float


def option_out(option: selectors.PositionOption) -> dict[str, Any]:
    position = option.position
    return {
        "rank": option.rank,
        "position_id": position.pk,
        "title": position.title,
        "enterprise_id": position.enterprise_id,
        "eligible": option.eligible,
        "failed_requirements": list(option.failed),
        "fit": option.fit,
        "pay": option.pay,
        "salary_min": option.salary_min,
        "salary_max": option.salary_max,
        "place": position.posting.region.name,
        "open_seats": option.open_seats,
        "applicants": option.applicants,
    }


@router.get("/matching/rounds/{round_id}/my-positions", response=list[PositionOptionOut])
@paginate(PageNumberPagination, page_size=25)
def my_positions(request, round_id: int, filters: Query[PositionSearchQuery]):
    """The positions a student may still add to their list, with the wage in yuan, the place,
    the dates, open seats and applicants so far; filtered like the page."""
    rnd = access.get(request.user, MatchingRound, round_id)
    participant = policy.participant_of(request.user, rnd)
    stage = selectors.current_stage(rnd)
    search = validated(PositionSearchForm(data=filters.dict()))
    options = [
        option
        for option in selectors.positions_for_student(participant, stage)
        if option.rank is None and option.eligible and (stage == MAIN or option.open_seats > 0)
    ]
    return [
        {
            **option_out(option),
            "kind": option.position.kind,
            "enterprise": option.position.enterprise.name,
            "occupation": option.position.occupation.name if option.position.occupation else None,
            "starts_on": rnd.starts_on,
            "ends_on": rnd.ends_on,
            "posting_starts_on": option.position.posting.start_date,
        }
        for option in selectors.filter_options(options, **search)
    ]


@router.get("/matching/rounds/{round_id}/offers", response=list[OfferOut])
@paginate(PageNumberPagination, page_size=100)
def list_offers(request, round_id: int):
    rnd = access.get(request.user, MatchingRound, round_id)
    return access.visible(request.user, Offer).filter(round=rnd).order_by("pk")


@router.get("/matching/rounds/{round_id}/candidates/{participant_id}", response=CandidateProfileOut)
def candidate(request, round_id: int, participant_id: int):
    """A candidate's profile: the enterprises the student applied to, and those who see the list."""
    rnd = access.get(request.user, MatchingRound, round_id)
    participant = get_object_or_404(
        access.visible(request.user, RoundStudent, Action.VIEW_PRIVATE).filter(round=rnd), pk=participant_id
    )
    side = policy.round_side(request.user, rnd)
    profile = candidate_profile(participant, enterprise_id=None if side.oversee else side.enterprise_id)
    student = participant.student
    return {
        "participant_id": participant.pk,
        "student_id": student.pk,
        "name": student.name,
        "school": student.school.name,
        "program": student.program.name,
        "entry_year": student.year,
        "study_year": profile.study_year,
        "skills": student.skills,
        "certificates": student.certificates,
        "listed_position_ids": [p.pk for p in profile.listed],
        "offer_ids": [o.pk for o in profile.offers],
        "exams": profile.exams,
        "assessments": profile.assessments,
        "logs": profile.logs,
        "logged_hours": profile.logged_hours,
    }


@router.post("/matching/rounds/{round_id}/offers/answer", response=list[OfferOut])
def answer_offers(request, round_id: int, payload: BulkDecisionIn):
    """Accept or decline many offers at once (all recorded, or none)."""
    rnd = access.get(request.user, MatchingRound, round_id)
    awaiting = policy.offers_awaiting(request.user, rnd)
    if not awaiting.exists():
        raise PermissionDenied(_("No offer of this round awaits your answer."))
    data = validated(
        BulkDecisionForm(
            data={
                "decision": payload.decision,
                "offers": payload.offers,
                "scope": "all" if payload.all else "selected",
            },
            awaiting=awaiting,
        )
    )
    chosen = list(data["offers"])
    if data["decision"] == "decline":
        require_confirmed(payload.confirm, bulk_decline_consequences(chosen))
    return services.respond_to_offers(
        actor=request.user,
        answers=[(offer, policy.offer_party(request.user, offer)) for offer in chosen],
        decision=data["decision"],
    )


@router.post("/matching/offers/{offer_id}/respond", response=OfferOut)
def respond_to_offer(request, offer_id: int, payload: DecisionIn):
    offer = access.get(request.user, Offer, offer_id, Action.RESPOND)
    data = validated(DecisionForm(data=payload.dict()))
    if data["decision"] == "decline":
        require_confirmed(payload.confirm, decline_consequences(offer))
    return services.respond_to_offer(
        actor=request.user,
        offer=offer,
        party=policy.offer_party(request.user, offer),
        decision=data["decision"],
    )
