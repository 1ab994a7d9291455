"""Eligibility: which listed choices a student may hold, and why not.

A seat can require an accepted program, a minimum year of study, certificates and a region.
:func:`eligibility_failures` reports, for every listed choice, which requirements fail (bit
flags, 0 = eligible); :func:`remove_ineligible` compacts the lists to what may be matched while
remembering where each kept choice was in the student's own list, for reports and explanations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from chanjiao.core.matching.result import Assignment

PROGRAM = 1
YEAR = 2
CERTIFICATES = 4
REGION = 8
OTHER = 16
REQUIREMENT_NAMES = {
    PROGRAM: "program",
    YEAR: "year",
    CERTIFICATES: "certificates",
    REGION: "region",
    OTHER: "other rule",
}


@dataclass(frozen=True)
class StudentProfiles:
    """What eligibility looks at, one row per student.

    Attributes
    ----------
    program : ndarray of int, shape (n_students,)
        Program id (index into the columns of :attr:`SeatRequirements.accepted_programs`).
    year : ndarray of int, shape (n_students,)
        Year of study.
    certificates : ndarray of uint64, shape (n_students, n_words)
        Certificates held, as bit flags (see :func:`pack_flags`).
    region : ndarray of int, shape (n_students,)
        GB/T 2260 division code of the student's school (``440305``).
    """

    program: np.ndarray
    year: np.ndarray
    certificates: np.ndarray
    region: np.ndarray


@dataclass(frozen=True)
class SeatRequirements:
    """What each position requires, one row per position.

    Attributes
    ----------
    accepted_programs : ndarray of bool, shape (n_positions, n_programs)
        Programs the seat is open to.
    min_year : ndarray of int, shape (n_positions,)
        Minimum year of study; 0 for none.
    certificates : ndarray of uint64, shape (n_positions, n_words)
        Certificates required, all of them, as bit flags.
    region : ndarray of int, shape (n_positions,)
        Division code the seat is open to: a province code (``440000``) admits its whole
        province, a city code (``440300``) its city, a district code only that district; 0 admits
        every region.
    """

    accepted_programs: np.ndarray
    min_year: np.ndarray
    certificates: np.ndarray
    region: np.ndarray


def pack_flags(flags: npt.ArrayLike) -> np.ndarray:
    """Pack a boolean matrix (rows × items) into uint64 words, 64 items per word.

    Examples
    --------
    >>> pack_flags([[True, False, True], [False, False, False]]).tolist()
    [[5], [0]]
    """
    matrix = np.asarray(flags, dtype=bool)
    if matrix.ndim != 2:
        raise ValueError(f"flags must be a 2-d array, got shape {matrix.shape}")
    n_words = max(1, -(-matrix.shape[1] // 64))
    padded = np.zeros((matrix.shape[0], n_words * 64), dtype=bool)
    padded[:, : matrix.shape[1]] = matrix
    # Little bit order within little-endian words puts item 64 * w + b at bit b of word w.
    return np.packbits(padded, axis=1, bitorder="little").view("<u8").astype(np.uint64)


def _region_level(region: np.ndarray) -> np.ndarray:
    """Level a seat's region code names: 0 anywhere, 1 province, 2 city, 3 district."""
    return np.where(
        region == 0, 0, np.where(region % 10000 == 0, 1, np.where(region % 100 == 0, 2, 3))
    ).astype(np.int64)


def _region_prefixes(region: np.ndarray) -> np.ndarray:
    """A division code cut to each level (column = level), so a region check is one comparison."""
    return np.column_stack([np.zeros_like(region), region // 10000, region // 100, region]).astype(np.int64)


# Columns of a seat record. Everything a check needs about a seat sits in one row, because seats
# are read at random: at province scale separate arrays cost a cache miss each per pair.
_MIN_YEAR, _REGION_LEVEL, _REGION_PREFIX, _CERTIFICATES = 0, 1, 2, 3


@njit(cache=True, inline="always")
def _pair_failures(
    student, position, program, year, certificates, region, seats, n_certificate_words
):  # pragma: no cover - compiled by numba
    flags = 0
    accepted_word = seats[position, _CERTIFICATES + n_certificate_words + (program[student] >> 6)]
    if not (accepted_word >> (program[student] & 63)) & 1:
        flags |= 1
    if year[student] < seats[position, _MIN_YEAR]:
        flags |= 2
    # Accumulate without an early exit: a branch-free loop runs several times faster.
    missing = 0
    for word in range(n_certificate_words):
        missing |= seats[position, _CERTIFICATES + word] & ~certificates[student, word]
    if missing != 0:
        flags |= 4
    if region[student, seats[position, _REGION_LEVEL]] != seats[position, _REGION_PREFIX]:
        flags |= 8
    return flags


@njit(cache=True, nogil=True)
def _failures(
    choices, program, year, certificates, region, seats, n_certificate_words, failed
):  # pragma: no cover
    n_students, max_list = choices.shape
    for student in range(n_students):
        for k in range(max_list):
            position = choices[student, k]
            if position < 0:
                break
            failed[student, k] = _pair_failures(
                student, position, program, year, certificates, region, seats, n_certificate_words
            )


@njit(cache=True, nogil=True)
def _eligible_for_any(
    students, positions, program, year, certificates, region, seats, n_certificate_words
):  # pragma: no cover - compiled by numba
    found = np.zeros(students.shape[0], np.bool_)
    for i in range(students.shape[0]):
        for position in positions:
            if (
                _pair_failures(
                    students[i], position, program, year, certificates, region, seats, n_certificate_words
                )
                == 0
            ):
                found[i] = True
                break
    return found


def _as_arrays(students: StudentProfiles, seats: SeatRequirements) -> tuple[tuple, np.ndarray, int]:
    """Student columns, seat records and the number of certificate words, checked."""
    certificate_words = np.ascontiguousarray(students.certificates, dtype=np.uint64)
    required_words = np.ascontiguousarray(seats.certificates, dtype=np.uint64)
    if certificate_words.shape[1] != required_words.shape[1]:
        raise ValueError(
            f"students hold certificates in {certificate_words.shape[1]} words, seats require "
            f"{required_words.shape[1]}: pack both with the same certificate list"
        )
    program = np.asarray(students.program, dtype=np.int64)
    accepted = np.asarray(seats.accepted_programs, dtype=bool)
    if program.size and not 0 <= program.min() <= program.max() < accepted.shape[1]:
        raise ValueError(
            f"student programs must be column indices of accepted_programs (0..{accepted.shape[1] - 1})"
        )
    seat_region = np.asarray(seats.region, dtype=np.int64)
    level = _region_level(seat_region)
    profile = (
        program,
        np.asarray(students.year, dtype=np.int64),
        certificate_words.view(np.int64),
        _region_prefixes(np.asarray(students.region, dtype=np.int64)),
    )
    records = np.column_stack(
        [
            np.asarray(seats.min_year, dtype=np.int64),
            level,
            _region_prefixes(seat_region)[np.arange(seat_region.shape[0]), level],
            required_words.view(np.int64),
            pack_flags(accepted).view(np.int64),
        ]
    )
    return profile, np.ascontiguousarray(records), required_words.shape[1]


def eligibility_failures(
    choices: npt.ArrayLike, students: StudentProfiles, seats: SeatRequirements
) -> np.ndarray:
    """Which requirements each listed choice fails: bit flags, 0 when the student is eligible.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        Position ids, ``-1`` padding.
    students : StudentProfiles
    seats : SeatRequirements

    Returns
    -------
    ndarray of uint8, shape (n_students, max_list)
        OR of :data:`PROGRAM`, :data:`YEAR`, :data:`CERTIFICATES`, :data:`REGION`; 0 under padding.

    Examples
    --------
    >>> students = StudentProfiles(
    ...     program=np.array([0]), year=np.array([2]),
    ...     certificates=pack_flags([[True, False]]), region=np.array([440305]))
    >>> seats = SeatRequirements(
    ...     accepted_programs=np.array([[True], [False]]), min_year=np.array([3, 0]),
    ...     certificates=pack_flags([[True, False], [True, True]]), region=np.array([440000, 110000]))
    >>> eligibility_failures(np.array([[0, 1]]), students, seats).tolist()
    [[2, 13]]
    """
    (program, year, certificates, region), records, n_certificate_words = _as_arrays(students, seats)
    choice_array = np.ascontiguousarray(choices)
    # numpy allocates the result (zeros under padding) so that it gets transparent huge pages.
    failed = np.zeros(choice_array.shape, np.uint8)
    _failures(choice_array, program, year, certificates, region, records, n_certificate_words, failed)
    return failed


def eligible_for_open_seats(
    result: Assignment, capacity: npt.ArrayLike, students: StudentProfiles, seats: SeatRequirements
) -> np.ndarray:
    """Whether each unmatched student is eligible for at least one seat the round left open.

    Feeds :func:`round_report`, which tells "list too short" from "outranked everywhere".

    Parameters
    ----------
    result : Assignment
        The round's outcome.
    capacity : array of int, shape (n_positions,)
    students : StudentProfiles
    seats : SeatRequirements

    Returns
    -------
    ndarray of bool, shape (n_students,)
        False for matched students.

    Examples
    --------
    >>> from chanjiao.core.matching import MatchingResult
    >>> students = StudentProfiles(program=np.array([0, 1]), year=np.array([1, 1]),
    ...     certificates=np.zeros((2, 1), np.uint64), region=np.array([440305, 440305]))
    >>> seats = SeatRequirements(accepted_programs=np.array([[True, False]]), min_year=np.array([0]),
    ...     certificates=np.zeros((1, 1), np.uint64), region=np.array([0]))
    >>> result = MatchingResult(assignment=np.array([-1, -1]), choice_index=np.array([-1, -1]),
    ...     seats_filled=np.array([0]), proposing="students", n_proposals=0)
    >>> eligible_for_open_seats(result, [1], students, seats).tolist()
    [True, False]
    """
    unmatched = np.flatnonzero(result.assignment < 0)
    open_positions = np.flatnonzero(result.seats_filled < np.asarray(capacity))
    eligible = np.zeros(result.assignment.shape[0], dtype=bool)
    (program, year, certificates, region), records, n_certificate_words = _as_arrays(students, seats)
    eligible[unmatched] = _eligible_for_any(
        unmatched, open_positions, program, year, certificates, region, records, n_certificate_words
    )
    return eligible


def failed_requirement_names(flags: int) -> tuple[str, ...]:
    """Names of the requirements in a failure flag value.

    Examples
    --------
    >>> failed_requirement_names(CERTIFICATES | REGION)
    ('certificates', 'region')
    """
    return tuple(name for bit, name in REQUIREMENT_NAMES.items() if flags & bit)


@dataclass(frozen=True)
class EligibleChoices:
    """Students' lists with ineligible choices removed, and the way back to the original lists.

    Attributes
    ----------
    choices : ndarray of int, shape (n_students, max_list)
        Eligible choices in the student's order, ``-1`` padding: the input to matching.
    original_index : ndarray of int32, shape (n_students, max_list)
        Index in the student's own list of each kept choice, ``-1`` under padding.
    original_choices : ndarray of int, shape (n_students, max_list)
        The lists as the students entered them.
    failures : ndarray of uint8, shape (n_students, max_list)
        Requirement flags of each original choice (0 = eligible).
    """

    choices: np.ndarray
    original_index: np.ndarray
    original_choices: np.ndarray
    failures: np.ndarray

    def take(self, values: npt.ArrayLike, fill: int = -1) -> np.ndarray:
        """Keep the entries of an array aligned with the original lists (e.g. entered ranks)."""
        array = np.asarray(values)
        if array.shape != self.original_choices.shape:
            raise ValueError(f"values have shape {array.shape}, the lists {self.original_choices.shape}")
        kept = self.original_index >= 0
        rows = np.nonzero(kept)[0]
        taken = np.full(array.shape, fill, dtype=array.dtype)
        taken[kept] = array[rows, self.original_index[kept]]
        return taken

    def original_choice_index(self, choice_index: npt.ArrayLike) -> np.ndarray:
        """Map matched choice indices (in :attr:`choices`) to indices in the students' own lists."""
        index = np.asarray(choice_index)
        matched = index >= 0
        result = np.full(index.shape, -1, np.int64)
        result[matched] = self.original_index[np.flatnonzero(matched), index[matched]]
        return result


@njit(cache=True, nogil=True)
def _compact(choices, eligible, kept_choices, original_index):  # pragma: no cover - compiled by numba
    n_students, max_list = choices.shape
    for student in range(n_students):
        kept = 0
        for k in range(max_list):
            if choices[student, k] >= 0 and eligible[student, k]:
                kept_choices[student, kept] = choices[student, k]
                original_index[student, kept] = k
                kept += 1
        for k in range(kept, max_list):
            kept_choices[student, k] = -1
            original_index[student, k] = -1


def remove_ineligible(choices: npt.ArrayLike, failures: npt.ArrayLike) -> EligibleChoices:
    """Drop the choices a student is not eligible for, keeping the rest in the student's order.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        The lists as entered.
    failures : array of int, shape (n_students, max_list)
        Requirement flags from :func:`eligibility_failures`, 0 = eligible. A rule of the
        caller's own joins with OR: ``failures | np.where(allowed, 0, OTHER)``.

    Returns
    -------
    EligibleChoices

    Examples
    --------
    >>> kept = remove_ineligible(np.array([[4, 7, 9]]), np.array([[0, CERTIFICATES, 0]]))
    >>> kept.choices.tolist(), kept.original_index.tolist()
    ([[4, 9, -1]], [[0, 2, -1]])
    """
    choice_array = np.ascontiguousarray(choices)
    failure_array = np.ascontiguousarray(failures, dtype=np.uint8)
    if failure_array.shape != choice_array.shape:
        raise ValueError(f"failures have shape {failure_array.shape} but choices {choice_array.shape}")
    kept_choices = np.empty(choice_array.shape, choice_array.dtype)
    original_index = np.empty(choice_array.shape, np.int32)
    _compact(choice_array, failure_array == 0, kept_choices, original_index)
    return EligibleChoices(
        choices=kept_choices,
        original_index=original_index,
        original_choices=choice_array,
        failures=failure_array,
    )
