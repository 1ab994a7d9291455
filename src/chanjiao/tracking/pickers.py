"""Pickers of the curriculum and training forms (``chanjiao.web.pickers``)."""

from __future__ import annotations

from django.db.models import Q

from chanjiao.accounts.access import actor_of, visible
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Carrier, CarrierMember, Teacher
from chanjiao.registry.pickers import MENTOR_KINDS
from chanjiao.web.pickers import Picker


def cooperating_mentors(user):
    """The mentors the user may see, and, for a school's representative, the mentors of the
    enterprises that cooperate with the school: hosts of its students' placements and fellow
    members of its carriers. A school names them as co-developers and trainers; it never lists
    the mentors of an enterprise it does not work with."""
    mentors = Teacher.objects.filter(kind__in=MENTOR_KINDS)
    allowed = Q(pk__in=visible(user, Teacher).values("pk"))
    actor = actor_of(user)
    if actor is not None and actor.represents is not None:
        school = actor.represents
        carriers = Carrier.objects.filter(Q(lead_id=school) | Q(memberships__organisation_id=school))
        allowed |= Q(
            organisation__in=Placement.objects.filter(student__school_id=school).values("enterprise_id")
        )
        allowed |= Q(
            organisation__in=CarrierMember.objects.filter(carrier__in=carriers.values("pk")).values(
                "organisation_id"
            )
        )
    return mentors.filter(allowed)


COOPERATING_MENTORS = Picker(
    "cooperating-mentors",
    scope=cooperating_mentors,
    search=("name", "organisation__name"),
    label=lambda mentor: f"{mentor.name} · {mentor.organisation.name}",
    related=("organisation",),
    order=("name", "pk"),
    forward={"organisation": "organisation_id"},
)
