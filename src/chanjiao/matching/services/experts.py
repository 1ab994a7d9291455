"""Expert matching: the enterprise invites, the expert answers; the first acceptance moves the
need to "matched" with that expert (through docking's own service) and closes the others."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import NeedStatus, TechnicalNeed
from chanjiao.docking.services import match_need_with_experts
from chanjiao.matching.models import ExpertInvitation, InvitationStatus
from chanjiao.matching.policy import expert_pool
from chanjiao.matching.services.common import saved_actor
from chanjiao.registry.models import Teacher

DECISIONS = {"accept": InvitationStatus.ACCEPTED, "decline": InvitationStatus.DECLINED}


@transaction.atomic
def invite_expert(
    *,
    actor: User | None,
    need: TechnicalNeed,
    expert: Teacher,
    message: str = "",
    score: float | None = None,
    reasons: Sequence[str] = (),
) -> ExpertInvitation:
    """Invite a college teacher or researcher to work on an open technical need."""
    if need.status != NeedStatus.OPEN:
        raise ValueError(
            _("Only an open need takes invitations; this one is “%(status)s”.")
            % {"status": need.get_status_display()}
        )
    if not expert_pool().filter(pk=expert.pk).exists():
        raise ValueError(_("Invite a college teacher or a researcher."))
    if ExpertInvitation.objects.filter(need=need, expert=expert).exists():
        raise ValueError(_("%(name)s has already been invited to this need.") % {"name": expert.name})
    invitation = ExpertInvitation.objects.create(
        need=need,
        expert=expert,
        message=message.strip(),
        score=score,
        reasons=list(reasons),
        invited_by=saved_actor(actor),
    )
    record_activity(actor=actor, verb="invite_expert", target=need, summary=f"{need.title}: {expert.name}")
    return invitation


@transaction.atomic
def respond_to_invitation(
    *, actor: User | None, invitation: ExpertInvitation, decision: str, note: str = ""
) -> ExpertInvitation:
    """The expert accepts (the need becomes "matched" with them) or declines."""
    if decision not in DECISIONS:
        raise ValueError(_("Answer accept or decline."))
    invitation = (
        ExpertInvitation.objects.select_for_update(of=("self",))
        .select_related("need", "expert")
        .get(pk=invitation.pk)
    )
    if invitation.status != InvitationStatus.PENDING:
        raise ValueError(_("This invitation has already been answered or closed."))
    if decision == "accept":
        if invitation.need.status != NeedStatus.OPEN:
            raise ValueError(_("The need is no longer open; the enterprise has moved on."))
        match_need_with_experts(actor=actor, need=invitation.need, experts=[invitation.expert])
        ExpertInvitation.objects.filter(need=invitation.need, status=InvitationStatus.PENDING).exclude(
            pk=invitation.pk
        ).update(status=InvitationStatus.LAPSED)
    invitation.status = DECISIONS[decision]
    invitation.response_note = note.strip()[:300]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "response_note", "responded_at"])
    record_activity(
        actor=actor, verb=f"{decision}_invitation", target=invitation.need, summary=invitation.expert.name
    )
    return invitation


@transaction.atomic
def withdraw_invitation(*, actor: User | None, invitation: ExpertInvitation) -> ExpertInvitation:
    invitation = ExpertInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ValueError(_("Only an invitation awaiting the expert can be withdrawn."))
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    record_activity(actor=actor, verb="withdraw_invitation", target=invitation.need, summary=str(invitation))
    return invitation
