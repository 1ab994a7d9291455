import numpy as np
import pytest

from chanjiao.core.matching import (
    PROGRAM,
    Assignment,
    deferred_acceptance,
    remove_ineligible,
    round_report,
)


def report_of_a_round_with_every_reason():
    # positions: 0 (1 seat), 1 (2 seats), 2 (nobody lists it), 3 (only an ineligible student lists it), 4 (1 seat)
    capacity = np.array([1, 2, 1, 1, 1])
    choices = np.array([[0, 1], [0, -1], [3, -1], [-1, -1], [4, -1], [4, -1]])
    rank = np.array([[0, 0], [1, 0], [0, 0], [0, 0], [0, 0], [1, 0]])
    failures = np.array([[0, 0], [0, 0], [PROGRAM, 0], [0, 0], [0, 0], [0, 0]])
    kept = remove_ineligible(choices, failures)
    result = deferred_acceptance(kept.choices, kept.take(rank), capacity)
    return round_report(
        kept.choices,
        capacity,
        result,
        eligibility=kept,
        open_seat_eligible=np.array([False, True, False, False, False, False]),
        student_groups=np.array(["A", "A", "B", "B", "C", "C"]),
        position_groups=np.array(["E1", "E1", "E2", "E3", "E3"]),
    )


def test_round_figures_and_reasons():
    # when the round is reported
    report = report_of_a_round_with_every_reason()

    # then the headline figures are exact
    assert (report.n_students, report.n_matched, report.seats, report.seats_filled) == (6, 2, 6, 2)
    assert report.match_rate == pytest.approx(1 / 3)
    assert report.seat_fill_rate == pytest.approx(1 / 3)
    assert report.first_choice_share == pytest.approx(1 / 3)
    assert report.top3_share == pytest.approx(1 / 3)
    # and every unmatched student and unfilled seat carries its reason
    assert report.unmatched_students.tolist() == [1, 2, 3, 5]
    assert report.unmatched_reasons.tolist() == [
        "list_too_short",
        "no_eligible_seat",
        "no_eligible_seat",
        "outranked_everywhere",
    ]
    assert report.unmatched_by_reason == {
        "no_eligible_seat": 2,
        "list_too_short": 1,
        "outranked_everywhere": 1,
    }
    assert report.unfilled_positions.tolist() == [1, 2, 3]
    assert report.unfilled_seats.tolist() == [2, 1, 1]
    assert report.unfilled_reasons.tolist() == [
        "applicants_placed_elsewhere",
        "no_applicants",
        "no_eligible_applicants",
    ]


def test_round_figures_per_school_and_per_enterprise():
    report = report_of_a_round_with_every_reason()

    schools = {group.label: group for group in report.by_student_group}
    assert [(g.label, g.n_students, g.n_matched, g.match_rate) for g in report.by_student_group] == [
        ("A", 2, 1, 0.5),
        ("B", 2, 0, 0.0),
        ("C", 2, 1, 0.5),
    ]
    assert schools["A"].first_choice_share == 0.5
    assert schools["B"].unmatched_by_reason == {
        "no_eligible_seat": 2,
        "list_too_short": 0,
        "outranked_everywhere": 0,
    }
    assert schools["C"].unmatched_by_reason["outranked_everywhere"] == 1
    enterprises = {group.label: group for group in report.by_position_group}
    assert [(g.label, g.n_positions, g.seats, g.seats_filled) for g in report.by_position_group] == [
        ("E1", 2, 3, 1),
        ("E2", 1, 1, 0),
        ("E3", 2, 2, 1),
    ]
    assert enterprises["E1"].fill_rate == pytest.approx(1 / 3)
    assert enterprises["E1"].unfilled_seats_by_reason["applicants_placed_elsewhere"] == 2
    assert enterprises["E3"].unfilled_seats_by_reason == {
        "no_applicants": 0,
        "no_eligible_applicants": 1,
        "applicants_not_admitted": 0,
        "applicants_placed_elsewhere": 0,
    }


def test_choice_shares_count_in_the_students_own_lists():
    # given a student whose 1st choice is ineligible and who gets the 2nd
    kept = remove_ineligible(np.array([[0, 1]]), np.array([[PROGRAM, 0]]))
    result = deferred_acceptance(kept.choices, np.zeros((1, 2), np.int64), [1, 1])

    report = round_report(kept.choices, [1, 1], result, eligibility=kept)

    # then it is a 2nd-choice placement, not a 1st
    assert report.first_choice_share == 0.0
    assert report.top3_share == 1.0


def test_without_open_seat_eligibility_any_open_seat_makes_a_list_too_short():
    # given one unmatched student outranked at the only listed seat, and an open seat elsewhere
    result = deferred_acceptance([[0], [0]], [[0], [1]], [1, 1])

    report = round_report([[0], [0]], [1, 1], result)

    assert report.unmatched_reasons.tolist() == ["list_too_short"]
    assert report.by_student_group == [] and report.by_position_group == []


def test_a_seat_left_open_while_an_applicant_wanted_it_is_named():
    # given an assignment (not from deferred acceptance) leaving the wanted seat empty
    unstable = Assignment(assignment=np.array([-1]), choice_index=np.array([-1]), seats_filled=np.array([0]))

    report = round_report([[0]], [1], unstable)

    assert report.unfilled_reasons.tolist() == ["applicants_not_admitted"]


def test_an_empty_round_reports_zero_rates():
    empty = Assignment(
        assignment=np.zeros(0, np.int64),
        choice_index=np.zeros(0, np.int64),
        seats_filled=np.zeros(0, np.int64),
    )

    report = round_report(np.zeros((0, 2), np.int64), np.zeros(0, np.int64), empty)

    assert (report.match_rate, report.seat_fill_rate, report.first_choice_share) == (0.0, 0.0, 0.0)
