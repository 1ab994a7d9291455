"""Every matching write: verb-named, keyword-only, atomic, recording who did it."""

from chanjiao.matching.services.experts import invite_expert, respond_to_invitation, withdraw_invitation
from chanjiao.matching.services.placements import record_placement, update_placement
from chanjiao.matching.services.results import (
    close_round,
    open_scramble,
    publish_round,
    respond_to_offer,
    respond_to_offers,
)
from chanjiao.matching.services.rounds import (
    allow_run,
    check_can_run,
    open_round,
    set_candidate_ranking,
    set_student_choices,
    start_round_run,
    update_position,
    update_round,
)
from chanjiao.matching.services.run import run_round

__all__ = [
    "allow_run",
    "check_can_run",
    "close_round",
    "invite_expert",
    "open_round",
    "open_scramble",
    "publish_round",
    "record_placement",
    "respond_to_invitation",
    "respond_to_offer",
    "respond_to_offers",
    "run_round",
    "set_candidate_ranking",
    "set_student_choices",
    "start_round_run",
    "update_placement",
    "update_position",
    "update_round",
    "withdraw_invitation",
]
