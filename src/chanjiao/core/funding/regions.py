"""The special vocational subsidy across regions: incentives for the best, cuts for the laggards.

Each region has a base weight (enrolment, or equal shares). Its *appraisal score* is the local
government's performance appraisal, in which the industry-education integration score weighs
``integration_weight`` (at least 10 %) and the other appraisal items the rest; without other items
it is the integration score alone. Then

- a region with an integration score below ``standard_score``, or with a red light, is *below
  standard* and its multiplier is ``1 - shortfall_cut`` (0.9);
- among the regions up to standard, the top ``top_fraction`` by appraisal score (at least one;
  regions tied at the cut all qualify) get ``1 + incentive`` (1.2);
- the others get 1, and regions without an integration score are not judged (multiplier 1).

The subsidy is the budget split in proportion to ``base weight x multiplier``: relative to a region
up to standard with the same base, a top region receives exactly 20 % more and a region below
standard exactly 10 % less, and the amounts add up to the budget to the cent. ``nominal`` is the
split by base weight alone, for comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from chanjiao.core.funding.policy import RegionalPolicy
from chanjiao.core.incentives.money import amount, split_total, to_cents

RegionStatus = Literal["top", "standard", "below_standard", "not_rated"]


@dataclass(frozen=True)
class RegionLine:
    """One region's subsidy and why."""

    region: str
    base_weight: float
    integration_score: float | None
    other_score: float | None
    appraisal_score: float | None
    red_light: bool
    status: RegionStatus
    multiplier: float
    nominal: Decimal
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class RegionalAllocation:
    budget: Decimal
    policy: RegionalPolicy
    top_count: int
    lines: tuple[RegionLine, ...]


def _score(value: float | None, name: str, region: str) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ValueError(f"{region}: {name} must be a score from 0 to 100, got {value!r}")
    return float(value)


def appraisal_score(integration: float, other: float | None, integration_weight: float) -> float:
    """The local-government appraisal score with integration weighing ``integration_weight``.

    Examples
    --------
    >>> appraisal_score(80.0, 60.0, 0.1)
    62.0
    >>> appraisal_score(80.0, None, 0.1)
    80.0
    """
    if other is None:
        return integration
    return round(integration_weight * integration + (1 - integration_weight) * other, 10)


def _reason(
    status: RegionStatus, line_score: float | None, appraisal: float | None, red: bool, policy: RegionalPolicy
) -> str:
    if status == "not_rated":
        return "Not evaluated: no integration score, so neither incentive nor cut applies."
    if status == "below_standard":
        why = (
            "has a red light"
            if red
            else f"integration score {line_score:.1f} is below the standard {policy.standard_score:g}"
        )
        return f"Below standard ({why}): loses {policy.shortfall_cut * 100:g} % of the special subsidy."
    if status == "top":
        return (
            f"Appraisal score {appraisal:.1f} is in the top {policy.top_fraction * 100:g} %: "
            f"{policy.incentive * 100:g} % floating incentive."
        )
    return f"Up to standard (integration score {line_score:.1f}): base subsidy."


def allocate_regions(
    budget: Decimal | int | str,
    regions: Sequence[str],
    base_weights: Sequence[float],
    integration_scores: Sequence[float | None],
    other_scores: Sequence[float | None] | None = None,
    red_lights: Sequence[bool] | None = None,
    policy: RegionalPolicy | None = None,
) -> RegionalAllocation:
    """Split the special subsidy among regions with incentives and cuts.

    Parameters
    ----------
    budget : yuan, in whole cents
    regions : labels, one per region
    base_weights : non-negative, not all zero
    integration_scores : composite integration score (0-100) from the evaluation; None if unrated
    other_scores : the other items of the local-government appraisal (0-100), None where absent
    red_lights : True where the region's evaluation light is red
    policy : default 10 % top, 20 % incentive, 10 % cut, standard 60, integration weight 10 %

    Examples
    --------
    >>> allocation = allocate_regions("1000000", ["A", "B", "C", "D"], [1, 1, 1, 1],
    ...                               [85.0, 70.0, 65.0, 50.0])
    >>> [(line.status, str(line.amount)) for line in allocation.lines]
    [('top', '292682.93'), ('standard', '243902.44'), ('standard', '243902.44'), ('below_standard', '219512.19')]
    >>> allocation.lines[3].reason
    'Below standard (integration score 50.0 is below the standard 60): loses 10 % of the special subsidy.'
    """
    policy = policy if policy is not None else RegionalPolicy()
    total = amount(budget, "budget")
    names = [str(name) for name in regions]
    n = len(names)
    if n == 0:
        raise ValueError("give at least one region")
    others = list(other_scores) if other_scores is not None else [None] * n
    reds = [bool(flag) for flag in red_lights] if red_lights is not None else [False] * n
    if not len(base_weights) == len(integration_scores) == len(others) == len(reds) == n:
        raise ValueError("regions, base weights, scores and red lights must have the same length")
    if len(set(names)) != n:
        raise ValueError("region labels must be unique")
    weights = []
    for name, value in zip(names, base_weights, strict=True):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ValueError(f"{name}: base weight must be a non-negative number, got {value!r}")
        weights.append(Fraction(value))
    if sum(weights) <= 0:
        raise ValueError("base weights are all zero: there is nothing to split the subsidy by")
    integration = [_score(v, "integration score", k) for k, v in zip(names, integration_scores, strict=True)]
    other = [_score(v, "other appraisal score", k) for k, v in zip(names, others, strict=True)]
    rated = {i: score for i, score in enumerate(integration) if score is not None}
    appraisal = {i: appraisal_score(score, other[i], policy.integration_weight) for i, score in rated.items()}

    status: list[RegionStatus] = []
    for i in range(n):
        if i not in rated:
            status.append("not_rated")
        elif reds[i] or rated[i] < policy.standard_score:
            status.append("below_standard")
        else:
            status.append("standard")
    candidates = sorted((i for i in rated if status[i] == "standard"), key=lambda i: -appraisal[i])
    top_count = 0
    wanted = max(1, math.ceil(policy.top_fraction * len(rated))) if policy.top_fraction > 0 else 0
    if candidates and wanted:
        cut = appraisal[candidates[min(wanted, len(candidates)) - 1]]
        for i in candidates:
            if appraisal[i] >= cut:
                status[i] = "top"
                top_count += 1

    multiplier = {
        "top": 1 + Fraction(policy.incentive),
        "below_standard": 1 - Fraction(policy.shortfall_cut),
        "standard": Fraction(1),
        "not_rated": Fraction(1),
    }
    nominal = split_total(total, weights)
    amounts = split_total(total, [weights[i] * multiplier[status[i]] for i in range(n)])
    lines = tuple(
        RegionLine(
            region=names[i],
            base_weight=float(weights[i]),
            integration_score=integration[i],
            other_score=other[i],
            appraisal_score=appraisal.get(i),
            red_light=reds[i],
            status=status[i],
            multiplier=float(multiplier[status[i]]),
            nominal=nominal[i],
            amount=amounts[i],
            reason=_reason(status[i], integration[i], appraisal.get(i), reds[i], policy),
        )
        for i in range(n)
    )
    return RegionalAllocation(to_cents(total), policy, top_count, lines)
