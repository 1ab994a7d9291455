import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chanjiao.core.funding.regions as regions_module
from chanjiao.core.funding import RegionalPolicy, allocate_regions, appraisal_score


def test_ten_regions_one_top_two_below_standard_and_exact_multipliers():
    # given ten equal regions scored 95, 90, ..., 50; the one scoring 90 has a red light
    scores = [95.0, 90.0, 85.0, 80.0, 75.0, 70.0, 65.0, 60.0, 55.0, 50.0]
    reds = [False, True] + [False] * 8
    allocation = allocate_regions("1000000", [f"R{i}" for i in range(10)], [1] * 10, scores, red_lights=reds)
    # then the top 10 % is R0; R1 (red) and R8, R9 (below 60) lose 10 %
    assert [line.status for line in allocation.lines] == [
        "top",
        "below_standard",
        "standard",
        "standard",
        "standard",
        "standard",
        "standard",
        "standard",
        "below_standard",
        "below_standard",
    ]
    amounts = [line.amount for line in allocation.lines]
    assert sum(amounts) == Decimal("1000000.00")
    # relative to a standard region: exactly +20 % and -10 % (up to the cent of rounding)
    assert abs(amounts[0] / amounts[2] - Decimal("1.2")) < Decimal("0.000001")
    assert abs(amounts[9] / amounts[2] - Decimal("0.9")) < Decimal("0.000001")
    assert (
        allocation.lines[1].reason == "Below standard (has a red light): loses 10 % of the special subsidy."
    )
    assert allocation.lines[0].nominal == Decimal("100000.00")


def test_other_appraisal_items_change_who_is_on_top():
    # given integration 90 vs 80, but the second region is far better on the other appraisal items
    allocation = allocate_regions(
        "1000",
        ["A", "B"],
        [1, 1],
        [90.0, 80.0],
        other_scores=[50.0, 90.0],
        policy=RegionalPolicy(top_fraction=0.5),
    )
    assert [line.appraisal_score for line in allocation.lines] == [54.0, 89.0]
    assert [line.status for line in allocation.lines] == ["standard", "top"]


def test_ties_at_the_cut_all_get_the_incentive_and_unrated_regions_are_not_judged():
    allocation = allocate_regions("1000", ["A", "B", "C", "D"], [1, 1, 1, 1], [80.0, 80.0, 70.0, None])
    assert [line.status for line in allocation.lines] == ["top", "top", "standard", "not_rated"]
    assert allocation.top_count == 2
    assert allocation.lines[3].multiplier == 1.0


def test_integration_weight_below_ten_percent_is_refused():
    with pytest.raises(ValueError, match="integration_weight must be at least 0.1 and at most 1, got 0.09"):
        RegionalPolicy(integration_weight=0.09)
    assert appraisal_score(70.0, 50.0, 0.25) == 55.0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("10", ["A"], [1], [101.0]), "A: integration score must be a score from 0 to 100, got 101.0"),
        (("10", ["A"], [0], [50.0]), "base weights are all zero"),
        (("10", ["A", "B"], [1], [50.0, 60.0]), "must have the same length"),
    ],
)
def test_bad_input_is_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        allocate_regions(*arguments)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=1000),
            st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False)),
            st.booleans(),
        ),
        min_size=1,
        max_size=15,
    ),
    budget_cents=st.integers(min_value=0, max_value=10**11),
)
def test_subsidies_add_up_and_at_least_one_standard_region_is_on_top(rows, budget_cents):
    budget = Decimal(budget_cents).scaleb(-2)
    allocation = allocate_regions(
        budget,
        [f"r{index}" for index in range(len(rows))],
        [weight for weight, _, _ in rows],
        [score for _, score, _ in rows],
        red_lights=[red for _, _, red in rows],
    )
    assert sum(line.amount for line in allocation.lines) == budget
    standard = [line for line in allocation.lines if line.status in {"top", "standard"}]
    assert (allocation.top_count >= 1) == bool(standard)
    for line in allocation.lines:
        assert (
            line.multiplier
            == {"top": 1.2, "standard": 1.0, "not_rated": 1.0, "below_standard": 0.9}[line.status]
        )


def test_docstring_examples_run():
    assert doctest.testmod(regions_module).failed == 0
