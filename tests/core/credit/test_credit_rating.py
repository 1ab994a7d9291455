import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.credit import (
    RATINGS,
    Criterion,
    EnterpriseYear,
    GradeRule,
    Policy,
    rate_enterprise,
    rating_rank,
)
from chanjiao.core.credit.policy_rules import CreditPolicy


def _years(**fields):
    return [EnterpriseYear(year, **fields) for year in (2022, 2023, 2024)]


def test_seed_aaa_example_earns_aaa():
    # given 100 students hosted in each of the last 3 years and R&D at 6 % of revenue
    records = _years(interns_hosted=90, apprentices_hosted=10, rd_spending=60_000, revenue=1_000_000)
    # when rated
    rating = rate_enterprise(records, Policy())
    # then AAA, explained with the figures, nothing above it
    assert rating.rating == "AAA"
    assert rating.earned_rating == "AAA"
    assert (rating.first_year, rating.last_year, rating.policy_version) == (2022, 2024, 1)
    assert rating.reasons == (
        "AAA earned: students hosted (interns + apprentices) in each year of 2022–2024: 2022: 100, 2023: 100, "
        "2024: 100 (needs ≥ 100): met; R&D spending share of revenue in 2022–2024: 6.00 % (needs > 5.00 %): met",
    )
    assert rating.paths_up == ()


def test_rd_share_of_exactly_five_percent_is_not_enough_for_aaa():
    # given everything for AA and R&D at exactly 5 % of revenue
    records = _years(
        interns_hosted=100, rd_spending=50_000, revenue=1_000_000, courses_codeveloped=1, mentors_provided=2
    )
    # when rated
    rating = rate_enterprise(records, Policy())
    # then AA, and AAA needs strictly more R&D: any cent above ¥0.00
    assert rating.rating == "AA"
    assert rating.reasons[0] == (
        "AAA not earned: R&D spending share of revenue in 2022–2024: 5.00 % (needs > 5.00 %): not met"
    )
    assert [(path.rating, path.changes) for path in rating.paths_up] == [
        (
            "AAA",
            (
                "R&D spending in 2022–2024: raise by more than ¥0.00 (now ¥150,000.00 = 5.00 % of revenue "
                "¥3,000,000.00, needs > 5.00 %)",
            ),
        )
    ]


def test_caps_lower_the_earned_rating_and_paths_list_every_change():
    # given an enterprise that earns A but has two red lights and a breach
    records = [
        EnterpriseYear(
            2022,
            interns_hosted=60,
            apprentices_hosted=5,
            rd_spending=35_000,
            revenue=1_000_000,
            courses_codeveloped=1,
            mentors_provided=2,
            evaluation_light="red",
        ),
        EnterpriseYear(
            2023,
            interns_hosted=55,
            rd_spending=30_000,
            revenue=1_000_000,
            mentors_provided=2,
            evaluation_light="red",
            breaches=1,
        ),
        EnterpriseYear(
            2024,
            interns_hosted=70,
            rd_spending=40_000,
            revenue=1_200_000,
            mentors_provided=2,
            evaluation_light="green",
        ),
    ]
    # when rated
    rating = rate_enterprise(records, Policy())
    # then the caps bring it to C, and each better rating lists the smallest changes
    assert (rating.earned_rating, rating.rating) == ("A", "C")
    assert rating.reasons[-3:] == (
        "capped at C: red evaluation lights in 2022–2024: 2 (cap applies at ≥ 2)",
        "capped at B: breaches of agreement in 2022–2024: 1 (cap applies at ≥ 1)",
        "capped at A: red evaluation lights in 2022–2024: 2 (cap applies at ≥ 1)",
    )
    paths = {path.rating: path.changes for path in rating.paths_up}
    assert list(paths) == ["B", "A", "AA", "AAA"]
    assert paths["B"] == ("red evaluation lights in 2022–2024: 1 fewer (now 2, needs < 2)",)
    assert paths["A"] == (
        "red evaluation lights in 2022–2024: 1 fewer (now 2, needs < 2)",
        "breaches of agreement in 2022–2024: 1 fewer (now 1, needs < 1)",
    )
    assert paths["AA"] == (
        "courses co-developed in 2022–2024: 1 more (now 1, needs ≥ 2)",
        "breaches of agreement in 2022–2024: 1 fewer (now 1, needs < 1)",
        "red evaluation lights in 2022–2024: 2 fewer (now 2, needs < 1)",
    )
    assert paths["AAA"][:4] == (
        "students hosted (interns + apprentices) in 2022: 35 more (now 65, needs ≥ 100)",
        "students hosted (interns + apprentices) in 2023: 45 more (now 55, needs ≥ 100)",
        "students hosted (interns + apprentices) in 2024: 30 more (now 70, needs ≥ 100)",
        "R&D spending in 2022–2024: raise by more than ¥55,000.00 (now ¥105,000.00 = 3.28 % of revenue "
        "¥3,200,000.00, needs > 5.00 %)",
    )


def test_a_year_without_record_counts_as_no_activity():
    # given strong years 2022 and 2024 but nothing recorded for 2023
    records = [
        EnterpriseYear(2022, interns_hosted=150, rd_spending=80, revenue=1000),
        EnterpriseYear(2024, interns_hosted=150, rd_spending=80, revenue=1000),
    ]
    # when rated
    rating = rate_enterprise(records, Policy())
    # then 2023 hosted nobody, so only B (some students hosted in the window)
    assert rating.rating == "B"
    assert (
        rating.paths_up[-1].changes[0]
        == "students hosted (interns + apprentices) in 2023: 100 more (now 0, needs ≥ 100)"
    )


def test_as_of_year_rates_an_earlier_window():
    # given three AAA years followed by an empty one
    records = _years(interns_hosted=120, rd_spending=60, revenue=1000) + [EnterpriseYear(2025)]
    # when rated as of 2024 and as of 2025
    then_rating = rate_enterprise(records, Policy(), as_of_year=2024)
    now_rating = rate_enterprise(records, Policy())
    # then the earlier window still earns AAA and the latest does not
    assert (then_rating.rating, then_rating.last_year) == ("AAA", 2024)
    assert (now_rating.rating, now_rating.last_year) == ("B", 2025)


def test_no_activity_is_rated_c():
    rating = rate_enterprise([EnterpriseYear(2024)], Policy())
    assert rating.rating == "C"
    assert rating.reasons[-1] == "no grade rule is met, so the rating is C"
    assert [path.rating for path in rating.paths_up] == ["B", "A", "AA", "AAA"]


def test_a_new_policy_version_recomputes_and_records_its_version():
    # given 85 students a year and an officer lowering the AAA threshold to 80 in version 2
    records = _years(interns_hosted=85, rd_spending=60, revenue=1000)
    aaa_80 = GradeRule(
        "AAA", (Criterion("hosted_students_each_year", ">=", 80), Criterion("rd_share", ">", 0.05))
    )
    new_policy = Policy(version=2, credit=CreditPolicy(grades=(aaa_80, *Policy().credit.grades[1:])))
    # when rated under both versions
    old, new = rate_enterprise(records, Policy()), rate_enterprise(records, new_policy)
    # then each result keeps the version it used
    assert (old.rating, old.policy_version) == ("B", 1)
    assert (new.rating, new.policy_version) == ("AAA", 2)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: [EnterpriseYear(2024), EnterpriseYear(2024)],
            "records must have one entry per year; 2024 appears twice",
        ),
        (
            lambda: [EnterpriseYear(2024, interns_hosted=-1)],
            "interns_hosted in 2024 must be a whole number of at least 0, got -1",
        ),
        (
            lambda: [EnterpriseYear(2024, revenue=float("nan"))],
            "revenue in 2024 must be a number of at least 0, got nan",
        ),
        (
            lambda: [EnterpriseYear(2024, evaluation_light="amber")],
            "evaluation_light in 2024 must be one of 'green', 'yellow', 'red', got 'amber'",
        ),
        (lambda: [], "records must not be empty when as_of_year is not given"),
        (lambda: [{"year": 2024}], "records must be EnterpriseYear values, got {'year': 2024}"),
    ],
)
def test_bad_records_are_refused(build, message):
    with pytest.raises(ValueError) as error:
        rate_enterprise(build(), Policy())
    assert str(error.value) == message


year_records = st.builds(
    EnterpriseYear,
    year=st.just(2024),
    interns_hosted=st.integers(0, 200),
    apprentices_hosted=st.integers(0, 50),
    courses_codeveloped=st.integers(0, 4),
    mentors_provided=st.integers(0, 8),
    rd_spending=st.integers(0, 100),
    revenue=st.integers(0, 1000),
    evaluation_light=st.sampled_from([None, "green", "yellow", "red"]),
    disputes=st.integers(0, 2),
    breaches=st.integers(0, 1),
    insurance_claims=st.integers(0, 2),
)


@settings(derandomize=True)
@given(records=st.lists(year_records, min_size=3, max_size=3), extra=st.integers(0, 100))
def test_hosting_more_students_never_lowers_the_rating(records, extra):
    # given three years of records
    records = [dataclasses.replace(record, year=2022 + index) for index, record in enumerate(records)]
    more = [dataclasses.replace(record, interns_hosted=record.interns_hosted + extra) for record in records]
    # when the enterprise hosts more students every year
    before, after = rate_enterprise(records, Policy()), rate_enterprise(more, Policy())
    # then its rating does not fall, no cap is exceeded, and paths cover exactly the better ratings
    assert rating_rank(after.rating) >= rating_rank(before.rating)
    for rating in (before, after):
        assert all(rating_rank(rating.rating) <= rating_rank(check.cap.max_rating) for check in rating.caps)
        assert [path.rating for path in rating.paths_up] == [
            grade for grade in reversed(RATINGS[:-1]) if rating_rank(grade) > rating_rank(rating.rating)
        ]
        assert all(path.changes for path in rating.paths_up)
