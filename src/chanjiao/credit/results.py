"""Core results as JSON for storage: what a stored assessment needs to explain itself later."""

from __future__ import annotations

import dataclasses
from typing import Any

from chanjiao.core.credit import CreditRating, CriterionResult, EnterpriseYear
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
    }


def rating_json(rating: CreditRating) -> dict[str, Any]:
    """Grades with their criteria, triggered caps, reasons and paths up."""
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
                "lift": list(check.lift.changes_needed),
            }
            for check in rating.caps
        ],
        "reasons": list(rating.reasons),
        "paths_up": [{"rating": path.rating, "changes": list(path.changes)} for path in rating.paths_up],
    }


def decisions_json(eligibility: IncentiveEligibility) -> list[dict[str, Any]]:
    return [
        {
            "key": decision.key,
            "title": decision.title,
            "granted": decision.granted,
            "basis": list(decision.basis),
        }
        for decision in eligibility.decisions
    ]
