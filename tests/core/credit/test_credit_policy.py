import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.credit import Criterion, GradeRule, Policy
from chanjiao.core.credit.policy_money import InsurancePolicy


def test_defaults_are_the_seeds_numbers():
    # given the default policy
    policy = Policy()
    # then the AAA rule is the seeds' rule and the money numbers are the seeds' numbers
    aaa = next(rule for rule in policy.credit.grades if rule.rating == "AAA")
    assert aaa == GradeRule(
        "AAA", (Criterion("hosted_students_each_year", ">=", 100), Criterion("rd_share", ">", 0.05))
    )
    assert policy.credit.window_years == 3
    assert dict(policy.insurance.tier_subsidy_rates) == {"strong": 0.60, "medium": 0.45, "weak": 0.30}
    assert policy.insurance.sme_bonus == 0.10
    assert (policy.equity.share_cap, policy.equity.min_adjustment, policy.equity.max_adjustment) == (
        0.30,
        0.03,
        0.10,
    )
    assert policy.tax_deduction.deduction_rate == 1.5
    assert policy.training.max_rate == 0.70
    assert policy.governance.enterprise_seat_minimum == 0.40
    assert [key for key, _title in policy.agreements.mandatory_clauses] == [
        "ip_ownership",
        "training_safety_and_insurance",
        "distribution_of_results",
        "rights_defence",
        "dispute_resolution",
        "risk_sharing",
        "exit",
    ]
    assert policy.version == 1


def test_policy_round_trips_through_json():
    # given a policy with edited sections
    policy = Policy(version=7, region="320100", insurance=InsurancePolicy(sme_bonus=0.05))
    # when it goes to JSON text and back
    restored = Policy.from_dict(json.loads(json.dumps(policy.to_dict())))
    # then nothing is lost
    assert restored == policy
    assert restored.to_dict()["insurance"]["tier_subsidy_rates"] == {
        "strong": 0.6,
        "medium": 0.45,
        "weak": 0.3,
    }


def test_partial_dict_keeps_defaults_for_missing_settings():
    # when only the version and one threshold are given
    policy = Policy.from_dict(
        {
            "version": 3,
            "credit": {
                "grades": [
                    {
                        "rating": "AAA",
                        "criteria": [
                            {"metric": "hosted_students_each_year", "operator": ">=", "threshold": 80}
                        ],
                    }
                ]
            },
        }
    )
    # then the rest keeps the seeds' defaults
    assert policy.version == 3
    assert policy.credit.grades == (GradeRule("AAA", (Criterion("hosted_students_each_year", ">=", 80),)),)
    assert policy.credit.caps == Policy().credit.caps
    assert policy.equity == Policy().equity


def test_policy_is_frozen():
    policy = Policy()
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.version = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 0}, "policy: version must be a whole number of at least 1, got 0"),
        ({"version": "2"}, "policy: version must be a whole number of at least 1, got '2'"),
        (
            {"versoin": 2},
            "policy: unknown setting 'versoin'; known settings: version, region, credit, incentives, one_window, insurance, equity, tax_deduction, training, governance, agreements, internships",
        ),
        ([], "policy must be an object of settings, got []"),
        (
            {"insurance": {"sme_bonus": 1.2}},
            "policy.insurance: sme_bonus must be a number from 0 to 1, got 1.2",
        ),
        (
            {"insurance": {"tier_subsidy_rates": {"strong": 0.95}}},
            "policy.insurance: the highest tier rate (0.95) plus sme_bonus (0.1) must not exceed 1",
        ),
        (
            {"insurance": {"tier_subsidy_rates": [0.3]}},
            "policy.insurance.tier_subsidy_rates must be an object mapping names to values, got [0.3]",
        ),
        (
            {"equity": {"min_adjustment": 0.2}},
            "policy.equity: max_adjustment must be a number from 0.2 to 1, got 0.1",
        ),
        ({"credit": {"grades": "AAA"}}, "policy.credit.grades must be a list, got 'AAA'"),
        ({"credit": {"grades": [{"rating": "AAA"}]}}, "policy.credit.grades[0]: missing setting 'criteria'"),
        (
            {
                "credit": {
                    "grades": [
                        {
                            "rating": "AAA",
                            "criteria": [{"metric": "rd_share", "operator": ">", "threshold": 5}],
                        }
                    ]
                }
            },
            "policy.credit.grades[0].criteria[0]: threshold of rd_share must be a number from 0 to 1, got 5",
        ),
        (
            {
                "credit": {
                    "grades": [
                        {"rating": "AAA", "criteria": [{"metric": "profit", "operator": ">", "threshold": 5}]}
                    ]
                }
            },
            "policy.credit.grades[0].criteria[0]: metric must be one of 'hosted_students_each_year', 'hosted_students_total', 'rd_share', 'courses_codeveloped', 'mentors_provided', 'equipment_contributed', 'technical_needs_solved', 'red_lights', 'yellow_lights', 'insurance_claims', 'disputes', 'breaches', 'internship_breaches', got 'profit'",
        ),
        (
            {"credit": {"grades": [{"rating": "C", "criteria": []}]}},
            "policy.credit.grades[0]: rating must be one of 'AAA', 'AA', 'A', 'B', got 'C'",
        ),
        (
            {"incentives": {"exit_red_light_years": 4}},
            "policy.incentives: exit_red_light_years must be a whole number from 1 to 3, got 4",
        ),
        (
            {"governance": {"quorum": "3/2"}},
            "policy.governance: quorum must be a fraction above 0 and at most 1, got '3/2'",
        ),
        (
            {"governance": {"quorum": 0.5}},
            "policy.governance: quorum must be a fraction written as text such as '2/3', got 0.5",
        ),
        (
            {"governance": {"motion_rules": {"curriculum": "unanimous"}}},
            "policy.governance: rule of motion kind 'curriculum' must be one of 'simple', 'two_thirds', got 'unanimous'",
        ),
        (
            {"agreements": {"mandatory_clauses": {"exit": ""}}},
            "policy.agreements: title of clause 'exit' must be a non-empty text, got ''",
        ),
        (
            {"training": {"annual_cap": -1}},
            "policy.training: annual_cap must be a number of at least 0, got -1",
        ),
        (
            {"tax_deduction": {"deduction_rate": True}},
            "policy.tax_deduction: deduction_rate must be a number from 1 to 5, got True",
        ),
    ],
)
def test_bad_settings_are_refused_with_their_path(data, message):
    with pytest.raises(ValueError) as error:
        Policy.from_dict(data)
    assert str(error.value) == message


rates = st.floats(min_value=0, max_value=0.45, allow_nan=False).map(lambda value: round(value, 4))


@settings(derandomize=True)
@given(
    version=st.integers(min_value=1, max_value=10_000),
    strong=rates,
    weak=rates,
    bonus=st.floats(min_value=0, max_value=0.5).map(lambda value: round(value, 4)),
    cap=st.floats(min_value=0.01, max_value=1).map(lambda value: round(value, 4)),
)
def test_any_valid_policy_round_trips(version, strong, weak, bonus, cap):
    # given a valid policy with arbitrary numbers
    policy = Policy.from_dict(
        {
            "version": version,
            "insurance": {"tier_subsidy_rates": {"strong": strong, "weak": weak}, "sme_bonus": bonus},
            "equity": {"share_cap": cap},
        }
    )
    # then its JSON form reads back to an equal policy
    assert Policy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
