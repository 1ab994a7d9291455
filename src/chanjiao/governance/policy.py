"""Who may do what with agreements and council business (read by ``chanjiao.accounts.access``).

- An agreement is its parties' (their representatives') and its officers' (those whose region
  contains the agreement's region). Any organisation's representative drafts one it is party to;
  only the parties amend, sign and exit it, each for itself: an administrator or an officer does
  not sign for a party.
- A council's composition is public to signed-in users. Its business (meetings, motions, votes and
  results) is seen by the representatives of the carrier's lead and member organisations. The
  lead's representatives (or an officer of the carrier's region) constitute the council; the lead
  schedules meetings, writes minutes, puts and closes motions; members holding seats vote, each
  for its own organisation.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Anyone, Officer, Rep, Via, Where, declare
from chanjiao.governance.models import (
    Agreement,
    AgreementParty,
    AgreementRevision,
    AgreementSignature,
    Council,
    Meeting,
    Motion,
    Vote,
)
from chanjiao.registry.models import CarrierMember


def _representatives(actor) -> Q | None:
    return Q() if actor.represents else None


def _seat_holders(actor) -> Q | None:
    """Motions of councils where the actor's organisation holds seats."""
    if not actor.represents:
        return None
    seats = CarrierMember.objects.filter(organisation_id=actor.represents, council_seats__gt=0)
    return Q(meeting__council__carrier__in=seats.values("carrier"))


declare(
    Agreement,
    related=("region", "carrier"),
    personal=[Action.CREATE, Action.CHANGE],
    view=[Rep("parties"), Officer("region")],
    create=[Where(_representatives, _("organisations' representatives"))],
    change=[Rep("parties")],  # amend, sign, exit
)
for part in (AgreementParty, AgreementRevision):
    declare(part, related=("agreement",), view=[Via("agreement")])
declare(AgreementSignature, related=("revision", "organisation"), view=[Via("revision")])

declare(
    Council,
    related=("carrier", "carrier__region", "carrier__lead"),
    view=[Anyone()],
    # its meetings, motions, votes and results
    view_private=[Rep("carrier__lead", "carrier__members")],
    create=[Rep("carrier__lead"), Officer("carrier__region")],
    manage=[Rep("carrier__lead")],
)
declare(
    Meeting,
    related=("council", "council__carrier"),
    view=[Via("council", Action.VIEW_PRIVATE)],
    manage=[Via("council", Action.MANAGE)],
)
declare(
    Motion,
    related=("meeting", "meeting__council", "policy"),
    personal=[Action.RESPOND],
    view=[Via("meeting")],
    manage=[Via("meeting", Action.MANAGE)],
    respond=[Where(_seat_holders, _("members holding council seats"))],  # a vote
)
declare(Vote, related=("motion", "organisation", "cast_by"), view=[Via("motion")])


def party_of(user, agreement: Agreement):
    """The organisation the user amends, signs and exits ``agreement`` for (its own, when it is a
    party), or None."""
    return user.organisation if access.allows(user, Action.CHANGE, agreement) else None


def voting_member(user, motion: Motion) -> CarrierMember:
    """The membership whose seats the user votes with on ``motion``, once the policy let the user
    respond to it (its organisation holds seats on the council)."""
    return CarrierMember.objects.select_related("organisation").get(
        carrier_id=motion.meeting.council.carrier_id,
        organisation_id=user.organisation_id,
        council_seats__gt=0,
    )
