import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from SALib.analyze import sobol as salib_sobol
from SALib.sample import sobol as salib_sample
from SALib.test_functions import Ishigami
from scipy.stats import rankdata

from chanjiao.core.indicators import RankUncertainty, default_framework, sobol_indices
from chanjiao.core.indicators.uncertainty import descending_ranks

MINMAX = {"method": "minmax", "lower": 1.0, "upper": 100.0}


def sample_data(seed=0, n_units=30):
    rng = np.random.default_rng(seed)
    return rng.uniform(1.0, 100.0, size=(n_units, 16))


def test_same_seed_gives_identical_results_and_another_seed_differs():
    X = sample_data()

    first = RankUncertainty(n_draws=200, random_state=11).fit(X)
    second = RankUncertainty(n_draws=200, random_state=11).fit(X)
    other = RankUncertainty(n_draws=200, random_state=12).fit(X)

    for attribute in ("median_rank_", "rank_interval_", "first_order_", "total_order_", "unit_total_order_"):
        assert getattr(first, attribute).tolist() == getattr(second, attribute).tolist()
    assert first.unit_total_order_.tolist() != other.unit_total_order_.tolist()


def test_without_any_alternative_every_run_gives_the_nominal_ranks():
    # given one normalisation, one aggregation and no weight noise
    X = sample_data()

    analysis = RankUncertainty(
        normalisations=[MINMAX], aggregations=["arithmetic"], weight_noise=0.0, n_draws=100, random_state=0
    ).fit(X)

    assert analysis.median_rank_.tolist() == analysis.nominal_ranks_.tolist()
    assert analysis.rank_interval_.tolist() == np.column_stack([analysis.nominal_ranks_] * 2).tolist()
    assert analysis.total_order_.tolist() == [0.0, 0.0, 0.0]
    assert analysis.unit_first_order_.tolist() == np.zeros((30, 3)).tolist()


def test_choices_held_fixed_explain_none_of_the_variance():
    # given only the normalisation varies
    X = sample_data()

    analysis = RankUncertainty(
        normalisations=[MINMAX, {"method": "zscore"}, {"method": "rank"}],
        aggregations=["arithmetic"],
        weight_noise=0.0,
        n_draws=300,
        random_state=1,
    ).fit(X)

    # then weights and aggregation get exactly zero and normalisation carries the variance
    assert analysis.first_order_[[0, 2]].tolist() == [0.0, 0.0]
    assert analysis.total_order_[[0, 2]].tolist() == [0.0, 0.0]
    assert analysis.total_order_[1] > 0.5
    assert analysis.factor_names_ == ("weights", "normalisation", "aggregation")


def test_rank_intervals_bracket_the_median_within_the_rank_range():
    X = sample_data(seed=4, n_units=50)

    analysis = RankUncertainty(n_draws=250, interval=0.8, random_state=3).fit(X)

    low, high = analysis.rank_interval_.T
    assert analysis.n_runs_ == 250
    assert np.all(
        (low >= 1) & (low <= analysis.median_rank_) & (analysis.median_rank_ <= high) & (high <= 50)
    )
    assert np.sort(analysis.nominal_ranks_).tolist() == list(range(1, 51))
    assert np.all(analysis.unit_total_order_ >= 0)


@given(
    arrays(float, st.tuples(st.integers(3, 12), st.just(16)), elements=st.floats(1.0, 90.0)),
    st.integers(0, 99),
)
def test_a_unit_best_on_every_indicator_is_first_in_every_run(X, seed):
    # given a unit strictly better than all others on every indicator (cost indicator: lower)
    framework = default_framework()
    cost = np.array([direction == "cost" for direction in framework.directions])
    X[0] = np.where(cost, 0.5, 95.0)

    analysis = RankUncertainty(framework, n_draws=50, random_state=seed).fit(X)

    assert analysis.rank_interval_[0].tolist() == [1.0, 1.0]
    assert analysis.nominal_ranks_[0] == 1


def test_geometric_alternative_refuses_non_positive_normalised_values():
    X = sample_data()

    with pytest.raises(
        ValueError, match=r"normalisation \{'method': 'zscore', 'mean': 0, 'sd': 1\} gives values <= 0"
    ):
        RankUncertainty(normalisations=[{"method": "zscore", "mean": 0, "sd": 1}], n_draws=100).fit(X)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"n_draws": 9}, "n_draws must be at least 10"),
        ({"interval": 1.0}, "interval must be between 0 and 1"),
        ({"weight_noise": 1.0}, r"weight_noise must be in \[0, 1\)"),
        ({"n_weight_sets": 0}, "n_weight_sets must be at least 1"),
        ({"aggregations": ["median"]}, "unknown aggregation 'median'"),
        ({"normalisations": []}, "at least one normalisation"),
        ({"normalisations": [{"method": "minmax", "sd": 1}]}, r"does not take \['sd'\]"),
    ],
)
def test_invalid_settings_raise_clear_errors(params, message):
    with pytest.raises(ValueError, match=message):
        RankUncertainty(**params).fit(sample_data())


def test_data_with_gaps_or_wrong_shape_is_refused():
    X = sample_data()
    X[3, 2] = np.nan

    with pytest.raises(ValueError, match="X has gaps"):
        RankUncertainty().fit(X)
    with pytest.raises(ValueError, match=r"X must be \(n_units >= 2, 16\)"):
        RankUncertainty().fit(np.ones((5, 4)))


def test_configuration_is_json_able():
    config = RankUncertainty(random_state=5).get_config()

    assert json.loads(json.dumps(config))["random_state"] == 5
    assert config["aggregations"] == ["arithmetic", "geometric"]
    assert [spec["method"] for spec in config["normalisations"]] == ["minmax", "rank", "distance_to_target"]


def test_sobol_estimators_match_salib_on_the_ishigami_function():
    # given SALib's Saltelli sample of the Ishigami function (rows: A, AB_1..AB_3, B per base point)
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    inputs = salib_sample.sample(problem, 512, calc_second_order=False, seed=2)
    outputs = Ishigami.evaluate(inputs)
    expected = salib_sobol.analyze(problem, outputs, calc_second_order=False, seed=2)

    # when
    blocks = outputs.reshape(-1, 5)
    first, total = sobol_indices(blocks[:, 0], blocks[:, 4], blocks[:, 1:4].T)

    # then
    np.testing.assert_allclose(first, expected["S1"], rtol=1e-12)
    np.testing.assert_allclose(total, expected["ST"], rtol=1e-12)


def test_sobol_indices_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="must share a shape"):
        sobol_indices(np.ones(4), np.ones(5), np.ones((2, 4)))


@given(arrays(np.int8, st.tuples(st.integers(1, 4), st.integers(1, 40)), elements=st.integers(-3, 3)))
def test_descending_ranks_match_competition_ranking(scores):
    expected = np.vstack([rankdata(-row, method="min") for row in scores.astype(float)])

    assert descending_ranks(scores).tolist() == expected.astype(int).tolist()
