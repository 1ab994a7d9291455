"""Who sees and changes agreements and council business.

- Agreements: seen by the parties' representatives, officers whose region contains the
  agreement's region, and administrators; changed (amended, signed, exited) by the parties.
- Councils: their composition is public to signed-in users (the carrier page already shows
  seats). Meetings, motions, votes and results are seen only by representatives of the carrier's
  member organisations (and administrators): 404 for everyone else. The lead organisation
  schedules meetings, writes minutes, proposes and closes motions; members with seats vote.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from chanjiao.accounts.legacy_access import get_visible, in_scope, scope_path
from chanjiao.accounts.models import User
from chanjiao.credit.access import REPRESENTATIVE_ROLES, acts_for
from chanjiao.governance.models import Agreement, Council, Meeting, Motion
from chanjiao.registry.models import Carrier, CarrierMember, Organisation


def visible_agreements(user: User) -> QuerySet[Agreement]:
    agreements = Agreement.objects.select_related("region", "carrier")
    if user.is_platform_admin:
        return agreements
    path = scope_path(user)
    if path:
        return agreements.filter(region__path__startswith=path)
    if user.organisation_id and user.role in REPRESENTATIVE_ROLES:
        return agreements.filter(party_rows__organisation_id=user.organisation_id)
    return agreements.none()


def party_of(user: User, agreement: Agreement) -> Organisation | None:
    """The organisation the user acts for, when it is a party to the agreement."""
    if user.organisation_id and user.role in REPRESENTATIVE_ROLES:
        row = (
            agreement.party_rows.filter(organisation_id=user.organisation_id)
            .select_related("organisation")
            .first()
        )
        return row.organisation if row else None
    return None


def access_agreement(user: User, pk, *, as_party: bool = False) -> Agreement:
    agreement = get_visible(visible_agreements(user), pk)
    if as_party and party_of(user, agreement) is None:
        raise PermissionDenied("Only a party to the agreement may do this.")
    return agreement


def can_create_agreement(user: User) -> bool:
    return bool(user.organisation_id) and user.role in REPRESENTATIVE_ROLES


# -- councils ------------------------------------------------------------------------------------


def visible_councils(user: User) -> QuerySet[Council]:
    return Council.objects.select_related("carrier", "carrier__region", "carrier__lead")


def is_member(user: User, council: Council) -> bool:
    if user.is_platform_admin:
        return True
    if not user.organisation_id or user.role not in REPRESENTATIVE_ROLES:
        return False
    return CarrierMember.objects.filter(
        carrier_id=council.carrier_id, organisation_id=user.organisation_id
    ).exists()


def can_manage(user: User, council: Council) -> bool:
    return user.is_platform_admin or acts_for(user, council.carrier.lead)


def voting_member(user: User, council: Council) -> CarrierMember | None:
    """The membership the user votes for: their organisation's, when it holds council seats."""
    if not user.organisation_id or user.role not in REPRESENTATIVE_ROLES:
        return None
    return (
        CarrierMember.objects.filter(
            carrier_id=council.carrier_id, organisation_id=user.organisation_id, council_seats__gt=0
        )
        .select_related("organisation")
        .first()
    )


def access_council(user: User, pk, *, manage: bool = False) -> Council:
    council = get_visible(visible_councils(user), pk)
    if manage and not can_manage(user, council):
        raise PermissionDenied("Only the carrier's lead organisation runs its council's business.")
    return council


def can_constitute(user: User, carrier: Carrier) -> bool:
    return in_scope(user, carrier.region) or acts_for(user, carrier.lead)


def access_meeting(user: User, pk, *, manage: bool = False) -> Meeting:
    meeting = get_visible(Meeting.objects.select_related("council", "council__carrier"), pk)
    if not is_member(user, meeting.council):
        raise Http404(f"No meeting with id {pk} is visible to you.")
    if manage and not can_manage(user, meeting.council):
        raise PermissionDenied("Only the carrier's lead organisation runs its council's business.")
    return meeting


def visible_motions(user: User) -> QuerySet[Motion]:
    """Motions of councils whose carrier the user's organisation is a member of."""
    motions = Motion.objects.select_related("meeting", "meeting__council")
    if user.is_platform_admin:
        return motions
    if not user.organisation_id or user.role not in REPRESENTATIVE_ROLES:
        return motions.none()
    member_carriers = CarrierMember.objects.filter(organisation_id=user.organisation_id).values("carrier_id")
    return motions.filter(meeting__council__carrier_id__in=member_carriers)


def access_motion(user: User, pk, *, manage: bool = False) -> Motion:
    motion = get_visible(Motion.objects.select_related("meeting", "meeting__council", "policy"), pk)
    if not is_member(user, motion.meeting.council):
        raise Http404(f"No motion with id {pk} is visible to you.")
    if manage and not can_manage(user, motion.meeting.council):
        raise PermissionDenied("Only the carrier's lead organisation runs its council's business.")
    return motion
