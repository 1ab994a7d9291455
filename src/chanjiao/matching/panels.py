"""The home page's matching section: what each user has to do in rounds and expert matching.

- a student: rounds they take part in, whether their list is in, their result and offers;
- an enterprise: rounds with its positions, candidates to rank, offers to answer; invitations
  it sent that were answered;
- a coordinator (bureau or school office): its rounds and their status;
- a teacher or researcher: invitations to technical needs awaiting an answer.
"""

from __future__ import annotations

from django.db.models import Q

from chanjiao.accounts.models import Role
from chanjiao.matching.access import visible_invitations, visible_rounds
from chanjiao.matching.models import InvitationStatus, Offer, Response, RoundStatus

SHOWN = 5
ACTIVE = (RoundStatus.RANKING, RoundStatus.MATCHED, RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)


def home_panel(request):
    user = request.user
    rounds = list(visible_rounds(user).filter(status__in=ACTIVE)[:SHOWN])
    panel = {"rounds": rounds, "role": user.role}
    if user.role == Role.STUDENT:
        panel["pending_offers"] = (
            Offer.objects.filter(
                participant__student__user=user,
                student_response=Response.PENDING,
                round__status__in=(RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE),
            )
            .exclude(enterprise_response=Response.DECLINED)
            .count()
        )
    if user.role == Role.ENTERPRISE and user.organisation_id:
        panel["pending_offers"] = (
            Offer.objects.filter(
                position__enterprise_id=user.organisation_id,
                enterprise_response=Response.PENDING,
                round__status__in=(RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE),
            )
            .exclude(student_response=Response.DECLINED)
            .count()
        )
    concerning = Q(expert__user=user, status=InvitationStatus.PENDING)
    if user.role == Role.ENTERPRISE and user.organisation_id:
        concerning |= Q(need__enterprise_id=user.organisation_id)
    panel["invitations"] = list(visible_invitations(user).filter(concerning)[:SHOWN])
    if not rounds and not panel["invitations"] and not panel.get("pending_offers"):
        return None
    return "matching/_home_panel.html", panel
