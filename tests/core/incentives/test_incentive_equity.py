from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.credit import Policy
from chanjiao.core.incentives import Contribution, EquityYear, technology_equity
from chanjiao.core.incentives.equity import performance_score

CNC = Contribution("equipment", "CNC line", 1_500_000, "Valuers Ltd")


def test_worked_example_with_a_good_then_a_poor_year():
    # given ¥1.5 M of appraised equipment in a venture with ¥6 M of other capital: 20 %
    performance = [EquityYear(2025, 0.4, 0), EquityYear(2024, 1.0, 2_000_000)]
    # when the history is computed (years given out of order)
    history = technology_equity(
        enterprise="Acme",
        contributions=[CNC],
        other_capital=6_000_000,
        performance=performance,
        policy=Policy(),
    )
    # then 2024 scores 0.625 → +11/152 of itself; 2025 scores −0.75 → −31/380 of itself
    assert (history.contributed_value, history.venture_value) == (
        Decimal("1500000.00"),
        Decimal("7500000.00"),
    )
    assert history.initial_share == Decimal("0.2000")
    first, second = history.adjustments
    assert (first.year, first.score, first.adjustment) == (2024, Fraction(5, 8), Fraction(11, 152))
    assert (first.share_before, first.share_after) == (Decimal("0.2000"), Decimal("0.2144"))  # 0.214473…
    assert (second.year, second.score, second.adjustment) == (2025, Fraction(-3, 4), Fraction(-31, 380))
    assert second.share_after == Decimal("0.1969")  # 0.2144 × 349/380 = 0.196909…
    assert history.final_share == Decimal("0.1969")
    assert second.reason == (
        "pass rate 40.00 % (target 80.00 %), transfer income ¥0.00 (target ¥1,000,000.00): score -0.7500; "
        "share lowered by 8.16 % of itself, 21.44 % → 19.69 %"
    )


def test_performance_within_the_neutral_band_leaves_the_share_unchanged():
    # pass rate +2.5 % and income +2 % of target: score 9/400, inside the ±5 % band
    history = technology_equity(
        enterprise="Acme",
        contributions=[CNC],
        other_capital=6_000_000,
        performance=[EquityYear(2024, 0.82, 1_020_000)],
        policy=Policy(),
    )
    adjustment = history.adjustments[0]
    assert (adjustment.score, adjustment.adjustment, adjustment.share_after) == (
        Fraction(9, 400),
        0,
        Decimal("0.2000"),
    )


def test_a_raise_that_would_reach_the_cap_is_held_just_below_it():
    # given a 29.5 % share and an excellent year
    history = technology_equity(
        enterprise="Acme",
        contributions=[Contribution("technology", "welding process patent", 1_180_000, "Valuers Ltd")],
        other_capital=2_820_000,
        performance=[EquityYear(2024, 1.0, 2_000_000)],
        policy=Policy(),
    )
    # then the share is held at 29.99 %
    adjustment = history.adjustments[0]
    assert history.initial_share == Decimal("0.2950")
    assert (adjustment.share_after, adjustment.held_below_cap) == (Decimal("0.2999"), True)
    assert adjustment.reason.endswith("29.50 % → 29.99 % (held below the 30.00 % cap)")


def test_a_share_of_thirty_percent_or_more_is_refused():
    # given contributions worth exactly 30 % of the venture
    with pytest.raises(ValueError) as error:
        technology_equity(
            enterprise="Acme",
            contributions=[Contribution("equipment", "CNC line", 3_000_000, "Valuers Ltd")],
            other_capital=7_000_000,
            policy=Policy(),
        )
    # then the message gives the share and the largest acceptable value
    assert str(error.value) == (
        "equity share 30.00 % (¥3,000,000.00 of ¥10,000,000.00) must be strictly below 30.00 %; with "
        "¥7,000,000.00 of other capital the contributions must be worth less than ¥3,000,000.00"
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: technology_equity(
                enterprise="Acme",
                contributions=[Contribution("equipment", "CNC line", 100, " acme ")],
                other_capital=1_000,
                policy=Policy(),
            ),
            "the appraisal of CNC line must come from a third party, not Acme itself",
        ),
        (
            lambda: technology_equity(
                enterprise="Acme", contributions=[], other_capital=1_000, policy=Policy()
            ),
            "technology equity needs at least one appraised contribution",
        ),
        (
            lambda: technology_equity(
                enterprise="Acme",
                contributions=[CNC],
                other_capital=9_000_000,
                policy=Policy(),
                performance=[EquityYear(2024, 0.5, 0), EquityYear(2024, 0.6, 0)],
            ),
            "performance years must not repeat; 2024 appears twice",
        ),
        (
            lambda: Contribution("land", "plot", 100, "Valuers Ltd"),
            "kind must be one of 'equipment', 'technology', got 'land'",
        ),
        (
            lambda: Contribution("equipment", "lathe", 100, ""),
            "appraiser of lathe must be a non-empty text, got ''",
        ),
        (
            lambda: EquityYear(2024, 1.2, 0),
            "certification_pass_rate in 2024 must be a number from 0 to 1, got 1.2",
        ),
        (lambda: EquityYear(2024, 0.5, -1), "transfer_income in 2024 must be a number of at least 0, got -1"),
    ],
)
def test_bad_equity_input_is_refused(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message


@settings(derandomize=True)
@given(
    contributed=st.integers(1, 10**8),
    other=st.integers(0, 10**9),
    years=st.lists(st.tuples(st.integers(0, 100), st.integers(0, 5_000_000)), max_size=12),
)
def test_share_is_always_below_the_cap_and_adjustments_within_three_to_ten_percent(contributed, other, years):
    # given any contribution and performance history
    contribution = Contribution("equipment", "line", contributed, "Valuers Ltd")
    performance = [EquityYear(2020 + index, rate / 100, income) for index, (rate, income) in enumerate(years)]
    try:
        history = technology_equity(
            enterprise="Acme",
            contributions=[contribution],
            other_capital=other,
            performance=performance,
            policy=Policy(),
        )
    except ValueError:
        # then it is refused exactly when the initial share is not below 30 %
        assert Fraction(contributed, contributed + other) >= Fraction(3, 10)
        return
    assert Fraction(contributed, contributed + other) < Fraction(3, 10)
    # then every recorded share stays below 30 % and each adjustment is 0 or 3–10 % of the share
    assert history.initial_share < Decimal("0.30")
    for adjustment in history.adjustments:
        assert Decimal(0) <= adjustment.share_after < Decimal("0.30")
        assert adjustment.adjustment == 0 or Fraction(3, 100) <= abs(adjustment.adjustment) <= Fraction(1, 10)
        assert -1 <= adjustment.score <= 1


def test_score_weights_pass_rate_and_income():
    # pass rate 90 % vs 80 % → +1/8; income 1.5 M vs 1 M → +1/2; mean 5/16
    assert performance_score(EquityYear(2024, 0.9, 1_500_000), Policy()) == Fraction(5, 16)
