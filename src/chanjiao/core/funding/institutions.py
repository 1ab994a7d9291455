"""Performance-based funding of institutions: a benchmark share that floats with results.

Each institution's *benchmark* is its share of the budget in proportion to a benchmark weight
(enrolment, say). Its *performance* is a weighted mean of its skill-certification pass rate and
graduate retention rate (percent). The allocation is ``benchmark x (1 + float)`` with

    float_i = band x (performance_i - reference) / max_j |performance_j - reference|,

where ``reference`` is the benchmark-weighted mean performance. The best-performing institution
floats up by exactly ``band`` (or the worst down by it), every float lies within the band, and the
floats cancel in money (``sum benchmark_i x float_i = 0``), so the allocations add up to the budget
without rescaling. Institutions missing either rate keep their benchmark and stay out of the
reference. Amounts are split to the cent with the largest-remainder rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from chanjiao.core.funding.policy import InstitutionPolicy
from chanjiao.core.incentives.money import amount, split_total, to_cents

SPREAD_TOLERANCE = 1e-9


@dataclass(frozen=True)
class InstitutionLine:
    """One institution's allocation and why."""

    institution: str
    benchmark_weight: float
    benchmark: Decimal
    certification_pass_rate: float | None
    graduate_retention_rate: float | None
    performance: float | None
    float_share: float
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class InstitutionAllocation:
    """Who gets what; ``amount`` of the lines adds up to ``budget`` exactly."""

    budget: Decimal
    policy: InstitutionPolicy
    reference_performance: float | None
    lines: tuple[InstitutionLine, ...]


def _rate(value: float | None, name: str, institution: str) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ValueError(f"{institution}: {name} must be a percentage from 0 to 100, got {value!r}")
    return float(value)


def _weights(values: Sequence[float], names: Sequence[str]) -> list[Fraction]:
    weights = []
    for name, value in zip(names, values, strict=True):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ValueError(f"{name}: benchmark weight must be a non-negative number, got {value!r}")
        weights.append(Fraction(value))
    if sum(weights) <= 0:
        raise ValueError("benchmark weights are all zero: nobody has a benchmark to float around")
    return weights


def _reason(
    performance: float | None, float_share: float, reference: float | None, missing: list[str]
) -> str:
    if performance is None:
        return f"No {' or '.join(missing)}: allocated at the benchmark."
    if reference is None or float_share == 0:
        return f"Performance {performance:.1f} equals the reference: allocated at the benchmark."
    direction = "above" if float_share > 0 else "below"
    return (
        f"Performance {performance:.1f} is {direction} the benchmark-weighted mean {reference:.1f}: "
        f"{float_share * 100:+.1f} % of the benchmark."
    )


def floats_around_reference(
    benchmark_weights: Sequence[float], performance: Sequence[float | None], float_band: float
) -> tuple[float | None, list[float]]:
    """The benchmark-weighted mean performance and each institution's float around it.

    Institutions without a performance or a benchmark weight float 0 and stay out of the reference
    (None when nobody is rated). Pages rebuild an allocation's reasons from its stored lines with it.

    Examples
    --------
    >>> floats_around_reference([1.0, 1.0, 2.0], [85.0, 45.0, None], 0.3)
    (65.0, [0.3, -0.3, 0.0])
    """
    rated = {
        i: value for i, value in enumerate(performance) if value is not None and benchmark_weights[i] > 0
    }
    floats = [0.0] * len(performance)
    if not rated:
        return None, floats
    rated_weight = sum(benchmark_weights[i] for i in rated)
    reference = sum(benchmark_weights[i] * value for i, value in rated.items()) / rated_weight
    spread = max(abs(value - reference) for value in rated.values())
    # A weighted mean of equal values can differ from them in the last bits; that is no spread.
    if spread > SPREAD_TOLERANCE * max(1.0, abs(reference)):
        for i, value in rated.items():
            floats[i] = float_band * (value - reference) / spread
    return reference, floats


def allocate_institutions(
    budget: Decimal | int | str,
    institutions: Sequence[str],
    benchmark_weights: Sequence[float],
    certification_pass_rate: Sequence[float | None],
    graduate_retention_rate: Sequence[float | None],
    policy: InstitutionPolicy | None = None,
) -> InstitutionAllocation:
    """Split ``budget`` among institutions, each floating within the band around its benchmark.

    Parameters
    ----------
    budget : yuan, in whole cents
    institutions : labels, one per institution
    benchmark_weights : non-negative, not all zero; the benchmark is the budget split by them
    certification_pass_rate, graduate_retention_rate : percent (0-100), None or NaN if unknown
    policy : band and performance weights; default +/-30 %, pass rate and retention equally

    Examples
    --------
    >>> allocation = allocate_institutions(
    ...     "1000000", ["A", "B", "C"], [1, 1, 2], [90.0, 50.0, 70.0], [80.0, 40.0, 60.0])
    >>> [str(line.amount) for line in allocation.lines]
    ['325000.00', '175000.00', '500000.00']
    >>> [line.float_share for line in allocation.lines]
    [0.3, -0.3, 0.0]
    >>> allocation.lines[0].reason
    'Performance 85.0 is above the benchmark-weighted mean 65.0: +30.0 % of the benchmark.'
    """
    policy = policy if policy is not None else InstitutionPolicy()
    total = amount(budget, "budget")
    names = [str(name) for name in institutions]
    n = len(names)
    if n == 0:
        raise ValueError("give at least one institution")
    if not len(benchmark_weights) == len(certification_pass_rate) == len(graduate_retention_rate) == n:
        raise ValueError("institutions, benchmark weights and both rates must have the same length")
    if len(set(names)) != n:
        raise ValueError("institution labels must be unique")
    weights = _weights(benchmark_weights, names)
    benchmarks = split_total(total, weights)
    certification = [
        _rate(v, "certification pass rate", k) for k, v in zip(names, certification_pass_rate, strict=True)
    ]
    retention = [
        _rate(v, "graduate retention rate", k) for k, v in zip(names, graduate_retention_rate, strict=True)
    ]

    weight_sum = policy.certification_weight + policy.retention_weight
    performance: list[float | None] = [
        None
        if c is None or r is None
        else (policy.certification_weight * c + policy.retention_weight * r) / weight_sum
        for c, r in zip(certification, retention, strict=True)
    ]
    reference, floats = floats_around_reference([float(w) for w in weights], performance, policy.float_band)

    exact_amounts = [weights[i] * (1 + Fraction(floats[i])) for i in range(n)]
    amounts = split_total(total, exact_amounts) if sum(exact_amounts) > 0 else benchmarks
    lines = []
    for i in range(n):
        missing = []
        if certification[i] is None:
            missing.append("skill-certification pass rate")
        if retention[i] is None:
            missing.append("graduate retention rate")
        lines.append(
            InstitutionLine(
                institution=names[i],
                benchmark_weight=float(weights[i]),
                benchmark=benchmarks[i],
                certification_pass_rate=certification[i],
                graduate_retention_rate=retention[i],
                performance=performance[i],
                float_share=round(floats[i], 12),
                amount=amounts[i],
                reason=_reason(performance[i], floats[i], reference, missing),
            )
        )
    return InstitutionAllocation(to_cents(total), policy, reference, tuple(lines))
