import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chanjiao.core.indicators import (
    Dimension,
    Framework,
    Indicator,
    aggregate_tree,
    check_normalisation_spec,
    default_framework,
    normalise,
    weighted_arithmetic_mean,
    weighted_geometric_mean,
)

matrices = arrays(
    float,
    st.tuples(st.integers(1, 30), st.integers(1, 5)),
    elements=st.floats(-1e6, 1e6, allow_subnormal=False),
)


def leaf(code, weight=1.0):
    return Indicator(code, code, code, "benefit", "%", code, weight=weight)


def test_minmax_maps_best_to_upper_and_mirrors_cost_indicators():
    X = [[10.0, 5.0], [20.0, 15.0], [40.0, 25.0]]

    assert normalise(X, ["benefit", "cost"], lower=1, upper=100).tolist() == [
        [1.0, 100.0],
        [34.0, 50.5],
        [100.0, 1.0],
    ]


def test_zscore_uses_sample_standard_deviation_and_output_scale():
    X = [[2.0], [4.0], [6.0]]

    assert normalise(X, ["benefit"], "zscore").tolist() == [[40.0], [50.0], [60.0]]
    assert normalise(X, ["cost"], "zscore", mean=0, sd=1).tolist() == [[1.0], [0.0], [-1.0]]


def test_rank_gives_percentile_ranks_with_shared_ties():
    X = [[3.0], [1.0], [3.0], [2.0]]

    assert normalise(X, ["benefit"], "rank", lower=0, upper=1).ravel().tolist() == [5 / 6, 0.0, 5 / 6, 1 / 3]


def test_distance_to_target_caps_at_target_and_uses_best_value_without_target():
    # given practical-course shares with the 50 % target and a column without target
    X = [[20.0, 1.0], [35.0, 3.0], [60.0, 5.0]]

    # when
    result = normalise(X, ["benefit", "benefit"], "distance_to_target", targets=[50.0, np.nan])

    # then
    assert result.tolist() == [[0.0, 0.0], [50.0, 50.0], [100.0, 100.0]]


def test_distance_to_target_for_cost_indicator_and_everyone_on_target():
    # given failure rates (cost) with a 10 % target; every unit meets the 90 % target of column 2
    X = [[40.0, 95.0], [25.0, 99.0], [5.0, 92.0]]

    result = normalise(X, ["cost", "benefit"], "distance_to_target", targets=[10.0, 90.0])

    assert result.tolist() == [[0.0, 100.0], [50.0, 100.0], [100.0, 100.0]]


def test_constant_indicator_sits_mid_scale():
    X = [[7.0], [7.0]]

    assert normalise(X, ["benefit"]).ravel().tolist() == [50.0, 50.0]
    assert normalise(X, ["benefit"], "rank").ravel().tolist() == [50.0, 50.0]
    assert normalise(X, ["benefit"], "zscore").ravel().tolist() == [50.0, 50.0]


@given(matrices, st.sampled_from(["minmax", "rank", "distance_to_target"]), st.booleans())
def test_bounded_normalisations_stay_in_range(X, method, cost):
    directions = ["cost" if cost else "benefit"] * X.shape[1]
    targets = np.where(np.arange(X.shape[1]) % 2 == 0, np.median(X, axis=0), np.nan)

    result = normalise(X, directions, method, targets=targets, lower=1.0, upper=100.0)

    assert result.shape == X.shape
    assert np.all((result >= 1.0 - 1e-9) & (result <= 100.0 + 1e-9))


@given(matrices, st.sampled_from(["minmax", "rank", "zscore", "distance_to_target"]))
def test_normalisation_preserves_order_and_reverses_it_for_cost(X, method):
    benefit = normalise(X, ["benefit"] * X.shape[1], method)
    cost = normalise(X, ["cost"] * X.shape[1], method)

    for column in range(X.shape[1]):
        order = np.argsort(X[:, column], kind="stable")
        assert np.all(np.diff(benefit[order, column]) >= -1e-9)
        assert np.all(np.diff(cost[order, column]) <= 1e-9)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"X": [[np.nan]], "directions": ["benefit"]}, "needs complete data"),
        ({"X": [[1.0]], "directions": ["up"]}, "got 'up'"),
        ({"X": [[1.0]], "directions": []}, "got 0 directions for 1 indicator"),
        ({"X": [[1.0]], "directions": ["benefit"], "method": "log"}, "unknown normalisation 'log'"),
        ({"X": [[1.0]], "directions": ["benefit"], "lower": 5, "upper": 5}, r"lower < upper, got \[5, 5\]"),
        ({"X": [[1.0]], "directions": ["benefit"], "method": "zscore", "sd": 0}, "sd must be positive"),
        (
            {"X": [[1.0]], "directions": ["benefit"], "method": "distance_to_target", "targets": [1.0, 2.0]},
            "one entry per indicator",
        ),
    ],
)
def test_normalise_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        normalise(**kwargs)


def test_check_normalisation_spec_rejects_unknown_parameters():
    with pytest.raises(ValueError, match=r"normalisation 'minmax' does not take \['sd'\]"):
        check_normalisation_spec({"method": "minmax", "sd": 2})
    with pytest.raises(ValueError, match="lower must be a finite number"):
        check_normalisation_spec({"method": "rank", "lower": "low"})
    with pytest.raises(ValueError, match="'method' key"):
        check_normalisation_spec({"lower": 1})


def test_weighted_means_agree_with_hand_computation():
    assert weighted_arithmetic_mean([[20.0, 80.0]], [3, 1]).tolist() == [35.0]
    assert weighted_geometric_mean([[4.0, 16.0]], [1, 1]).tolist() == pytest.approx([8.0])


def test_geometric_aggregation_refuses_zero_values_with_advice():
    with pytest.raises(ValueError, match=r"strictly positive values; normalise to a range with lower > 0"):
        weighted_geometric_mean([[0.0, 5.0]], [1, 1])


@given(
    arrays(float, st.tuples(st.integers(1, 10), st.integers(1, 6)), elements=st.floats(1.0, 100.0)),
    st.data(),
)
def test_aggregation_is_monotone_and_bounded(values, data):
    # given weights and an improvement of one indicator for every unit
    n = values.shape[1]
    weights = np.array(data.draw(st.lists(st.floats(0.01, 10.0), min_size=n, max_size=n)))
    column = data.draw(st.integers(0, n - 1))
    improved = values.copy()
    improved[:, column] = np.minimum(improved[:, column] + 5.0, 100.0)

    for combine in (weighted_arithmetic_mean, weighted_geometric_mean):
        # when
        before, after = combine(values, weights), combine(improved, weights)

        # then no unit gets worse, and scores stay within the units' own ranges
        assert np.all(after >= before - 1e-9)
        assert np.all(before >= values.min(axis=1) - 1e-9)
        assert np.all(before <= values.max(axis=1) + 1e-9)
    # the geometric mean never exceeds the arithmetic mean
    assert np.all(
        weighted_geometric_mean(values, weights) <= weighted_arithmetic_mean(values, weights) + 1e-9
    )


def test_aggregate_tree_scores_every_dimension_level_by_level():
    # given index -> (left: a, b), c, with left weighted 3
    framework = Framework(
        Dimension(
            "index",
            "Index",
            "指数",
            (Dimension("left", "Left", "左", (leaf("a"), leaf("b")), weight=3), leaf("c")),
        )
    )
    values = np.array([[10.0, 30.0, 60.0], [40.0, 40.0, 40.0]])

    arithmetic = aggregate_tree(values, framework, "arithmetic")
    geometric = aggregate_tree(values, framework, "geometric")

    assert arithmetic.tolist() == [[30.0, 20.0], [40.0, 40.0]]
    np.testing.assert_allclose(geometric[:, 1], [np.sqrt(300.0), 40.0])
    np.testing.assert_allclose(geometric[:, 0], [np.sqrt(300.0) ** 0.75 * 60.0**0.25, 40.0])


@given(arrays(float, st.tuples(st.integers(1, 8), st.just(16)), elements=st.floats(1.0, 100.0)), st.data())
def test_tree_aggregation_equals_mean_with_effective_weights(values, data):
    # given the default framework with random weights on every node
    base = default_framework()
    weights = {code: data.draw(st.floats(0.1, 5.0)) for code in base.weighted_codes}
    framework = base.with_weights(weights)
    effective = framework.effective_weights()

    # then the level-by-level root score is the flat weighted mean with effective weights
    np.testing.assert_allclose(aggregate_tree(values, framework)[:, 0], values @ effective)
    np.testing.assert_allclose(
        aggregate_tree(values, framework, "geometric")[:, 0], np.exp(np.log(values) @ effective)
    )


def test_aggregate_tree_rejects_bad_input():
    framework = default_framework()
    with pytest.raises(ValueError, match=r"normalised must be \(n_units, 16\)"):
        aggregate_tree(np.ones((2, 3)), framework)
    with pytest.raises(ValueError, match="unknown aggregation 'harmonic'"):
        aggregate_tree(np.ones((2, 16)), framework, "harmonic")
    with pytest.raises(ValueError, match="handle missing data before aggregating"):
        aggregate_tree(np.full((1, 16), np.nan), framework)
