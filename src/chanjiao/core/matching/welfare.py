"""Welfare-optimal alternative: the assignment with the smallest sum of students' choice ranks.

Solved exactly as a min-cost flow (OR-Tools): source → student (1 unit) → listed position (cost:
1-based rank of the choice) → sink (the position's seats). By default it first places as many
students as any assignment can, then minimises the rank sum among those; it ignores the
enterprises' rankings, so it is usually not stable. The number of blocking pairs it creates is
the price of the extra welfare, which is what a coordinator weighs against deferred acceptance.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from chanjiao.core.matching.result import WelfareResult
from chanjiao.core.matching.stability import blocking_pairs
from chanjiao.core.matching.validation import validate_instance


def welfare_optimal(
    choices: npt.ArrayLike,
    position_rank: npt.ArrayLike,
    capacity: npt.ArrayLike,
    *,
    unmatched_cost: int | None = None,
) -> WelfareResult:
    """Assignment minimising the sum of the ranks students get, within seat capacities.

    Parameters
    ----------
    choices, position_rank, capacity : array of int
        The matching instance, as for :func:`deferred_acceptance`; ``position_rank`` is used only
        to count the blocking pairs.
    unmatched_cost : int, optional
        Cost of leaving a student unplaced, in rank units. By default placing one more student
        outweighs any rank sum (a maximum-cardinality assignment of minimum rank sum); a small
        value such as ``max_list + 1`` lets the optimum leave a student out when that improves
        several others.

    Returns
    -------
    WelfareResult

    Raises
    ------
    ValueError
        On malformed input, a negative ``unmatched_cost``, or if the solver fails.

    Examples
    --------
    Both students want position 0, which prefers student 0; student 1 lists nothing else.
    Deferred acceptance leaves student 1 out; the welfare-optimal assignment places both, at the
    price of one blocking pair:

    >>> result = welfare_optimal([[0, 1], [0, -1]], [[0, 0], [1, 0]], [1, 1])
    >>> result.assignment.tolist(), result.rank_sum, len(result.blocking_pairs)
    ([1, 0], 3, 1)
    """
    choice_array, rank_array, capacity_array = validate_instance(choices, position_rank, capacity)
    if unmatched_cost is not None and unmatched_cost < 0:
        raise ValueError(f"unmatched_cost must be non-negative, got {unmatched_cost}")
    n_students, max_list = choice_array.shape
    n_positions = capacity_array.shape[0]
    source, sink = n_students + n_positions, n_students + n_positions + 1
    applicant, k = np.nonzero(choice_array >= 0)
    students = np.arange(n_students)
    positions = np.arange(n_positions)

    flow = min_cost_flow.SimpleMinCostFlow()
    choice_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        applicant, n_students + choice_array[applicant, k].astype(np.int64), np.ones_like(applicant), k + 1
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(n_students, source), students, np.ones(n_students, np.int64), np.zeros(n_students, np.int64)
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        n_students + positions,
        np.full(n_positions, sink),
        capacity_array.astype(np.int64),
        np.zeros_like(positions),
    )
    if unmatched_cost is None:
        flow.set_nodes_supplies(np.array([source, sink]), np.array([n_students, -n_students]))
        status = flow.solve_max_flow_with_min_cost()
    else:
        flow.add_arcs_with_capacity_and_unit_cost(
            students,
            np.full(n_students, sink),
            np.ones(n_students, np.int64),
            np.full(n_students, unmatched_cost),
        )
        flow.set_nodes_supplies(np.array([source, sink]), np.array([n_students, -n_students]))
        status = flow.solve()
    if status != flow.OPTIMAL:
        raise ValueError(f"min-cost flow solver ended with status {status}")

    used = flow.flows(choice_arcs) > 0
    assignment = np.full(n_students, -1, np.int64)
    choice_index = np.full(n_students, -1, np.int64)
    assignment[applicant[used]] = choice_array[applicant[used], k[used]]
    choice_index[applicant[used]] = k[used]
    return WelfareResult(
        assignment=assignment,
        choice_index=choice_index,
        seats_filled=np.bincount(assignment[assignment >= 0], minlength=n_positions).astype(np.int64),
        blocking_pairs=blocking_pairs(choice_array, rank_array, capacity_array, assignment),
    )
