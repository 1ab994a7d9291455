"""Who may do what with placements, matching rounds and expert invitations (read by
``chanjiao.accounts.access``).

Placements: the student, their school, the host enterprise and officers in scope see them; the
student's school records them. Rounds: the coordinator (the organising bureau or school office)
manages its rounds; officers whose region covers a round oversee it. Everyone else sees their own
side: a student their list and result, an enterprise its positions and offers, a school its own
students' lists and results; offers reach the parties once the results are published. Expert
invitations: the need's enterprise and officers in scope; the invited expert answers their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Officer, Rep, Self, Via, Where, declare
from chanjiao.matching.models import (
    ExpertInvitation,
    MatchingRound,
    Offer,
    Placement,
    Response,
    RoundPosition,
    RoundStatus,
    RoundStudent,
    StudentChoice,
)
from chanjiao.registry.models import Organisation, OrgKind, Teacher

RESULTS_PUBLIC = (RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE, RoundStatus.CLOSED)
COORDINATOR_KINDS = (OrgKind.GOVERNMENT, OrgKind.SCHOOL)

declare(
    Placement,
    related=("student", "student__school", "student__program", "enterprise"),
    view=[
        Self("student__user"),
        Rep("student__school", "enterprise"),
        Officer("student__school__region", "enterprise__region"),
    ],
    create=[Rep("student__school")],
    change=[Rep("student__school")],
)


def _taking_part(actor):
    """Rounds a user takes part in: as a student in it, the school of students in it, or an
    enterprise with positions in it."""
    condition = Q(Exists(RoundStudent.objects.filter(round=OuterRef("pk"), student__user_id=actor.user_id)))
    if actor.represents and actor.organisation_kind == OrgKind.SCHOOL:
        condition |= Q(
            Exists(RoundStudent.objects.filter(round=OuterRef("pk"), student__school_id=actor.represents))
        )
    if actor.represents and actor.organisation_kind == OrgKind.ENTERPRISE:
        condition |= Q(
            Exists(RoundPosition.objects.filter(round=OuterRef("pk"), enterprise_id=actor.represents))
        )
    return condition


declare(
    MatchingRound,
    related=("organiser", "region"),
    view=[Officer("region"), Rep("organiser"), Where(_taking_part, _("those taking part in it"))],
    create=[Rep("organiser", kinds=COORDINATOR_KINDS)],
    manage=[Rep("organiser", kinds=COORDINATOR_KINDS)],
)
declare(
    RoundPosition,
    related=("enterprise", "occupation", "posting"),
    view=[Via("round")],
    rank=[Rep("enterprise")],
    change=[Via("round", Action.MANAGE)],
)


def _candidate_of(actor):
    """Participants who listed one of the enterprise's positions or hold an offer from it."""
    if not actor.represents or actor.organisation_kind != OrgKind.ENTERPRISE:
        return None
    return Q(
        Exists(
            StudentChoice.objects.filter(participant=OuterRef("pk"), position__enterprise_id=actor.represents)
        )
    ) | Q(Exists(Offer.objects.filter(participant=OuterRef("pk"), position__enterprise_id=actor.represents)))


PARTICIPANT_SEE = [
    Officer("round__region"),
    Rep("round__organiser", "student__school"),
    Self("student__user"),
]
declare(
    RoundStudent,
    related=("student", "student__school", "student__program"),
    view=PARTICIPANT_SEE,
    # the candidate profile (program, exams, assessments, training logs): also the enterprises
    # the student applied to in the round or got an offer from
    view_private=[
        *PARTICIPANT_SEE,
        Where(_candidate_of, _("the enterprises whose positions the student listed")),
    ],
    rank=[Self("student__user")],
    personal=[Action.RANK],
)
PUBLISHED = Q(round__status__in=RESULTS_PUBLIC)
declare(
    Offer,
    related=(
        "participant__student__school",
        "participant__student__program",
        "position__enterprise",
        "placement",
    ),
    view=[
        Officer("round__region"),
        Rep("round__organiser"),
        Self("participant__student__user", when=PUBLISHED),
        Rep("participant__student__school", "position__enterprise", when=PUBLISHED),
    ],
    respond=[Self("participant__student__user", when=PUBLISHED), Rep("position__enterprise", when=PUBLISHED)],
    personal=[Action.RESPOND],
)
declare(
    ExpertInvitation,
    related=("need__enterprise", "expert__organisation"),
    view=[Self("expert__user"), Officer("need__region"), Rep("need__enterprise")],
    create=[Rep("need__enterprise"), Officer("need__region")],
    respond=[Self("expert__user")],
    personal=[Action.RESPOND],
)


# -- what part of a round a user sees -----------------------------------------------------------


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


def round_side(user, rnd: MatchingRound) -> RoundSide:
    actor = access.actor_of(user)
    manage = access.allows(user, Action.MANAGE, rnd)
    represents = actor.represents if actor else None
    kind = actor.organisation_kind if actor else None
    return RoundSide(
        manage=manage,
        oversee=manage or bool(actor and actor.governs and rnd.region.path.startswith(actor.governs)),
        school_id=represents if kind == OrgKind.SCHOOL and represents != rnd.organiser_id else None,
        enterprise_id=represents if kind == OrgKind.ENTERPRISE else None,
        participant=RoundStudent.objects.filter(round=rnd, student__user=user)
        .select_related("student", "student__school", "student__program")
        .first(),
    )


def participant_of(user, rnd: MatchingRound) -> RoundStudent:
    """The user's own place in a round; PermissionDenied for anyone else who sees the round."""
    participant = round_side(user, rnd).participant
    if participant is None:
        raise PermissionDenied(access.refusal(Action.RANK, RoundStudent))
    return participant


def offer_party(user, offer: Offer) -> str | None:
    """Which party of an offer the user answers for: "student", "enterprise" or None."""
    if offer.participant.student.user_id == user.pk:
        return "student"
    actor = access.actor_of(user)
    if actor and actor.represents == offer.position.enterprise_id:
        return "enterprise"
    return None


def offers_awaiting(user, rnd: MatchingRound) -> QuerySet[Offer]:
    """The round's offers the user may answer and has not yet: as the student, or for the
    position's enterprise; none declined by the other party."""
    actor = access.actor_of(user)
    mine = Q(participant__student__user_id=user.pk, student_response=Response.PENDING)
    if actor and actor.represents:
        mine |= Q(position__enterprise_id=actor.represents, enterprise_response=Response.PENDING)
    return (
        access.visible(user, Offer, Action.RESPOND)
        .filter(round=rnd)
        .filter(mine)
        .exclude(student_response=Response.DECLINED)
        .exclude(enterprise_response=Response.DECLINED)
        .select_related("participant__student", "position__enterprise")
        .order_by("position__title", "participant__student__name", "pk")
    )


def organiser_for(user) -> Organisation | None:
    """The organisation a user opens rounds for: the bureau or school office it represents."""
    return (
        access.options(user, MatchingRound, "organiser").filter(users=user).select_related("region").first()
    )


def expert_pool() -> QuerySet[Teacher]:
    """College teachers and researchers: who may be invited to a technical need."""
    return Teacher.objects.filter(organisation__kind__in=[OrgKind.SCHOOL, OrgKind.RESEARCH]).select_related(
        "organisation"
    )


def may_recommend_for(user, organisation: Organisation) -> bool:
    """Partner suggestions for a school or an enterprise: its representatives, officers in scope."""
    return organisation.kind in (OrgKind.SCHOOL, OrgKind.ENTERPRISE) and access.allows(
        user, Action.CHANGE, organisation
    )
