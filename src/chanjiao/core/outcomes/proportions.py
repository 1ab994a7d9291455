"""Rates with a confidence interval: employment, counterpart employment, retention, pass rates."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import norm


@dataclass(frozen=True)
class Rate:
    """``numerator / denominator`` with its Wilson score interval.

    ``value``, ``low`` and ``high`` are fractions in [0, 1]; all three are None when the
    denominator is zero (nothing to measure), so a missing figure is never shown as 0 %.
    """

    numerator: int
    denominator: int
    value: float | None
    low: float | None
    high: float | None

    @property
    def percent(self) -> float | None:
        """The rate in percent (the unit of the evaluation indicators), or None."""
        return None if self.value is None else 100.0 * self.value


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion.

    Unlike the normal approximation it stays inside [0, 1] and is sensible for small
    programs and for rates near 0 % or 100 %, which graduate cohorts often have.

    Parameters
    ----------
    successes : count of successes, 0 <= successes <= trials
    trials : count of trials, > 0
    confidence : two-sided coverage in (0, 1)

    Returns
    -------
    (low, high) : fractions

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(45, 50)]
    [0.7864, 0.9565]
    >>> wilson_interval(0, 10)[0]
    0.0
    """
    _check_counts(successes, trials)
    if trials == 0:
        raise ValueError("The interval of a rate needs at least one trial.")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}.")
    z = float(norm.ppf(0.5 + confidence / 2))
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    # The exact bounds contain p (0 at 0 successes, 1 at all); rounding must not push them past it.
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


def rate(numerator: int, denominator: int, confidence: float = 0.95) -> Rate:
    """The rate ``numerator / denominator`` with its Wilson interval (all None for 0 / 0).

    Examples
    --------
    >>> r = rate(45, 50)
    >>> r.value, round(r.percent, 1), round(r.low, 3)
    (0.9, 90.0, 0.786)
    >>> rate(0, 0).value is None
    True
    """
    _check_counts(numerator, denominator)
    if denominator == 0:
        return Rate(0, 0, None, None, None)
    low, high = wilson_interval(numerator, denominator, confidence)
    return Rate(int(numerator), int(denominator), numerator / denominator, low, high)


def _check_counts(successes: int, trials: int) -> None:
    if successes < 0 or trials < 0 or successes > trials:
        raise ValueError(f"Counts must satisfy 0 <= numerator <= denominator, got {successes} / {trials}.")
