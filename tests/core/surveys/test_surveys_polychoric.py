"""Polychoric correlations: bivariate normal probabilities, closed forms, recovery of a latent r."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from chanjiao.core.surveys.polychoric import bivariate_normal_cdf, polychoric_correlation, polychoric_matrix


@settings(max_examples=150, deadline=None)
@given(
    st.floats(min_value=-4, max_value=4),
    st.floats(min_value=-4, max_value=4),
    st.floats(min_value=-0.98, max_value=0.98),
)
def test_bivariate_normal_cdf_matches_scipy(h, k, correlation):
    expected = stats.multivariate_normal(mean=[0, 0], cov=[[1, correlation], [correlation, 1]]).cdf([h, k])
    assert float(bivariate_normal_cdf(np.array(h), np.array(k), correlation)) == pytest.approx(
        expected, abs=1e-8
    )


def test_bivariate_normal_cdf_at_the_origin_is_sheppards_formula():
    for correlation in (-0.7, 0.0, 0.3, 0.9):
        expected = 0.25 + np.arcsin(correlation) / (2 * np.pi)
        assert float(bivariate_normal_cdf(np.array(0.0), np.array(0.0), correlation)) == pytest.approx(
            expected
        )


def test_tetrachoric_with_median_splits_has_a_closed_form():
    # given a 2x2 table split at both medians with 35 % in the low-low cell
    x = [1] * 35 + [1] * 15 + [2] * 15 + [2] * 35
    y = [1] * 35 + [2] * 15 + [1] * 15 + [2] * 35
    # then P(low, low) = 1/4 + asin(r) / (2 pi) gives r = sin(2 pi (0.35 - 0.25))
    assert polychoric_correlation(x, y) == pytest.approx(np.sin(2 * np.pi * 0.10), abs=1e-7)


def test_polychoric_is_symmetric_and_sign_aware():
    x = [1] * 35 + [1] * 15 + [2] * 15 + [2] * 35
    y = [1] * 35 + [2] * 15 + [1] * 15 + [2] * 35
    reversed_y = [3 - value for value in y]
    assert polychoric_correlation(y, x) == pytest.approx(polychoric_correlation(x, y), abs=1e-8)
    assert polychoric_correlation(x, reversed_y) == pytest.approx(-polychoric_correlation(x, y), abs=1e-7)


def test_polychoric_recovers_the_latent_correlation_of_skewed_likert_items():
    # given 20,000 respondents answering two five-point items with agreement-leaning thresholds
    rng = np.random.default_rng(11)
    latent = rng.multivariate_normal([0, 0], [[1, 0.55], [0.55, 1]], size=20_000)
    thresholds = [-2.0, -1.2, -0.3, 0.8]
    likert = pd.DataFrame(np.digitize(latent, thresholds) + 1, columns=["a", "b"])
    # when
    polychoric = polychoric_matrix(likert).loc["a", "b"]
    # then the polychoric r matches the latent one while Pearson's r on the categories is attenuated
    assert polychoric == pytest.approx(np.corrcoef(latent, rowvar=False)[0, 1], abs=0.01)
    assert likert.corr().loc["a", "b"] < polychoric - 0.03


def test_polychoric_matrix_has_unit_diagonal_and_item_labels():
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(rng.integers(1, 6, size=(200, 3)), columns=["q1", "q2", "q3"])
    matrix = polychoric_matrix(frame)
    assert matrix.index.tolist() == ["q1", "q2", "q3"]
    assert np.diag(matrix.to_numpy()).tolist() == [1.0, 1.0, 1.0]
    assert np.allclose(matrix.to_numpy(), matrix.to_numpy().T)


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ([3, 3, 3, 3], "item 'b' has the same answer everywhere"),
        ([1, 2, np.nan, 4], "item 'b' has missing answers"),
        (list(range(12)) * 1, "item 'b' has 12 distinct values"),
    ],
)
def test_polychoric_matrix_refuses_unusable_items(column, message):
    frame = pd.DataFrame({"a": [1, 2, 1, 2] * 3, "b": (column * 3)[:12]})
    with pytest.raises(ValueError, match=message):
        polychoric_matrix(frame)
