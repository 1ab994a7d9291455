"""Who sees and changes placements, matching rounds and expert invitations.

Placements: the student, their school, the host enterprise and officers in scope see them; the
student's school records them.

Rounds: the coordinator (the organising bureau or school office) manages its rounds; officers
whose region covers a round and platform admins oversee it (read everything). Everyone else
sees only their own side: a student their list and result, an enterprise its positions, its
candidates and its offers, a school its own students' lists and results. Positions are
published postings, visible to everyone who sees the round.

Expert invitations: the need's enterprise (and officers in scope) invite and see them; the
invited expert sees and answers their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from chanjiao.accounts.legacy_access import (
    get_visible,
    in_scope,
    schools_for_students,
    scope_path,
    visible_students,
)
from chanjiao.accounts.models import Role, User
from chanjiao.matching.models import (
    ExpertInvitation,
    MatchingRound,
    Offer,
    Placement,
    RoundPosition,
    RoundStatus,
    RoundStudent,
)
from chanjiao.registry.models import Organisation, OrgKind, Teacher

COORDINATOR_ROLES = (Role.GOVERNMENT, Role.SCHOOL)
RESULTS_PUBLIC = (RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE, RoundStatus.CLOSED)


# -- placements -----------------------------------------------------------------------------


def visible_placements(user: User) -> QuerySet[Placement]:
    placements = Placement.objects.select_related(
        "student", "student__school", "student__program", "enterprise"
    )
    if user.is_platform_admin:
        return placements
    path = scope_path(user)
    if path:
        return placements.filter(
            Q(student__school__region__path__startswith=path) | Q(enterprise__region__path__startswith=path)
        )
    condition = Q(student__user=user)
    if user.organisation_id and user.role == Role.SCHOOL:
        condition |= Q(student__school_id=user.organisation_id)
    if user.organisation_id and user.role == Role.ENTERPRISE:
        condition |= Q(enterprise_id=user.organisation_id)
    return placements.filter(condition)


def can_record_placement_for(user: User, student) -> bool:
    """Placements entered directly are the student's school's record."""
    return user.is_platform_admin or (user.role == Role.SCHOOL and user.organisation_id == student.school_id)


def access_placement(user: User, pk, *, edit: bool = False) -> Placement:
    placement = get_visible(visible_placements(user), pk)
    if edit and not can_record_placement_for(user, placement.student):
        raise PermissionDenied("Only the student's school changes a placement record.")
    return placement


def students_user_can_place(user: User):
    """Students whose placements a user records: a school's own students (any for an admin)."""
    return visible_students(user).filter(school__in=schools_for_students(user))


# -- rounds ---------------------------------------------------------------------------------


def organiser_for(user: User) -> Organisation | None:
    """The organisation a user opens rounds for: their own education bureau or school."""
    kind = {Role.GOVERNMENT: OrgKind.GOVERNMENT, Role.SCHOOL: OrgKind.SCHOOL}.get(user.role)
    if kind is None or not user.organisation_id:
        return None
    return Organisation.objects.select_related("region").filter(pk=user.organisation_id, kind=kind).first()


def visible_rounds(user: User) -> QuerySet[MatchingRound]:
    rounds = MatchingRound.objects.select_related("organiser", "region")
    if user.is_platform_admin:
        return rounds
    condition = Q(pk__in=[])
    path = scope_path(user)
    if path:
        condition |= Q(region__path__startswith=path)
    organisation = user.organisation_id
    if organisation and user.role in COORDINATOR_ROLES:
        condition |= Q(organiser_id=organisation)
    if organisation and user.role == Role.SCHOOL:
        condition |= Q(
            Exists(RoundStudent.objects.filter(round=OuterRef("pk"), student__school_id=organisation))
        )
    if organisation and user.role == Role.ENTERPRISE:
        condition |= Q(Exists(RoundPosition.objects.filter(round=OuterRef("pk"), enterprise_id=organisation)))
    condition |= Q(Exists(RoundStudent.objects.filter(round=OuterRef("pk"), student__user=user)))
    return rounds.filter(condition)


def can_manage_round(user: User, rnd: MatchingRound) -> bool:
    return user.is_platform_admin or (
        user.role in COORDINATOR_ROLES and user.organisation_id == rnd.organiser_id
    )


@dataclass(frozen=True)
class RoundSide:
    """What part of a round a user sees."""

    manage: bool
    oversee: bool
    school_id: int | None
    enterprise_id: int | None
    participant: RoundStudent | None

    @property
    def sees_report(self) -> bool:
        return self.oversee or self.school_id is not None or self.enterprise_id is not None


def round_side(user: User, rnd: MatchingRound) -> RoundSide:
    manage = can_manage_round(user, rnd)
    own = user.organisation_id
    return RoundSide(
        manage=manage,
        oversee=manage or in_scope(user, rnd.region),
        school_id=own if user.role == Role.SCHOOL and own != rnd.organiser_id else None,
        enterprise_id=own if user.role == Role.ENTERPRISE else None,
        participant=RoundStudent.objects.filter(round=rnd, student__user=user)
        .select_related("student", "student__school", "student__program")
        .first(),
    )


def access_round(user: User, pk, *, manage: bool = False) -> MatchingRound:
    rnd = get_visible(visible_rounds(user), pk)
    if manage and not can_manage_round(user, rnd):
        raise PermissionDenied("Only the round's coordinator changes it.")
    return rnd


def can_rank_position(user: User, position: RoundPosition) -> bool:
    return user.is_platform_admin or (
        user.role == Role.ENTERPRISE and user.organisation_id == position.enterprise_id
    )


def access_position(
    user: User, rnd: MatchingRound, pk, *, rank: bool = False, edit: bool = False
) -> RoundPosition:
    """A position of a visible round; ``rank``: its enterprise ranks candidates; ``edit``: the
    coordinator changes its seats and requirements."""
    position = get_visible(rnd.positions.select_related("enterprise", "occupation", "posting"), pk)
    if rank and not (
        user.is_platform_admin
        or (user.role == Role.ENTERPRISE and user.organisation_id == position.enterprise_id)
    ):
        raise PermissionDenied("Only the position's enterprise ranks its candidates.")
    if edit and not can_manage_round(user, rnd):
        raise PermissionDenied("Only the round's coordinator changes a position's seats and requirements.")
    return position


def participant_of(user: User, rnd: MatchingRound) -> RoundStudent:
    """The user's own place in a round; PermissionDenied for anyone else who sees the round."""
    participant = round_side(user, rnd).participant
    if participant is None:
        raise PermissionDenied("Only students taking part in the round rank its positions.")
    return participant


def visible_participants(user: User, rnd: MatchingRound) -> QuerySet[RoundStudent]:
    participants = rnd.participants.select_related("student", "student__school", "student__program")
    side = round_side(user, rnd)
    if side.oversee:
        return participants
    if side.school_id is not None:
        return participants.filter(student__school_id=side.school_id)
    return participants.filter(student__user=user)


def visible_offers(user: User, rnd: MatchingRound) -> QuerySet[Offer]:
    """Offers of a round: the coordinator sees them once matched; the parties once published."""
    offers = Offer.objects.filter(round=rnd).select_related(
        "participant__student__school", "participant__student__program", "position__enterprise", "placement"
    )
    side = round_side(user, rnd)
    if side.oversee:
        return offers
    if rnd.status not in RESULTS_PUBLIC:
        return offers.none()
    condition = Q(participant__student__user=user)
    if side.school_id is not None:
        condition |= Q(participant__student__school_id=side.school_id)
    if side.enterprise_id is not None:
        condition |= Q(position__enterprise_id=side.enterprise_id)
    return offers.filter(condition)


def offer_party(user: User, offer: Offer) -> str | None:
    """Which party of an offer the user answers for: "student", "enterprise" or None."""
    if offer.participant.student.user_id == user.pk:
        return "student"
    if user.role == Role.ENTERPRISE and user.organisation_id == offer.position.enterprise_id:
        return "enterprise"
    return None


def access_offer(user: User, pk, *, respond: bool = False) -> Offer:
    offer = get_visible(
        Offer.objects.select_related("round", "participant__student", "position__enterprise", "placement"), pk
    )
    if not visible_offers(user, offer.round).filter(pk=offer.pk).exists():
        raise Http404(f"No offer with id {pk} is visible to you.")
    if respond and offer_party(user, offer) is None:
        raise PermissionDenied("Only the student and the enterprise of an offer answer it.")
    return offer


# -- partner recommendation -------------------------------------------------------------------


def can_recommend_for(user: User, organisation: Organisation) -> bool:
    """Suggestions for a school or an enterprise: its own users, officers in scope, admins."""
    if organisation.kind not in (OrgKind.SCHOOL, OrgKind.ENTERPRISE):
        return False
    own = user.organisation_id == organisation.pk and user.role in (Role.SCHOOL, Role.ENTERPRISE)
    return own or in_scope(user, organisation.region)


# -- expert invitations -----------------------------------------------------------------------


def expert_pool() -> QuerySet[Teacher]:
    """College teachers and researchers: who may be invited to a technical need."""
    return Teacher.objects.filter(organisation__kind__in=[OrgKind.SCHOOL, OrgKind.RESEARCH]).select_related(
        "organisation"
    )


def visible_invitations(user: User) -> QuerySet[ExpertInvitation]:
    invitations = ExpertInvitation.objects.select_related("need__enterprise", "expert__organisation")
    if user.is_platform_admin:
        return invitations
    condition = Q(expert__user=user)
    path = scope_path(user)
    if path:
        condition |= Q(need__region__path__startswith=path)
    if user.role == Role.ENTERPRISE and user.organisation_id:
        condition |= Q(need__enterprise_id=user.organisation_id)
    return invitations.filter(condition)


def access_invitation(user: User, pk, *, respond: bool = False) -> ExpertInvitation:
    invitation = get_visible(visible_invitations(user), pk)
    if respond and invitation.expert.user_id != user.pk:
        raise PermissionDenied("Only the invited expert answers an invitation.")
    return invitation
