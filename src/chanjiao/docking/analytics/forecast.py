"""Next year's demand: Holt's linear exponential smoothing on yearly series, many at once.

Holt's method keeps a level and a trend per series and updates them each year::

    level_t = alpha * y_t + (1 - alpha) * (level_{t-1} + trend_{t-1})
    trend_t = beta * (level_t - level_{t-1}) + (1 - beta) * trend_{t-1}
    forecast_{t+h} = level_t + h * trend_t          (never below zero)

starting from ``level_0 = y_0`` and ``trend_0 = y_1 - y_0`` and updating from the second year
on (statsmodels' ``Holt`` with ``initialization_method="known"`` fitted to ``y_1 ... y_n`` with
those initial values gives the same numbers). Vectorised over series so a region's
every occupation is forecast in one pass. :class:`SmoothingSelector` chooses ``alpha`` and
``beta`` by rolling-origin evaluation on held-out years and reports the error there.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class HoltForecaster:
    """Holt's linear method with fixed smoothing parameters, fitted to many series at once.

    Parameters
    ----------
    alpha : float
        Level smoothing, in [0, 1].
    beta : float
        Trend smoothing, in [0, 1].

    Examples
    --------
    >>> model = HoltForecaster(alpha=0.5, beta=0.5).fit(np.array([[10.0, 12.0, 14.0, 16.0]]))
    >>> model.predict().round(2).tolist()
    [18.0]
    """

    def __init__(self, alpha: float = 0.5, beta: float = 0.3):
        self.alpha = alpha
        self.beta = beta

    def fit(self, series: np.ndarray) -> HoltForecaster:
        """Run the recursion over ``series`` (one row per series, one column per year, ≥ 2 years)."""
        series = np.atleast_2d(np.asarray(series, dtype=float))
        if series.shape[1] < 2:
            raise ValueError("Holt's method needs at least two years of history")
        for name in ("alpha", "beta"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        level = series[:, 0].copy()
        trend = series[:, 1] - series[:, 0]
        for year in range(1, series.shape[1]):
            previous = level
            level = self.alpha * series[:, year] + (1 - self.alpha) * (previous + trend)
            trend = self.beta * (level - previous) + (1 - self.beta) * trend
        self.level_ = level
        self.trend_ = trend
        return self

    def predict(self, horizon: int = 1) -> np.ndarray:
        """Forecast ``horizon`` years after the last fitted year, clipped at zero."""
        if horizon < 1:
            raise ValueError("horizon must be at least 1")
        return np.maximum(self.level_ + horizon * self.trend_, 0.0)


def weighted_absolute_percentage_error(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Sum of absolute errors over sum of actual values (NaN when nothing was actual).

    Examples
    --------
    >>> weighted_absolute_percentage_error(np.array([100.0, 50.0]), np.array([90.0, 65.0]))
    0.16666666666666666
    """
    total = float(np.abs(actual).sum())
    return float(np.abs(forecast - actual).sum() / total) if total > 0 else float("nan")


class SmoothingSelector:
    """Choose Holt's ``alpha`` and ``beta`` on held-out years, then forecast from all years.

    For each of the last ``holdout`` years the forecaster is fitted on the years before it and
    asked for that year; the pair with the lowest weighted absolute percentage error (WAPE) over
    every series and held-out year wins. The same error for "next year equals this year" is kept
    as a baseline.

    Parameters
    ----------
    alphas, betas : sequence of float
        The grid searched.
    holdout : int
        How many final years are forecast during selection.
    min_history : int
        Years a fit needs before a held-out year (Holt needs 2).

    Attributes
    ----------
    alpha_, beta_ : float
        The chosen parameters.
    holdout_error_ : float
        WAPE of the chosen parameters on the held-out years (NaN if none could be held out).
    holdout_mae_ : float
        Mean absolute error there, in seats per series and year.
    naive_error_ : float
        WAPE of the "same as last year" forecast on the same held-out years.
    holdout_years_ : int
        How many years were held out.
    forecaster_ : HoltForecaster
        Fitted on every year with the chosen parameters.

    Examples
    --------
    >>> growing = np.array([[10.0, 20.0, 30.0, 40.0, 50.0], [5.0, 5.0, 5.0, 5.0, 5.0]])
    >>> selector = SmoothingSelector(holdout=2).fit(growing)
    >>> round(selector.holdout_error_, 3), selector.predict().round(1).tolist()
    (0.0, [60.0, 5.0])
    """

    def __init__(
        self,
        alphas: Sequence[float] = (0.2, 0.4, 0.6, 0.8, 1.0),
        betas: Sequence[float] = (0.0, 0.2, 0.4, 0.6),
        holdout: int = 2,
        min_history: int = 2,
    ):
        self.alphas = alphas
        self.betas = betas
        self.holdout = holdout
        self.min_history = min_history

    def fit(self, series: np.ndarray) -> SmoothingSelector:
        series = np.atleast_2d(np.asarray(series, dtype=float))
        n_years = series.shape[1]
        origins = [n_years - k for k in range(self.holdout, 0, -1) if n_years - k >= max(self.min_history, 2)]
        self.holdout_years_ = len(origins)
        self.alpha_, self.beta_ = float(self.alphas[0]), float(self.betas[0])
        self.holdout_error_ = self.holdout_mae_ = self.naive_error_ = float("nan")
        if origins:
            actual = np.concatenate([series[:, origin] for origin in origins])
            naive = np.concatenate([series[:, origin - 1] for origin in origins])
            self.naive_error_ = weighted_absolute_percentage_error(actual, naive)
            best = None
            for alpha in self.alphas:
                for beta in self.betas:
                    forecast = np.concatenate(
                        [HoltForecaster(alpha, beta).fit(series[:, :origin]).predict() for origin in origins]
                    )
                    error = weighted_absolute_percentage_error(actual, forecast)
                    score = np.inf if np.isnan(error) else error
                    if best is None or score < best[0]:
                        best = (
                            score,
                            float(alpha),
                            float(beta),
                            error,
                            float(np.abs(forecast - actual).mean()),
                        )
            assert best is not None
            _, self.alpha_, self.beta_, self.holdout_error_, self.holdout_mae_ = best
        self.forecaster_ = HoltForecaster(self.alpha_, self.beta_).fit(series)
        return self

    def predict(self, horizon: int = 1) -> np.ndarray:
        """Forecast ``horizon`` years after the last year, for every series."""
        return self.forecaster_.predict(horizon)
