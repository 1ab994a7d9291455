import numpy as np
import pytest
from hypothesis import given, settings

from chanjiao.core.matching import blocking_pairs, deferred_acceptance, welfare_optimal
from core.matching.matching_instances import Instance, all_feasible_assignments, choice_number, instances


def rank_sum(instance, assignment):
    return sum(choice_number(instance, s, p) for s, p in enumerate(assignment) if p >= 0)


def test_welfare_optimal_places_more_students_at_the_cost_of_a_blocking_pair():
    # given the classic case where deferred acceptance leaves student 1 out
    instance = Instance(lists=[[0, 1], [0]], priority=[[0, 1], [0, 1]], capacity=[1, 1])

    # when both are computed
    stable = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity)
    welfare = welfare_optimal(instance.choices, instance.position_rank, instance.capacity)

    # then the welfare-optimal assignment places both, and the coordinator sees the blocking pair
    assert stable.assignment.tolist() == [0, -1]
    assert welfare.assignment.tolist() == [1, 0]
    assert welfare.choice_index.tolist() == [1, 0]
    assert welfare.seats_filled.tolist() == [1, 1]
    assert welfare.rank_sum == 3
    assert welfare.blocking_pairs.students.tolist() == [0]
    assert welfare.blocking_pairs.positions.tolist() == [0]


def test_a_small_unmatched_cost_may_leave_a_student_out():
    # given three students in a chain: placing student 2 (whose 1st choice has no seat) pushes
    # students 0 and 1 down to their 2nd choices
    instance = Instance(
        lists=[[0, 1], [1, 2], [3, 0]],
        priority=[[0, 1, 2]] * 4,
        capacity=[1, 1, 1, 0],
    )

    # when placing everyone comes first / when leaving a student out costs 5 / costs 3
    everyone = welfare_optimal(instance.choices, instance.position_rank, instance.capacity)
    costly = welfare_optimal(instance.choices, instance.position_rank, instance.capacity, unmatched_cost=5)
    cheap = welfare_optimal(instance.choices, instance.position_rank, instance.capacity, unmatched_cost=3)

    # then all three are placed at 2nd choices (6 < 2 + 5), unless leaving student 2 out is cheaper (2 + 3)
    assert everyone.assignment.tolist() == costly.assignment.tolist() == [1, 2, 0]
    assert everyone.rank_sum == 6
    assert cheap.assignment.tolist() == [0, 1, -1]
    assert cheap.rank_sum == 2


@settings(max_examples=150, deadline=None)
@given(instances(max_students=4, max_positions=3, max_capacity=2))
def test_welfare_optimal_is_the_best_by_brute_force(instance):
    # given every feasible assignment, scored by (students placed, rank sum)
    best = min((-sum(p >= 0 for p in a), rank_sum(instance, a)) for a in all_feasible_assignments(instance))

    # when solved
    result = welfare_optimal(instance.choices, instance.position_rank, instance.capacity)

    # then it reaches the same score, within capacities, and reports its own blocking pairs
    assert (-result.n_matched, result.rank_sum) == best
    assert np.all(result.seats_filled <= instance.capacity)
    expected_pairs = blocking_pairs(
        instance.choices, instance.position_rank, instance.capacity, result.assignment
    )
    assert result.blocking_pairs.students.tolist() == expected_pairs.students.tolist()
    assert result.blocking_pairs.positions.tolist() == expected_pairs.positions.tolist()


@settings(max_examples=100, deadline=None)
@given(instances())
def test_welfare_optimal_never_places_fewer_or_worse_than_deferred_acceptance(instance):
    stable = deferred_acceptance(instance.choices, instance.position_rank, instance.capacity)
    welfare = welfare_optimal(instance.choices, instance.position_rank, instance.capacity)

    assert welfare.n_matched >= stable.n_matched
    if welfare.n_matched == stable.n_matched:
        assert welfare.rank_sum <= stable.rank_sum


def test_negative_unmatched_cost_is_refused():
    with pytest.raises(ValueError, match="unmatched_cost must be non-negative"):
        welfare_optimal([[0]], [[0]], [1], unmatched_cost=-1)
