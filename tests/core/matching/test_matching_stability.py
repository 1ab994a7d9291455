import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.matching import blocking_pairs, deferred_acceptance, stability_check
from core.matching.matching_instances import instances, reference_blocking_pairs


def test_a_free_seat_and_a_lower_ranked_admission_both_block():
    # given position 0 (1 seat) holding student 1, whom it ranks below student 0, and position 2
    # left empty although student 2 listed it first
    choices = [[0, 1], [0, -1], [2, 1]]
    position_rank = [[0, 0], [1, 0], [0, 1]]
    assignment = [1, 0, 1]

    # when checked
    report = stability_check(choices, position_rank, [1, 2, 1], assignment)

    # then both pairs are listed, with where the position sits in the student's list
    assert report.blocking_pairs.students.tolist() == [0, 2]
    assert report.blocking_pairs.positions.tolist() == [0, 2]
    assert report.blocking_pairs.choice_index.tolist() == [0, 0]
    assert not report.is_stable


def test_over_capacity_and_unlisted_placements_are_reported():
    # given two students in a one-seat position, one of whom never listed it
    report = stability_check([[0], [1]], [[0], [0]], [1, 1], [0, 0])

    # then both faults are named, and the unlisted student blocks with the seat they did list
    assert report.over_capacity.tolist() == [0]
    assert report.unlisted.tolist() == [1]
    assert list(zip(report.blocking_pairs.students, report.blocking_pairs.positions, strict=True)) == [(1, 1)]


def test_a_position_holding_an_unlisted_student_prefers_any_applicant():
    # given student 1 placed where they did not apply, in the only seat student 0 wants
    pairs = blocking_pairs([[0], [-1]], [[9], [0]], [1], [-1, 0])

    assert pairs.students.tolist() == [0]


@settings(max_examples=300, deadline=None)
@given(instances(), st.data())
def test_blocking_pairs_match_the_definition_on_any_assignment(instance, data):
    # given any assignment of students to listed seats (capacities may be broken)
    assignment = [data.draw(st.sampled_from([-1, *own])) for own in instance.lists]

    # when the pairs are listed
    pairs = blocking_pairs(instance.choices, instance.position_rank, instance.capacity, assignment)

    # then they are exactly the pairs of the definition, in the same order
    found = list(zip(pairs.students.tolist(), pairs.positions.tolist(), strict=True))
    assert found == reference_blocking_pairs(instance, assignment)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_deferred_acceptance_results_pass_the_check(instance):
    result = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity)

    report = stability_check(instance.choices, instance.position_rank, instance.capacity, result.assignment)

    assert report.is_stable
    assert len(report.blocking_pairs) == 0


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ([0], r"assignment must have shape \(2,\)"),
        ([0, 5], "assignment of student 1 is 5, outside -1..1"),
        ([0.0, 1.0], "assignment must hold integers"),
    ],
)
def test_a_malformed_assignment_is_refused(assignment, message):
    with pytest.raises(ValueError, match=message):
        stability_check([[0], [1]], [[0], [0]], [1, 1], assignment)


def test_the_check_scales_to_many_blocking_pairs():
    # given 2,000 students all unmatched while every listed seat is free
    rng = np.random.default_rng(3)
    choices = np.argsort(rng.random((2_000, 30)), axis=1)[:, :5]

    # when checked
    pairs = blocking_pairs(choices, np.zeros_like(choices), np.full(30, 100), np.full(2_000, -1))

    # then every listed choice blocks
    assert len(pairs) == 10_000
    assert pairs.positions.tolist() == choices.ravel().tolist()
