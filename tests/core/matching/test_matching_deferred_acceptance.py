import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.matching import build_applicant_index, deferred_acceptance
from core.matching.matching_instances import (
    Instance,
    all_stable_matchings,
    choice_number,
    instances,
    reference_blocking_pairs,
)


def test_students_propose_on_a_two_seat_position():
    # given three students who all want position 0 (2 seats), which ranks them 2, 0, 1
    choices = [[0, 1], [0, 1], [0, -1]]
    position_rank = [[2, 0], [0, 1], [1, 0]]
    capacity = [2, 1]

    # when students propose
    result = deferred_acceptance(choices, position_rank, capacity)

    # then the two best-ranked take position 0 and student 0 falls to their 2nd choice
    assert result.assignment.tolist() == [1, 0, 0]
    assert result.choice_index.tolist() == [1, 0, 0]
    assert result.seats_filled.tolist() == [2, 1]
    assert result.n_proposals == 4
    assert result.proposing == "students"
    assert result.n_matched == 3
    assert result.rank_sum == 4


def test_students_and_positions_proposing_differ_when_preferences_cross():
    # given two students and two positions whose preferences point opposite ways
    choices = [[0, 1], [1, 0]]
    position_rank = [[1, 0], [1, 0]]  # position 0 prefers student 1, position 1 prefers student 0
    capacity = [1, 1]

    # when each side proposes
    by_students = deferred_acceptance(choices, position_rank, capacity)
    by_positions = deferred_acceptance(choices, position_rank, capacity, proposing="positions")

    # then each side gets its own first choices
    assert by_students.assignment.tolist() == [0, 1]
    assert by_positions.assignment.tolist() == [1, 0]
    assert by_positions.choice_index.tolist() == [1, 1]
    assert by_positions.n_proposals == 2


def test_empty_lists_zero_seats_and_no_students():
    # given a student with no choices and a position with no seats
    result = deferred_acceptance([[1, 0], [-1, -1]], [[0, 0], [0, 0]], [1, 0])

    # then the listing student falls through the seatless position and the other stays unmatched
    assert result.assignment.tolist() == [0, -1]
    assert result.choice_index.tolist() == [1, -1]
    # and an empty round is a valid round
    empty = deferred_acceptance(np.zeros((0, 3), np.int64), np.zeros((0, 3), np.int64), [2])
    assert empty.assignment.shape == (0,)
    assert empty.seats_filled.tolist() == [0]


@settings(max_examples=300, deadline=None)
@given(instances())
def test_result_is_stable_within_capacity_and_on_listed_choices(instance):
    for proposing in ("students", "positions"):
        # when the instance is matched
        result = deferred_acceptance(
            instance.choices, instance.position_rank, instance.capacity, proposing=proposing
        )

        # then nobody blocks it, no seat is over-filled and everyone holds a listed choice
        assert reference_blocking_pairs(instance, result.assignment) == []
        assert np.all(result.seats_filled <= instance.capacity)
        counts = np.bincount(result.assignment[result.assignment >= 0], minlength=len(instance.capacity))
        assert counts.tolist() == result.seats_filled.tolist()
        for student, position in enumerate(result.assignment.tolist()):
            k = int(result.choice_index[student])
            assert (position, k) == ((-1, -1) if k < 0 else (instance.lists[student][k], k))


@settings(max_examples=200, deadline=None)
@given(instances(max_students=4, max_positions=3, max_capacity=2))
def test_students_proposing_is_student_optimal_and_positions_proposing_student_pessimal(instance):
    # given every stable matching, found by brute force
    stable = all_stable_matchings(instance)

    # when both variants run
    best = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity).assignment
    worst = deferred_acceptance(
        instance.choices, instance.position_rank, instance.capacity, proposing="positions"
    ).assignment

    # then both are among the stable matchings, and every student likes the first at least as
    # much, and the second at most as much, as any stable matching
    assert tuple(best.tolist()) in stable
    assert tuple(worst.tolist()) in stable
    for matching in stable:
        for student, position in enumerate(matching):
            assert choice_number(instance, student, int(best[student])) <= choice_number(
                instance, student, position
            )
            assert choice_number(instance, student, int(worst[student])) >= choice_number(
                instance, student, position
            )


@settings(max_examples=200, deadline=None)
@given(instances())
def test_proposals_are_every_choice_down_to_the_final_one(instance):
    # when students propose
    result = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity)

    # then each student applied exactly down to the seat they hold, or to the end of the list
    expected = sum(
        int(k) + 1 if k >= 0 else len(own) for k, own in zip(result.choice_index, instance.lists, strict=True)
    )
    assert result.n_proposals == expected


def test_a_tie_that_decides_a_seat_is_refused():
    # given a one-seat position that ranks both applicants 5
    # when matched / then the tie is named
    with pytest.raises(ValueError, match="position 0 gives students 0 and 1 the same rank"):
        deferred_acceptance([[0], [0]], [[5], [5]], [1])
    with pytest.raises(ValueError, match="position 0 gives students 0 and 1 the same rank"):
        deferred_acceptance([[0], [0]], [[5], [5]], [1], proposing="positions")


@pytest.mark.parametrize(
    ("choices", "position_rank", "capacity", "message"),
    [
        ([[0, 1]], [[0]], [1, 1], r"position_rank has shape \(1, 1\) but choices has shape \(1, 2\)"),
        ([0, 1], [0, 1], [1, 1], "choices must be a 2-d array"),
        ([[0]], [[0]], [[1]], "capacity must be a 1-d array"),
        ([[0.5]], [[0]], [1], "choices must hold integers"),
        ([[0]], [[0]], [-2], r"capacity of position 0 is negative \(-2\)"),
        ([[0, 2]], [[0, 0]], [1, 1], r"choices row 0 column 1 holds position id 2, outside 0..1"),
        ([[0, -3]], [[0, 0]], [1, 1], r"choices row 0 column 1 holds position id -3"),
        ([[1, 0], [-1, 0]], [[0, 0], [0, 1]], [1, 1], "choices row 1 has a choice at column 1 after a -1"),
        ([[1, 0, 1]], [[0, 0, 0]], [1, 1], r"choices row 0 lists position 1 twice \(columns 0 and 2\)"),
    ],
)
def test_malformed_input_is_refused_with_a_clear_message(choices, position_rank, capacity, message):
    with pytest.raises(ValueError, match=message):
        deferred_acceptance(choices, position_rank, capacity)


def test_unknown_proposing_side_is_refused():
    with pytest.raises(ValueError, match='proposing must be "students" or "positions"'):
        deferred_acceptance([[0]], [[0]], [1], proposing="enterprises")


def test_input_arrays_are_not_modified():
    # given an instance
    instance = Instance(lists=[[0, 1], [0], [1, 0]], priority=[[2, 0, 1], [0, 2, 1]], capacity=[1, 1])
    choices, position_rank = instance.choices, instance.position_rank
    before = (choices.copy(), position_rank.copy())

    # when matched both ways
    deferred_acceptance(choices, position_rank, instance.capacity)
    deferred_acceptance(choices, position_rank, instance.capacity, proposing="positions")

    # then the inputs are unchanged
    assert np.array_equal(choices, before[0]) and np.array_equal(position_rank, before[1])


@settings(max_examples=200, deadline=None)
@given(instances(), st.integers(1, 3), st.randoms(use_true_random=False))
def test_ties_never_compared_do_not_change_the_result(instance, n_tiers, random):
    # given ranks coarsened into a few tiers, so positions hold ties
    tiered = instance.position_rank % n_tiers
    try:
        result = deferred_acceptance(instance.choices, tiered, instance.capacity)
    except ValueError as error:
        assert "the same rank" in str(error)
        return

    # when the ties are broken in random ways
    n_students = tiered.shape[0]
    for _ in range(3):
        order = list(range(n_students))
        random.shuffle(order)
        refined = tiered * n_students + np.array(order)[:, None]

        # then every refinement gives the same matching
        assert deferred_acceptance(instance.choices, refined, instance.capacity).assignment.tolist() == (
            result.assignment.tolist()
        )


def test_the_applicant_index_lists_each_position_best_rank_first():
    # given three students applying to two positions
    index = build_applicant_index(np.array([[0, 1], [1, 0], [0, -1]]), np.array([[5, 2], [1, 9], [3, 0]]), 2)

    # then each position's applicants come best rank first, with where it sits in their lists
    assert index.applicants_of(0).tolist() == [2, 0, 1]
    assert index.applicants_of(1).tolist() == [1, 0]
    assert index.offsets.tolist() == [0, 3, 5]
    assert index.choice_index.tolist() == [0, 0, 1, 0, 1]
    assert index.ranks.tolist() == [3, 5, 9, 1, 2]
