"""The round report as stored with a run: figures, reasons, per school and per enterprise, the
stability proof and the two alternatives a coordinator compares the result with."""

from __future__ import annotations

from typing import Any

import numpy as np

from chanjiao.core.matching import (
    SEAT_REASONS,
    STUDENT_REASONS,
    Assignment,
    MatchingResult,
    RoundReport,
    StabilityReport,
    WelfareResult,
)
from chanjiao.matching.instance import RoundInstance
from chanjiao.registry.models import Organisation

LISTED_BLOCKING_PAIRS = 50


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _choice_shares(instance: RoundInstance, result: Assignment) -> dict[str, Any]:
    own = instance.eligible.original_choice_index(result.choice_index)
    n_students = own.shape[0]
    return {
        "matched": result.n_matched,
        "match_rate": _share(result.n_matched, n_students),
        "rank_sum": result.rank_sum,
        "first_choice_share": _share(int(np.count_nonzero(own == 0)), n_students),
        "top3_share": _share(int(np.count_nonzero((own >= 0) & (own < 3))), n_students),
    }


def _names(ids) -> dict[Any, str]:
    return dict(Organisation.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def build_report(
    instance: RoundInstance,
    result: MatchingResult,
    report: RoundReport,
    stability: StabilityReport,
    welfare: WelfareResult,
    positions_propose: MatchingResult,
    seconds: dict[str, float],
) -> dict[str, Any]:
    """A JSON document of everything the report page and the API show about one run."""
    tables = instance.tables
    participant_ids = [c.pk for c in tables.candidates]
    position_ids = [s.pk for s in tables.seats]
    pairs = stability.blocking_pairs
    schools = _names(group.label for group in report.by_student_group)
    enterprises = _names(group.label for group in report.by_position_group)
    changed_by_proposing_side = int(np.count_nonzero(positions_propose.assignment != result.assignment))
    return {
        "students": report.n_students,
        "lists_submitted": instance.lists_submitted,
        "matched": report.n_matched,
        "match_rate": report.match_rate,
        "seats": report.seats,
        "seats_filled": report.seats_filled,
        "seat_fill_rate": report.seat_fill_rate,
        "first_choice_share": report.first_choice_share,
        "top3_share": report.top3_share,
        "rank_sum": result.rank_sum,
        "proposals": result.n_proposals,
        "unmatched_by_reason": {
            reason: int(np.count_nonzero(report.unmatched_reasons == reason)) for reason in STUDENT_REASONS
        },
        "unfilled_seats_by_reason": {
            reason: int(report.unfilled_seats[report.unfilled_reasons == reason].sum())
            for reason in SEAT_REASONS
        },
        "stability": {
            "stable": stability.is_stable,
            "blocking_pairs": len(pairs),
            "pairs": [
                {
                    "participant": participant_ids[int(student)],
                    "position": position_ids[int(position)],
                    "choice_number": int(k) + 1,
                }
                for student, position, k in zip(
                    pairs.students[:LISTED_BLOCKING_PAIRS],
                    pairs.positions[:LISTED_BLOCKING_PAIRS],
                    pairs.choice_index[:LISTED_BLOCKING_PAIRS],
                    strict=True,
                )
            ],
            "over_capacity": [position_ids[int(p)] for p in stability.over_capacity],
            "unlisted": [participant_ids[int(s)] for s in stability.unlisted],
        },
        "welfare_optimal": {
            **_choice_shares(instance, welfare),
            "blocking_pairs": len(welfare.blocking_pairs),
            "students_moved": int(np.count_nonzero(welfare.assignment != result.assignment)),
        },
        "enterprise_proposing": {
            **_choice_shares(instance, positions_propose),
            "students_moved": changed_by_proposing_side,
        },
        "deferred_acceptance": _choice_shares(instance, result),
        "lottery": {"seed": instance.lottery.seed, "digest": instance.lottery.digest},
        "by_school": [
            {
                "school_id": group.label,
                "name": schools.get(group.label, ""),
                "students": group.n_students,
                "matched": group.n_matched,
                "match_rate": group.match_rate,
                "first_choice_share": group.first_choice_share,
                "top3_share": group.top3_share,
                "unmatched_by_reason": group.unmatched_by_reason,
            }
            for group in report.by_student_group
        ],
        "by_enterprise": [
            {
                "enterprise_id": group.label,
                "name": enterprises.get(group.label, ""),
                "positions": group.n_positions,
                "seats": group.seats,
                "seats_filled": group.seats_filled,
                "fill_rate": group.fill_rate,
                "unfilled_seats_by_reason": group.unfilled_seats_by_reason,
            }
            for group in report.by_position_group
        ],
        "seconds": seconds,
    }


def report_for_side(
    document: dict[str, Any], *, school_id: int | None, enterprise_id: int | None
) -> dict[str, Any]:
    """The part of a report a participating school or enterprise sees: its own row only."""
    return {
        "by_school": [row for row in document.get("by_school", []) if row["school_id"] == school_id],
        "by_enterprise": [
            row for row in document.get("by_enterprise", []) if row["enterprise_id"] == enterprise_id
        ],
    }
