"""The matching app's pickers (``chanjiao.web.pickers``): rounds, chosen by name."""

from __future__ import annotations

from chanjiao.accounts.access import visible
from chanjiao.matching.models import MatchingRound
from chanjiao.matching.policy import expert_pool
from chanjiao.registry.models import Teacher
from chanjiao.web.pickers import Picker

ROUNDS = Picker(
    "rounds",
    scope=lambda user: visible(user, MatchingRound),
    search=("name", "organiser__name"),
    label=lambda matching_round: f"{matching_round.name} · {matching_round.organiser.name}",
    related=("organiser",),
    order=("-pk",),
)
EXPERTS = Picker(
    "experts",
    # college teachers and researchers are invited to technical needs by whoever owns one
    scope=lambda user: expert_pool() if user is not None else Teacher.objects.none(),
    search=("name", "organisation__name", "expertise"),
    label=lambda expert: f"{expert.name} · {expert.organisation.name}",
    related=("organisation",),
    order=("name", "pk"),
)
