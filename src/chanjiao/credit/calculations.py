"""Platform records in, core money rules out, JSON-able results back (for storage and the API)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from chanjiao.core.credit import Policy
from chanjiao.core.credit.criteria import percent_text
from chanjiao.core.incentives import (
    Contribution,
    EquityYear,
    InsuranceYear,
    ShareTable,
    insurance_statement,
    proportional_shares,
    shapley_shares,
    technology_equity,
)
from chanjiao.core.incentives.insurance import InsuranceLine, InsuranceStatement


def line_json(line: InsuranceLine) -> dict[str, Any]:
    return {
        "year": line.year,
        "premium": str(line.premium),
        "subsidy_rate": percent_text(line.subsidy_rate),
        "subsidy": str(line.subsidy),
        "enterprise_share": str(line.enterprise_share),
        "claims": line.claims,
        "rebate": str(line.rebate),
        "net": str(line.net),
    }


def statement_json(statement: InsuranceStatement) -> dict[str, Any]:
    return {
        "finance_tier": statement.finance_tier,
        "is_sme": statement.is_sme,
        "lines": [line_json(line) for line in statement.lines],
        "premium": str(statement.premium),
        "subsidy": str(statement.subsidy),
        "enterprise_share": str(statement.enterprise_share),
        "rebate": str(statement.rebate),
        "net": str(statement.net),
        "policy_version": statement.policy_version,
    }


def enterprise_statement(
    covers: Iterable[Any], *, finance_tier: str, is_sme: bool, policy: Policy
) -> dict[str, Any] | None:
    """The yearly statement of an enterprise's insurance covers (``None`` without any cover).

    Each cover brings its premium and the number of claims paid under it."""
    years = [InsuranceYear(cover.year, cover.premium, len(cover.claims.all())) for cover in covers]
    if not years:
        return None
    return statement_json(insurance_statement(years, finance_tier=finance_tier, is_sme=is_sme, policy=policy))


def equity_json(
    *,
    enterprise: str,
    contributions: Sequence[Contribution],
    other_capital: Decimal,
    performance: Sequence[EquityYear],
    policy: Policy,
) -> dict[str, Any]:
    """The technology-equity history as JSON; ``ValueError`` when the rules refuse the stake."""
    history = technology_equity(
        enterprise=enterprise,
        contributions=contributions,
        other_capital=other_capital,
        performance=performance,
        policy=policy,
    )
    return {
        "contributed_value": str(history.contributed_value),
        "venture_value": str(history.venture_value),
        "initial_share": str(history.initial_share),
        "final_share": str(history.final_share),
        "initial_percent": percent_text(Fraction(history.initial_share)),
        "final_percent": percent_text(Fraction(history.final_share)),
        "adjustments": [
            {
                "year": item.year,
                "score": f"{float(item.score):+.4f}",
                "adjustment": percent_text(item.adjustment),
                "share_before": str(item.share_before),
                "share_after": str(item.share_after),
                "after_percent": percent_text(Fraction(item.share_after)),
                "held_below_cap": item.held_below_cap,
                "reason": item.reason,
            }
            for item in history.adjustments
        ],
        "policy_version": history.policy_version,
    }


def share_table(
    *,
    method: str,
    total: Decimal,
    parties: Sequence[tuple[int, str, Decimal]],
    coalition_values: Sequence[tuple[frozenset[int], Decimal]] = (),
) -> dict[str, Any]:
    """The benefit-sharing table; ``parties`` are (organisation id, name, recorded contribution).

    ``ValueError`` when the core rules refuse the inputs (e.g. a missing coalition value)."""
    names = {pk: name for pk, name, _contribution in parties}
    keys = [str(pk) for pk, _name, _contribution in parties]
    table: ShareTable
    if method == "shapley":
        values: Mapping[Iterable[str], object] = {
            frozenset(str(pk) for pk in members): value for members, value in coalition_values
        }
        table = shapley_shares(keys, values, total=total)
    else:
        table = proportional_shares(
            {str(pk): contribution for pk, _name, contribution in parties}, total=total
        )
    return {
        "method": table.method,
        "total": str(table.total),
        "rounding_rule": table.rounding_rule,
        "rows": [
            {**row, "organisation_id": int(row["party"]), "party": names[int(row["party"])]}
            for row in table.as_rows()
        ],
    }
