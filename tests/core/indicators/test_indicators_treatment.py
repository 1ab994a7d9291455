import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from chanjiao.core.indicators import handle_missing, kurtosis, skewness, treat_outliers
from chanjiao.core.indicators.outliers import is_outlier_free, winsorise_percentiles, winsorise_skew_kurtosis

NAN = float("nan")


def test_mean_and_median_imputation_fill_gaps_and_record_them():
    # given
    X = [[1.0, 10.0], [NAN, 20.0], [2.0, NAN], [9.0, 60.0]]

    # when
    by_mean = handle_missing(X, ["a", "b"], "mean")
    by_median = handle_missing(X, ["a", "b"], "median")

    # then
    assert by_mean.values.tolist() == [[1.0, 10.0], [4.0, 20.0], [2.0, 30.0], [9.0, 60.0]]
    assert [r.to_dict() for r in by_mean.records] == [
        {"unit": 1, "indicator": "a", "value": 4.0, "method": "mean"},
        {"unit": 2, "indicator": "b", "value": 30.0, "method": "mean"},
    ]
    assert by_median.values[1, 0] == 2.0
    assert by_median.values[2, 1] == 20.0
    assert by_mean.included.all()
    assert np.isnan(X[1][0])  # the input is left as it was


def test_group_mean_imputation_uses_peers_and_falls_back_to_overall_mean():
    # given units in zones east, east, west, west where no west unit reports b
    X = [[1.0, 10.0], [3.0, 20.0], [NAN, NAN], [10.0, NAN]]

    # when
    result = handle_missing(X, ["a", "b"], "group_mean", groups=["east", "east", "west", "west"])

    # then
    assert result.values.tolist() == [[1.0, 10.0], [3.0, 20.0], [10.0, 15.0], [10.0, 15.0]]
    assert [(r.unit, r.indicator, r.method) for r in result.records] == [
        (2, "a", "group_mean"),
        (2, "b", "mean (no group peer reports it)"),
        (3, "b", "mean (no group peer reports it)"),
    ]


def test_exclusion_drops_incomplete_units_without_filling():
    result = handle_missing([[1.0, 2.0], [NAN, 2.0], [3.0, 4.0]], ["a", "b"], "exclude")

    assert result.included.tolist() == [True, False, True]
    assert result.excluded_units == (1,)
    assert result.records == ()
    assert np.isnan(result.values[1, 0])


@pytest.mark.parametrize(
    ("X", "strategy", "groups", "message"),
    [
        ([[1.0, NAN], [2.0, NAN]], "mean", None, "indicator 'b' has no reported values"),
        ([[1.0, NAN], [NAN, 2.0]], "exclude", None, "leaves none"),
        ([[1.0, 2.0]], "mode", None, "unknown missing-data strategy 'mode'"),
        ([[1.0, NAN], [1.0, 2.0]], "group_mean", None, "needs a group label"),
        ([[1.0, NAN], [1.0, 2.0]], "group_mean", ["x"], "got 1 group labels for 2 units"),
        ([[1.0, float("inf")]], "mean", None, "unit 0, indicator 'b' is infinite"),
        ([[1.0, 2.0, 3.0]], "mean", None, "3 indicator columns but 2 codes"),
    ],
)
def test_handle_missing_rejects_bad_input(X, strategy, groups, message):
    with pytest.raises(ValueError, match=message):
        handle_missing(X, ["a", "b"], strategy, groups)


@given(arrays(float, st.integers(4, 40), elements=st.floats(-1e3, 1e3)))
def test_skewness_and_kurtosis_match_scipy_bias_corrected(x):
    # scipy reports NaN or round-off noise for (near-)constant data, where ours are 0
    assume(np.ptp(x) > 1e-6 * max(1.0, np.abs(x).max()))
    assert skewness(x) == pytest.approx(stats.skew(x, bias=False), rel=1e-6, abs=1e-6)
    assert kurtosis(x) == pytest.approx(stats.kurtosis(x, bias=False), rel=1e-6, abs=1e-6)


def test_winsorising_follows_coinr_one_outlier_example():
    # given COINr's test vector: 1..10 and an outlier at 100
    x = np.array([*range(1, 11), 100.0])
    assert not is_outlier_free(x)

    # when
    treated, units = winsorise_skew_kurtosis(x, max_points=5)

    # then the outlier becomes the next highest value and nothing else moves
    assert treated.tolist() == [*map(float, range(1, 11)), 10.0]
    assert units == (10,)
    assert is_outlier_free(treated)


def test_winsorising_stops_at_max_points_even_if_still_flagged():
    # given COINr's second example: two outliers but only one point allowed
    x = np.array([*range(1, 21), 100.0, 200.0])

    treated, units = winsorise_skew_kurtosis(x, max_points=1)

    assert units == (21,)
    assert treated[21] == 100.0
    assert not is_outlier_free(treated)


def test_winsorising_treats_low_outliers_when_skew_is_negative():
    treated, units = winsorise_skew_kurtosis(np.array([-100.0, *range(1, 11)]))

    assert units == (0,)
    assert treated[0] == 1.0


def test_percentile_winsorising_clips_both_tails():
    treated, units = winsorise_percentiles(np.array([-50.0, *range(1, 10), 500.0]), lower=10, upper=90)

    assert treated.tolist() == [1.0, *map(float, range(1, 10)), 9.0]
    assert units == (0, 10)


def test_treat_outliers_records_each_indicator():
    # given one skewed and one well-behaved column
    X = np.column_stack([[*range(1, 11), 100.0], np.arange(11.0)])

    # when
    treated, records = treat_outliers(X, ["income", "share"])

    # then
    assert treated[:, 0].tolist() == [*map(float, range(1, 11)), 10.0]
    assert treated[:, 1].tolist() == X[:, 1].tolist()
    income, share = (record.to_dict() for record in records)
    assert income["treated_units"] == [10]
    assert income["outlier_free"] is True
    assert round(income["skewness_before"], 4) == 3.2556
    assert share["treated_units"] == []
    assert share["method"] == "skew_kurtosis"


def test_treat_outliers_reports_unmeasurable_shape_for_fewer_than_four_units():
    treated, records = treat_outliers([[1.0], [2.0], [90.0]], ["a"])

    assert treated.tolist() == [[1.0], [2.0], [90.0]]
    assert records[0].outlier_free is None


@pytest.mark.parametrize(
    ("X", "method", "parameters", "message"),
    [
        ([[1.0], [NAN]], "skew_kurtosis", {}, "needs complete data"),
        ([[1.0], [2.0]], "log", {}, "unknown outlier method 'log'"),
        ([[1.0], [2.0]], "percentile", {"max_points": 3}, r"does not take \['max_points'\]"),
        ([[1.0], [2.0]], "percentile", {"lower": 60, "upper": 40}, "0 <= lower < upper <= 100"),
        ([[1.0, 2.0]], "none", {}, r"must be \(n_units, 1\)"),
    ],
)
def test_treat_outliers_rejects_bad_input(X, method, parameters, message):
    with pytest.raises(ValueError, match=message):
        treat_outliers(X, ["a"], method, **parameters)
