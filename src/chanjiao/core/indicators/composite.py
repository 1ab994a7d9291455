"""The composite-indicator pipeline: missing data -> outliers -> normalisation -> aggregation.

One estimator runs the OECD/JRC construction steps in order and keeps every intermediate result,
plus the exact configuration it used, so an evaluation can be stored, shown step by step and
reproduced later from :meth:`CompositeIndicator.get_config`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from scipy.stats import rankdata

from chanjiao.core.indicators.aggregation import AGGREGATIONS, Aggregation, aggregate_tree
from chanjiao.core.indicators.default_framework import default_framework
from chanjiao.core.indicators.framework import Framework
from chanjiao.core.indicators.missing import MissingStrategy, handle_missing
from chanjiao.core.indicators.normalisation import check_normalisation_spec, normalise
from chanjiao.core.indicators.outliers import OutlierRecord, treat_outliers

DEFAULT_OUTLIERS: Mapping[str, Any] = {"method": "skew_kurtosis"}
DEFAULT_NORMALISATION: Mapping[str, Any] = {"method": "minmax", "lower": 0.0, "upper": 100.0}


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 for the highest score; tied units share the best rank of their group; NaN stays NaN.

    Examples
    --------
    >>> competition_ranks(np.array([50.0, 80.0, 50.0, np.nan])).tolist()
    [2.0, 1.0, 2.0, nan]
    """
    values = np.asarray(scores, dtype=float)
    ranks = np.full(values.shape, np.nan)
    present = ~np.isnan(values)
    ranks[present] = rankdata(-values[present], method="min")
    return ranks


class CompositeIndicator:
    """Build a composite index for a set of units from their raw indicator values.

    Parameters
    ----------
    framework : Framework, default the platform's default index
    missing : ``"mean"``, ``"median"``, ``"group_mean"`` or ``"exclude"``
    outliers : mapping with ``method`` (``"skew_kurtosis"``, ``"percentile"``, ``"none"``) and
        that method's parameters; default ``{"method": "skew_kurtosis"}``
    normalisation : mapping with ``method`` and parameters, see
        :func:`~chanjiao.core.indicators.normalisation.normalise`; default min-max to [0, 100]
    aggregation : ``"arithmetic"`` or ``"geometric"``

    Attributes
    ----------
    framework_ : the framework used
    included_ : bool array (n_units,), False for units excluded for missing data
    imputations_ : tuple of ImputationRecord
    outlier_records_ : tuple of OutlierRecord (unit indices refer to rows of ``X``)
    treated_ : (n_units, n_indicators) values after imputation and outlier treatment
    normalised_ : (n_units, n_indicators) normalised values
    dimension_scores_ : (n_units, n_dimensions), columns in ``framework_.dimension_codes``
    scores_ : (n_units,) composite index
    ranks_ : (n_units,) rank 1 = best, ties share the best rank
    Rows of excluded units are NaN in every array.

    Examples
    --------
    >>> from chanjiao.core.indicators.framework import Dimension, Framework, Indicator
    >>> leaf = lambda code, direction: Indicator(code, code, code, direction, "%", code)
    >>> framework = Framework(Dimension("index", "Index", "指数",
    ...                                 (leaf("employment", "benefit"), leaf("failure", "cost"))))
    >>> X = [[90.0, 10.0], [70.0, 50.0], [80.0, float("nan")]]
    >>> model = CompositeIndicator(framework, outliers={"method": "none"}).fit(X)
    >>> model.scores_.tolist(), model.ranks_.tolist()
    ([100.0, 0.0, 50.0], [1.0, 3.0, 2.0])
    >>> model.imputations_[0].value
    30.0
    """

    def __init__(
        self,
        framework: Framework | None = None,
        *,
        missing: MissingStrategy = "mean",
        outliers: Mapping[str, Any] | None = None,
        normalisation: Mapping[str, Any] | None = None,
        aggregation: Aggregation = "arithmetic",
    ) -> None:
        self.framework = framework
        self.missing = missing
        self.outliers = outliers
        self.normalisation = normalisation
        self.aggregation = aggregation

    def get_config(self) -> dict[str, Any]:
        """The complete, JSON-able configuration, defaults resolved; feed it to :meth:`from_config`."""
        framework = self.framework if self.framework is not None else default_framework()
        return {
            "framework": framework.to_dict(),
            "missing": self.missing,
            "outliers": dict(self.outliers if self.outliers is not None else DEFAULT_OUTLIERS),
            "normalisation": dict(
                self.normalisation if self.normalisation is not None else DEFAULT_NORMALISATION
            ),
            "aggregation": self.aggregation,
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> CompositeIndicator:
        """Rebuild the estimator an earlier evaluation used."""
        expected = {"framework", "missing", "outliers", "normalisation", "aggregation"}
        if not isinstance(config, Mapping) or set(config) != expected:
            keys = sorted(config) if isinstance(config, Mapping) else type(config).__name__
            raise ValueError(
                f"a composite configuration needs exactly the keys {sorted(expected)}, got {keys}"
            )
        return cls(
            Framework.from_dict(config["framework"]),
            missing=config["missing"],
            outliers=config["outliers"],
            normalisation=config["normalisation"],
            aggregation=config["aggregation"],
        )

    def fit(self, X: np.ndarray, groups: Sequence[object] | None = None) -> CompositeIndicator:
        """Score every unit; ``groups`` labels units for ``missing="group_mean"``."""
        config = self.get_config()
        framework = Framework.from_dict(config["framework"])
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(
                f"unknown aggregation {self.aggregation!r}; expected one of {', '.join(AGGREGATIONS)}"
            )
        normalisation = check_normalisation_spec(config["normalisation"])
        outliers = dict(config["outliers"])
        if "method" not in outliers:
            raise ValueError(f"outliers must be a mapping with a 'method' key, got {outliers!r}")
        codes = framework.indicator_codes

        completed = handle_missing(X, codes, self.missing, groups)
        included = completed.included
        treated_rows, outlier_records = treat_outliers(completed.values[included], codes, **outliers)
        normalised_rows = normalise(
            treated_rows, framework.directions, targets=framework.targets, **normalisation
        )
        dimension_rows = aggregate_tree(normalised_rows, framework, self.aggregation)

        kept = np.flatnonzero(included)
        self.framework_ = framework
        self.included_ = included
        self.imputations_ = completed.records
        self.outlier_records_ = tuple(_to_unit_rows(record, kept) for record in outlier_records)
        self.treated_ = _expand(treated_rows, included)
        self.normalised_ = _expand(normalised_rows, included)
        self.dimension_scores_ = _expand(dimension_rows, included)
        self.scores_ = self.dimension_scores_[:, 0]
        self.ranks_ = competition_ranks(self.scores_)
        return self


def _expand(rows: np.ndarray, included: np.ndarray) -> np.ndarray:
    full = np.full((included.shape[0], rows.shape[1]), np.nan)
    full[included] = rows
    return full


def _to_unit_rows(record: OutlierRecord, kept: np.ndarray) -> OutlierRecord:
    return replace(record, treated_units=tuple(int(kept[row]) for row in record.treated_units))
