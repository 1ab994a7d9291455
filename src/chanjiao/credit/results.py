"""Core results as JSON for storage: what a stored assessment needs to explain itself later.

Each explanation is kept twice: in English (``explanation``, ``reasons``, ``changes``, ``basis``:
what the API returns and older rows have) and as the facts it is worded from (``facts``,
``condition``, ``reason_facts``, ``change_facts``, ``basis_facts``, ``exit``), which pages word again
in the reader's language (:mod:`chanjiao.credit.explanations`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from chanjiao.core.credit import CriterionResult, EnterpriseYear
from chanjiao.core.incentives import IncentiveEligibility


def records_json(records: tuple[EnterpriseYear, ...]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(record) for record in records]


def _criterion(result: CriterionResult) -> dict[str, Any]:
    return {
        "metric": result.criterion.metric,
        "operator": result.criterion.operator,
        "threshold": result.criterion.threshold,
        "holds": result.holds,
        "explanation": result.explanation,
        "changes_needed": list(result.changes_needed),
        "facts": result.facts,
    }


def rating_json(eligibility: IncentiveEligibility) -> dict[str, Any]:
    """Grades with their criteria, triggered caps, reasons, paths up and the exit rule's facts."""
    rating = eligibility.rating
    return {
        "first_year": rating.first_year,
        "last_year": rating.last_year,
        "grades": [
            {
                "rating": grade.rating,
                "earned": grade.earned,
                "criteria": [_criterion(r) for r in grade.results],
            }
            for grade in rating.grades
        ],
        "caps": [
            {
                "max_rating": check.cap.max_rating,
                "figures": check.condition.figures,
                "condition": check.condition.facts,
                "lift": list(check.lift.changes_needed),
            }
            for check in rating.caps
        ],
        "reasons": list(rating.reasons),
        "reason_facts": list(rating.reason_facts),
        "paths_up": [
            {"rating": path.rating, "changes": list(path.changes), "change_facts": list(path.change_facts)}
            for path in rating.paths_up
        ],
        "exit": eligibility.exit.facts,
    }


def decisions_json(eligibility: IncentiveEligibility) -> list[dict[str, Any]]:
    return [
        {
            "key": decision.key,
            "title": decision.title,
            "granted": decision.granted,
            "basis": list(decision.basis),
            "basis_facts": list(decision.basis_facts),
        }
        for decision in eligibility.decisions
    ]
