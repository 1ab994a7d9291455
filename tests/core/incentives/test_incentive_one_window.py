import pytest

from chanjiao.core.credit import EnterpriseYear, Policy
from chanjiao.core.credit.policy_rules import OneWindowPolicy
from chanjiao.core.incentives import Application, CheckWording, PlatformFacts, check_application, check_text

RECORD = EnterpriseYear(
    2024,
    interns_hosted=80,
    apprentices_hosted=20,
    rd_spending=500_000,
    revenue=8_000_000,
    technical_needs_solved=3,
    equipment_contributed=150_000,
    evaluation_light="green",
)
FACTS = PlatformFacts((RECORD,), tax_registered=True, active_agreements=2)


def _reasons(result):
    return {
        review.department: [(check.name, check.passed, check.reason) for check in review.checks]
        for review in result.reviews
    }


def test_claims_backed_by_records_pass_every_department():
    # given an application whose claims match the platform's records
    application = Application(
        "Acme Robotics",
        "training_subsidy",
        2024,
        claimed_hosted_students=100,
        claimed_rd_spending=500_000,
        claimed_technical_needs_solved=3,
        claimed_equipment_contributed=150_000,
    )
    # when checked
    result = check_application(application, FACTS, Policy())
    # then every check passes and says what it compared
    assert result.passed
    assert result.policy_version == 1
    assert _reasons(result) == {
        "education": [
            (
                "hosted_students",
                True,
                "claimed 100 students hosted (interns + apprentices) in 2024; the platform recorded 100",
            ),
            ("agreements", True, "2 active cooperation agreements, 0 missing a mandatory clause"),
            ("evaluation", True, "evaluation light in 2024: green"),
        ],
        "taxation": [
            ("tax_registration", True, "registered for tax"),
            (
                "rd_spending",
                True,
                "claimed ¥500,000.00 R&D spending in 2024; the platform recorded ¥500,000.00",
            ),
            (
                "eligibility",
                True,
                "red evaluation light in 0 of the last 3 years, below the exit threshold of 2",
            ),
        ],
        "industry": [
            ("technical_needs", True, "claimed 3 technical needs solved in 2024; the platform recorded 3"),
            (
                "equipment",
                True,
                "claimed ¥150,000.00 equipment contributed in 2024; the platform recorded ¥150,000.00",
            ),
            ("breaches", True, "breaches of agreement in 2024: 0"),
        ],
    }


def test_overclaims_fail_only_the_departments_concerned():
    # given more R&D claimed than recorded
    application = Application("Acme Robotics", "rd_subsidy", 2024, claimed_rd_spending=650_000)
    result = check_application(application, FACTS, Policy())
    # then taxation fails on that check alone
    assert not result.passed
    assert [(review.department, review.passed) for review in result.reviews] == [
        ("education", True),
        ("taxation", False),
        ("industry", True),
    ]


def test_claim_tolerance_accepts_small_differences():
    application = Application("Acme Robotics", "training_subsidy", 2024, claimed_hosted_students=105)
    strict = check_application(application, FACTS, Policy())
    tolerant = check_application(application, FACTS, Policy(one_window=OneWindowPolicy(claim_tolerance=0.05)))
    assert (strict.passed, tolerant.passed) == (False, True)


def test_a_year_without_records_backs_no_claim():
    application = Application("Acme Robotics", "training_subsidy", 2023, claimed_hosted_students=1)
    result = check_application(application, FACTS, Policy())
    assert _reasons(result)["education"][0] == (
        "hosted_students",
        False,
        "claimed 1 students hosted (interns + apprentices) in 2023; the platform recorded 0 (no record for 2023)",
    )
    assert _reasons(result)["education"][2] == ("evaluation", True, "evaluation light in 2023: not evaluated")


def test_red_light_breach_missing_agreement_and_exit_fail_their_checks():
    # given two red years, a breach, no tax registration and an incomplete agreement
    records = (
        EnterpriseYear(2023, evaluation_light="red"),
        EnterpriseYear(2024, evaluation_light="red", breaches=1),
    )
    facts = PlatformFacts(records, tax_registered=False, active_agreements=1, incomplete_agreements=1)
    result = check_application(Application("Acme Robotics", "training_subsidy", 2024), facts, Policy())
    # then each department names what failed
    failed = {
        (review.department, check.name)
        for review in result.reviews
        for check in review.checks
        if not check.passed
    }
    assert failed == {
        ("education", "agreements"),
        ("education", "evaluation"),
        ("taxation", "tax_registration"),
        ("taxation", "eligibility"),
        ("industry", "breaches"),
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: Application("Acme", "x", 2024, claimed_hosted_students=-1),
            "claimed_hosted_students must be a whole number of at least 0, got -1",
        ),
        (lambda: Application("", "x", 2024), "enterprise must be a non-empty text, got ''"),
        (
            lambda: PlatformFacts((), tax_registered="yes", active_agreements=0),
            "tax_registered must be true or false, got 'yes'",
        ),
        (
            lambda: PlatformFacts((), tax_registered=True, active_agreements=1, incomplete_agreements=2),
            "incomplete_agreements must be a whole number from 0 to 1, got 2",
        ),
        (
            lambda: check_application(
                Application("Acme", "x", 2024), PlatformFacts((RECORD, RECORD), True, 1), Policy()
            ),
            "records must have one entry per year",
        ),
    ],
)
def test_bad_applications_are_refused(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value) == message


def test_each_check_keeps_the_facts_its_reason_words_so_a_page_can_word_it_again():
    record = EnterpriseYear(2024, interns_hosted=80, apprentices_hosted=20, rd_spending=500_000)
    application = Application("Acme Robotics", "training_subsidy", 2024, claimed_rd_spending=600_000)
    result = check_application(application, PlatformFacts((record,), False, 0), Policy())
    checks = {check.name: check for review in result.reviews for check in review.checks}
    terse = CheckWording(
        labels={
            "hosted_students": "hosted",
            "rd_spending": "R&D",
            "technical_needs": "needs",
            "equipment": "kit",
        },
        claim="%(label)s %(year)s: %(claimed)s/%(recorded)s",
        registered="tax: yes",
        not_registered="tax: no",
    )

    assert checks["rd_spending"].facts == {
        "claimed": "600000",
        "recorded": "500000",
        "year": 2024,
        "has_record": True,
        "money": True,
    }
    assert (
        check_text("rd_spending", checks["rd_spending"].facts, terse) == "R&D 2024: ¥600,000.00/¥500,000.00"
    )
    assert check_text("tax_registration", checks["tax_registration"].facts, terse) == "tax: no"
    assert [check_text(c.name, c.facts) for c in checks.values()] == [c.reason for c in checks.values()]
