"""Partner suggestions and expert matching through the API."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking.models import TechnicalNeed
from chanjiao.matching import policy, services
from chanjiao.matching.experts import suggest_experts, suggestion_for
from chanjiao.matching.forms_rounds import DecisionForm, InvitationForm
from chanjiao.matching.models import ExpertInvitation
from chanjiao.matching.partners import recommend_for
from chanjiao.registry.models import Organisation
from chanjiao.web.api_forms import validated

router = Router(tags=["partners and experts"])


class SuggestionOut(Schema):
    organisation_id: int
    name: str
    kind: str
    score: float
    relevance: float
    components: dict[str, float]
    contributions: dict[str, float]
    popularity_penalty: float
    redundancy_penalty: float
    reasons: list[str]


class ExpertOut(Schema):
    expert_id: int
    name: str
    organisation_id: int
    score: float
    components: dict[str, float]
    reasons: list[str]
    invitation_id: int | None
    invitation_status: str | None


class InvitationOut(Schema):
    id: int
    need_id: int
    expert_id: int
    status: str
    message: str
    score: float | None
    reasons: list[str]
    response_note: str
    invited_at: datetime
    responded_at: datetime | None


class InvitationIn(Schema):
    expert: int = Field(..., description="Teacher id of a college teacher or researcher")
    message: str = ""


class AnswerIn(Schema):
    decision: str = Field(..., description="accept or decline")
    note: str = ""


@router.get("/matching/partners/{organisation_id}", response=list[SuggestionOut])
def partner_suggestions(request, organisation_id: int, top: int = 10):
    """Enterprises a college should approach, or colleges an enterprise should, with reasons."""
    organisation = access.get(request.user, Organisation, organisation_id)
    if not policy.may_recommend_for(request.user, organisation):
        raise PermissionDenied("Suggestions are for the school or enterprise itself and officers in scope.")
    if not 1 <= top <= 50:
        raise ValueError("top is between 1 and 50")
    return [
        {
            "organisation_id": s.organisation.pk,
            "name": s.organisation.name,
            "kind": s.organisation.kind,
            "score": s.score,
            "relevance": s.relevance,
            "components": s.components,
            "contributions": s.contributions,
            "popularity_penalty": s.popularity_penalty,
            "redundancy_penalty": s.redundancy_penalty,
            "reasons": s.reasons,
        }
        for s in recommend_for(organisation, top=top)
    ]


@router.get("/matching/needs/{need_id}/experts", response=list[ExpertOut])
def expert_suggestions(request, need_id: int):
    need = access.get(request.user, TechnicalNeed, need_id, Action.MANAGE)
    return [
        {
            "expert_id": s.expert.pk,
            "name": s.expert.name,
            "organisation_id": s.expert.organisation_id,
            "score": s.score,
            "components": s.components,
            "reasons": s.reasons,
            "invitation_id": s.invitation.pk if s.invitation else None,
            "invitation_status": s.invitation.status if s.invitation else None,
        }
        for s in suggest_experts(need)
    ]


@router.post("/matching/needs/{need_id}/invitations", response={201: InvitationOut})
def invite_expert(request, need_id: int, payload: InvitationIn):
    need = access.get(request.user, TechnicalNeed, need_id, Action.MANAGE)
    data = validated(InvitationForm(data=payload.dict(), experts=policy.expert_pool()))
    invitation = services.invite_expert(
        actor=request.user,
        need=need,
        expert=data["expert"],
        message=data["message"],
        **suggestion_for(need, data["expert"]),
    )
    return 201, invitation


@router.get("/matching/invitations", response=list[InvitationOut])
@paginate(PageNumberPagination, page_size=50)
def list_invitations(request, status: str | None = None):
    invitations = access.visible(request.user, ExpertInvitation)
    return invitations.filter(status=status) if status else invitations


@router.post("/matching/invitations/{invitation_id}/respond", response=InvitationOut)
def answer_invitation(request, invitation_id: int, payload: AnswerIn):
    invitation = access.get(request.user, ExpertInvitation, invitation_id, Action.RESPOND)
    data = validated(DecisionForm(data=payload.dict()))
    return services.respond_to_invitation(
        actor=request.user, invitation=invitation, decision=data["decision"], note=data["note"]
    )


@router.post("/matching/invitations/{invitation_id}/withdraw", response=InvitationOut)
def withdraw_invitation(request, invitation_id: int):
    invitation = access.get(request.user, ExpertInvitation, invitation_id)
    access.get(request.user, TechnicalNeed, invitation.need_id, Action.MANAGE)
    return services.withdraw_invitation(actor=request.user, invitation=invitation)
