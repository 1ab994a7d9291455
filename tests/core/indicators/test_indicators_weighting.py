import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from chanjiao.core.indicators import (
    RANDOM_INDEX,
    ahp_weights,
    consistent_ahp_weights,
    entropy_weights,
    equal_weights,
)

# Saaty (1980, 1990): relative consumption of drinks in the United States.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_MATRIX = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)


def test_entropy_weights_reproduce_xu_2004_worked_example():
    # given Xu's (2004) decision matrix
    X = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]

    # when
    weights = entropy_weights(X)

    # then
    assert weights.round(4).tolist() == [0.4630, 0.3992, 0.1378, 0.0000]


def test_ahp_weights_reproduce_saaty_drinks_example():
    # when
    weights, ratio = ahp_weights(DRINKS_MATRIX)

    # then Saaty's published priorities and consistency ratio
    assert weights.round(3).tolist() == [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert round(ratio, 3) == 0.022


def test_consistent_ahp_weights_accepts_drinks_and_returns_the_same_priorities():
    assert (
        consistent_ahp_weights(DRINKS_MATRIX, labels=DRINKS).tolist()
        == ahp_weights(DRINKS_MATRIX)[0].tolist()
    )


def test_consistent_ahp_weights_refuses_cr_of_0_1_or_more_naming_the_worst_judgement():
    # given consistent judgements (wage > safety > training > equipment) with one reversed:
    # equipment is said to be 6 times as important as wage
    A = np.array([[1, 2, 3, 4], [1 / 2, 1, 2, 3], [1 / 3, 1 / 2, 1, 2], [1 / 4, 1 / 3, 1 / 2, 1]])
    A[0, 3], A[3, 0] = 1 / 6, 6
    _, ratio = ahp_weights(A)
    assert round(ratio, 2) == 0.72

    # when / then the message names the reversed judgement
    with pytest.raises(
        ValueError,
        match=r"consistency ratio 0\.72 is not below 0\.1; the judgement furthest from the derived "
        r"priorities is wage vs equipment \(given 0\.167",
    ):
        consistent_ahp_weights(A, labels=["wage", "safety", "training", "equipment"])


def test_consistent_ahp_weights_limit_is_a_parameter():
    _, ratio = ahp_weights(DRINKS_MATRIX)

    with pytest.raises(ValueError, match="not below 0.02"):
        consistent_ahp_weights(DRINKS_MATRIX, max_ratio=0.02)
    assert ratio > 0.02


def test_ahp_weights_of_two_items_are_always_consistent():
    weights, ratio = ahp_weights([[1, 4], [0.25, 1]])

    np.testing.assert_allclose(weights, [0.8, 0.2])
    assert ratio == 0.0


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], "must be square"),
        ([[1, -2], [-0.5, 1]], "positive finite"),
        ([[2, 2], [0.5, 1]], "diagonal"),
        ([[1, 2], [2, 1]], r"not reciprocal: entry \(0, 1\) is 2 but entry \(1, 0\) is 2"),
        (np.ones((16, 16)), "tabulated up to 15"),
    ],
)
def test_ahp_weights_rejects_malformed_matrices(matrix, message):
    with pytest.raises(ValueError, match=message):
        ahp_weights(matrix)


def test_random_index_is_saatys_table():
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]


@given(arrays(float, st.integers(3, 9), elements=st.floats(0.1, 10.0)))
def test_ahp_weights_recover_the_priorities_of_a_perfectly_consistent_matrix(priorities):
    # given a_ij = w_i / w_j
    matrix = priorities[:, None] / priorities[None, :]

    # when
    weights, ratio = ahp_weights(matrix)

    # then
    np.testing.assert_allclose(weights, priorities / priorities.sum(), rtol=1e-9)
    assert ratio == pytest.approx(0.0, abs=1e-9)


@given(
    arrays(
        float,
        st.tuples(st.integers(2, 12), st.integers(1, 6)),
        elements=st.floats(0.0, 1e6, allow_subnormal=False),
    )
)
def test_entropy_weights_are_non_negative_and_sum_to_one(X):
    X[0] += 1.0  # no all-zero column
    try:
        weights = entropy_weights(X)
    except ValueError as error:
        assert "spreads evenly" in str(error)
        return
    assert np.all(weights >= 0)
    assert weights.sum() == pytest.approx(1.0)


def test_entropy_weights_give_constant_indicator_no_weight():
    X = np.array([[1.0, 5.0], [2.0, 5.0], [9.0, 5.0]])

    np.testing.assert_allclose(entropy_weights(X), [1.0, 0.0], atol=1e-12)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        ([1.0, 2.0], "2-D"),
        ([[1.0, 2.0]], "at least 2 units"),
        ([[1.0, np.nan], [2.0, 3.0]], "missing or infinite"),
        ([[1.0, -2.0], [2.0, 3.0]], "column 1 has negative values"),
        ([[1.0, 0.0], [2.0, 0.0]], "column 1 is all zero"),
        ([[1.0, 4.0], [1.0, 4.0]], "spreads evenly"),
    ],
)
def test_entropy_weights_reject_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        entropy_weights(X)


def test_equal_weights_split_evenly_and_reject_non_positive_counts():
    assert equal_weights(3).sum() == pytest.approx(1.0)
    assert equal_weights(2).tolist() == [0.5, 0.5]
    with pytest.raises(ValueError, match="positive integer"):
        equal_weights(0)
