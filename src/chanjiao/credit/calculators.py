"""The calculators' answers from validated form data (shared by the page and the API)."""

from __future__ import annotations

from typing import Any

from chanjiao.core.credit import Policy
from chanjiao.core.credit.criteria import percent_text
from chanjiao.core.incentives import InsuranceYear, insurance_line, super_deduction, training_reimbursement
from chanjiao.credit.calculations import line_json
from chanjiao.credit.models import PolicyVersion
from chanjiao.credit.selectors import governing_version
from chanjiao.registry.models import Region


def calculator_policy(region: Region | None) -> tuple[Policy, PolicyVersion | None]:
    """The policy governing ``region``, or the national defaults where none is recorded."""
    version = governing_version(region) if region is not None else None
    return (version.policy, version) if version else (Policy(), None)


def insurance(data: dict[str, Any], policy: Policy) -> dict[str, Any]:
    line = insurance_line(
        InsuranceYear(data["year"], data["premium"], data["claims"]),
        finance_tier=data["finance_tier"],
        is_sme=data["is_sme"],
        policy=policy,
    )
    return {**line_json(line), "policy_version": policy.version}


def deduction(data: dict[str, Any], policy: Policy) -> dict[str, Any]:
    result = super_deduction(dict(data["costs"]), policy)
    return {
        "lines": [
            {
                "category": line.category,
                "cost": str(line.cost),
                "rate": percent_text(line.rate),
                "deduction": str(line.deduction),
                "extra_deduction": str(line.extra_deduction),
            }
            for line in result.lines
        ],
        "total_cost": str(result.total_cost),
        "total_deduction": str(result.total_deduction),
        "extra_deduction": str(result.extra_deduction),
        "tax_saving": str(result.tax_saving),
        "policy_version": result.policy_version,
    }


def training(data: dict[str, Any], policy: Policy) -> dict[str, Any]:
    result = training_reimbursement(
        data["training_cost"], policy, reimbursed_this_year=data.get("reimbursed_this_year") or 0
    )
    return {
        "training_cost": str(result.training_cost),
        "rate": percent_text(result.rate),
        "reimbursed": str(result.reimbursed),
        "enterprise_pays": str(result.enterprise_pays),
        "capped": result.capped,
        "policy_version": result.policy_version,
    }
