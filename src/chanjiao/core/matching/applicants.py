"""Each position's applicants, best-ranked first (compressed sparse rows).

The student-side arrays say who applied where; positions need the transposed view: the
enterprise-proposing variant walks it in rank order, explanations read a student's place in it,
and building it is where ties inside a position are caught.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _build_rows(choices, position_rank, n_positions):  # pragma: no cover - compiled by numba
    n_students, max_list = choices.shape
    offsets = np.zeros(n_positions + 1, np.int64)
    for student in range(n_students):
        for k in range(max_list):
            position = choices[student, k]
            if position >= 0:
                offsets[position + 1] += 1
    for position in range(n_positions):
        offsets[position + 1] += offsets[position]
    fill = offsets[:-1].copy()
    students = np.empty(offsets[-1], np.int64)
    choice_index = np.empty(offsets[-1], np.int32)
    ranks = np.empty(offsets[-1], position_rank.dtype)
    for student in range(n_students):
        for k in range(max_list):
            position = choices[student, k]
            if position >= 0:
                slot = fill[position]
                students[slot] = student
                choice_index[slot] = k
                ranks[slot] = position_rank[student, k]
                fill[position] = slot + 1
    tie_position, tie_first, tie_second = -1, -1, -1
    for position in range(n_positions):
        start, stop = offsets[position], offsets[position + 1]
        if stop - start < 2:
            continue
        order = np.argsort(ranks[start:stop], kind="mergesort") + start
        students[start:stop] = students[order]
        choice_index[start:stop] = choice_index[order]
        ranks[start:stop] = ranks[order]
        if tie_position == -1:
            for slot in range(start + 1, stop):
                if ranks[slot] == ranks[slot - 1]:
                    tie_position, tie_first, tie_second = position, students[slot - 1], students[slot]
                    break
    return offsets, students, choice_index, ranks, tie_position, tie_first, tie_second


@dataclass(frozen=True)
class ApplicantIndex:
    """Applicants of every position, sorted from best to worst rank.

    ``students[offsets[p]:offsets[p + 1]]`` are the applicants of position ``p``;
    ``choice_index`` is where the position sits in each applicant's list and ``ranks`` the rank
    the position gave them.
    """

    offsets: np.ndarray
    students: np.ndarray
    choice_index: np.ndarray
    ranks: np.ndarray

    def applicants_of(self, position: int) -> np.ndarray:
        """Student ids that listed ``position``, best-ranked first."""
        return self.students[self.offsets[position] : self.offsets[position + 1]]


def build_applicant_index(choices: np.ndarray, position_rank: np.ndarray, n_positions: int) -> ApplicantIndex:
    """Group applications by position, best rank first, refusing ties inside a position.

    Parameters
    ----------
    choices, position_rank : ndarray of int, shape (n_students, max_list)
        A validated instance (see :func:`validate_instance`).
    n_positions : int
        Number of positions.

    Returns
    -------
    ApplicantIndex

    Raises
    ------
    ValueError
        If a position gives the same rank to two applicants: ties must be broken first, by the
        round's lottery (:func:`strict_position_rank`).

    Examples
    --------
    >>> index = build_applicant_index(np.array([[0, 1], [0, -1]]), np.array([[5, 0], [2, 0]]), 2)
    >>> index.applicants_of(0).tolist(), index.choice_index[:2].tolist()
    ([1, 0], [0, 0])
    """
    offsets, students, choice_index, ranks, tie_position, first, second = _build_rows(
        choices, position_rank, n_positions
    )
    if tie_position >= 0:
        raise ValueError(
            f"position {tie_position} gives students {first} and {second} the same rank; "
            "break ties with the round's lottery before matching"
        )
    return ApplicantIndex(offsets=offsets, students=students, choice_index=choice_index, ranks=ranks)
