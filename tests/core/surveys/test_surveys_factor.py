"""KMO, Bartlett and EFA: closed-form cases, the anti-image definition, Holzinger & Swineford."""

import numpy as np
import pandas as pd
import pytest
from semopy.examples import holzinger39

from chanjiao.core.surveys.factor import exploratory_factor_analysis, parallel_analysis, sampling_adequacy

HS_ITEMS = [f"x{index}" for index in range(1, 10)]


def data_with_exact_correlation(correlation: np.ndarray, n_obs: int, seed: int) -> pd.DataFrame:
    """Rows whose sample correlation matrix is exactly ``correlation``."""
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal((n_obs, correlation.shape[0]))
    noise -= noise.mean(axis=0)
    whitened = noise @ np.linalg.inv(np.linalg.cholesky(np.cov(noise, rowvar=False))).T
    return pd.DataFrame(whitened @ np.linalg.cholesky(correlation).T)


def test_kmo_and_bartlett_of_a_compound_symmetric_matrix():
    # given four variables all correlating .5: every partial correlation is .5 / (1 + 2 * .5) = .25,
    # so KMO = .25 / (.25 + .0625) = .8, and det R = (1 - .5)^3 * (1 + 3 * .5) = .3125
    correlation = np.full((4, 4), 0.5) + 0.5 * np.eye(4)
    data = data_with_exact_correlation(correlation, n_obs=100, seed=3)
    # when
    result = sampling_adequacy(data)
    # then
    assert result["kmo"] == pytest.approx(0.8, abs=1e-12)
    assert list(result["kmo_per_item"].values()) == pytest.approx([0.8] * 4, abs=1e-12)
    assert result["bartlett"]["chi2"] == pytest.approx(
        -(100 - 1 - (2 * 4 + 5) / 6) * np.log(0.3125), abs=1e-9
    )
    assert result["bartlett"]["df"] == 6


def test_kmo_of_holzinger_follows_the_anti_image_definition():
    # given the nine Holzinger & Swineford tests
    data = holzinger39.get_data()[HS_ITEMS]
    r = data.corr().to_numpy()
    inverse = np.linalg.inv(r)
    partial = -inverse / np.sqrt(np.outer(np.diag(inverse), np.diag(inverse)))
    off = ~np.eye(9, dtype=bool)
    expected = (r[off] ** 2).sum() / ((r[off] ** 2).sum() + (partial[off] ** 2).sum())
    # when
    result = sampling_adequacy(data)
    # then
    assert result["kmo"] == pytest.approx(expected, abs=1e-12)
    assert round(result["kmo"], 3) == 0.752
    assert round(result["kmo_per_item"]["x7"], 3) == 0.593
    assert round(result["bartlett"]["chi2"], 2) == round(-(301 - 1 - 23 / 6) * np.log(np.linalg.det(r)), 2)
    assert result["bartlett"]["p"] < 1e-100


def test_parallel_analysis_retains_the_three_holzinger_factors():
    data = holzinger39.get_data()[HS_ITEMS]
    result = parallel_analysis(data.corr().to_numpy(), n_obs=301, random_state=0)
    assert result["n_factors"] == 3
    assert len(result["random_eigenvalues"]) == 9


def test_parallel_analysis_retains_nothing_from_noise():
    rng = np.random.default_rng(5)
    noise = rng.standard_normal((500, 8))
    assert parallel_analysis(np.corrcoef(noise, rowvar=False), n_obs=500)["n_factors"] == 0


def test_efa_on_holzinger_separates_the_three_abilities():
    # given the nine tests and an oblique three-factor solution
    data = holzinger39.get_data()[HS_ITEMS]
    efa = exploratory_factor_analysis(data, n_factors=3, rotation="oblimin")
    loadings = pd.DataFrame(efa["loadings"]["values"], index=efa["loadings"]["labels"])
    # then each ability's tests share their dominant factor, and the three factors differ
    dominant = loadings.abs().idxmax(axis=1)
    groups = [
        set(dominant[["x1", "x2", "x3"]]),
        set(dominant[["x4", "x5", "x6"]]),
        set(dominant[["x7", "x8"]]),
    ]
    assert all(len(group) == 1 for group in groups)
    assert len(set.union(*groups)) == 3
    assert efa["kaiser_n_factors"] == 3
    assert efa["eigenvalues"][0] == pytest.approx(3.2163, abs=1e-4)
    assert efa["factor_correlations"] is not None
    assert len(efa["variance"]["cumulative"]) == 3


def test_efa_defaults_to_parallel_analysis():
    data = holzinger39.get_data()[HS_ITEMS]
    efa = exploratory_factor_analysis(data)
    assert efa["n_factors"] == efa["parallel_analysis"]["n_factors"] == 3


def test_efa_refuses_as_many_factors_as_items():
    data = holzinger39.get_data()[["x1", "x2", "x3"]]
    with pytest.raises(ValueError, match="cannot extract 3 factors from 3 items"):
        exploratory_factor_analysis(data, n_factors=3)


def test_single_factor_efa_has_no_rotation():
    data = holzinger39.get_data()[["x4", "x5", "x6"]]
    efa = exploratory_factor_analysis(data, n_factors=1)
    assert efa["rotation"] is None
    assert efa["factor_correlations"] is None
    assert all(abs(row[0]) > 0.7 for row in efa["loadings"]["values"])
