"""Placements, matching rounds and expert invitations."""

from chanjiao.matching.models.experts import ExpertInvitation, InvitationStatus
from chanjiao.matching.models.placements import (
    InternshipStage,
    Placement,
    PlacementKind,
    PlacementSource,
    PlacementStatus,
)
from chanjiao.matching.models.rounds import (
    MAIN,
    SCRAMBLE,
    CandidateRank,
    MatchingRound,
    Offer,
    RankingMode,
    RegionRule,
    Response,
    RoundPosition,
    RoundRun,
    RoundStatus,
    RoundStudent,
    Stage,
    StudentChoice,
)

__all__ = [
    "MAIN",
    "SCRAMBLE",
    "CandidateRank",
    "ExpertInvitation",
    "InternshipStage",
    "InvitationStatus",
    "MatchingRound",
    "Offer",
    "Placement",
    "PlacementKind",
    "PlacementSource",
    "PlacementStatus",
    "RankingMode",
    "RegionRule",
    "Response",
    "RoundPosition",
    "RoundRun",
    "RoundStatus",
    "RoundStudent",
    "Stage",
    "StudentChoice",
]
