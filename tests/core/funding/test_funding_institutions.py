import doctest
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chanjiao.core.funding.institutions as institutions_module
import chanjiao.core.funding.policy as policy_module
from chanjiao.core.funding import InstitutionPolicy, allocate_institutions


def test_the_best_floats_up_by_the_band_the_worst_down_and_the_budget_is_kept():
    # given three colleges with enrolment 1000 : 1000 : 2000 and ¥10,000,000
    allocation = allocate_institutions(
        "10000000", ["A", "B", "C"], [1000, 1000, 2000], [90.0, 50.0, 70.0], [80.0, 40.0, 60.0]
    )
    # then the benchmarks split by enrolment and the floats are +30 %, -30 %, 0
    assert [line.benchmark for line in allocation.lines] == [
        Decimal("2500000.00"),
        Decimal("2500000.00"),
        Decimal("5000000.00"),
    ]
    assert [line.float_share for line in allocation.lines] == [0.3, -0.3, 0.0]
    assert [line.amount for line in allocation.lines] == [
        Decimal("3250000.00"),
        Decimal("1750000.00"),
        Decimal("5000000.00"),
    ]
    assert allocation.reference_performance == 65.0


def test_an_institution_missing_a_rate_keeps_its_benchmark_and_stays_out_of_the_reference():
    allocation = allocate_institutions(
        "900", ["A", "B", "C"], [1, 1, 1], [80.0, 60.0, None], [80.0, 60.0, 99.0]
    )
    assert [line.float_share for line in allocation.lines] == [0.3, -0.3, 0.0]
    assert [line.amount for line in allocation.lines] == [
        Decimal("390.00"),
        Decimal("210.00"),
        Decimal("300.00"),
    ]
    assert allocation.lines[2].reason == "No skill-certification pass rate: allocated at the benchmark."
    assert allocation.reference_performance == 70.0


def test_equal_performance_means_everybody_gets_the_benchmark():
    allocation = allocate_institutions("100", ["A", "B", "C"], [1, 1, 1], [70.0] * 3, [50.0] * 3)
    assert [line.amount for line in allocation.lines] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert allocation.lines[0].reason == "Performance 60.0 equals the reference: allocated at the benchmark."


def test_policy_weights_and_band_change_the_float():
    policy = InstitutionPolicy(float_band=0.1, certification_weight=1.0, retention_weight=0.0)
    allocation = allocate_institutions("200", ["A", "B"], [1, 1], [90.0, 10.0], [0.0, 100.0], policy)
    assert [line.amount for line in allocation.lines] == [Decimal("110.00"), Decimal("90.00")]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("100", ["A"], [-1], [50.0], [50.0]), "A: benchmark weight must be a non-negative number, got -1"),
        (("100", ["A", "B"], [0, 0], [50.0, 1.0], [50.0, 2.0]), "benchmark weights are all zero"),
        (
            ("100", ["A"], [1], [120.0], [50.0]),
            "A: certification pass rate must be a percentage from 0 to 100",
        ),
        (("100.001", ["A"], [1], [50.0], [50.0]), "budget must be in whole cents"),
        (("100", ["A", "A"], [1, 1], [50.0, 1.0], [50.0, 2.0]), "institution labels must be unique"),
        (("100", [], [], [], []), "give at least one institution"),
    ],
)
def test_bad_input_is_refused_naming_what_is_wrong(arguments, message):
    with pytest.raises(ValueError, match=message):
        allocate_institutions(*arguments)


def test_policy_refuses_a_band_of_100_percent_and_round_trips():
    with pytest.raises(ValueError, match="float_band must be at least 0 and below 1, got 1.0"):
        InstitutionPolicy(float_band=1.0)
    policy = InstitutionPolicy(0.25, 0.7, 0.3)
    assert InstitutionPolicy.from_dict(policy.to_dict()) == policy
    with pytest.raises(ValueError, match="needs exactly the keys"):
        InstitutionPolicy.from_dict({"float_band": 0.3})


rates = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    rows=st.lists(st.tuples(st.integers(min_value=0, max_value=5000), rates, rates), min_size=1, max_size=12),
    budget_cents=st.integers(min_value=0, max_value=10**11),
)
def test_allocations_add_up_to_the_budget_and_stay_within_the_band(rows, budget_cents):
    if sum(weight for weight, _, _ in rows) == 0:
        rows[0] = (1, rows[0][1], rows[0][2])
    budget = Decimal(budget_cents).scaleb(-2)
    allocation = allocate_institutions(
        budget,
        [f"u{index}" for index in range(len(rows))],
        [weight for weight, _, _ in rows],
        [certification for _, certification, _ in rows],
        [retention for _, _, retention in rows],
    )
    assert sum(line.amount for line in allocation.lines) == budget
    for line in allocation.lines:
        assert -0.3 - 1e-9 <= line.float_share <= 0.3 + 1e-9
        exact = line.benchmark * Decimal(1 + line.float_share)
        assert abs(line.amount - exact) <= Decimal("0.02") + budget * Decimal("1e-9")


def test_docstring_examples_run():
    for module in (institutions_module, policy_module):
        assert doctest.testmod(module).failed == 0
