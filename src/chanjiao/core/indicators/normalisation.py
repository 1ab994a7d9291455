"""Normalisation: put indicators with different units on one scale, best direction up.

Cost-type indicators are mirrored so that a higher normalised value is always better. Methods
(OECD/JRC Handbook, section 5):

- ``"minmax"``: ``(x - min) / (max - min)`` mapped to ``[lower, upper]``;
- ``"zscore"``: standardised values mapped to ``mean + sd * z`` (default 50 +/- 10, which keeps
  nearly all values on the same positive 0-100 scale as the other methods);
- ``"distance_to_target"``: progress from the worst observed value to the target, capped at the
  target: ``(x - worst) / (target - worst)`` mapped to ``[lower, upper]``; indicators without a
  target use the best observed value (distance to the frontier);
- ``"rank"``: percentile rank (ties share the average rank) mapped to ``[lower, upper]``.

An indicator on which all units are equal carries no information: min-max and rank put every unit
in the middle of the scale and z-score at ``mean``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import rankdata

from chanjiao.core.indicators.framework import DIRECTIONS

NORMALISATION_PARAMETERS: Mapping[str, frozenset[str]] = {
    "minmax": frozenset({"lower", "upper"}),
    "zscore": frozenset({"mean", "sd"}),
    "distance_to_target": frozenset({"lower", "upper"}),
    "rank": frozenset({"lower", "upper"}),
}


def check_normalisation_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a stored normalisation choice such as ``{"method": "minmax", "lower": 1, "upper": 100}``.

    Examples
    --------
    >>> check_normalisation_spec({"method": "zscore", "mean": 10, "sd": 2})
    {'method': 'zscore', 'mean': 10, 'sd': 2}
    """
    if not isinstance(spec, Mapping) or "method" not in spec:
        raise ValueError(f"a normalisation must be a mapping with a 'method' key, got {spec!r}")
    method = spec["method"]
    if method not in NORMALISATION_PARAMETERS:
        raise ValueError(
            f"unknown normalisation {method!r}; expected one of {', '.join(NORMALISATION_PARAMETERS)}"
        )
    unknown = sorted(set(spec) - {"method"} - NORMALISATION_PARAMETERS[method])
    if unknown:
        raise ValueError(f"normalisation {method!r} does not take {unknown}")
    for key in set(spec) - {"method"}:
        value = spec[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise ValueError(f"normalisation {method!r}: {key} must be a finite number, got {value!r}")
    return dict(spec)


def normalise(
    X: np.ndarray,
    directions: Sequence[str],
    method: str = "minmax",
    *,
    targets: np.ndarray | Sequence[float] | None = None,
    lower: float = 0.0,
    upper: float = 100.0,
    mean: float = 50.0,
    sd: float = 10.0,
) -> np.ndarray:
    """Normalise each column of a complete ``(n_units, n_indicators)`` matrix.

    Parameters
    ----------
    X : array of shape (n_units, n_indicators), no gaps.
    directions : ``"benefit"`` or ``"cost"`` per column.
    method : ``"minmax"``, ``"zscore"``, ``"distance_to_target"`` or ``"rank"``.
    targets : per-column targets for ``"distance_to_target"``; NaN or absent means none.
    lower, upper : output range of min-max, distance to target and rank.
    mean, sd : output location and spread of z-scores.

    Examples
    --------
    >>> X = [[10.0, 5.0], [20.0, 15.0], [30.0, 25.0]]
    >>> normalise(X, ["benefit", "cost"]).tolist()
    [[0.0, 100.0], [50.0, 50.0], [100.0, 0.0]]
    >>> normalise(X, ["benefit", "cost"], "distance_to_target", targets=[20.0, 15.0]).tolist()
    [[0.0, 100.0], [100.0, 100.0], [100.0, 0.0]]
    >>> normalise(X, ["benefit", "benefit"], "zscore", mean=0, sd=1).tolist()
    [[-1.0, -1.0], [0.0, 0.0], [1.0, 1.0]]
    """
    values = np.asarray(X, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"X must be a 2-D array (n_units, n_indicators), got {values.ndim} dimension(s)")
    n_units, n_indicators = values.shape
    if n_units == 0:
        raise ValueError("X has no units")
    if len(directions) != n_indicators:
        raise ValueError(f"got {len(directions)} directions for {n_indicators} indicator columns")
    bad = [direction for direction in directions if direction not in DIRECTIONS]
    if bad:
        raise ValueError(f"directions must be 'benefit' or 'cost', got {bad[0]!r}")
    if not np.all(np.isfinite(values)):
        raise ValueError("normalisation needs complete data; handle missing values first")
    if method not in NORMALISATION_PARAMETERS:
        raise ValueError(
            f"unknown normalisation {method!r}; expected one of {', '.join(NORMALISATION_PARAMETERS)}"
        )
    if method == "zscore" and not sd > 0:
        raise ValueError(f"z-score sd must be positive, got {sd}")
    if method != "zscore" and not lower < upper:
        raise ValueError(f"normalisation range needs lower < upper, got [{lower}, {upper}]")

    cost = np.array([direction == "cost" for direction in directions])
    oriented = np.where(cost, -values, values)
    if method == "zscore":
        return mean + sd * _standardised(oriented)
    if method == "minmax":
        unit_scale = _min_max(oriented)
    elif method == "rank":
        unit_scale = _percentile_rank(oriented)
    else:
        goal = _oriented_targets(targets, cost, n_indicators)
        unit_scale = _progress_to_target(oriented, goal)
    return lower + (upper - lower) * unit_scale


def _min_max(oriented: np.ndarray) -> np.ndarray:
    low = oriented.min(axis=0)
    spread = oriented.max(axis=0) - low
    safe = np.where(spread > 0, spread, 1.0)
    return np.where(spread > 0, (oriented - low) / safe, 0.5)


def _standardised(oriented: np.ndarray) -> np.ndarray:
    if oriented.shape[0] < 2:
        return np.zeros_like(oriented)
    spread = oriented.std(axis=0, ddof=1)
    safe = np.where(spread > 0, spread, 1.0)
    return np.where(spread > 0, (oriented - oriented.mean(axis=0)) / safe, 0.0)


def _percentile_rank(oriented: np.ndarray) -> np.ndarray:
    n_units = oriented.shape[0]
    if n_units < 2:
        return np.full_like(oriented, 0.5)
    return (rankdata(oriented, method="average", axis=0) - 1.0) / (n_units - 1)


def _oriented_targets(
    targets: np.ndarray | Sequence[float] | None, cost: np.ndarray, n_indicators: int
) -> np.ndarray:
    if targets is None:
        return np.full(n_indicators, np.nan)
    goal = np.asarray(targets, dtype=float)
    if goal.shape != (n_indicators,):
        raise ValueError(
            f"targets must have one entry per indicator ({n_indicators}), got shape {goal.shape}"
        )
    if np.any(np.isinf(goal)):
        raise ValueError("targets must be finite (NaN means no target)")
    return np.where(cost, -goal, goal)


def _progress_to_target(oriented: np.ndarray, goal: np.ndarray) -> np.ndarray:
    worst = oriented.min(axis=0)
    goal = np.where(np.isnan(goal), oriented.max(axis=0), goal)
    distance = goal - worst
    # When every unit already meets the target, every unit is at full marks.
    safe = np.where(distance > 0, distance, 1.0)
    return np.where(distance > 0, np.clip((oriented - worst) / safe, 0.0, 1.0), 1.0)
