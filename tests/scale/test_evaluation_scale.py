"""Evaluation Monte Carlo with its runs split over the workers: the same ranks and indices."""

import numpy as np

from chanjiao.core.indicators import default_framework
from chanjiao.core.indicators.uncertainty import RankUncertainty
from chanjiao.scale.evaluation import fit_rank_uncertainty


def test_the_runs_split_over_two_workers_merge_into_the_single_process_analysis(client):
    # given
    rng = np.random.default_rng(5)
    X = rng.uniform(1, 100, size=(200, len(default_framework().indicators)))
    # when
    split = fit_rank_uncertainty(client, RankUncertainty(n_draws=500, random_state=11), X, runs_per_task=37)
    # then
    whole = RankUncertainty(n_draws=500, random_state=11).fit(X)
    assert split.n_runs_ == whole.n_runs_ == 500
    np.testing.assert_array_equal(split.nominal_ranks_, whole.nominal_ranks_)
    np.testing.assert_array_equal(split.median_rank_, whole.median_rank_)
    np.testing.assert_array_equal(split.rank_interval_, whole.rank_interval_)
    np.testing.assert_array_equal(split.first_order_, whole.first_order_)
    np.testing.assert_array_equal(split.total_order_, whole.total_order_)
    np.testing.assert_array_equal(split.unit_first_order_, whole.unit_first_order_)
    np.testing.assert_array_equal(split.unit_total_order_, whole.unit_total_order_)
