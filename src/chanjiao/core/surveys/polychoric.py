"""Polychoric correlations for ordinal (Likert) items.

semopy ships a polychoric estimator, but with NumPy 2 and SciPy >= 1.15 it fails (it calls the
removed ``scipy.stats.mvn.mvnun`` and ``numpy.ma.corrcoef(bias=...)``), so this module provides
the standard two-step maximum-likelihood estimator (Olsson 1979) that semopy and lavaan use:

1. thresholds of each item from its cumulative marginal proportions, ``tau_k = Phi^-1(P(X <= k))``;
2. for each pair, the correlation of the underlying bivariate normal that maximises the likelihood of
   the observed contingency table, thresholds held fixed.

The bivariate normal rectangle probabilities use Drezner and Wesolowsky's integral
``Phi2(h, k; r) = Phi(h) Phi(k) + 1/(2 pi) * int_0^asin(r) exp(-(h^2 + k^2 - 2 h k sin t) / (2 cos^2 t)) dt``
evaluated with 32-point Gauss-Legendre quadrature, vectorised over the whole table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import optimize, stats

# Phi(8.5) differs from 1 by 1e-17: a finite stand-in for +-infinity keeps the quadrature finite.
INFINITY_STAND_IN = 8.5
MAX_CATEGORIES = 11
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(32)


def bivariate_normal_cdf(h: np.ndarray, k: np.ndarray, correlation: float) -> np.ndarray:
    """P(X <= h, Y <= k) for a standard bivariate normal with the given correlation.

    Examples
    --------
    >>> round(float(bivariate_normal_cdf(np.array(0.0), np.array(0.0), 0.5)), 6)  # 1/4 + asin(.5)/(2 pi)
    0.333333
    """
    h = np.clip(np.asarray(h, dtype=float), -INFINITY_STAND_IN, INFINITY_STAND_IN)
    k = np.clip(np.asarray(k, dtype=float), -INFINITY_STAND_IN, INFINITY_STAND_IN)
    independent = stats.norm.cdf(h) * stats.norm.cdf(k)
    if correlation == 0.0:
        return independent
    upper = np.arcsin(correlation)
    angles = 0.5 * upper * (_NODES + 1.0)
    sines = np.sin(angles)
    cos_squared = np.cos(angles) ** 2
    h_ = h[..., np.newaxis]
    k_ = k[..., np.newaxis]
    integrand = np.exp(-(h_**2 + k_**2 - 2.0 * h_ * k_ * sines) / (2.0 * cos_squared))
    return independent + (0.5 * upper) * (integrand @ _WEIGHTS) / (2.0 * np.pi)


def _codes(values: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Category index of each answer and the item's thresholds (with +-infinity stand-ins)."""
    if np.isnan(values).any():
        raise ValueError(f"item '{name}' has missing answers; polychoric correlations need complete data")
    categories, codes = np.unique(values, return_inverse=True)
    if categories.size < 2:
        raise ValueError(f"item '{name}' has the same answer everywhere; it carries no information")
    if categories.size > MAX_CATEGORIES:
        raise ValueError(
            f"item '{name}' has {categories.size} distinct values; ordinal estimation is for Likert items "
            f"with at most {MAX_CATEGORIES} categories"
        )
    cumulative = np.cumsum(np.bincount(codes)) / values.size
    inner = stats.norm.ppf(cumulative[:-1])
    thresholds = np.concatenate(([-INFINITY_STAND_IN], inner, [INFINITY_STAND_IN]))
    return codes, thresholds


def _pair_correlation(
    codes_x: np.ndarray, thresholds_x: np.ndarray, codes_y: np.ndarray, thresholds_y: np.ndarray
) -> float:
    table = np.zeros((thresholds_x.size - 1, thresholds_y.size - 1))
    np.add.at(table, (codes_x, codes_y), 1.0)
    grid_h, grid_k = np.meshgrid(thresholds_x, thresholds_y, indexing="ij")

    def negative_log_likelihood(correlation: float) -> float:
        cdf = bivariate_normal_cdf(grid_h, grid_k, correlation)
        cells = cdf[1:, 1:] - cdf[:-1, 1:] - cdf[1:, :-1] + cdf[:-1, :-1]
        return -float(np.sum(table * np.log(np.clip(cells, 1e-300, None))))

    result = optimize.minimize_scalar(
        negative_log_likelihood, bounds=(-0.9999, 0.9999), method="bounded", options={"xatol": 1e-9}
    )
    return float(result.x)


def polychoric_correlation(x: Sequence[float], y: Sequence[float]) -> float:
    """Two-step maximum-likelihood polychoric correlation of two ordinal variables.

    Examples
    --------
    A 2x2 table split at the medians has the closed form ``sin(2 pi (p_low,low - 1/4))``:

    >>> x = [1] * 40 + [1] * 10 + [2] * 10 + [2] * 40
    >>> y = [1] * 40 + [2] * 10 + [1] * 10 + [2] * 40
    >>> round(polychoric_correlation(x, y), 6), round(float(np.sin(2 * np.pi * (0.4 - 0.25))), 6)
    (0.809017, 0.809017)
    """
    codes_x, thresholds_x = _codes(np.asarray(x, dtype=float), "x")
    codes_y, thresholds_y = _codes(np.asarray(y, dtype=float), "y")
    if codes_x.size != codes_y.size:
        raise ValueError("x and y must have the same length")
    return _pair_correlation(codes_x, thresholds_x, codes_y, thresholds_y)


def polychoric_matrix(data: pd.DataFrame) -> pd.DataFrame:
    """Polychoric correlation matrix of the ordinal columns of ``data`` (complete cases only).

    The result may be slightly indefinite for small samples; callers fitting a model should project
    it to the nearest positive-definite correlation matrix.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> latent = rng.multivariate_normal([0, 0], [[1, 0.6], [0.6, 1]], size=2000)
    >>> likert = pd.DataFrame(np.digitize(latent, [-1.5, -0.5, 0.5, 1.5]) + 1, columns=["a", "b"])
    >>> round(float(polychoric_matrix(likert).loc["a", "b"]), 2)
    0.59
    """
    names = [str(column) for column in data.columns]
    coded = [
        _codes(data[column].to_numpy(dtype=float), name)
        for column, name in zip(data.columns, names, strict=True)
    ]
    size = len(names)
    matrix = np.eye(size)
    for i in range(size):
        for j in range(i + 1, size):
            matrix[i, j] = matrix[j, i] = _pair_correlation(*coded[i], *coded[j])
    return pd.DataFrame(matrix, index=names, columns=names)
