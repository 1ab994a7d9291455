"""Placement rounds: stable matching of students to internship and apprenticeship seats."""

from chanjiao.core.matching.applicants import ApplicantIndex, build_applicant_index
from chanjiao.core.matching.deferred_acceptance import deferred_acceptance
from chanjiao.core.matching.eligibility import (
    CERTIFICATES,
    OTHER,
    PROGRAM,
    REGION,
    YEAR,
    EligibleChoices,
    SeatRequirements,
    StudentProfiles,
    eligibility_failures,
    eligible_for_open_seats,
    failed_requirement_names,
    pack_flags,
    remove_ineligible,
)
from chanjiao.core.matching.explain import ChoiceExplanation, StudentExplanation, explain_student
from chanjiao.core.matching.lottery import (
    Lottery,
    draw_lottery,
    position_rank_from_scores,
    strict_position_rank,
    tiers_from_scores,
)
from chanjiao.core.matching.occupation_fit import csco_similarity, occupation_fit_matrix
from chanjiao.core.matching.report import (
    SEAT_REASONS,
    STUDENT_REASONS,
    PositionGroupSummary,
    RoundReport,
    StudentGroupSummary,
    round_report,
)
from chanjiao.core.matching.result import Assignment, MatchingResult, WelfareResult
from chanjiao.core.matching.scores import ENTERPRISE_WEIGHTS, ScoreBreakdown, enterprise_scores
from chanjiao.core.matching.stability import BlockingPairs, StabilityReport, blocking_pairs, stability_check
from chanjiao.core.matching.student_rankings import STUDENT_WEIGHTS, DerivedChoices, derive_student_choices
from chanjiao.core.matching.validation import validate_instance
from chanjiao.core.matching.welfare import welfare_optimal

__all__ = [
    "CERTIFICATES",
    "ENTERPRISE_WEIGHTS",
    "OTHER",
    "PROGRAM",
    "REGION",
    "STUDENT_WEIGHTS",
    "YEAR",
    "SEAT_REASONS",
    "STUDENT_REASONS",
    "ApplicantIndex",
    "Assignment",
    "BlockingPairs",
    "ChoiceExplanation",
    "DerivedChoices",
    "EligibleChoices",
    "Lottery",
    "MatchingResult",
    "PositionGroupSummary",
    "RoundReport",
    "ScoreBreakdown",
    "SeatRequirements",
    "StabilityReport",
    "StudentExplanation",
    "StudentGroupSummary",
    "StudentProfiles",
    "WelfareResult",
    "blocking_pairs",
    "build_applicant_index",
    "csco_similarity",
    "deferred_acceptance",
    "derive_student_choices",
    "draw_lottery",
    "eligibility_failures",
    "enterprise_scores",
    "explain_student",
    "eligible_for_open_seats",
    "failed_requirement_names",
    "occupation_fit_matrix",
    "pack_flags",
    "position_rank_from_scores",
    "remove_ineligible",
    "round_report",
    "stability_check",
    "strict_position_rank",
    "tiers_from_scores",
    "validate_instance",
    "welfare_optimal",
]
