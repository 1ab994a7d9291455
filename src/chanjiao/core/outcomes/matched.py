"""Matched difference in mean outcome between two groups, with a bootstrap interval.

Used for the seeds' "starting-salary difference between cooperative and non-cooperative
programs". A raw difference of means would mostly measure who is compared: higher vocational
graduates earn more than secondary ones, and a software developer more than a cook. So the
graduates are matched exactly on strata (school level x occupation group): within each stratum
holding both groups the two means are subtracted, and the stratum differences are averaged with
weights proportional to the number of treated graduates in each (the average effect on the
treated, ATT, of coarsened exact matching). Strata holding one group only cannot be compared and
are left out; how many units that drops is reported.

The interval is a stratified bootstrap: graduates are resampled with replacement within each
stratum and group (cell sizes, hence the weights, stay fixed) and the percentile interval of the
replicate differences is reported. A cell's resampled mean is drawn exactly as a multinomial
over its distinct values, which is fast for banded salaries (a handful of distinct values).
"""

from __future__ import annotations

import numpy as np

MAX_DRAWS_PER_BLOCK = 4_000_000  # multinomial counts held in memory at once


class MatchedDifference:
    """Treated-minus-control difference of means, exactly matched on strata.

    Parameters
    ----------
    n_bootstrap : number of bootstrap replicates (>= 1)
    confidence : two-sided coverage of the percentile interval, in (0, 1)
    random_state : seed of the bootstrap; equal seeds give identical intervals

    Attributes
    ----------
    difference_ : ATT difference of means, in outcome units (e.g. yuan per month)
    relative_difference_ : ``difference_ / control_mean_`` (a fraction; 0.08 is 8 % more)
    interval_ : (low, high) percentile interval of ``difference_``
    relative_interval_ : (low, high) percentile interval of ``relative_difference_``
    treated_mean_, control_mean_ : means over the matched strata with the ATT weights
    strata_ : labels of the matched strata, sorted
    stratum_differences_ : (n_strata,) treated mean - control mean in each matched stratum
    stratum_weights_ : (n_strata,) share of the matched treated units in each stratum
    n_treated_, n_control_ : units in the matched strata
    n_unmatched_treated_, n_unmatched_control_ : units left out (their stratum lacks the other group)
    replicates_ : (n_bootstrap,) bootstrap replicates of ``difference_``

    Examples
    --------
    >>> salary = np.array([5000, 5400, 4000, 4200, 7000, 7600, 6600, 3000.0])
    >>> cooperative = np.array([1, 1, 0, 0, 1, 1, 0, 0], dtype=bool)
    >>> stratum = np.array(["higher|6-18"] * 4 + ["higher|2-02"] * 3 + ["secondary|4-03"])
    >>> fit = MatchedDifference(n_bootstrap=500, random_state=0).fit(salary, cooperative, stratum)
    >>> fit.stratum_differences_.tolist(), fit.stratum_weights_.tolist(), fit.difference_
    ([700.0, 1100.0], [0.5, 0.5], 900.0)
    >>> round(fit.relative_difference_, 4), fit.n_unmatched_control_
    (0.1682, 1)
    """

    def __init__(self, *, n_bootstrap: int = 2000, confidence: float = 0.95, random_state: int | None = None):
        self.n_bootstrap = n_bootstrap
        self.confidence = confidence
        self.random_state = random_state

    def fit(self, outcome, treated, strata) -> MatchedDifference:
        """Match, estimate and bootstrap.

        Parameters
        ----------
        outcome : (n,) float; NaN marks a unit without an outcome (left out)
        treated : (n,) bool; True for the treated group (e.g. cooperative programs)
        strata : (n,) labels (str or int); units are compared only within a label

        Returns
        -------
        self
        """
        if int(self.n_bootstrap) < 1:
            raise ValueError(f"n_bootstrap must be at least 1, got {self.n_bootstrap}.")
        if not 0 < self.confidence < 1:
            raise ValueError(f"confidence must be in (0, 1), got {self.confidence}.")
        values = np.asarray(outcome, dtype=float)
        is_treated = np.asarray(treated, dtype=bool)
        labels = np.asarray(strata)
        if not (values.ndim == is_treated.ndim == labels.ndim == 1) or not (
            len(values) == len(is_treated) == len(labels)
        ):
            raise ValueError("outcome, treated and strata must be 1-D arrays of the same length.")
        known = ~np.isnan(values)
        values, is_treated, labels = values[known], is_treated[known], labels[known]
        stratum_names, stratum_index = np.unique(labels, return_inverse=True)
        n_strata = len(stratum_names)
        treated_counts = np.bincount(stratum_index[is_treated], minlength=n_strata)
        control_counts = np.bincount(stratum_index[~is_treated], minlength=n_strata)
        matched = (treated_counts > 0) & (control_counts > 0)
        if not matched.any():
            raise ValueError("No stratum holds both groups, so nothing can be compared.")
        self.n_treated_ = int(treated_counts[matched].sum())
        self.n_control_ = int(control_counts[matched].sum())
        self.n_unmatched_treated_ = int(treated_counts[~matched].sum())
        self.n_unmatched_control_ = int(control_counts[~matched].sum())
        self.strata_ = stratum_names[matched]
        self.stratum_weights_ = treated_counts[matched] / self.n_treated_

        rng = np.random.default_rng(self.random_state)
        treated_means: list[float] = []
        control_means: list[float] = []
        treated_draws: list[np.ndarray] = []
        control_draws: list[np.ndarray] = []
        for stratum in np.flatnonzero(matched):
            in_stratum = stratum_index == stratum
            for group, means, draws in (
                (values[in_stratum & is_treated], treated_means, treated_draws),
                (values[in_stratum & ~is_treated], control_means, control_draws),
            ):
                means.append(float(group.mean()))
                draws.append(self._bootstrap_means(group, rng))
        weights = self.stratum_weights_
        self.stratum_differences_ = np.array(treated_means) - np.array(control_means)
        self.treated_mean_ = float(weights @ np.array(treated_means))
        self.control_mean_ = float(weights @ np.array(control_means))
        self.difference_ = self.treated_mean_ - self.control_mean_
        self.relative_difference_ = self.difference_ / self.control_mean_

        replicate_treated = weights @ np.vstack(treated_draws)
        replicate_control = weights @ np.vstack(control_draws)
        self.replicates_ = replicate_treated - replicate_control
        tails = 100 * np.array([(1 - self.confidence) / 2, (1 + self.confidence) / 2])
        low, high = np.percentile(self.replicates_, tails)
        self.interval_ = (float(low), float(high))
        rel_low, rel_high = np.percentile(self.replicates_ / replicate_control, tails)
        self.relative_interval_ = (float(rel_low), float(rel_high))
        return self

    def _bootstrap_means(self, group: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """``n_bootstrap`` means of resamples (with replacement, same size) of one cell."""
        distinct, counts = np.unique(group, return_counts=True)
        probabilities = counts / counts.sum()
        n_bootstrap = int(self.n_bootstrap)
        block = max(1, MAX_DRAWS_PER_BLOCK // len(distinct))
        means = np.empty(n_bootstrap)
        for start in range(0, n_bootstrap, block):
            size = min(block, n_bootstrap - start)
            draws = rng.multinomial(len(group), probabilities, size=size)
            means[start : start + size] = draws @ distinct / len(group)
        return means
