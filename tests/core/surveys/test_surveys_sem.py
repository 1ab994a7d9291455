"""CFA/SEM against lavaan's published Holzinger & Swineford (1939) three-factor model."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from semopy.examples import holzinger39

from chanjiao.core.surveys.sem import (
    StructuralEquationModel,
    fit_indices,
    rmsea_interval,
    standardized_root_mean_residual,
)

HS_MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"


@pytest.fixture(scope="module")
def holzinger():
    return StructuralEquationModel(HS_MODEL).fit(holzinger39.get_data())


def test_holzinger_fit_indices_match_lavaan(holzinger):
    # given the classic three-factor CFA on 301 pupils
    fit = holzinger.fit_
    # then every index agrees with lavaan's summary to three decimals
    assert fit["n"] == 301
    assert round(fit["chi2"], 3) == 85.306
    assert fit["df"] == 24
    assert round(fit["cfi"], 3) == 0.931
    assert round(fit["tli"], 3) == 0.896
    assert round(fit["rmsea"], 3) == 0.092
    assert [round(bound, 3) for bound in fit["rmsea_ci90"]] == [0.071, 0.114]
    assert round(fit["srmr"], 3) == 0.065
    assert round(fit["baseline_chi2"], 3) == 918.852
    assert fit["baseline_df"] == 36
    assert holzinger.converged_


def test_holzinger_rmsea_uses_n_not_n_minus_one(holzinger):
    # given lavaan's definition sqrt((chi2 - df) / (df * N))
    fit = holzinger.fit_
    # then the value is the N form (semopy's own figure, with N - 1, is 0.09227)
    assert fit["rmsea"] == pytest.approx(np.sqrt((fit["chi2"] - 24) / (24 * 301)), abs=1e-12)
    assert round(fit["rmsea"], 5) == 0.09212


def test_holzinger_unstandardised_loadings_and_errors_match_lavaan(holzinger):
    loadings = {
        item: values for construct in holzinger.loadings_.values() for item, values in construct.items()
    }
    published = {"x2": 0.554, "x3": 0.729, "x5": 1.113, "x6": 0.926, "x8": 1.180, "x9": 1.082}
    published_errors = {"x2": 0.100, "x3": 0.109, "x5": 0.065, "x6": 0.055, "x8": 0.165, "x9": 0.151}
    for item, value in published.items():
        assert round(loadings[item]["estimate"], 3) == value
        assert round(loadings[item]["std_error"], 3) == published_errors[item]
    for marker in ("x1", "x4", "x7"):
        assert loadings[marker]["estimate"] == 1.0
        assert np.isnan(loadings[marker]["std_error"])


def test_holzinger_standardised_solution_matches_lavaan_std_all(holzinger):
    loadings = {
        item: values for construct in holzinger.loadings_.values() for item, values in construct.items()
    }
    std_all = {"x1": 0.772, "x2": 0.424, "x3": 0.581, "x4": 0.852, "x5": 0.855, "x6": 0.838,
               "x7": 0.570, "x8": 0.723, "x9": 0.665}  # fmt: skip
    assert {item: round(values["standardized"], 3) for item, values in loadings.items()} == std_all
    correlations = holzinger.factor_correlations_
    assert round(correlations.loc["visual", "textual"], 3) == 0.459
    assert round(correlations.loc["visual", "speed"], 3) == 0.471
    assert round(correlations.loc["textual", "speed"], 3) == 0.283


def test_structural_path_has_estimate_and_p_value():
    # given speed regressed on the two other factors (a just-reparameterised CFA: same fit)
    sem = StructuralEquationModel(HS_MODEL + "\nspeed ~ visual + textual").fit(holzinger39.get_data())
    # then chi-square is unchanged and the paths are reported with tests
    assert round(sem.fit_["chi2"], 3) == 85.306
    paths = {(path["outcome"], path["predictor"]): path for path in sem.paths_}
    assert set(paths) == {("speed", "visual"), ("speed", "textual")}
    assert paths[("speed", "visual")]["p"] < 0.001
    assert paths[("speed", "textual")]["p"] > 0.05
    assert paths[("speed", "visual")]["standardized"] == pytest.approx(0.431, abs=0.001)


def test_fit_refuses_missing_values():
    data = holzinger39.get_data().copy()
    data.loc[data.index[3], "x5"] = np.nan
    with pytest.raises(ValueError, match="column 'x5' has missing values"):
        StructuralEquationModel(HS_MODEL).fit(data)


def test_ordinal_fit_refuses_continuous_covariates():
    data = holzinger39.get_data()
    with pytest.raises(ValueError, match="'ageyr' is not"):
        StructuralEquationModel("visual =~ x1 + x2 + x3\nvisual ~ ageyr", ordinal=True).fit(data)


def test_rmsea_interval_is_zero_width_for_a_saturated_model():
    assert rmsea_interval(0.0, 0, 100) == (0.0, 0.0)


def test_rmsea_interval_lower_bound_is_zero_for_a_good_fit():
    # given chi-square below its degrees of freedom (P(chi2 <= 18 | df 20) = 0.41 < 0.95)
    low, high = rmsea_interval(18.0, 20, 500)
    # then the interval starts at zero and ends where the noncentral cdf falls to 0.05
    assert low == 0.0
    assert stats.ncx2.cdf(18.0, 20, high**2 * 500 * 20) == pytest.approx(0.05, abs=1e-9)


def test_rmsea_interval_collapses_when_chi_square_is_implausibly_small():
    # P(chi2 <= 10 | df 20) = 0.03 < 0.05: even the upper bound has zero noncentrality
    assert rmsea_interval(10.0, 20, 500) == (0.0, 0.0)


def test_srmr_of_a_perfect_model_is_zero_and_cfi_one():
    sample = np.array([[2.0, 0.6, 0.3], [0.6, 1.0, 0.2], [0.3, 0.2, 1.5]])
    assert standardized_root_mean_residual(sample, sample) == 0.0
    fit = fit_indices(0.0, 0, sample, sample, n_obs=200)
    assert fit["cfi"] == 1.0
    assert fit["rmsea"] == 0.0


def test_fit_accepts_a_model_spec_and_reports_error_variances(holzinger):
    assert set(holzinger.error_variances_) == {f"x{index}" for index in range(1, 10)}
    assert round(holzinger.error_variances_["x1"], 3) == 0.549
    assert holzinger.heywood_items_ == []
    assert isinstance(holzinger.sample_correlations_, pd.DataFrame)
    assert holzinger.sample_correlations_.loc["x1", "x1"] == pytest.approx(1.0)


def test_constant_item_is_refused_by_name():
    data = holzinger39.get_data().copy()
    data["x2"] = 3.0
    with pytest.raises(ValueError, match="'x2' has the same value in every response"):
        StructuralEquationModel(HS_MODEL).fit(data)


def test_duplicated_item_is_refused_naming_the_pair():
    data = holzinger39.get_data().copy()
    data["x2"] = data["x1"] * 2 + 1
    with pytest.raises(ValueError, match="singular.*'x1' and 'x2', correlate 1.0000"):
        StructuralEquationModel(HS_MODEL).fit(data)
