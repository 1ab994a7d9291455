from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.credit import Policy
from chanjiao.core.incentives import InsuranceYear, insurance_line, insurance_statement, subsidy_rate


@pytest.mark.parametrize(
    ("tier", "is_sme", "rate"),
    [
        ("weak", False, Fraction(30, 100)),
        ("medium", False, Fraction(45, 100)),
        ("strong", False, Fraction(60, 100)),
        ("weak", True, Fraction(40, 100)),
        ("strong", True, Fraction(70, 100)),
    ],
)
def test_subsidy_rate_by_finance_tier_plus_ten_points_for_smes(tier, is_sme, rate):
    assert subsidy_rate(finance_tier=tier, is_sme=is_sme, policy=Policy()) == rate


def test_claim_free_sme_year_worked_example():
    # given a ¥12,345.67 premium for an SME in a weak-finance district, no claim
    year = InsuranceYear(2024, premium=12_345.67)
    # when computed
    line = insurance_line(year, finance_tier="weak", is_sme=True, policy=Policy())
    # then subsidy = 40 % half up, the enterprise pays the rest, less a 10 % rebate
    assert line.subsidy == Decimal("4938.27")  # 4,938.268
    assert line.enterprise_share == Decimal("7407.40")
    assert line.rebate == Decimal("740.74")
    assert line.net == Decimal("6666.66")


def test_a_year_with_a_claim_earns_no_rebate():
    line = insurance_line(
        InsuranceYear(2024, premium=8_000, claims=2), finance_tier="medium", is_sme=False, policy=Policy()
    )
    assert (line.subsidy, line.enterprise_share, line.rebate, line.net) == (
        Decimal("3600.00"),
        Decimal("4400.00"),
        Decimal("0.00"),
        Decimal("4400.00"),
    )


def test_yearly_statement_lists_years_in_order_with_totals():
    # given three policy years given out of order, one with a claim
    years = [
        InsuranceYear(2024, premium=10_000),
        InsuranceYear(2022, premium=9_000),
        InsuranceYear(2023, premium=9_500, claims=1),
    ]
    # when the statement is made for a large enterprise in a strong-finance city
    statement = insurance_statement(years, finance_tier="strong", is_sme=False, policy=Policy())
    # then lines are oldest first and totals add the lines
    assert [line.year for line in statement.lines] == [2022, 2023, 2024]
    assert [line.net for line in statement.lines] == [
        Decimal("3240.00"),
        Decimal("3800.00"),
        Decimal("3600.00"),
    ]
    assert (statement.premium, statement.subsidy, statement.enterprise_share) == (
        Decimal("28500.00"),
        Decimal("17100.00"),
        Decimal("11400.00"),
    )
    assert (statement.rebate, statement.net, statement.policy_version) == (
        Decimal("760.00"),
        Decimal("10640.00"),
        1,
    )


@settings(derandomize=True)
@given(
    premium_cents=st.integers(0, 10**10),
    tier=st.sampled_from(["weak", "medium", "strong"]),
    is_sme=st.booleans(),
    claims=st.integers(0, 3),
)
def test_subsidy_stays_within_bounds_and_parts_add_up(premium_cents, tier, is_sme, claims):
    # given any premium in whole cents
    premium = Decimal(premium_cents).scaleb(-2)
    # when computed
    line = insurance_line(
        InsuranceYear(2024, premium=str(premium), claims=claims),
        finance_tier=tier,
        is_sme=is_sme,
        policy=Policy(),
    )
    # then the rate is 30–70 %, the subsidy is that rate to within half a cent, and the parts add up
    assert Fraction(3, 10) <= line.subsidy_rate <= Fraction(7, 10)
    assert abs(Fraction(line.subsidy) - Fraction(premium) * line.subsidy_rate) <= Fraction(1, 200)
    assert line.subsidy + line.enterprise_share == premium
    assert line.rebate + line.net == line.enterprise_share
    assert Decimal(0) <= line.net <= line.enterprise_share
    assert (line.rebate == 0) or claims == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: insurance_line(
                InsuranceYear(2024, 100), finance_tier="rich", is_sme=False, policy=Policy()
            ),
            "finance_tier must be one of 'strong', 'medium', 'weak', got 'rich'",
        ),
        (
            lambda: insurance_line(
                InsuranceYear(2024, 100), finance_tier="weak", is_sme="yes", policy=Policy()
            ),
            "is_sme must be true or false, got 'yes'",
        ),
        (lambda: InsuranceYear(2024, premium=10.005), "premium in 2024 must be in whole cents, got 10.005"),
        (lambda: InsuranceYear(2024, premium=-5), "premium in 2024 must be a number of at least 0, got -5"),
        (
            lambda: InsuranceYear(2024, premium=5, claims=-1),
            "claims in 2024 must be a whole number of at least 0, got -1",
        ),
        (
            lambda: insurance_statement([], finance_tier="weak", is_sme=False, policy=Policy()),
            "an insurance statement needs at least one policy year",
        ),
        (
            lambda: insurance_statement(
                [InsuranceYear(2024, 1), InsuranceYear(2024, 2)],
                finance_tier="weak",
                is_sme=False,
                policy=Policy(),
            ),
            "policy years must not repeat; 2024 appears twice",
        ),
    ],
)
def test_bad_insurance_input_is_refused(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message
