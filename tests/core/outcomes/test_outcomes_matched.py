import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chanjiao.core.outcomes.matched as matched_module
from chanjiao.core.outcomes import MatchedDifference


def test_docstring_examples():
    assert doctest.testmod(matched_module).failed == 0


def test_the_difference_weights_strata_by_their_treated_units():
    # given 3 treated in stratum A (+100 each way) and 1 treated in stratum B (+500)
    outcome = np.array([1100, 1100, 1100, 1000, 2500, 2000, 2000.0])
    treated = np.array([1, 1, 1, 0, 1, 0, 0], dtype=bool)
    strata = np.array(["A", "A", "A", "A", "B", "B", "B"])
    # when
    fit = MatchedDifference(n_bootstrap=200, random_state=3).fit(outcome, treated, strata)
    # then the ATT is 0.75 * 100 + 0.25 * 500
    assert fit.strata_.tolist() == ["A", "B"]
    assert fit.stratum_weights_.tolist() == [0.75, 0.25]
    assert fit.difference_ == 200.0
    assert (fit.treated_mean_, fit.control_mean_) == (1450.0, 1250.0)
    assert fit.relative_difference_ == 0.16
    assert (fit.n_treated_, fit.n_control_) == (4, 3)


def test_strata_with_one_group_and_missing_outcomes_are_left_out_and_counted():
    outcome = np.array([3000, 2000, np.nan, 9000, 4000.0])
    treated = np.array([1, 0, 1, 1, 0], dtype=bool)
    strata = np.array([1, 1, 1, 2, 3])

    fit = MatchedDifference(n_bootstrap=50, random_state=0).fit(outcome, treated, strata)

    assert fit.strata_.tolist() == [1]
    assert fit.difference_ == 1000.0
    assert (fit.n_unmatched_treated_, fit.n_unmatched_control_) == (1, 1)


def test_constant_cells_give_a_degenerate_interval():
    outcome = np.array([5000, 5000, 4000, 4000.0])
    treated = np.array([1, 1, 0, 0], dtype=bool)

    fit = MatchedDifference(n_bootstrap=100, random_state=0).fit(outcome, treated, np.zeros(4, dtype=int))

    assert fit.interval_ == (1000.0, 1000.0)
    assert fit.relative_interval_ == (0.25, 0.25)
    assert fit.replicates_.shape == (100,)


def test_the_interval_covers_a_known_shift_and_is_reproducible():
    # given 2,000 graduates in 4 strata, cooperative ones earning 300 more in every stratum
    rng = np.random.default_rng(11)
    strata = rng.integers(0, 4, size=2000)
    treated = rng.random(2000) < 0.5
    outcome = 4000 + 800 * strata + 300 * treated + rng.normal(0, 600, size=2000).round(-2)
    # when fitted twice with one seed
    first = MatchedDifference(n_bootstrap=1000, random_state=5).fit(outcome, treated, strata)
    second = MatchedDifference(n_bootstrap=1000, random_state=5).fit(outcome, treated, strata)
    # then the interval holds the true shift, and the two fits agree exactly
    low, high = first.interval_
    assert low < 300 < high
    assert 0 < high - low < 200
    assert first.interval_ == second.interval_


def test_the_bootstrap_agrees_with_the_analytic_standard_error():
    rng = np.random.default_rng(2)
    treated = np.repeat([True, False], 400)
    outcome = rng.choice([3500.0, 4500.0, 5500.0, 7000.0], size=800)

    fit = MatchedDifference(n_bootstrap=4000, random_state=9).fit(outcome, treated, np.zeros(800))

    analytic = np.sqrt(outcome[treated].var() / 400 + outcome[~treated].var() / 400)
    assert fit.replicates_.std() == pytest.approx(analytic, rel=0.06)


@pytest.mark.parametrize(
    ("outcome", "treated", "strata", "message"),
    [
        ([1.0, 2.0], [True, True], [0, 0], "No stratum holds both groups"),
        ([1.0, 2.0], [True, False], [0, 1], "No stratum holds both groups"),
        ([1.0, 2.0], [True], [0, 0], "same length"),
    ],
)
def test_inputs_that_cannot_be_compared_are_refused(outcome, treated, strata, message):
    with pytest.raises(ValueError, match=message):
        MatchedDifference(n_bootstrap=10).fit(outcome, treated, strata)


@pytest.mark.parametrize(
    ("parameters", "message"), [({"n_bootstrap": 0}, "n_bootstrap"), ({"confidence": 1.0}, "confidence")]
)
def test_bad_parameters_are_refused_at_fit(parameters, message):
    with pytest.raises(ValueError, match=message):
        MatchedDifference(**parameters).fit([1.0, 2.0], [True, False], [0, 0])


cells = st.lists(
    st.tuples(st.integers(0, 3), st.booleans(), st.sampled_from([2500.0, 3500.0, 4500.0, 7000.0, 12500.0])),
    min_size=2,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(cells, st.floats(-2000, 2000).map(round))
def test_shifting_every_treated_outcome_shifts_the_difference_and_its_interval(rows, shift):
    strata = np.array([r[0] for r in rows])
    treated = np.array([r[1] for r in rows])
    outcome = np.array([r[2] for r in rows])
    if not any(treated[strata == s].any() and (~treated[strata == s]).any() for s in set(strata.tolist())):
        return
    base = MatchedDifference(n_bootstrap=30, random_state=1).fit(outcome, treated, strata)
    shifted = MatchedDifference(n_bootstrap=30, random_state=1).fit(
        outcome + shift * treated, treated, strata
    )
    assert shifted.difference_ == pytest.approx(base.difference_ + shift, abs=1e-6)
    assert shifted.interval_ == pytest.approx(
        (base.interval_[0] + shift, base.interval_[1] + shift), abs=1e-6
    )
    assert base.interval_[0] <= base.interval_[1]
    assert shifted.stratum_weights_.sum() == pytest.approx(1.0)
