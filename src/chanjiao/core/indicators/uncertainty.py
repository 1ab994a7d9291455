"""Uncertainty and sensitivity analysis of the ranks (OECD/JRC Handbook, section 7; COINr).

A composite ranks units under one set of choices; other defensible choices would rank them
differently. :class:`RankUncertainty` re-runs the index under random choices of

- **weights**: every node weight multiplied by a uniform factor in ``1 +/- weight_noise``, drawn
  as a pool of ``n_weight_sets`` perturbed weight sets (sibling weights renormalised);
- **normalisation**: one of the alternative normalisations;
- **aggregation**: arithmetic or geometric, at every level,

and reports each unit's median rank and its rank interval (90 % by default). The draws follow a
Saltelli design, so the same runs also give first-order and total Sobol indices: how much of the
rank variance each choice explains, per unit and for the mean absolute rank shift from the
nominal ranking (the summary COINr reports).

With one aggregation method at every level, arithmetic aggregation through the tree equals the
weighted mean of the indicators with their effective (path-product) weights, and geometric
aggregation equals the weighted geometric mean with them; the exponential of the latter does not
change ranks, so each run is one matrix product and one sort.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chanjiao.core.indicators.aggregation import AGGREGATIONS
from chanjiao.core.indicators.default_framework import default_framework
from chanjiao.core.indicators.framework import Framework
from chanjiao.core.indicators.normalisation import check_normalisation_spec, normalise
from chanjiao.core.indicators.sensitivity import sobol_indices

FACTOR_NAMES = ("weights", "normalisation", "aggregation")
# Bounded methods with lower bound 1 (as in COINr) are valid with geometric aggregation for any data.
# z-scores are unbounded: skewed indicators give values <= 0 however they are shifted, so they are
# an alternative only for arithmetic-only analyses (pass them explicitly).
DEFAULT_ALTERNATIVE_NORMALISATIONS: tuple[Mapping[str, Any], ...] = (
    {"method": "minmax", "lower": 1.0, "upper": 100.0},
    {"method": "rank", "lower": 1.0, "upper": 100.0},
    {"method": "distance_to_target", "lower": 1.0, "upper": 100.0},
)


def descending_ranks(scores: np.ndarray) -> np.ndarray:
    """Rank units within each row (one row per run): 1 for the highest score, ties share the best rank.

    Examples
    --------
    >>> descending_ranks(np.array([[0.2, 0.9, 0.2, 0.5]])).tolist()
    [[3, 1, 3, 2]]
    """
    values = np.asarray(scores, dtype=float)
    order = np.argsort(-values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    positions = np.broadcast_to(np.arange(values.shape[1], dtype=np.int32), values.shape)
    starts_group = np.ones(values.shape, dtype=bool)
    starts_group[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first_of_group = np.maximum.accumulate(np.where(starts_group, positions, 0), axis=1)
    ranks = np.empty(values.shape, dtype=np.int32)
    np.put_along_axis(ranks, order, first_of_group + 1, axis=1)
    return ranks


class RankUncertainty:
    """Monte Carlo rank intervals and Sobol sensitivity of a composite index.

    Parameters
    ----------
    framework : Framework, default the platform's default index
    normalisations : alternative normalisation specs (see ``normalise``); the first is nominal
    aggregations : alternative aggregation methods; the first is nominal
    weight_noise : half-width of the uniform relative perturbation of every weight, in [0, 1)
    n_weight_sets : size of the pool of perturbed weight sets the weights factor picks from
    n_draws : model runs; the Saltelli design uses ``n_draws // 5`` base samples, 5 runs each
    interval : coverage of the reported rank interval, e.g. 0.9 for the 5th-95th percentiles
    random_state : seed; equal seeds give identical results

    Attributes
    ----------
    n_runs_ : runs actually made (a multiple of 5, at most ``n_draws``)
    nominal_ranks_ : (n_units,) ranks under the framework weights and the first alternatives
    median_rank_ : (n_units,) median rank over the runs
    rank_interval_ : (n_units, 2) lower and upper percentile ranks
    factor_names_ : ``("weights", "normalisation", "aggregation")``
    first_order_, total_order_ : (3,) Sobol indices of the mean absolute rank shift
    unit_first_order_, unit_total_order_ : (n_units, 3) Sobol indices of each unit's rank

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> framework = default_framework()
    >>> X = rng.uniform(1, 100, size=(40, len(framework.indicators)))
    >>> analysis = RankUncertainty(framework, n_draws=500, random_state=7).fit(X)
    >>> analysis.n_runs_, analysis.rank_interval_.shape, analysis.factor_names_[int(analysis.total_order_.argmax())]
    (500, (40, 2), 'aggregation')
    """

    def __init__(
        self,
        framework: Framework | None = None,
        *,
        normalisations: Sequence[Mapping[str, Any]] = DEFAULT_ALTERNATIVE_NORMALISATIONS,
        aggregations: Sequence[str] = AGGREGATIONS,
        weight_noise: float = 0.25,
        n_weight_sets: int = 100,
        n_draws: int = 1000,
        interval: float = 0.9,
        random_state: int | None = None,
    ) -> None:
        self.framework = framework
        self.normalisations = normalisations
        self.aggregations = aggregations
        self.weight_noise = weight_noise
        self.n_weight_sets = n_weight_sets
        self.n_draws = n_draws
        self.interval = interval
        self.random_state = random_state

    def get_config(self) -> dict[str, Any]:
        """The complete JSON-able configuration of the analysis, defaults resolved."""
        framework = self.framework if self.framework is not None else default_framework()
        return {
            "framework": framework.to_dict(),
            "normalisations": [dict(spec) for spec in self.normalisations],
            "aggregations": list(self.aggregations),
            "weight_noise": self.weight_noise,
            "n_weight_sets": self.n_weight_sets,
            "n_draws": self.n_draws,
            "interval": self.interval,
            "random_state": self.random_state,
        }

    def _validated(self, X: np.ndarray, framework: Framework) -> np.ndarray:
        values = np.asarray(X, dtype=float)
        if values.ndim != 2 or values.shape[1] != len(framework.indicators) or values.shape[0] < 2:
            raise ValueError(
                f"X must be (n_units >= 2, {len(framework.indicators)}) in framework column order, got {values.shape}"
            )
        if not np.all(np.isfinite(values)):
            raise ValueError(
                "X has gaps; run the analysis on imputed, treated data (CompositeIndicator.treated_)"
            )
        if not self.normalisations or not self.aggregations:
            raise ValueError("give at least one normalisation and one aggregation")
        unknown = [method for method in self.aggregations if method not in AGGREGATIONS]
        if unknown:
            raise ValueError(f"unknown aggregation {unknown[0]!r}; expected one of {', '.join(AGGREGATIONS)}")
        if not 0 <= self.weight_noise < 1:
            raise ValueError(f"weight_noise must be in [0, 1), got {self.weight_noise}")
        if self.n_weight_sets < 1:
            raise ValueError(f"n_weight_sets must be at least 1, got {self.n_weight_sets}")
        if self.n_draws < 2 * (len(FACTOR_NAMES) + 2):
            raise ValueError(f"n_draws must be at least {2 * (len(FACTOR_NAMES) + 2)}, got {self.n_draws}")
        if not 0 < self.interval < 1:
            raise ValueError(f"interval must be between 0 and 1, got {self.interval}")
        return values

    def _alternative_matrices(self, values: np.ndarray, framework: Framework) -> list[dict[str, np.ndarray]]:
        """Per normalisation, the matrix each aggregation method multiplies by the weights."""
        geometric = "geometric" in self.aggregations
        matrices = []
        for spec in self.normalisations:
            checked = check_normalisation_spec(spec)
            normalised = normalise(values, framework.directions, targets=framework.targets, **checked)
            prepared = {"arithmetic": normalised}
            if geometric:
                if np.any(normalised <= 0):
                    raise ValueError(
                        f"normalisation {checked} gives values <= 0, which geometric aggregation cannot take; "
                        "use a lower bound above 0 (or a larger z-score mean) or drop geometric aggregation"
                    )
                prepared["geometric"] = np.log(normalised)
            matrices.append(prepared)
        return matrices

    def fit(self, X: np.ndarray) -> RankUncertainty:
        """Run the Monte Carlo on complete ``(n_units, n_indicators)`` data."""
        plan = self.plan(X)
        return self.summarise(plan, plan.run_ranks(0, plan.n_runs))

    def plan(self, X: np.ndarray) -> RankPlan:
        """Draw the design and prepare the matrices: everything the runs need, nothing run yet.

        ``fit(X)`` is ``summarise(plan, plan.run_ranks(0, plan.n_runs))``; the runs can be
        split into ranges computed anywhere (see `RankPlan.run_ranks`) and put back in order.
        """
        framework = self.framework if self.framework is not None else default_framework()
        values = self._validated(X, framework)
        rng = np.random.default_rng(self.random_state)
        matrices = self._alternative_matrices(values, framework)
        multipliers = 1.0 + rng.uniform(
            -self.weight_noise, self.weight_noise, size=(self.n_weight_sets, len(framework.weighted_codes))
        )
        weight_pool = framework.perturbed_effective_weights(multipliers)

        n_factors = len(FACTOR_NAMES)
        n_base = self.n_draws // (n_factors + 2)
        base_a, base_b = rng.random((n_base, n_factors)), rng.random((n_base, n_factors))
        mixed = [np.where(np.arange(n_factors) == factor, base_b, base_a) for factor in range(n_factors)]
        design = np.concatenate([base_a, base_b, *mixed])
        levels = np.array([self.n_weight_sets, len(matrices), len(self.aggregations)])
        choices = np.minimum((design * levels).astype(np.intp), levels - 1)
        nominal_scores = framework.effective_weights() @ matrices[0][self.aggregations[0]].T
        return RankPlan(
            framework=framework,
            aggregations=tuple(self.aggregations),
            matrices=matrices,
            weight_pool=weight_pool,
            choices=choices,
            n_base=n_base,
            nominal_ranks=descending_ranks(nominal_scores[None, :])[0],
        )

    def summarise(self, plan: RankPlan, ranks: np.ndarray) -> RankUncertainty:
        """Rank intervals and Sobol indices from the ranks of every run of ``plan``, in run order."""
        if ranks.shape != (plan.n_runs, plan.n_units):
            raise ValueError(f"ranks must be ({plan.n_runs}, {plan.n_units}), got {ranks.shape}")
        n_factors = len(FACTOR_NAMES)
        nominal = plan.nominal_ranks
        tail = (1.0 - self.interval) / 2.0
        low, median, high = np.quantile(ranks, [tail, 0.5, 1.0 - tail], axis=0)

        blocks = ranks.reshape(n_factors + 2, plan.n_base, plan.n_units)
        unit_first, unit_total = sobol_indices(blocks[0], blocks[1], blocks[2:])
        shift = np.abs(blocks - nominal).mean(axis=2)
        first, total = sobol_indices(shift[0], shift[1], shift[2:])

        self.framework_ = plan.framework
        self.n_runs_ = plan.n_runs
        self.nominal_ranks_ = nominal
        self.median_rank_ = median
        self.rank_interval_ = np.stack([low, high], axis=1)
        self.factor_names_ = FACTOR_NAMES
        self.first_order_, self.total_order_ = first, total
        self.unit_first_order_, self.unit_total_order_ = unit_first.T, unit_total.T
        return self


@dataclass(frozen=True)
class RankPlan:
    """The drawn design of a `RankUncertainty` analysis and the matrices its runs multiply.

    Run ``r`` uses weight set ``choices[r, 0]``, normalisation ``choices[r, 1]`` and aggregation
    ``choices[r, 2]``; its ranks depend on nothing else, so ranges of runs can be computed
    separately (in other processes) and concatenated into exactly the ranks of one pass.
    """

    framework: Framework
    aggregations: tuple[str, ...]
    matrices: list[dict[str, np.ndarray]]
    weight_pool: np.ndarray
    choices: np.ndarray
    n_base: int
    nominal_ranks: np.ndarray

    @property
    def n_runs(self) -> int:
        return int(self.choices.shape[0])

    @property
    def n_units(self) -> int:
        return int(self.nominal_ranks.shape[0])

    def run_ranks(self, start: int, stop: int) -> np.ndarray:
        """Ranks of the units in runs ``start`` to ``stop - 1``, shape ``(stop - start, n_units)``.

        Examples
        --------
        >>> rng = np.random.default_rng(1)
        >>> X = rng.uniform(1, 100, size=(30, len(default_framework().indicators)))
        >>> plan = RankUncertainty(n_draws=100, random_state=3).plan(X)
        >>> whole = plan.run_ranks(0, plan.n_runs)
        >>> bool((np.concatenate([plan.run_ranks(0, 40), plan.run_ranks(40, 100)]) == whole).all())
        True
        """
        choices = self.choices[start:stop]
        ranks = np.empty((choices.shape[0], self.n_units), dtype=np.int32)
        for normalisation_index, prepared in enumerate(self.matrices):
            for aggregation_index, method in enumerate(self.aggregations):
                runs = np.flatnonzero(
                    (choices[:, 1] == normalisation_index) & (choices[:, 2] == aggregation_index)
                )
                if runs.size:
                    scores = self.weight_pool[choices[runs, 0]] @ prepared[method].T
                    ranks[runs] = descending_ranks(scores)
        return ranks
