"""Round report: how well a round placed students and filled seats, overall and per group.

Every unmatched student and every unfilled seat gets a reason a coordinator can act on:

Students
    ``no_eligible_seat``: nothing on the list was a seat they are eligible for (or the list was
    empty); ``list_too_short``: every listed seat went to others, but seats they are eligible for
    stayed open; ``outranked_everywhere``: every listed seat went to others (in a stable round,
    to candidates the enterprise ranked higher) and no seat open to them is left.
Seats
    ``no_applicants``: nobody listed the position; ``no_eligible_applicants``: only ineligible
    students listed it; ``applicants_not_admitted``: an applicant who preferred it was placed lower
    or not at all (never in a stable round); ``applicants_placed_elsewhere``: every applicant went
    to a seat they ranked higher.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from numba import njit

from chanjiao.core.matching.eligibility import EligibleChoices
from chanjiao.core.matching.result import Assignment

STUDENT_REASONS = ("no_eligible_seat", "list_too_short", "outranked_everywhere")
SEAT_REASONS = (
    "no_applicants",
    "no_eligible_applicants",
    "applicants_not_admitted",
    "applicants_placed_elsewhere",
)


@dataclass(frozen=True)
class StudentGroupSummary:
    """Placement figures for the students sharing a label (e.g. a school)."""

    label: object
    n_students: int
    n_matched: int
    match_rate: float
    first_choice_share: float
    top3_share: float
    unmatched_by_reason: dict[str, int]


@dataclass(frozen=True)
class PositionGroupSummary:
    """Seat figures for the positions sharing a label (e.g. an enterprise)."""

    label: object
    n_positions: int
    seats: int
    seats_filled: int
    fill_rate: float
    unfilled_seats_by_reason: dict[str, int]


@dataclass(frozen=True)
class RoundReport:
    """Figures of a round. Shares are over all students; rates are 0 when the base is empty.

    ``unmatched_students`` and ``unmatched_reasons`` are aligned, as are ``unfilled_positions``,
    ``unfilled_seats`` (open seats per position) and ``unfilled_reasons``.
    """

    n_students: int
    n_matched: int
    match_rate: float
    seats: int
    seats_filled: int
    seat_fill_rate: float
    first_choice_share: float
    top3_share: float
    unmatched_students: np.ndarray
    unmatched_reasons: np.ndarray
    unfilled_positions: np.ndarray
    unfilled_seats: np.ndarray
    unfilled_reasons: np.ndarray
    by_student_group: list[StudentGroupSummary] = field(default_factory=list)
    by_position_group: list[PositionGroupSummary] = field(default_factory=list)

    @property
    def unmatched_by_reason(self) -> dict[str, int]:
        """Number of unmatched students per reason."""
        return {reason: int(np.count_nonzero(self.unmatched_reasons == reason)) for reason in STUDENT_REASONS}


def _rate(part: float | np.integer, whole: float | np.integer) -> float:
    return float(part) / float(whole) if whole else 0.0


@njit(cache=True, nogil=True)
def _passed_over(choices, choice_index, n_positions):  # pragma: no cover - compiled by numba
    """Positions an applicant ranked above what they got (or listed while getting nothing)."""
    passed = np.zeros(n_positions, np.bool_)
    n_students, max_list = choices.shape
    for student in range(n_students):
        held = choice_index[student]
        for k in range(max_list if held < 0 else held):
            position = choices[student, k]
            if position < 0:
                break
            passed[position] = True
    return passed


def _student_reasons(choices, assignment, open_seat_eligible, any_open_seat):
    unmatched = np.flatnonzero(assignment < 0)
    reasons = np.full(unmatched.shape, "outranked_everywhere", dtype=object)
    if open_seat_eligible is None:
        short = np.full(unmatched.shape, any_open_seat)
    else:
        short = np.asarray(open_seat_eligible, dtype=bool)[unmatched]
    reasons[short] = "list_too_short"
    if choices.shape[1]:
        reasons[choices[unmatched, 0] < 0] = "no_eligible_seat"
    else:
        reasons[:] = "no_eligible_seat"
    return unmatched, reasons


def _seat_reasons(choices, choice_index, capacity, seats_filled, eligibility):
    n_positions = capacity.shape[0]
    unfilled = np.flatnonzero(seats_filled < capacity)
    eligible_applicants = np.bincount(choices[choices >= 0], minlength=n_positions)
    listed = choices if eligibility is None else eligibility.original_choices
    all_applicants = np.bincount(listed[listed >= 0], minlength=n_positions)
    passed_over = _passed_over(choices, choice_index, n_positions)
    reasons = np.full(unfilled.shape, "applicants_placed_elsewhere", dtype=object)
    reasons[passed_over[unfilled]] = "applicants_not_admitted"
    reasons[eligible_applicants[unfilled] == 0] = "no_eligible_applicants"
    reasons[all_applicants[unfilled] == 0] = "no_applicants"
    return unfilled, (capacity - seats_filled)[unfilled], reasons


def _group_students(labels, assignment, own_choice_index, unmatched, reasons):
    keys, group = np.unique(np.asarray(labels), return_inverse=True)
    n_groups = keys.shape[0]
    size = np.bincount(group, minlength=n_groups)
    matched = np.bincount(group, weights=assignment >= 0, minlength=n_groups)
    first = np.bincount(group, weights=own_choice_index == 0, minlength=n_groups)
    top3 = np.bincount(group, weights=(own_choice_index >= 0) & (own_choice_index < 3), minlength=n_groups)
    by_reason = {
        reason: np.bincount(group[unmatched[reasons == reason]], minlength=n_groups)
        for reason in STUDENT_REASONS
    }
    return [
        StudentGroupSummary(
            label=keys[g].item(),
            n_students=int(size[g]),
            n_matched=int(matched[g]),
            match_rate=_rate(matched[g], size[g]),
            first_choice_share=_rate(first[g], size[g]),
            top3_share=_rate(top3[g], size[g]),
            unmatched_by_reason={reason: int(counts[g]) for reason, counts in by_reason.items()},
        )
        for g in range(n_groups)
    ]


def _group_positions(labels, capacity, seats_filled, unfilled, open_seats, reasons):
    keys, group = np.unique(np.asarray(labels), return_inverse=True)
    n_groups = keys.shape[0]
    count = np.bincount(group, minlength=n_groups)
    seats = np.bincount(group, weights=capacity, minlength=n_groups)
    filled = np.bincount(group, weights=seats_filled, minlength=n_groups)
    by_reason = {
        reason: np.bincount(
            group[unfilled[reasons == reason]], weights=open_seats[reasons == reason], minlength=n_groups
        )
        for reason in SEAT_REASONS
    }
    return [
        PositionGroupSummary(
            label=keys[g].item(),
            n_positions=int(count[g]),
            seats=int(seats[g]),
            seats_filled=int(filled[g]),
            fill_rate=_rate(filled[g], seats[g]),
            unfilled_seats_by_reason={reason: int(counts[g]) for reason, counts in by_reason.items()},
        )
        for g in range(n_groups)
    ]


def round_report(
    choices: npt.ArrayLike,
    capacity: npt.ArrayLike,
    result: Assignment,
    *,
    eligibility: EligibleChoices | None = None,
    open_seat_eligible: npt.ArrayLike | None = None,
    student_groups: npt.ArrayLike | None = None,
    position_groups: npt.ArrayLike | None = None,
) -> RoundReport:
    """Summarise a round: match and fill rates, choice shares, and reasons for what is left over.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        The lists the round matched on (after :func:`remove_ineligible`).
    capacity : array of int, shape (n_positions,)
    result : Assignment
        A :class:`MatchingResult` or :class:`WelfareResult`.
    eligibility : EligibleChoices, optional
        When given, 1st / top-3 shares count in the students' own lists and seats only ineligible
        students listed are told apart.
    open_seat_eligible : array of bool, shape (n_students,), optional
        Whether each student is eligible for a seat left open (:func:`eligible_for_open_seats`);
        by default any open seat counts as open to everyone.
    student_groups : array, shape (n_students,), optional
        A label per student (school); adds ``by_student_group``.
    position_groups : array, shape (n_positions,), optional
        A label per position (enterprise); adds ``by_position_group``.

    Returns
    -------
    RoundReport

    Examples
    --------
    >>> from chanjiao.core.matching import deferred_acceptance
    >>> choices, capacity = [[0, -1], [0, -1], [-1, -1]], [1, 2]
    >>> result = deferred_acceptance(choices, [[0, 0], [1, 0], [0, 0]], capacity)
    >>> report = round_report(choices, capacity, result, student_groups=["A", "A", "B"])
    >>> report.match_rate, report.unmatched_reasons.tolist(), report.unfilled_reasons.tolist()
    (0.3333333333333333, ['list_too_short', 'no_eligible_seat'], ['no_applicants'])
    >>> [(group.label, group.n_matched) for group in report.by_student_group]
    [('A', 1), ('B', 0)]
    """
    choice_array = np.asarray(choices)
    capacity_array = np.asarray(capacity, dtype=np.int64)
    assignment = result.assignment
    n_students = assignment.shape[0]
    own_choice_index = (
        result.choice_index if eligibility is None else eligibility.original_choice_index(result.choice_index)
    )
    unfilled, open_seats, seat_reasons = _seat_reasons(
        choice_array, result.choice_index, capacity_array, result.seats_filled, eligibility
    )
    unmatched, student_reasons = _student_reasons(
        choice_array, assignment, open_seat_eligible, bool(unfilled.size)
    )
    n_matched = result.n_matched
    seats = int(capacity_array.sum())
    seats_filled = int(result.seats_filled.sum())
    return RoundReport(
        n_students=n_students,
        n_matched=n_matched,
        match_rate=_rate(n_matched, n_students),
        seats=seats,
        seats_filled=seats_filled,
        seat_fill_rate=_rate(seats_filled, seats),
        first_choice_share=_rate(np.count_nonzero(own_choice_index == 0), n_students),
        top3_share=_rate(np.count_nonzero((own_choice_index >= 0) & (own_choice_index < 3)), n_students),
        unmatched_students=unmatched,
        unmatched_reasons=student_reasons,
        unfilled_positions=unfilled,
        unfilled_seats=open_seats,
        unfilled_reasons=seat_reasons,
        by_student_group=(
            []
            if student_groups is None
            else _group_students(student_groups, assignment, own_choice_index, unmatched, student_reasons)
        ),
        by_position_group=(
            []
            if position_groups is None
            else _group_positions(
                position_groups, capacity_array, result.seats_filled, unfilled, open_seats, seat_reasons
            )
        ),
    )
