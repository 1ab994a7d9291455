"""Program adjustment advice: expand, keep, reduce or warn (candidate to close).

The evidence is the program's *relative ratio* (its occupations' share of posted seats over
their share of graduates, weighted by the program's crosswalk; see
:func:`~chanjiao.docking.analytics.measures.relative_ratio`) and the demand *trend* (relative
change per year). The rules, in order:

- **warn**: relative ratio below ``warn_ratio`` and demand falling at least ``-decline_trend``
  a year (or no demand at all): a candidate to close;
- **reduce**: relative ratio below ``reduce_ratio``;
- **expand**: relative ratio at least ``expand_ratio`` and demand not falling faster than
  ``decline_trend``;
- **keep**: anything else, including programs with no graduates to compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXPAND, KEEP, REDUCE, WARN = "expand", "keep", "reduce", "warn"


@dataclass(frozen=True)
class AdviceRules:
    """Thresholds of the advice rules (defaults documented in docs/supply-demand.md).

    Examples
    --------
    >>> AdviceRules().advise(1.6, 0.08), AdviceRules().advise(0.3, -0.2), AdviceRules().advise(0.7, 0.1)
    ('expand', 'warn', 'reduce')
    """

    expand_ratio: float = 1.25
    reduce_ratio: float = 0.8
    warn_ratio: float = 0.5
    decline_trend: float = -0.05

    def __post_init__(self):
        if not 0 <= self.warn_ratio <= self.reduce_ratio <= 1 <= self.expand_ratio:
            raise ValueError("need 0 ≤ warn_ratio ≤ reduce_ratio ≤ 1 ≤ expand_ratio")

    def advise(self, relative_ratio: float, trend: float) -> str:
        """The recommendation for one program."""
        return str(advise(np.array([relative_ratio]), np.array([trend]), self)[0])


def advise(relative_ratio: np.ndarray, trend: np.ndarray, rules: AdviceRules | None = None) -> np.ndarray:
    """Recommendations for many programs at once (NaN ratio: no graduates, so ``keep``).

    Examples
    --------
    >>> advise(np.array([2.0, 1.0, 0.0, np.nan]), np.array([0.1, 0.0, np.nan, 0.0])).tolist()
    ['expand', 'keep', 'warn', 'keep']
    """
    rules = rules or AdviceRules()
    ratio = np.asarray(relative_ratio, dtype=float)
    trend = np.asarray(trend, dtype=float)
    known = ~np.isnan(ratio)
    falling = np.where(np.isnan(trend), ratio == 0, trend <= rules.decline_trend)
    steady = np.where(np.isnan(trend), True, trend > rules.decline_trend)
    result = np.full(ratio.shape, KEEP, dtype=object)
    result[known & (ratio >= rules.expand_ratio) & steady] = EXPAND
    result[known & (ratio < rules.reduce_ratio)] = REDUCE
    result[known & (ratio < rules.warn_ratio) & falling] = WARN
    return result
