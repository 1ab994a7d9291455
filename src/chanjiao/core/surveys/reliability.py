"""Reliability and convergent / discriminant validity of constructs.

Cronbach's alpha and its Feldt confidence interval come from pingouin. Composite reliability, AVE,
the Fornell-Larcker criterion and HTMT are closed-form functions of standardised loadings and
correlations, written out here with their references.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pingouin


def cronbach_alpha(items: pd.DataFrame, *, nan_policy: str = "pairwise", ci: float = 0.95) -> dict:
    """Cronbach's alpha of the item columns with its confidence interval (pingouin, Feldt's method).

    Parameters
    ----------
    items : pandas.DataFrame
        One column per item, one row per respondent.
    nan_policy : {"pairwise", "listwise"}
        Passed to :func:`pingouin.cronbach_alpha`.
    ci : float
        Confidence level of the interval.

    Returns
    -------
    dict
        ``{"alpha": float, "ci": [low, high]}``.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
    >>> result = cronbach_alpha(frame)
    >>> round(result["alpha"], 3), result["ci"]
    (0.954, [0.766, 0.995])
    """
    alpha, interval = pingouin.cronbach_alpha(data=items, nan_policy=nan_policy, ci=ci)
    return {"alpha": float(alpha), "ci": [float(interval[0]), float(interval[1])]}


def item_total_statistics(items: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Corrected item-total correlation and alpha-if-item-deleted for each item.

    The corrected correlation relates an item to the sum of the *other* items of its construct, so
    the item does not correlate with itself (as in SPSS "Corrected Item-Total Correlation").

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
    >>> stats = item_total_statistics(frame)
    >>> round(stats["a"]["corrected_item_total_r"], 3), round(stats["a"]["alpha_if_deleted"], 3)
    (0.97, 0.882)
    """
    complete = items.dropna()
    total = complete.sum(axis=1)
    result = {}
    for item in complete.columns:
        rest = total - complete[item]
        others = complete.drop(columns=item)
        alpha_without = (
            float(pingouin.cronbach_alpha(data=others)[0]) if others.shape[1] >= 2 else float("nan")
        )
        result[str(item)] = {
            "corrected_item_total_r": float(np.corrcoef(complete[item], rest)[0, 1]),
            "alpha_if_deleted": alpha_without,
        }
    return result


def composite_reliability(standardized_loadings: Sequence[float]) -> float:
    """Composite (construct) reliability, Fornell & Larcker (1981).

    ``CR = (sum l)^2 / ((sum l)^2 + sum(1 - l^2))`` for standardised loadings ``l``.

    Examples
    --------
    >>> round(composite_reliability([0.7, 0.8, 0.9]), 4)
    0.8446
    """
    loadings = np.asarray(standardized_loadings, dtype=float)
    squared_sum = loadings.sum() ** 2
    return float(squared_sum / (squared_sum + np.sum(1.0 - loadings**2)))


def average_variance_extracted(standardized_loadings: Sequence[float]) -> float:
    """Average variance extracted: the mean squared standardised loading (Fornell & Larcker 1981).

    Examples
    --------
    >>> round(average_variance_extracted([0.7, 0.8, 0.9]), 4)
    0.6467
    """
    loadings = np.asarray(standardized_loadings, dtype=float)
    return float(np.mean(loadings**2))


def fornell_larcker(ave: Mapping[str, float], factor_correlations: pd.DataFrame) -> dict:
    """Fornell-Larcker table: sqrt(AVE) on the diagonal, construct correlations below.

    A construct passes when its sqrt(AVE) exceeds the absolute value of each of its correlations
    with the other constructs.

    Examples
    --------
    >>> phi = pd.DataFrame([[1, 0.5], [0.5, 1]], index=["A", "B"], columns=["A", "B"])
    >>> table = fornell_larcker({"A": 0.49, "B": 0.16}, phi)
    >>> table["values"], table["satisfied"]
    ([[0.7, 0.5], [0.5, 0.4]], {'A': True, 'B': False})
    """
    names = [name for name in factor_correlations.index if name in ave]
    values = factor_correlations.loc[names, names].to_numpy(dtype=float).copy()
    roots = np.sqrt([ave[name] for name in names])
    np.fill_diagonal(values, roots)
    satisfied = {}
    for position, name in enumerate(names):
        others = np.delete(np.abs(values[position]), position)
        satisfied[name] = bool(np.all(roots[position] > others))
    return {
        "labels": names,
        "values": [[round(float(v), 12) for v in row] for row in values],
        "satisfied": satisfied,
    }


def heterotrait_monotrait_ratio(
    item_correlations: pd.DataFrame, constructs: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """HTMT matrix of Henseler, Ringle & Sarstedt (2015).

    ``HTMT_ij`` is the mean correlation between items of constructs i and j divided by the geometric
    mean of the average within-construct item correlations. Absolute correlations are used, so an
    item left un-recoded cannot cancel others out. Values above 0.85 (or 0.90 for conceptually close
    constructs) signal a discriminant-validity problem.

    Examples
    --------
    >>> r = pd.DataFrame(
    ...     [[1, .6, .3, .3], [.6, 1, .3, .3], [.3, .3, 1, .5], [.3, .3, .5, 1]],
    ...     index=list("abcd"), columns=list("abcd"))
    >>> round(float(heterotrait_monotrait_ratio(r, {"A": ["a", "b"], "B": ["c", "d"]}).loc["A", "B"]), 4)
    0.5477
    """
    names = list(constructs)
    absolute = item_correlations.abs()

    def monotrait(items: Sequence[str]) -> float:
        block = absolute.loc[list(items), list(items)].to_numpy(dtype=float)
        return float(block[np.triu_indices_from(block, k=1)].mean())

    within = {name: monotrait(constructs[name]) for name in names}
    matrix = pd.DataFrame(np.eye(len(names)), index=names, columns=names)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            between = absolute.loc[list(constructs[first]), list(constructs[second])].to_numpy(dtype=float)
            ratio = between.mean() / np.sqrt(within[first] * within[second])
            matrix.loc[first, second] = matrix.loc[second, first] = ratio
    return matrix
