"""Many-to-one deferred acceptance (Gale and Shapley 1962; Roth 1984) on numpy arrays.

Students propose by default, which yields the student-optimal stable matching and makes truthful
ranking a dominant strategy for students (the NRMP, NYC and Boston design). The
enterprise-proposing variant yields the position-optimal stable matching on the same input, so a
coordinator can see how much the choice of proposing side matters.

Proposals are handled one proposer at a time (McVitie and Wilson 1970) rather than in
simultaneous rounds: the matching is the same, and so is the set of proposals made, because each
proposer always proposes down its list exactly as far as its final partner.

Ties inside a position must be broken before the call. Any comparison between two equal ranks
raises ValueError, so every comparison that decided the result was strict: the result is the one
every way of breaking the remaining, never-compared ties would give.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
from numba import njit

from chanjiao.core.matching.applicants import build_applicant_index
from chanjiao.core.matching.result import MatchingResult
from chanjiao.core.matching.validation import validate_instance


@njit(cache=True, nogil=True)
def _students_propose(
    choices, position_rank, capacity, seat_start, heap, held, assignment, choice_index
):  # pragma: no cover
    """Fill the output arrays; return (proposals, tied position, tied student, tied student)."""
    n_students, max_list = choices.shape
    n_positions = capacity.shape[0]
    n_proposals = 0
    for newcomer in range(n_students):
        student = newcomer
        k = 0
        while k < max_list:
            position = choices[student, k]
            if position < 0:
                break
            rank = position_rank[student, k]
            n_proposals += 1
            base = seat_start[position]
            seats = capacity[position]
            count = held[position]
            if count < seats:
                slot = count
                while slot > 0:
                    parent = (slot - 1) // 2
                    parent_rank = heap[base + parent, 0]
                    if parent_rank > rank:
                        break
                    if parent_rank == rank:
                        return n_proposals, position, heap[base + parent, 1] // max_list, student
                    heap[base + slot, 0] = parent_rank
                    heap[base + slot, 1] = heap[base + parent, 1]
                    slot = parent
                heap[base + slot, 0] = rank
                heap[base + slot, 1] = student * max_list + k
                held[position] = count + 1
                break
            if seats == 0 or rank > heap[base, 0]:
                k += 1
                continue
            if rank == heap[base, 0]:
                return n_proposals, position, heap[base, 1] // max_list, student
            evicted = heap[base, 1]
            slot = 0
            while True:
                child = 2 * slot + 1
                if child >= seats:
                    break
                child_rank = heap[base + child, 0]
                if child + 1 < seats:
                    sibling_rank = heap[base + child + 1, 0]
                    if sibling_rank == child_rank:
                        first, second = heap[base + child, 1], heap[base + child + 1, 1]
                        return n_proposals, position, first // max_list, second // max_list
                    if sibling_rank > child_rank:
                        child += 1
                        child_rank = sibling_rank
                if child_rank < rank:
                    break
                if child_rank == rank:
                    return n_proposals, position, heap[base + child, 1] // max_list, student
                heap[base + slot, 0] = child_rank
                heap[base + slot, 1] = heap[base + child, 1]
                slot = child
            heap[base + slot, 0] = rank
            heap[base + slot, 1] = student * max_list + k
            student = evicted // max_list
            k = evicted - student * max_list + 1
    for position in range(n_positions):
        for slot in range(seat_start[position], seat_start[position] + held[position]):
            student = heap[slot, 1] // max_list
            assignment[student] = position
            choice_index[student] = heap[slot, 1] - student * max_list
    return n_proposals, -1, -1, -1


@njit(cache=True, nogil=True)
def _positions_propose(offsets, applicants, applicant_choice, capacity, n_students):  # pragma: no cover
    n_positions = capacity.shape[0]
    held_position = np.full(n_students, -1, np.int64)
    held_choice = np.full(n_students, np.iinfo(np.int64).max, np.int64)
    filled = np.zeros(n_positions, np.int64)
    next_offer = offsets[:-1].copy()
    pending = np.empty(n_positions, np.int64)
    is_pending = np.zeros(n_positions, np.bool_)
    n_pending = 0
    for position in range(n_positions - 1, -1, -1):
        pending[n_pending] = position
        is_pending[position] = True
        n_pending += 1
    n_proposals = 0
    while n_pending > 0:
        n_pending -= 1
        position = pending[n_pending]
        is_pending[position] = False
        while filled[position] < capacity[position] and next_offer[position] < offsets[position + 1]:
            slot = next_offer[position]
            next_offer[position] = slot + 1
            n_proposals += 1
            student = applicants[slot]
            k = applicant_choice[slot]
            if k >= held_choice[student]:
                continue
            previous = held_position[student]
            if previous >= 0:
                # The seat the student leaves reopens: that position resumes its offers.
                filled[previous] -= 1
                if not is_pending[previous]:
                    pending[n_pending] = previous
                    is_pending[previous] = True
                    n_pending += 1
            held_position[student] = position
            held_choice[student] = k
            filled[position] += 1
    for student in range(n_students):
        if held_position[student] < 0:
            held_choice[student] = -1
    return held_position, held_choice, filled, n_proposals


def deferred_acceptance(
    choices: npt.ArrayLike,
    position_rank: npt.ArrayLike,
    capacity: npt.ArrayLike,
    *,
    proposing: Literal["students", "positions"] = "students",
) -> MatchingResult:
    """Stable many-to-one matching of students to positions with seat capacities.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        ``choices[s, k]`` is the position id of student ``s``'s ``k``-th choice; ``-1`` pads a
        shorter list. Ineligible choices must already be removed (:func:`remove_ineligible`).
    position_rank : array of int, shape (n_students, max_list)
        ``position_rank[s, k]`` is the rank position ``choices[s, k]`` gives student ``s``; lower
        is better and ranks are distinct within a position (break ties with the round's lottery,
        :func:`strict_position_rank`).
    capacity : array of int, shape (n_positions,)
        Seats of each position.
    proposing : {"students", "positions"}
        ``"students"`` gives the student-optimal stable matching (the default and the platform's
        rule); ``"positions"`` the enterprise-proposing, position-optimal one, for comparison.

    Returns
    -------
    MatchingResult

    Raises
    ------
    ValueError
        On malformed input (see :func:`validate_instance`), tied ranks within a position, or an
        unknown ``proposing`` side.

    Examples
    --------
    Two students both want position 0, which has one seat and prefers student 1:

    >>> result = deferred_acceptance([[0, 1], [0, 1]], [[1, 0], [0, 1]], [1, 1])
    >>> result.assignment.tolist(), result.choice_index.tolist(), result.n_proposals
    ([1, 0], [1, 0], 3)
    """
    if proposing not in ("students", "positions"):
        raise ValueError(f'proposing must be "students" or "positions", got {proposing!r}')
    choice_array, rank_array, capacity_array = validate_instance(choices, position_rank, capacity)
    if proposing == "students":
        seat_start = np.concatenate(([0], np.cumsum(capacity_array, dtype=np.int64)))
        # Each position holds its tentative students in a max-heap on rank, so the worst held
        # student (the one a better proposal evicts) is at the root. An entry is the rank next to
        # the holder (student and index of the choice held), so a heap step touches one cache
        # line and an evicted student resumes without a lookup. numpy (not numba) allocates it
        # so that it gets transparent huge pages: the heap is read at random.
        heap = np.empty((int(seat_start[-1]), 2), np.int64)
        seats_filled = np.zeros(capacity_array.shape[0], np.int64)
        assignment = np.full(choice_array.shape[0], -1, np.int64)
        choice_index = np.full(choice_array.shape[0], -1, np.int64)
        n_proposals, tied_position, first, second = _students_propose(
            choice_array, rank_array, capacity_array, seat_start, heap, seats_filled, assignment, choice_index
        )
        if tied_position >= 0:
            raise ValueError(
                f"position {tied_position} gives students {first} and {second} the same rank; "
                "break ties with the round's lottery before matching"
            )
    else:
        applicants = build_applicant_index(choice_array, rank_array, capacity_array.shape[0])
        assignment, choice_index, seats_filled, n_proposals = _positions_propose(
            applicants.offsets,
            applicants.students,
            applicants.choice_index,
            capacity_array,
            choice_array.shape[0],
        )
    return MatchingResult(
        assignment=assignment,
        choice_index=choice_index,
        seats_filled=seats_filled,
        proposing=proposing,
        n_proposals=int(n_proposals),
    )
