"""Outlier treatment by winsorising, so that a few extreme units do not flatten everyone else.

Two rules are offered:

- ``"skew_kurtosis"`` (the COINr default): an indicator is flagged when its absolute skewness exceeds
  2 *and* its kurtosis exceeds 3.5 (sample, bias-corrected statistics as in Excel / e1071 type 2).
  A flagged indicator is winsorised one extreme at a time: the highest value(s) when skew is
  positive, the lowest when negative, each set to the next value in line, until the flag clears
  or ``max_points`` units have been changed.
- ``"percentile"``: values outside the ``lower`` / ``upper`` percentiles are clipped to them.

Values keep their units (no log transform), so policy targets and red-line thresholds remain
meaningful after treatment. Hard red-line rules are checked on the raw values anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

OUTLIER_METHODS = ("skew_kurtosis", "percentile", "none")


def skewness(x: np.ndarray) -> float:
    """Sample skewness, bias-corrected (Excel ``SKEW``); 0 for a constant vector.

    Examples
    --------
    >>> round(skewness([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]), 4)
    3.2556
    """
    values = np.asarray(x, dtype=float)
    n = values.size
    if n < 3:
        raise ValueError(f"skewness needs at least 3 values, got {n}")
    centred = values - values.mean()
    second = float(np.sum(centred**2))
    if second == 0:
        return 0.0
    biased = np.sqrt(n) * float(np.sum(centred**3)) / second**1.5
    return float(biased * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis, bias-corrected (Excel ``KURT``); 0 for a constant vector.

    Examples
    --------
    >>> round(kurtosis([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]), 4)
    10.7067
    """
    values = np.asarray(x, dtype=float)
    n = values.size
    if n < 4:
        raise ValueError(f"kurtosis needs at least 4 values, got {n}")
    centred = values - values.mean()
    second = float(np.sum(centred**2))
    if second == 0:
        return 0.0
    ratio = n * float(np.sum(centred**4)) / second**2
    return ((n + 1) * (ratio - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def is_outlier_free(x: np.ndarray, skew_threshold: float = 2.0, kurtosis_threshold: float = 3.5) -> bool:
    """COINr's pass rule: not (|skewness| > skew_threshold and kurtosis > kurtosis_threshold)."""
    return not (abs(skewness(x)) > skew_threshold and kurtosis(x) > kurtosis_threshold)


@dataclass(frozen=True)
class OutlierRecord:
    """What treatment did to one indicator.

    ``treated_units`` are row indices of changed values; ``outlier_free`` is the skew/kurtosis
    verdict after treatment, ``None`` when fewer than 4 units make it unmeasurable.
    """

    indicator: str
    method: str
    skewness_before: float
    kurtosis_before: float
    skewness_after: float
    kurtosis_after: float
    treated_units: tuple[int, ...]
    outlier_free: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "method": self.method,
            "skewness_before": self.skewness_before,
            "kurtosis_before": self.kurtosis_before,
            "skewness_after": self.skewness_after,
            "kurtosis_after": self.kurtosis_after,
            "treated_units": list(self.treated_units),
            "outlier_free": self.outlier_free,
        }


def winsorise_skew_kurtosis(
    x: np.ndarray,
    max_points: int = 5,
    skew_threshold: float = 2.0,
    kurtosis_threshold: float = 3.5,
) -> tuple[np.ndarray, tuple[int, ...]]:
    """Winsorise extremes one at a time until the skew/kurtosis flag clears (COINr's rule).

    Returns the treated copy and the indices of the changed values. Stops once ``max_points``
    values have been changed even if the flag persists (tied extremes move together).

    Examples
    --------
    >>> treated, units = winsorise_skew_kurtosis([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100])
    >>> treated.tolist()[-2:], units
    ([10.0, 10.0], (10,))
    """
    values = np.array(x, dtype=float)
    treated: set[int] = set()
    while len(treated) < max_points and not is_outlier_free(values, skew_threshold, kurtosis_threshold):
        if skewness(values) >= 0:
            extreme = np.flatnonzero(values == values.max())
            replacement = values[values < values.max()].max()
        else:
            extreme = np.flatnonzero(values == values.min())
            replacement = values[values > values.min()].min()
        values[extreme] = replacement
        treated.update(int(unit) for unit in extreme)
    return values, tuple(sorted(treated))


def winsorise_percentiles(
    x: np.ndarray, lower: float = 5.0, upper: float = 95.0
) -> tuple[np.ndarray, tuple[int, ...]]:
    """Clip values to the ``lower`` and ``upper`` percentiles.

    Examples
    --------
    >>> treated, units = winsorise_percentiles([1, 2, 3, 4, 100], lower=0, upper=75)
    >>> treated.tolist(), units
    ([1.0, 2.0, 3.0, 4.0, 4.0], (4,))
    """
    if not 0 <= lower < upper <= 100:
        raise ValueError(f"percentiles must satisfy 0 <= lower < upper <= 100, got {lower} and {upper}")
    values = np.asarray(x, dtype=float)
    low, high = np.percentile(values, [lower, upper])
    clipped = np.clip(values, low, high)
    return clipped, tuple(int(unit) for unit in np.flatnonzero(clipped != values))


def _shape_statistics(column: np.ndarray) -> tuple[float, float]:
    if column.size < 4:
        return float("nan"), float("nan")
    return skewness(column), kurtosis(column)


def treat_outliers(
    X: np.ndarray,
    codes: Sequence[str],
    method: str = "skew_kurtosis",
    **parameters: float,
) -> tuple[np.ndarray, tuple[OutlierRecord, ...]]:
    """Treat every indicator column of a complete matrix; returns the treated copy and a record per column.

    ``parameters`` are passed to the rule: ``max_points``, ``skew_threshold``,
    ``kurtosis_threshold`` for ``"skew_kurtosis"``; ``lower``, ``upper`` for ``"percentile"``.
    ``"none"`` only records the statistics. With fewer than 4 units the skew/kurtosis rule cannot
    be evaluated, so such columns are left untouched.

    Examples
    --------
    >>> X = [[float(v), 1.0] for v in range(1, 11)] + [[100.0, 1.0]]
    >>> treated, records = treat_outliers(X, ["income", "flat"])
    >>> treated[-1].tolist(), records[0].treated_units, records[0].outlier_free
    ([10.0, 1.0], (10,), True)
    """
    values = np.asarray(X, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(codes):
        raise ValueError(f"X must be (n_units, {len(codes)}), got shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise ValueError("outlier treatment needs complete data; handle missing values first")
    if method not in OUTLIER_METHODS:
        raise ValueError(f"unknown outlier method {method!r}; expected one of {', '.join(OUTLIER_METHODS)}")
    allowed = {
        "skew_kurtosis": {"max_points", "skew_threshold", "kurtosis_threshold"},
        "percentile": {"lower", "upper"},
        "none": set(),
    }[method]
    unknown = sorted(set(parameters) - allowed)
    if unknown:
        raise ValueError(f"outlier method {method!r} does not take {unknown}")
    skew_threshold = parameters.get("skew_threshold", 2.0)
    kurtosis_threshold = parameters.get("kurtosis_threshold", 3.5)
    treated = values.copy()
    records: list[OutlierRecord] = []
    for column, code in enumerate(codes):
        before = _shape_statistics(values[:, column])
        changed: tuple[int, ...] = ()
        if method == "skew_kurtosis" and values.shape[0] >= 4:
            treated[:, column], changed = winsorise_skew_kurtosis(
                values[:, column],
                max_points=int(parameters.get("max_points", 5)),
                skew_threshold=skew_threshold,
                kurtosis_threshold=kurtosis_threshold,
            )
        elif method == "percentile":
            treated[:, column], changed = winsorise_percentiles(
                values[:, column], parameters.get("lower", 5.0), parameters.get("upper", 95.0)
            )
        after = _shape_statistics(treated[:, column])
        records.append(
            OutlierRecord(
                indicator=code,
                method=method,
                skewness_before=before[0],
                kurtosis_before=before[1],
                skewness_after=after[0],
                kurtosis_after=after[1],
                treated_units=changed,
                outlier_free=None
                if np.isnan(after[0])
                else not (abs(after[0]) > skew_threshold and after[1] > kurtosis_threshold),
            )
        )
    return treated, tuple(records)
