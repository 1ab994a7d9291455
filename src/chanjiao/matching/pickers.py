"""The matching app's pickers (``chanjiao.web.pickers``): rounds, chosen by name."""

from __future__ import annotations

from chanjiao.accounts.access import visible
from chanjiao.matching.models import MatchingRound
from chanjiao.web.pickers import Picker

ROUNDS = Picker(
    "rounds",
    scope=lambda user: visible(user, MatchingRound),
    search=("name", "organiser__name"),
    label=lambda matching_round: f"{matching_round.name} · {matching_round.organiser.name}",
    related=("organiser",),
    order=("-pk",),
)
