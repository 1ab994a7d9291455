import numpy as np
import pytest

from chanjiao.core.matching import (
    CERTIFICATES,
    Assignment,
    ScoreBreakdown,
    deferred_acceptance,
    explain_student,
    remove_ineligible,
    welfare_optimal,
)
from chanjiao.core.matching.explain import ordinal

NAMES = ["Welder", "Fitter", "Painter", "Driver"]


def welding_round():
    # Welder (3 seats) ranks students 1, 2, 3, 0, 4; Fitter 1 seat; Painter no seats;
    # Driver requires a certificate student 0 lacks
    choices = np.array([[3, 0, 2, 1], [0, -1, -1, -1], [0, -1, -1, -1], [0, -1, -1, -1], [0, -1, -1, -1]])
    rank = np.array([[0, 3, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [2, 0, 0, 0], [4, 0, 0, 0]])
    failures = np.zeros_like(choices)
    failures[0, 0] = CERTIFICATES
    kept = remove_ineligible(choices, failures)
    position_rank = kept.take(rank)
    capacity = np.array([3, 1, 0, 1])
    result = deferred_acceptance(kept.choices, position_rank, capacity)
    score = np.where(kept.choices >= 0, 1.0 - position_rank / 10, np.nan)
    scores = ScoreBreakdown(total=score, components={}, weights={})
    return kept, position_rank, capacity, result, scores


def test_every_higher_choice_is_explained_down_to_the_placement():
    # given student 0, placed at their 4th choice
    kept, position_rank, capacity, result, scores = welding_round()

    # when explained
    explanation = explain_student(
        0,
        kept.choices,
        position_rank,
        capacity,
        result,
        eligibility=kept,
        scores=scores,
        position_names=NAMES,
    )

    # then each choice says what happened, as data and as a sentence
    assert [choice.outcome for choice in explanation.choices] == [
        "ineligible",
        "outranked",
        "no_seats",
        "placed",
    ]
    assert [choice.sentence for choice in explanation.choices] == [
        "You were not eligible for Driver: its certificates requirement is not met.",
        "All 3 seats at Welder went to candidates the enterprise ranked higher; you were 4th of 5 applicants.",
        "Painter offered no seats in this round.",
        "You were placed at Fitter, your 4th choice.",
    ]
    welder = explanation.choices[1]
    assert (welder.choice_number, welder.position, welder.seats, welder.seats_filled) == (2, 0, 3, 3)
    assert (welder.admitted_ranked_higher, welder.applicants, welder.place_among_applicants) == (3, 5, 4)
    assert welder.student_score == pytest.approx(0.7)
    assert welder.lowest_admitted_score == pytest.approx(0.8)
    assert explanation.choices[0].failed_requirements == ("certificates",)
    assert (explanation.position, explanation.choice_number) == (1, 4)
    assert explanation.summary == "Placed at Fitter, your 4th choice."


def test_an_unmatched_student_hears_why():
    kept, position_rank, capacity, result, _ = welding_round()

    explanation = explain_student(4, kept.choices, position_rank, capacity, result, position_names=NAMES)

    assert explanation.summary == "Not placed: every seat you listed went to other candidates."
    assert [choice.place_among_applicants for choice in explanation.choices] == [5]
    assert explanation.choices[0].student_score is None


def test_ineligible_only_and_empty_lists_have_their_own_summary():
    kept = remove_ineligible(np.array([[0], [-1]]), np.array([[CERTIFICATES], [0]]))
    result = deferred_acceptance(kept.choices, np.zeros((2, 1), np.int64), [1])

    ineligible = explain_student(0, kept.choices, np.zeros((2, 1), np.int64), [1], result, eligibility=kept)
    empty = explain_student(1, kept.choices, np.zeros((2, 1), np.int64), [1], result, eligibility=kept)

    assert ineligible.summary == "Not placed: you were not eligible for any seat you listed."
    assert empty.summary == "Not placed: you listed no seats."
    assert empty.choices == []


def test_a_welfare_assignment_explains_the_seat_given_to_a_lower_ranked_candidate():
    # given the welfare-optimal assignment that gives student 1 the seat position 0 ranks student 0 above
    choices, rank, capacity = [[0, 1], [0, -1]], [[0, 0], [1, 0]], [1, 1]
    welfare = welfare_optimal(choices, rank, capacity)

    explanation = explain_student(0, choices, rank, capacity, welfare)

    assert explanation.choices[0].outcome == "not_admitted"
    assert (
        explanation.choices[0].sentence
        == "The only seat at position 0 went to a candidate the enterprise ranked below you."
    )


def test_an_open_seat_not_given_is_explained():
    unstable = Assignment(assignment=np.array([1]), choice_index=np.array([1]), seats_filled=np.array([0, 1]))

    explanation = explain_student(0, [[0, 1]], [[0, 0]], [2, 1], unstable)

    assert (
        explanation.choices[0].sentence == "Position 0 left 2 of 2 seats open, but you were not placed there."
    )


def test_an_unknown_student_is_refused():
    _, position_rank, capacity, result, _ = welding_round()
    with pytest.raises(ValueError, match=r"student 9 is outside 0..4"):
        explain_student(9, np.zeros((5, 4), np.int64), position_rank, capacity, result)


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111, 112)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "111th",
        "112th",
    ]
