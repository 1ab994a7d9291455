"""The internship section of the region's policy: the regulation's numbers at their boundaries,
settings refused with their path, and the docstring examples."""

import doctest
from decimal import Decimal

import pytest

from chanjiao.core.credit import Policy, policy_internships
from chanjiao.core.credit.policy_internships import InternshipPolicy, day_problem, week_problem


def test_the_defaults_are_the_regulation_numbers():
    rules = Policy().internships

    assert (rules.max_hours_per_day, rules.max_hours_per_week) == (8, 44)
    assert (rules.night_work_allowed, rules.holiday_work_allowed) == (False, False)
    assert (rules.max_staff_share, rules.max_post_share, rules.min_pay_share) == (0.10, 0.20, 0.80)
    assert (rules.insurance_required, rules.agreement_before_start) == (True, True)


def test_boundaries_are_exact():
    rules = InternshipPolicy()

    assert day_problem(rules, days=1, hours=Decimal(8)) is None
    assert day_problem(rules, days=1, hours=Decimal("8.5")).hours == Decimal("8.5")
    assert day_problem(rules, days=5, hours=Decimal(40)) is None
    assert week_problem(rules, {(2025, 36): Decimal(44)}) is None
    assert week_problem(rules, {(2025, 36): Decimal("44.01")}).week == 36
    assert (rules.share_exceeded(10, 100), rules.share_exceeded(11, 100)) == (False, True)
    assert (rules.share_exceeded(2, 10, post=True), rules.share_exceeded(3, 10, post=True)) == (False, True)
    assert rules.pay_floor(Decimal("4999.99")) == Decimal("4000.00")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"max_hours_per_day": 25},
            "policy.internships: max_hours_per_day must be a number from 1 to 24, got 25",
        ),
        ({"min_pay_share": 1.2}, "policy.internships: min_pay_share must be a number from 0 to 1, got 1.2"),
        (
            {"night_work_allowed": "no"},
            "policy.internships: night_work_allowed must be true or false, got 'no'",
        ),
    ],
)
def test_bad_settings_are_refused_with_their_path(settings, message):
    with pytest.raises(ValueError) as error:
        Policy.from_dict({"internships": settings})

    assert str(error.value) == message


def test_a_region_version_round_trips():
    policy = Policy.from_dict({"version": 2, "internships": {"max_hours_per_week": 40}})

    assert Policy.from_dict(policy.to_dict()).internships.max_hours_per_week == 40


def test_docstring_examples_hold():
    results = doctest.testmod(policy_internships, optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0 and results.failed == 0
