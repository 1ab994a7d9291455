"""Input checks shared by every matching entry point.

A matching instance is three arrays: ``choices[s, k]`` (position id of student ``s``'s ``k``-th
choice, ``-1`` pads a shorter list), ``position_rank[s, k]`` (the rank that position gives the
student, lower is better) and ``capacity[p]``. Malformed input is refused with a ValueError that
names the offending row, column or position, because a silently wrong placement round is worse
than a refused one.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

_OK = 0
_OUT_OF_RANGE = 1
_GAP_IN_LIST = 2
_DUPLICATE = 3


@njit(cache=True, nogil=True)
def _first_row_error(choices, n_positions):  # pragma: no cover - compiled by numba
    """Return (code, row, column, earlier column) of the first malformed entry, code 0 if none."""
    n_students, max_list = choices.shape
    last_row_seen = np.full(n_positions, -1, np.int64)
    for student in range(n_students):
        padded = False
        for k in range(max_list):
            position = choices[student, k]
            if position == -1:
                padded = True
                continue
            if position < -1 or position >= n_positions:
                return _OUT_OF_RANGE, student, k, -1
            if padded:
                return _GAP_IN_LIST, student, k, -1
            if last_row_seen[position] == student:
                for earlier in range(k):
                    if choices[student, earlier] == position:
                        return _DUPLICATE, student, k, earlier
            last_row_seen[position] = student
    return _OK, -1, -1, -1


def _require_integer_array(name: str, array: npt.ArrayLike, ndim: int) -> np.ndarray:
    values = np.asarray(array)
    if values.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-d array, got shape {values.shape}")
    if values.size and not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"{name} must hold integers, got dtype {values.dtype}")
    if not values.size:
        values = values.astype(np.int64)
    return np.ascontiguousarray(values)


def validate_instance(
    choices: npt.ArrayLike, position_rank: npt.ArrayLike, capacity: npt.ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Check a matching instance and return it as contiguous integer arrays.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        Position id of each student's k-th choice; ``-1`` pads a shorter list (trailing only).
    position_rank : array of int, shape (n_students, max_list)
        Rank the chosen position gives the student; lower is better. Entries under ``-1`` padding
        are ignored.
    capacity : array of int, shape (n_positions,)
        Seats of each position, non-negative.

    Returns
    -------
    choices, position_rank, capacity : ndarray
        The same data, contiguous, in integer dtypes.

    Raises
    ------
    ValueError
        On a shape mismatch, a non-integer array, a negative capacity, a position id out of range,
        a ``-1`` followed by a real choice, or a position listed twice by the same student.

    Examples
    --------
    >>> validate_instance([[0, 1], [1, -1]], [[0, 0], [1, 0]], [1, 1])[0].tolist()
    [[0, 1], [1, -1]]
    >>> validate_instance([[0, 0]], [[0, 1]], [1])
    Traceback (most recent call last):
    ...
    ValueError: choices row 0 lists position 0 twice (columns 0 and 1)
    """
    choice_array = _require_integer_array("choices", choices, 2)
    rank_array = _require_integer_array("position_rank", position_rank, 2)
    capacity_array = _require_integer_array("capacity", capacity, 1)
    if rank_array.shape != choice_array.shape:
        raise ValueError(
            f"position_rank has shape {rank_array.shape} but choices has shape {choice_array.shape}"
        )
    negative = np.flatnonzero(capacity_array < 0)
    if negative.size:
        position = int(negative[0])
        raise ValueError(f"capacity of position {position} is negative ({int(capacity_array[position])})")
    n_positions = capacity_array.shape[0]
    code, row, column, earlier = _first_row_error(choice_array, n_positions)
    if code == _OUT_OF_RANGE:
        raise ValueError(
            f"choices row {row} column {column} holds position id {int(choice_array[row, column])}, "
            f"outside 0..{n_positions - 1} (use -1 only to pad a shorter list)"
        )
    if code == _GAP_IN_LIST:
        raise ValueError(
            f"choices row {row} has a choice at column {column} after a -1: -1 may only pad the end of a list"
        )
    if code == _DUPLICATE:
        raise ValueError(
            f"choices row {row} lists position {int(choice_array[row, column])} twice "
            f"(columns {earlier} and {column})"
        )
    return choice_array, rank_array, capacity_array
