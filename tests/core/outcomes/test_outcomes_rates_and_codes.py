import doctest

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import chanjiao.core.outcomes.occupations as occupations_module
import chanjiao.core.outcomes.proportions as proportions_module
import chanjiao.core.outcomes.salaries as salaries_module
from chanjiao.core.outcomes import (
    SALARY_BANDS,
    band_midpoints,
    band_of,
    counterpart_matches,
    csco_prefix,
    rate,
    wilson_interval,
)


@pytest.mark.parametrize("module", [occupations_module, proportions_module, salaries_module])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0


def test_a_rate_carries_its_counts_and_wilson_interval():
    result = rate(9, 10)

    assert (result.numerator, result.denominator, result.value, result.percent) == (9, 10, 0.9, 90.0)
    assert (round(result.low, 4), round(result.high, 4)) == (0.5958, 0.9821)


def test_nothing_to_measure_is_none_not_zero():
    result = rate(0, 0)

    assert (result.value, result.low, result.high, result.percent) == (None, None, None, None)


@pytest.mark.parametrize(("numerator", "denominator"), [(-1, 4), (5, 4), (1, -1)])
def test_impossible_counts_are_refused(numerator, denominator):
    with pytest.raises(ValueError, match="0 <= numerator <= denominator"):
        rate(numerator, denominator)


def test_wilson_needs_trials_and_a_sensible_confidence():
    with pytest.raises(ValueError, match="at least one trial"):
        wilson_interval(0, 0)
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(1, 2, confidence=1.5)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_wilson_interval_holds_the_rate_and_stays_in_the_unit_interval(counts):
    successes, trials = counts
    low, high = wilson_interval(successes, trials)
    assert 0.0 <= low <= successes / trials <= high <= 1.0


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (1, [True, True, True, False]),
        (2, [True, True, False, False]),
        (3, [True, False, False, False]),
        (4, [False, False, False, False]),
    ],
)
def test_counterpart_matching_depends_on_the_csco_level(level, expected):
    jobs = ["6-18-01-07", "6-18-02-04", "6-31-01-10", "2-02-07-03"]
    crosswalk = [["6-18-01-01", "6-18-01-02"]] * 4

    assert counterpart_matches(jobs, crosswalk, level=level).tolist() == expected


def test_coarse_codes_are_compared_at_the_level_they_allow():
    jobs = ["6-18", "6-18-01-01", "", None]
    crosswalks = [["6-18-01-01"], ["6-18"], ["6-18"], ["6-18"]]

    assert counterpart_matches(jobs, crosswalks, level=4).tolist() == [True, True, False, False]


def test_counterpart_inputs_are_checked():
    with pytest.raises(ValueError, match="2 job codes but 1 crosswalks"):
        counterpart_matches(["6", "2"], [["6"]])
    with pytest.raises(ValueError, match="CSCO level"):
        counterpart_matches(["6"], [["6"]], level=5)
    with pytest.raises(ValueError, match="CSCO level"):
        csco_prefix("6-18", 0)


def test_bands_cover_every_amount_once_and_midpoints_lie_inside():
    assert [band_of(x) for x in (0, 2999, 3000, 9999.99, 10000, 15000)] == [
        "lt3000",
        "lt3000",
        "3000_3999",
        "8000_9999",
        "10000_14999",
        "ge15000",
    ]
    for band in SALARY_BANDS:
        assert band.low <= band.midpoint and (band.high is None or band.midpoint < band.high)


def test_unknown_bands_and_negative_salaries_are_refused():
    with pytest.raises(ValueError, match="Unknown salary band 'lots'"):
        band_midpoints(["lots"])
    with pytest.raises(ValueError, match="negative"):
        band_of(-1)


def test_missing_bands_are_nan():
    values = band_midpoints([None, "5000_5999"])
    assert np.isnan(values[0]) and values[1] == 5500.0
