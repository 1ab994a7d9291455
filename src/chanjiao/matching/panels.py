"""The home page's matching section: what each user has to do in rounds and expert matching.

- a student: rounds they take part in, whether their list is in, their result and offers;
- an enterprise: rounds with its positions, candidates to rank, offers to answer; invitations
  it sent that were answered;
- a coordinator (bureau or school office): its rounds and their status;
- a teacher or researcher: invitations to technical needs awaiting an answer.
"""

from __future__ import annotations

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching.models import (
    ExpertInvitation,
    InvitationStatus,
    MatchingRound,
    Offer,
    Response,
    RoundStatus,
)

SHOWN = 5
ACTIVE = (RoundStatus.RANKING, RoundStatus.MATCHED, RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)


def home_panel(request):
    user = request.user
    rounds = list(access.visible(user, MatchingRound).filter(status__in=ACTIVE)[:SHOWN])
    panel = {"rounds": rounds}
    answerable = access.visible(user, Offer, Action.RESPOND).filter(
        round__status__in=(RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)
    )
    own = answerable.filter(participant__student__user=user)
    pending = (
        own.filter(student_response=Response.PENDING).exclude(enterprise_response=Response.DECLINED).count()
    )
    pending += (
        answerable.exclude(participant__student__user=user)
        .filter(enterprise_response=Response.PENDING)
        .exclude(student_response=Response.DECLINED)
        .count()
    )
    if pending:
        panel["pending_offers"] = pending
    invitations = access.visible(user, ExpertInvitation)
    panel["invitations"] = list(
        (
            invitations.filter(expert__user=user, status=InvitationStatus.PENDING)
            | invitations.exclude(expert__user=user).filter(
                need__enterprise_id=access.actor_of(user).represents
            )
        )[:SHOWN]
    )
    if not rounds and not panel["invitations"] and not panel.get("pending_offers"):
        return None
    return "matching/_home_panel.html", panel
