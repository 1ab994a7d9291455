"""Aggregation: combine normalised indicators into dimension scores, level by level up the tree.

Arithmetic means let a strong indicator fully compensate a weak one; geometric means compensate
less, so a unit that neglects one aspect of cooperation pays for it (OECD/JRC Handbook, section 6).
Geometric means need strictly positive values: normalise to a range with ``lower > 0`` (for
example ``[1, 100]``) before using them.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from chanjiao.core.indicators.framework import Dimension, Framework

Aggregation = Literal["arithmetic", "geometric"]
AGGREGATIONS: tuple[Aggregation, ...] = ("arithmetic", "geometric")


def _check_inputs(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.ndim == 0 or weights.ndim != 1 or values.shape[-1] != weights.shape[0]:
        raise ValueError(
            f"need one weight per value along the last axis: values {values.shape}, weights {weights.shape}"
        )
    if not np.all(np.isfinite(weights)) or np.any(weights < 0) or weights.sum() <= 0:
        raise ValueError("weights must be finite, non-negative and not all zero")
    if not np.all(np.isfinite(values)):
        raise ValueError("values contain gaps or infinities; handle missing data before aggregating")
    return values, weights / weights.sum()


def weighted_arithmetic_mean(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted arithmetic mean along the last axis; weights are rescaled to sum to 1.

    Examples
    --------
    >>> weighted_arithmetic_mean([[10.0, 90.0]], [1, 3]).tolist()
    [70.0]
    """
    values, shares = _check_inputs(values, weights)
    return values @ shares


def weighted_geometric_mean(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted geometric mean along the last axis; values must be strictly positive.

    Examples
    --------
    >>> weighted_geometric_mean([[10.0, 90.0]], [1, 1]).round(6).tolist()
    [30.0]
    """
    values, shares = _check_inputs(values, weights)
    if np.any(values <= 0):
        raise ValueError(
            "geometric aggregation needs strictly positive values; normalise to a range with lower > 0, "
            "e.g. [1, 100]"
        )
    return np.exp(np.log(values) @ shares)


def aggregate_tree(
    normalised: np.ndarray,
    framework: Framework,
    method: Aggregation = "arithmetic",
) -> np.ndarray:
    """Scores of every dimension, aggregating children into parents from the leaves up.

    Parameters
    ----------
    normalised : array of shape (n_units, n_indicators), columns in ``framework.indicator_codes``.
    framework : the indicator tree with its weights.
    method : ``"arithmetic"`` or ``"geometric"``, used at every level.

    Returns
    -------
    ndarray of shape (n_units, n_dimensions), columns in ``framework.dimension_codes`` (root first,
    so column 0 is the composite index).

    Examples
    --------
    >>> from chanjiao.core.indicators.framework import Indicator
    >>> leaf = lambda code: Indicator(code, code, code, "benefit", "", code)
    >>> tree = Framework(Dimension("index", "Index", "指数", (
    ...     Dimension("left", "Left", "左", (leaf("a"), leaf("b"))), leaf("c"))))
    >>> aggregate_tree([[20.0, 40.0, 90.0]], tree).tolist()
    [[60.0, 30.0]]
    """
    values = np.asarray(normalised, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(framework.indicators):
        raise ValueError(
            f"normalised must be (n_units, {len(framework.indicators)}) in framework column order, "
            f"got shape {values.shape}"
        )
    if method not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {method!r}; expected one of {', '.join(AGGREGATIONS)}")
    combine = weighted_arithmetic_mean if method == "arithmetic" else weighted_geometric_mean
    column = {code: index for index, code in enumerate(framework.indicator_codes)}
    scores: dict[str, np.ndarray] = {}

    def score(node: Dimension) -> np.ndarray:
        children = np.stack(
            [
                score(child) if isinstance(child, Dimension) else values[:, column[child.code]]
                for child in node.children
            ],
            axis=1,
        )
        scores[node.code] = combine(children, np.array([child.weight for child in node.children]))
        return scores[node.code]

    score(framework.root)
    return np.stack([scores[code] for code in framework.dimension_codes], axis=1)
