from datetime import date

import pytest

from chanjiao.core.credit import Policy, check_agreement
from chanjiao.core.credit.policy_governance import AgreementPolicy

TODAY = date(2025, 6, 1)
COMPLETE = {key: f"text of {key}" for key, _title in Policy().agreements.mandatory_clauses}


def test_complete_agreement_far_from_expiry_has_no_warning():
    check = check_agreement(
        COMPLETE, Policy(), today=TODAY, starts_on=date(2024, 1, 1), ends_on=date(2027, 1, 1)
    )
    assert check.complete
    assert (check.missing, check.empty, check.warnings) == ((), (), ())
    assert (check.expiry, check.days_to_expiry, check.policy_version) == ("active", 579, 1)


def test_missing_and_empty_clauses_are_named():
    # given an agreement without IP ownership and with a blank exit clause
    clauses = {key: text for key, text in COMPLETE.items() if key != "ip_ownership"} | {
        "exit": "  ",
        "extra": "",
    }
    # when checked
    check = check_agreement(clauses, Policy(), today=TODAY)
    # then both are reported, extra clauses are ignored and no end date means open-ended
    assert not check.complete
    assert (check.missing, check.empty) == (("ip_ownership",), ("exit",))
    assert check.warnings == (
        "missing clause: Intellectual property ownership (ip_ownership)",
        "empty clause: Exit (exit)",
    )
    assert (check.expiry, check.days_to_expiry) == ("open_ended", None)


def test_a_clause_given_as_none_is_empty():
    check = check_agreement(COMPLETE | {"risk_sharing": None}, Policy(), today=TODAY)
    assert check.empty == ("risk_sharing",)


@pytest.mark.parametrize(
    ("ends_on", "expiry", "warning"),
    [
        (date(2025, 8, 30), "expiring", "expires on 2025-08-30, in 90 days"),
        (date(2025, 8, 31), "active", None),
        (date(2025, 6, 2), "expiring", "expires on 2025-06-02, in 1 day"),
        (date(2025, 6, 1), "expiring", "expires on 2025-06-01, today"),
        (date(2025, 5, 31), "expired", "expired on 2025-05-31, 1 day ago"),
        (date(2025, 5, 1), "expired", "expired on 2025-05-01, 31 days ago"),
    ],
)
def test_expiry_warning_starts_ninety_days_before_the_end(ends_on, expiry, warning):
    check = check_agreement(COMPLETE, Policy(), today=TODAY, ends_on=ends_on)
    assert check.expiry == expiry
    assert check.warnings == ((warning,) if warning else ())


def test_the_policy_decides_which_clauses_are_mandatory():
    policy = Policy(
        agreements=AgreementPolicy(mandatory_clauses=(("data_protection", "Student data protection"),))
    )
    check = check_agreement(COMPLETE, policy, today=TODAY)
    assert check.missing == ("data_protection",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"clauses": {"exit": 3}}, "clause 'exit' must map a clause key to its text, got 3"),
        (
            {"starts_on": date(2025, 1, 2), "ends_on": date(2025, 1, 1)},
            "ends_on (2025-01-01) must not be before starts_on (2025-01-02)",
        ),
        ({"ends_on": "2025-01-01"}, "ends_on must be a date, got '2025-01-01'"),
    ],
)
def test_bad_agreements_are_refused(kwargs, message):
    clauses = kwargs.pop("clauses", COMPLETE)
    with pytest.raises(ValueError) as error:
        check_agreement(clauses, Policy(), today=TODAY, **kwargs)
    assert str(error.value) == message
