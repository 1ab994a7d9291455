from decimal import Decimal
from fractions import Fraction

import pytest

from chanjiao.core.credit import Policy
from chanjiao.core.credit.policy_money import TaxDeductionPolicy, TrainingReimbursementPolicy
from chanjiao.core.incentives import super_deduction, training_reimbursement


def test_laboratory_costs_are_deducted_at_150_percent():
    # given ¥400,000 of laboratory costs and ¥10,000 of consumables
    result = super_deduction({"laboratory": 400_000, "consumables": 10_000}, Policy())
    # then the laboratory is deducted at 150 %, consumables at 100 %, saving 25 % tax on the extra
    assert [(line.category, line.rate, line.deduction, line.extra_deduction) for line in result.lines] == [
        ("laboratory", Fraction(3, 2), Decimal("600000.00"), Decimal("200000.00")),
        ("consumables", Fraction(1), Decimal("10000.00"), Decimal("0.00")),
    ]
    assert (result.total_cost, result.total_deduction) == (Decimal("410000.00"), Decimal("610000.00"))
    assert (result.extra_deduction, result.tax_saving, result.policy_version) == (
        Decimal("200000.00"),
        Decimal("50000.00"),
        1,
    )


def test_region_can_make_training_bases_eligible_at_its_own_rate():
    policy = Policy(
        tax_deduction=TaxDeductionPolicy(
            deduction_rate=2, eligible_categories=("laboratory", "training_base")
        )
    )
    result = super_deduction({"training_base": 33_333.33}, policy)
    assert (result.total_deduction, result.tax_saving) == (Decimal("66666.66"), Decimal("8333.33"))


def test_seventy_percent_of_training_cost_is_reimbursed():
    result = training_reimbursement(12_345.67, Policy())
    # 8,641.969 rounds half up
    assert (result.reimbursed, result.enterprise_pays, result.capped) == (
        Decimal("8641.97"),
        Decimal("3703.70"),
        False,
    )


def test_annual_cap_limits_what_is_left_this_year():
    policy = Policy(training=TrainingReimbursementPolicy(annual_cap=100_000))
    within = training_reimbursement(50_000, policy, reimbursed_this_year=60_000)
    limited = training_reimbursement(80_000, policy, reimbursed_this_year=60_000)
    exhausted = training_reimbursement(10_000, policy, reimbursed_this_year=120_000)
    assert (within.reimbursed, within.capped) == (Decimal("35000.00"), False)
    assert (limited.reimbursed, limited.enterprise_pays, limited.capped) == (
        Decimal("40000.00"),
        Decimal("40000.00"),
        True,
    )
    assert (exhausted.reimbursed, exhausted.capped) == (Decimal("0.00"), True)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: super_deduction({}, Policy()), "costs must list at least one cost category"),
        (
            lambda: super_deduction({"laboratory": -1}, Policy()),
            "cost of laboratory must be a number of at least 0, got -1",
        ),
        (lambda: super_deduction({"": 5}, Policy()), "cost category must be a non-empty text, got ''"),
        (lambda: training_reimbursement("a lot", Policy()), "training_cost must be a number, got 'a lot'"),
        (
            lambda: training_reimbursement(100, Policy(), reimbursed_this_year=-3),
            "reimbursed_this_year must be a number of at least 0, got -3",
        ),
    ],
)
def test_bad_deduction_input_is_refused(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message
