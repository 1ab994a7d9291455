"""Weighting methods: equal, entropy (objective) and AHP pairwise comparisons (expert).

Weights returned here are for one sibling group of the framework (or a flat indicator list); they
sum to 1. Apply them with :meth:`Framework.with_weights`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Saaty's random consistency index by matrix order: the mean consistency index of random reciprocal
# matrices. Orders 1-10 from Saaty (1980); 11-15 from Saaty's later extension of the table.
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
CONSISTENCY_LIMIT = 0.1


def equal_weights(n_indicators: int) -> np.ndarray:
    """``n_indicators`` equal weights summing to 1.

    Examples
    --------
    >>> equal_weights(4).tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    if isinstance(n_indicators, bool) or not isinstance(n_indicators, int) or n_indicators < 1:
        raise ValueError(f"n_indicators must be a positive integer, got {n_indicators!r}")
    return np.full(n_indicators, 1.0 / n_indicators)


def entropy_weights(X: np.ndarray) -> np.ndarray:
    """Entropy weights of the columns of a benefit-type decision matrix (Xu 2004).

    Each column is turned into shares ``p_ij = x_ij / sum_i x_ij``; its entropy
    ``e_j = -sum_i p_ij ln p_ij / ln(n_units)`` (with ``0 ln 0 = 0``) measures how evenly the units
    score, and the weight is proportional to the divergence ``1 - e_j``: an indicator on which all
    units look alike gets (almost) no weight. Cost-type indicators must be normalised to benefit
    direction first.

    Parameters
    ----------
    X : array of shape (n_units, n_indicators)
        Non-negative values; at least two units; no column all zero.

    Returns
    -------
    ndarray of shape (n_indicators,), summing to 1.

    Examples
    --------
    >>> X = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]
    >>> entropy_weights(X).round(4).tolist()
    [0.463, 0.3992, 0.1378, 0.0]
    """
    values = np.asarray(X, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"X must be a 2-D array (n_units, n_indicators), got {values.ndim} dimension(s)")
    n_units, n_indicators = values.shape
    if n_units < 2 or n_indicators < 1:
        raise ValueError(f"X needs at least 2 units and 1 indicator, got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("X contains missing or infinite values; impute or exclude them first")
    if np.any(values < 0):
        column = int(np.argmax(np.any(values < 0, axis=0)))
        raise ValueError(f"X column {column} has negative values; entropy weights need non-negative data")
    totals = values.sum(axis=0)
    if np.any(totals == 0):
        column = int(np.argmax(totals == 0))
        raise ValueError(f"X column {column} is all zero; its entropy is undefined")
    shares = values / totals
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(shares > 0, shares * np.log(shares), 0.0)
    entropy = -plogp.sum(axis=0) / np.log(n_units)
    divergence = np.clip(1.0 - entropy, 0.0, None)
    if divergence.sum() <= 0:
        raise ValueError(
            "entropy weights are undefined: every indicator spreads evenly over the units, so none "
            "discriminates between them"
        )
    return divergence / divergence.sum()


def _check_pairwise(A: np.ndarray) -> np.ndarray:
    matrix = np.asarray(A, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise ValueError(
            f"the pairwise comparison matrix must be square and non-empty, got shape {matrix.shape}"
        )
    if not np.all(np.isfinite(matrix)) or np.any(matrix <= 0):
        raise ValueError("pairwise comparisons must be positive finite numbers (Saaty's 1/9 .. 9 scale)")
    if not np.allclose(np.diag(matrix), 1.0):
        raise ValueError("the diagonal of a pairwise comparison matrix must be 1 (each item equals itself)")
    product = matrix * matrix.T
    # Judgements such as 1/3 are often typed as 0.33, so reciprocity is checked to 2 %.
    broken = np.argwhere(~np.isclose(product, 1.0, rtol=0.02))
    if broken.size:
        row, column = (int(index) for index in broken[0])
        raise ValueError(
            f"the matrix is not reciprocal: entry ({row}, {column}) is {matrix[row, column]:g} but "
            f"entry ({column}, {row}) is {matrix[column, row]:g}; they must multiply to 1"
        )
    if matrix.shape[0] > max(RANDOM_INDEX):
        raise ValueError(
            f"Saaty's random index is tabulated up to {max(RANDOM_INDEX)} items, got {matrix.shape[0]}; "
            "split the comparison into smaller groups"
        )
    return matrix


def ahp_weights(A: np.ndarray) -> tuple[np.ndarray, float]:
    """Saaty's AHP priorities and consistency ratio of a reciprocal pairwise comparison matrix.

    The priorities are the principal right eigenvector of ``A`` scaled to sum to 1. The
    consistency index is ``(lambda_max - n) / (n - 1)`` and the consistency ratio divides it by
    Saaty's random index for order ``n`` (0 for ``n <= 2``, which are always consistent). Use
    :func:`consistent_ahp_weights` to refuse judgements with ``CR >= 0.1``.

    Parameters
    ----------
    A : array of shape (n, n)
        ``A[i, j]`` says how much more important item ``i`` is than item ``j``;
        ``A[j, i] = 1 / A[i, j]``.

    Returns
    -------
    weights : ndarray of shape (n,)
    consistency_ratio : float

    Examples
    --------
    >>> weights, ratio = ahp_weights([[1, 3], [1 / 3, 1]])
    >>> weights.tolist(), ratio
    ([0.75, 0.25], 0.0)
    """
    matrix = _check_pairwise(A)
    n = matrix.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    principal = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, principal].real)
    weights = vector / vector.sum()
    if n <= 2:
        return weights, 0.0
    consistency_index = (float(eigenvalues[principal].real) - n) / (n - 1)
    return weights, max(consistency_index, 0.0) / RANDOM_INDEX[n]


def consistent_ahp_weights(
    A: np.ndarray,
    labels: Sequence[str] | None = None,
    max_ratio: float = CONSISTENCY_LIMIT,
) -> np.ndarray:
    """AHP priorities, refusing judgements whose consistency ratio is ``max_ratio`` or more.

    The error names the single judgement furthest from what the priorities imply, which is where
    an expert should look first.

    Examples
    --------
    >>> consistent_ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]).round(4).tolist()
    [0.5714, 0.2857, 0.1429]
    >>> consistent_ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], labels=["a", "b", "c"])
    Traceback (most recent call last):
    ...
    ValueError: pairwise judgements are too inconsistent: consistency ratio 6.13 is not below 0.1; the judgement furthest from the derived priorities is a vs b (given 9, the priorities imply 1); revise it and compare again
    """
    weights, ratio = ahp_weights(A)
    matrix = np.asarray(A, dtype=float)
    if labels is not None and len(labels) != matrix.shape[0]:
        raise ValueError(f"got {len(labels)} labels for a {matrix.shape[0]}x{matrix.shape[0]} matrix")
    if ratio < max_ratio:
        return weights
    implied = weights[:, None] / weights[None, :]
    # Each judgement appears twice (a_ij and its reciprocal); report it once, from the upper triangle.
    deviation = np.triu(np.abs(np.log(matrix / implied)), k=1)
    row, column = (int(index) for index in np.unravel_index(np.argmax(deviation), deviation.shape))
    names = list(labels) if labels is not None else [f"item {index}" for index in range(matrix.shape[0])]
    raise ValueError(
        f"pairwise judgements are too inconsistent: consistency ratio {ratio:.3g} is not below "
        f"{max_ratio:g}; the judgement furthest from the derived priorities is {names[row]} vs "
        f"{names[column]} (given {matrix[row, column]:.3g}, the priorities imply "
        f"{implied[row, column]:.3g}); revise it and compare again"
    )
