"""Cronbach's alpha against pingouin's documented examples; CR, AVE, Fornell-Larcker, HTMT by hand."""

import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.surveys.reliability import (
    average_variance_extracted,
    composite_reliability,
    cronbach_alpha,
    fornell_larcker,
    heterotrait_monotrait_ratio,
    item_total_statistics,
)


def test_alpha_matches_pingouin_documented_example_with_pairwise_missing():
    # given pingouin's "cronbach_wide_missing" example (R psych::alpha, use="pairwise")
    data = pingouin.read_dataset("cronbach_wide_missing")
    # when / then
    assert cronbach_alpha(data) == {"alpha": 0.732660835214447, "ci": [0.435, 0.909]}


def test_alpha_matches_pingouin_documented_example_after_listwise_deletion():
    data = pingouin.read_dataset("cronbach_wide_missing")
    assert cronbach_alpha(data, nan_policy="listwise") == {"alpha": 0.8016949152542373, "ci": [0.581, 0.933]}


def test_alpha_matches_pingouin_documented_example_after_median_imputation():
    data = pingouin.read_dataset("cronbach_wide_missing")
    assert cronbach_alpha(data.fillna(data.median())) == {"alpha": 0.7380191693290734, "ci": [0.447, 0.911]}


def test_alpha_matches_pingouin_documented_likert_example():
    # given the long-format Likert example, pivoted to one column per item
    long = pingouin.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    # then alpha and its Feldt interval are pingouin's documented figures
    assert cronbach_alpha(wide) == {"alpha": 0.5917188485995826, "ci": [0.195, 0.84]}


def test_item_total_statistics_by_hand():
    # given three items; item a against b + c = [3, 5, 6, 9, 9]
    frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
    stats = item_total_statistics(frame)
    # then r(a, b + c) = 16 / sqrt(10 * 27.2) and alpha(b, c) = 2 * (1 - (2.3 + 1.5) / 6.8)
    assert stats["a"]["corrected_item_total_r"] == pytest.approx(16 / np.sqrt(10 * 27.2), abs=1e-12)
    assert stats["a"]["alpha_if_deleted"] == pytest.approx(2 * (1 - 3.8 / 6.8), abs=1e-12)
    assert set(stats) == {"a", "b", "c"}


def test_item_total_statistics_with_two_items_has_no_alpha_if_deleted():
    stats = item_total_statistics(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 1, 4, 3]}))
    assert np.isnan(stats["a"]["alpha_if_deleted"])
    assert stats["a"]["corrected_item_total_r"] == pytest.approx(0.6)


def test_composite_reliability_and_ave_by_hand():
    loadings = [0.7, 0.8, 0.9]
    assert composite_reliability(loadings) == pytest.approx(2.4**2 / (2.4**2 + 0.51 + 0.36 + 0.19))
    assert average_variance_extracted(loadings) == pytest.approx((0.49 + 0.64 + 0.81) / 3)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0.05, max_value=0.99), min_size=2, max_size=12))
def test_composite_reliability_is_at_least_ave_for_positive_loadings(loadings):
    # CR weights the summed loading, AVE the mean square: CR >= AVE for any positive loadings
    assert (
        0.0 < average_variance_extracted(loadings) <= composite_reliability(loadings) + 1e-12 <= 1.0 + 1e-12
    )


def test_fornell_larcker_flags_the_construct_whose_root_ave_is_too_small():
    phi = pd.DataFrame([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]], index=list("ABC"), columns=list("ABC"))
    table = fornell_larcker({"A": 0.64, "B": 0.16, "C": 0.5}, phi)
    assert table["labels"] == ["A", "B", "C"]
    assert table["values"][1][1] == pytest.approx(0.4)
    assert table["values"][0][1] == 0.5
    assert table["satisfied"] == {"A": True, "B": False, "C": True}


def test_htmt_by_hand():
    # given within-construct correlations .6 (A) and .5 (B), between .3
    r = pd.DataFrame(
        [[1, 0.6, 0.3, 0.3], [0.6, 1, 0.3, 0.3], [0.3, 0.3, 1, 0.5], [0.3, 0.3, 0.5, 1]],
        index=list("abcd"),
        columns=list("abcd"),
    )
    htmt = heterotrait_monotrait_ratio(r, {"A": ["a", "b"], "B": ["c", "d"]})
    # then HTMT = .3 / sqrt(.6 * .5)
    assert htmt.loc["A", "B"] == pytest.approx(0.3 / np.sqrt(0.3))
    assert htmt.loc["B", "A"] == htmt.loc["A", "B"]
    assert htmt.loc["A", "A"] == 1.0
