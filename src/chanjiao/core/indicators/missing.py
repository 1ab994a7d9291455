"""Missing-data handling: single imputation or exclusion of incomplete units, with a record.

Following the OECD/JRC Handbook, every strategy is explicit and leaves a trace:

- ``"mean"`` / ``"median"``: fill a gap with the indicator's mean / median over units that report it;
- ``"group_mean"``: fill with the mean of the unit's group (e.g. its zone or carrier type), falling
  back to the overall mean when nobody in the group reports the indicator;
- ``"exclude"``: case deletion; units with any gap are left out of the index (and get no score).

Each filled cell becomes an :class:`ImputationRecord`, so a scorecard can flag imputed values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

MissingStrategy = Literal["mean", "median", "group_mean", "exclude"]
MISSING_STRATEGIES: tuple[MissingStrategy, ...] = ("mean", "median", "group_mean", "exclude")


@dataclass(frozen=True)
class ImputationRecord:
    """One filled gap: which unit (row), which indicator, the value used and how it was derived."""

    unit: int
    indicator: str
    value: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "indicator": self.indicator, "value": self.value, "method": self.method}


@dataclass(frozen=True)
class MissingDataResult:
    """Outcome of :func:`handle_missing`.

    ``values`` has the input's shape; rows of excluded units keep their gaps. ``included`` marks the
    units that take part in the index.
    """

    values: np.ndarray
    included: np.ndarray
    records: tuple[ImputationRecord, ...]

    @property
    def excluded_units(self) -> tuple[int, ...]:
        return tuple(int(unit) for unit in np.flatnonzero(~self.included))


def _check_matrix(X: np.ndarray, codes: Sequence[str]) -> np.ndarray:
    values = np.asarray(X, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"X must be a 2-D array (n_units, n_indicators), got {values.ndim} dimension(s)")
    if values.shape[1] != len(codes):
        raise ValueError(f"X has {values.shape[1]} indicator columns but {len(codes)} codes were given")
    if values.shape[0] == 0:
        raise ValueError("X has no units")
    if np.any(np.isinf(values)):
        row, column = (int(index) for index in np.argwhere(np.isinf(values))[0])
        raise ValueError(f"unit {row}, indicator {codes[column]!r} is infinite; only NaN marks a gap")
    return values


def handle_missing(
    X: np.ndarray,
    codes: Sequence[str],
    strategy: MissingStrategy = "mean",
    groups: Sequence[object] | None = None,
) -> MissingDataResult:
    """Fill or exclude the gaps (NaN) in an indicator matrix.

    Parameters
    ----------
    X : array of shape (n_units, n_indicators)
        Raw indicator values, NaN where a unit did not report.
    codes : indicator codes, one per column, used in the records and messages.
    strategy : ``"mean"``, ``"median"``, ``"group_mean"`` or ``"exclude"``.
    groups : one label per unit; required for ``"group_mean"``.

    Examples
    --------
    >>> X = [[1.0, 10.0], [float("nan"), 20.0], [5.0, float("nan")]]
    >>> result = handle_missing(X, ["a", "b"], "mean")
    >>> result.values.tolist()
    [[1.0, 10.0], [3.0, 20.0], [5.0, 15.0]]
    >>> [record.to_dict() for record in result.records][0]
    {'unit': 1, 'indicator': 'a', 'value': 3.0, 'method': 'mean'}
    >>> handle_missing(X, ["a", "b"], "exclude").excluded_units
    (1, 2)
    """
    values = _check_matrix(X, codes)
    if strategy not in MISSING_STRATEGIES:
        raise ValueError(
            f"unknown missing-data strategy {strategy!r}; expected one of {', '.join(MISSING_STRATEGIES)}"
        )
    gaps = np.isnan(values)
    empty = np.flatnonzero(gaps.all(axis=0))
    if empty.size:
        raise ValueError(
            f"indicator {codes[int(empty[0])]!r} has no reported values; remove it from the framework or collect data"
        )
    if strategy == "exclude":
        included = ~gaps.any(axis=1)
        if not included.any():
            raise ValueError("every unit has at least one gap, so excluding incomplete units leaves none")
        return MissingDataResult(values.copy(), included, ())

    group_index = _group_index(groups, values.shape[0]) if strategy == "group_mean" else None
    filled = values.copy()
    records: list[ImputationRecord] = []
    for column in (int(index) for index in np.flatnonzero(gaps.any(axis=0))):
        reported = ~gaps[:, column]
        observed = values[reported, column]
        overall = float(np.median(observed)) if strategy == "median" else float(np.mean(observed))
        fills = np.full(values.shape[0], overall)
        methods = np.full(values.shape[0], strategy, dtype=object)
        if group_index is not None:
            counts = np.bincount(group_index[reported], minlength=group_index.max() + 1)
            sums = np.bincount(group_index[reported], weights=observed, minlength=group_index.max() + 1)
            peer_counts = counts[group_index]
            with np.errstate(invalid="ignore", divide="ignore"):
                fills = np.where(peer_counts > 0, sums[group_index] / peer_counts, overall)
            methods[peer_counts == 0] = "mean (no group peer reports it)"
        for unit in np.flatnonzero(~reported):
            filled[unit, column] = fills[unit]
            records.append(ImputationRecord(int(unit), codes[column], float(fills[unit]), str(methods[unit])))
    return MissingDataResult(filled, np.ones(values.shape[0], dtype=bool), tuple(records))


def _group_index(groups: Sequence[object] | None, n_units: int) -> np.ndarray:
    if groups is None:
        raise ValueError("the 'group_mean' strategy needs a group label for every unit")
    labels = [str(label) for label in groups]
    if len(labels) != n_units:
        raise ValueError(f"got {len(labels)} group labels for {n_units} units")
    _, index = np.unique(np.asarray(labels), return_inverse=True)
    return index.astype(np.intp)
