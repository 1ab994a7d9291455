import pytest

from chanjiao.core.credit import EnterpriseYear, Policy
from chanjiao.core.credit.policy_rules import CreditPolicy, IncentivePolicy
from chanjiao.core.incentives import automatic_incentives, check_exit


def _years(**fields):
    return [EnterpriseYear(year, **fields) for year in (2022, 2023, 2024)]


AAA_FIELDS = {
    "interns_hosted": 120,
    "rd_spending": 70_000,
    "revenue": 1_000_000,
    "courses_codeveloped": 1,
    "mentors_provided": 2,
    "technical_needs_solved": 1,
    "equipment_contributed": 80_000,
}


def test_aaa_enterprise_gets_every_incentive_without_applying():
    # given an AAA enterprise that solved technical needs and contributed ¥240,000 of equipment
    eligibility = automatic_incentives(_years(**AAA_FIELDS), Policy())
    # then all four incentives are granted, each with its basis
    assert eligibility.rating.rating == "AAA"
    assert [decision.key for decision in eligibility.granted] == [
        "tax_credit",
        "land_priority",
        "procurement_priority",
        "green_credit",
    ]
    assert eligibility.decisions[0].basis == ("rating AAA meets the required AAA",)
    assert eligibility.decisions[3].basis == (
        "rating AAA meets the required AA",
        "equipment contributed in 2022–2024: ¥240,000.00 (needs ≥ ¥200,000.00): met",
    )
    assert not eligibility.exit.revoked
    assert eligibility.policy_version == 1


def test_aa_enterprise_gets_only_what_aa_allows():
    # given hosting 60 students a year with R&D at 4 %
    fields = AAA_FIELDS | {
        "interns_hosted": 60,
        "rd_spending": 40_000,
        "courses_codeveloped": 1,
        "mentors_provided": 2,
    }
    eligibility = automatic_incentives(_years(**fields), Policy())
    # then AA: procurement and green credit, not tax credit or land priority
    assert eligibility.rating.rating == "AA"
    assert [decision.key for decision in eligibility.granted] == ["procurement_priority", "green_credit"]
    assert eligibility.decisions[0].basis == ("rating AA is below the required AAA",)


def test_poor_long_term_evaluation_revokes_eligibility_with_the_reason():
    # given a region that does not cap ratings for red lights, and two red lights in three years
    records = [
        EnterpriseYear(2022, **AAA_FIELDS, evaluation_light="green"),
        EnterpriseYear(2023, **AAA_FIELDS, evaluation_light="red"),
        EnterpriseYear(2024, **AAA_FIELDS, evaluation_light="red"),
    ]
    policy = Policy(credit=CreditPolicy(caps=()))
    # when eligibility is decided
    eligibility = automatic_incentives(records, policy)
    # then the rating alone would qualify, but exit revokes every incentive
    reason = (
        "red evaluation light in 2 of the last 3 years (2023, 2024), the exit threshold is 2: eligibility for "
        "automatic incentives, tax incentives and subsidies is revoked"
    )
    assert eligibility.rating.rating == "AAA"
    assert eligibility.exit.revoked
    assert eligibility.exit.reason == reason
    assert eligibility.granted == ()
    assert eligibility.decisions[0].basis == ("rating AAA meets the required AAA", f"revoked: {reason}")


def test_exit_threshold_and_window_come_from_the_policy():
    # given red lights in 2021 and 2024
    records = [EnterpriseYear(2021, evaluation_light="red"), EnterpriseYear(2024, evaluation_light="red")]
    # when the default 2-of-3 rule and a 2-of-4 rule are applied
    default = check_exit(records, Policy())
    wider = check_exit(records, Policy(incentives=IncentivePolicy(exit_window_years=4)))
    # then 2021 only counts in the four-year window
    assert (default.revoked, default.red_light_years) == (False, (2024,))
    assert (
        default.reason
        == "red evaluation light in 1 of the last 3 years (2024), below the exit threshold of 2"
    )
    assert (wider.revoked, wider.red_light_years) == (True, (2021, 2024))


def test_exit_needs_records_or_a_year():
    with pytest.raises(ValueError) as error:
        check_exit([], Policy())
    assert str(error.value) == "records must not be empty when as_of_year is not given"
