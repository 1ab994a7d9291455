"""Stability of any assignment: blocking pairs, over-full positions, unlisted placements.

A student and a position block an assignment when the student ranked the position above what
they got (or got nothing) and the position has a free seat or holds someone it ranks below the
student. A stable assignment has none; deferred acceptance always returns one, and the platform
checks every result anyway so that a published round carries its own proof.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from chanjiao.core.matching.validation import validate_instance

_UNLISTED = -2
_NEVER_OUTRANKED = np.iinfo(np.int64).max


@dataclass(frozen=True)
class BlockingPairs:
    """Student–position pairs that would both rather be matched to each other.

    ``choice_index[i]`` is where ``positions[i]`` sits in the list of ``students[i]``.
    """

    students: np.ndarray
    positions: np.ndarray
    choice_index: np.ndarray

    def __len__(self) -> int:
        return int(self.students.shape[0])


@dataclass(frozen=True)
class StabilityReport:
    """Everything that keeps an assignment from being a stable matching.

    Attributes
    ----------
    blocking_pairs : BlockingPairs
    over_capacity : ndarray of int64
        Positions holding more students than seats.
    unlisted : ndarray of int64
        Students placed in a position they did not list (or were not eligible for).
    """

    blocking_pairs: BlockingPairs
    over_capacity: np.ndarray
    unlisted: np.ndarray

    @property
    def is_stable(self) -> bool:
        """True when there is no blocking pair, over-full position or unlisted placement."""
        return not (len(self.blocking_pairs) or self.over_capacity.size or self.unlisted.size)


@njit(cache=True, nogil=True)
def _locate_choices(choices, position_rank, assignment, n_positions):  # pragma: no cover
    """Choice index of each placement, seats filled and the worst rank admitted per position."""
    n_students, max_list = choices.shape
    choice_index = np.full(n_students, -1, np.int64)
    filled = np.zeros(n_positions, np.int64)
    worst_admitted = np.full(n_positions, np.iinfo(np.int64).min, np.int64)
    for student in range(n_students):
        position = assignment[student]
        if position < 0:
            continue
        filled[position] += 1
        choice_index[student] = _UNLISTED
        for k in range(max_list):
            if choices[student, k] == position:
                choice_index[student] = k
                break
        if choice_index[student] == _UNLISTED:
            # The position never ranked this student, so it prefers any applicant to them.
            worst_admitted[position] = _NEVER_OUTRANKED
        elif position_rank[student, choice_index[student]] > worst_admitted[position]:
            worst_admitted[position] = position_rank[student, choice_index[student]]
    return choice_index, filled, worst_admitted


@njit(cache=True, nogil=True)
def _collect_blocking(
    choices, position_rank, capacity, choice_index, filled, worst_admitted, out
):  # pragma: no cover
    """Write blocking pairs into ``out`` (student, position, k) when given room; return the count."""
    n_students, max_list = choices.shape
    found = 0
    for student in range(n_students):
        held = choice_index[student]
        preferred = max_list if held < 0 else held
        for k in range(preferred):
            position = choices[student, k]
            if position < 0:
                break
            if filled[position] < capacity[position] or position_rank[student, k] < worst_admitted[position]:
                if found < out.shape[0]:
                    out[found, 0] = student
                    out[found, 1] = position
                    out[found, 2] = k
                found += 1
    return found


def _validated_assignment(assignment: npt.ArrayLike, n_students: int, n_positions: int) -> np.ndarray:
    values = np.asarray(assignment)
    if values.shape != (n_students,):
        raise ValueError(f"assignment must have shape ({n_students},), got {values.shape}")
    if values.size and not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"assignment must hold integers, got dtype {values.dtype}")
    outside = np.flatnonzero((values < -1) | (values >= n_positions))
    if outside.size:
        student = int(outside[0])
        raise ValueError(
            f"assignment of student {student} is {int(values[student])}, outside -1..{n_positions - 1}"
        )
    return np.ascontiguousarray(values, dtype=np.int64)


def _analyse(choices, position_rank, capacity, assignment):
    choice_array, rank_array, capacity_array = validate_instance(choices, position_rank, capacity)
    n_positions = capacity_array.shape[0]
    placed = _validated_assignment(assignment, choice_array.shape[0], n_positions)
    choice_index, filled, worst = _locate_choices(choice_array, rank_array, placed, n_positions)
    args = (choice_array, rank_array, capacity_array, choice_index, filled, worst)
    n_pairs = _collect_blocking(*args, np.empty((0, 3), np.int64))
    pairs = np.empty((n_pairs, 3), np.int64)
    _collect_blocking(*args, pairs)
    blocking = BlockingPairs(students=pairs[:, 0], positions=pairs[:, 1], choice_index=pairs[:, 2])
    return blocking, choice_index, filled, capacity_array


def blocking_pairs(
    choices: npt.ArrayLike, position_rank: npt.ArrayLike, capacity: npt.ArrayLike, assignment: npt.ArrayLike
) -> BlockingPairs:
    """List every blocking pair of an assignment, ordered by student then choice.

    Parameters
    ----------
    choices, position_rank, capacity : array of int
        The matching instance, as for :func:`deferred_acceptance`.
    assignment : array of int, shape (n_students,)
        Position id per student, ``-1`` for unmatched (any assignment, not only a stable one).

    Returns
    -------
    BlockingPairs

    Examples
    --------
    Student 0 got their 2nd choice while position 0 admitted student 1, whom it ranks lower:

    >>> pairs = blocking_pairs([[0, 1], [0, -1]], [[0, 0], [1, 0]], [1, 1], [1, 0])
    >>> pairs.students.tolist(), pairs.positions.tolist(), pairs.choice_index.tolist()
    ([0], [0], [0])
    """
    return _analyse(choices, position_rank, capacity, assignment)[0]


def stability_check(
    choices: npt.ArrayLike, position_rank: npt.ArrayLike, capacity: npt.ArrayLike, assignment: npt.ArrayLike
) -> StabilityReport:
    """Check that an assignment is a stable matching of the instance.

    Parameters
    ----------
    choices, position_rank, capacity : array of int
        The matching instance, as for :func:`deferred_acceptance`.
    assignment : array of int, shape (n_students,)
        Position id per student, ``-1`` for unmatched.

    Returns
    -------
    StabilityReport
        Blocking pairs, positions over capacity and students placed in a position they did not
        list; ``is_stable`` is True when all three are empty.

    Raises
    ------
    ValueError
        If the instance or the assignment is malformed (wrong shape, ids out of range).

    Examples
    --------
    >>> report = stability_check([[0, 1], [0, -1]], [[0, 0], [1, 0]], [1, 1], [0, -1])
    >>> report.is_stable
    True
    >>> stability_check([[0], [0]], [[0], [1]], [1], [0, 0]).over_capacity.tolist()
    [0]
    """
    blocking, choice_index, filled, capacity_array = _analyse(choices, position_rank, capacity, assignment)
    return StabilityReport(
        blocking_pairs=blocking,
        over_capacity=np.flatnonzero(filled > capacity_array),
        unlisted=np.flatnonzero(choice_index == _UNLISTED),
    )
