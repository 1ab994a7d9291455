"""Gap measures between demand (seats posted) and supply (expected graduates)."""

from __future__ import annotations

import numpy as np


def demand_ratio(demand: np.ndarray, supply: np.ndarray) -> np.ndarray:
    """Seats posted per expected graduate; NaN where there is no supply.

    Examples
    --------
    >>> demand_ratio(np.array([30.0, 5.0, 1.0]), np.array([20.0, 10.0, 0.0])).tolist()
    [1.5, 0.5, nan]
    """
    demand = np.asarray(demand, dtype=float)
    supply = np.asarray(supply, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(supply > 0, demand / np.where(supply > 0, supply, 1.0), np.nan)


def relative_ratio(
    demand: np.ndarray, supply: np.ndarray, demand_total: float, supply_total: float
) -> np.ndarray:
    """An occupation's share of posted seats divided by its share of graduates.

    Postings on the platform capture only part of real hiring, so the raw ratio depends on how
    much of the market posts here. Comparing shares removes that factor: 1 means the occupation is
    as wanted as it is supplied, 2 means twice as wanted.

    Examples
    --------
    >>> relative_ratio(np.array([60.0, 40.0]), np.array([20.0, 80.0]), 100.0, 100.0).round(6).tolist()
    [3.0, 0.5]
    """
    demand = np.asarray(demand, dtype=float)
    supply = np.asarray(supply, dtype=float)
    if demand_total <= 0 or supply_total <= 0:
        return np.full(demand.shape, np.nan)
    return demand_ratio(demand / demand_total, supply / supply_total)


def relative_trend(series: np.ndarray, window: int = 3) -> np.ndarray:
    """Relative change per year of each series, from a least-squares line over a moving window.

    ``series`` has one row per series and one column per consecutive year. Column ``t`` of the
    answer uses years ``t - window + 1`` to ``t`` (at least two): the line's slope divided by the
    window's mean, so +0.10 means "growing about 10 % a year". NaN for the first year and where
    the window's mean is zero.

    Examples
    --------
    >>> relative_trend(np.array([[100.0, 110.0, 120.0], [0.0, 0.0, 0.0]])).round(3).tolist()
    [[nan, 0.095, 0.091], [nan, nan, nan]]
    """
    series = np.atleast_2d(np.asarray(series, dtype=float))
    if window < 2:
        raise ValueError("window must be at least 2 years")
    n_series, n_years = series.shape
    trend = np.full((n_series, n_years), np.nan)
    for end in range(1, n_years):
        start = max(0, end - window + 1)
        block = series[:, start : end + 1]
        x = np.arange(block.shape[1], dtype=float)
        x -= x.mean()
        mean = block.mean(axis=1)
        slope = (block - mean[:, None]) @ x / (x @ x)
        with np.errstate(divide="ignore", invalid="ignore"):
            trend[:, end] = np.where(mean > 0, slope / np.where(mean > 0, mean, 1.0), np.nan)
    return trend
