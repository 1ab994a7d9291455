"""Why a student got the seat they got: every choice they ranked higher, and what happened to it.

Each explanation is structured data (seats, how many went to candidates ranked higher, the
student's place among the applicants, failed requirements, scores when derived) plus a sentence
a student can read, e.g. "All 3 seats at CNC operator went to candidates the enterprise ranked
higher; you were 7th of 12 applicants."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chanjiao.core.matching.eligibility import EligibleChoices, failed_requirement_names
from chanjiao.core.matching.result import Assignment
from chanjiao.core.matching.scores import ScoreBreakdown


@dataclass(frozen=True)
class ChoiceExplanation:
    """What happened to one choice on a student's list.

    ``outcome`` is ``"placed"``, ``"ineligible"``, ``"no_seats"``, ``"outranked"`` (every seat
    went to a candidate ranked higher) or ``"not_admitted"`` (a seat stayed open or went to a
    candidate ranked lower: only in an assignment that is not stable). Counts are 0 and scores
    None where they do not apply.
    """

    choice_number: int
    position: int
    outcome: str
    seats: int
    seats_filled: int
    admitted_ranked_higher: int
    applicants: int
    place_among_applicants: int
    failed_requirements: tuple[str, ...]
    student_score: float | None
    lowest_admitted_score: float | None
    sentence: str


@dataclass(frozen=True)
class StudentExplanation:
    """A student's result and, choice by choice, why it is not a higher one."""

    student: int
    position: int
    choice_number: int | None
    choices: list[ChoiceExplanation]
    summary: str


def ordinal(number: int) -> str:
    """English ordinal of a positive integer.

    Examples
    --------
    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _outcome_sentence(
    outcome: str, name: str, seats: int, filled: int, higher: int, place: int, applicants: int
) -> str:
    if outcome == "no_seats":
        return f"{name} offered no seats in this round."
    if outcome == "not_admitted":
        if filled < seats:
            return f"{name} left {seats - filled} of {seats} seats open, but you were not placed there."
        if seats == 1:
            return f"The only seat at {name} went to a candidate the enterprise ranked below you."
        return f"{name} gave {filled - higher} of its {seats} seats to candidates it ranked below you."
    standing = f"; you were {ordinal(place)} of {applicants} applicants."
    if seats == 1:
        return f"The only seat at {name} went to a candidate the enterprise ranked higher{standing}"
    return f"All {seats} seats at {name} went to candidates the enterprise ranked higher{standing}"


class _Round:
    """The arrays an explanation reads, resolved once per student."""

    def __init__(self, choices, position_rank, capacity, result, scores):
        self.choices = np.asarray(choices)
        self.position_rank = np.asarray(position_rank)
        self.capacity = np.asarray(capacity)
        self.result = result
        self.scores = scores

    def explain_choice(self, student: int, k: int, choice_number: int, name: str) -> ChoiceExplanation:
        position = int(self.choices[student, k])
        own_rank = self.position_rank[student, k]
        applicant_rows, applicant_ks = np.nonzero(self.choices == position)
        place = 1 + int(np.count_nonzero(self.position_rank[applicant_rows, applicant_ks] < own_rank))
        admitted = np.flatnonzero(self.result.assignment == position)
        admitted_ks = self.result.choice_index[admitted]
        admitted_ranks = self.position_rank[admitted, admitted_ks]
        higher = int(np.count_nonzero(admitted_ranks < own_rank))
        seats, filled = int(self.capacity[position]), int(admitted.size)
        if self.result.assignment[student] == position:
            outcome = "placed"
        elif seats == 0:
            outcome = "no_seats"
        elif filled == seats and higher == filled:
            outcome = "outranked"
        else:
            outcome = "not_admitted"
        student_score = lowest_score = None
        if self.scores is not None:
            student_score = float(self.scores.total[student, k])
            if admitted.size:
                lowest_score = float(self.scores.total[admitted, admitted_ks].min())
        sentence = (
            f"You were placed at {name}, your {ordinal(choice_number)} choice."
            if outcome == "placed"
            else _outcome_sentence(outcome, name, seats, filled, higher, place, applicant_rows.size)
        )
        sentence = sentence[:1].upper() + sentence[1:]
        return ChoiceExplanation(
            choice_number=choice_number,
            position=position,
            outcome=outcome,
            seats=seats,
            seats_filled=filled,
            admitted_ranked_higher=higher,
            applicants=int(applicant_rows.size),
            place_among_applicants=place,
            failed_requirements=(),
            student_score=student_score,
            lowest_admitted_score=lowest_score,
            sentence=sentence,
        )


def _ineligible(choice_number: int, position: int, flags: int, name: str) -> ChoiceExplanation:
    failed = failed_requirement_names(flags)
    return ChoiceExplanation(
        choice_number=choice_number,
        position=position,
        outcome="ineligible",
        seats=0,
        seats_filled=0,
        admitted_ranked_higher=0,
        applicants=0,
        place_among_applicants=0,
        failed_requirements=failed,
        student_score=None,
        lowest_admitted_score=None,
        sentence=f"You were not eligible for {name}: its {' and '.join(failed)} requirement is not met.",
    )


def explain_student(
    student: int,
    choices: npt.ArrayLike,
    position_rank: npt.ArrayLike,
    capacity: npt.ArrayLike,
    result: Assignment,
    *,
    eligibility: EligibleChoices | None = None,
    scores: ScoreBreakdown | None = None,
    position_names: Sequence[str] | None = None,
) -> StudentExplanation:
    """Explain a student's result choice by choice, down to the choice they got.

    Parameters
    ----------
    student : int
    choices, position_rank, capacity : array of int
        The instance the round matched on.
    result : Assignment
        The round's outcome (deferred acceptance or welfare-optimal).
    eligibility : EligibleChoices, optional
        When given, the student's own list is explained, ineligible choices included.
    scores : ScoreBreakdown, optional
        Derived enterprise scores aligned with ``choices``: adds the student's score and the
        lowest admitted score at each choice.
    position_names : sequence of str, optional
        Names to use in sentences instead of "position 12".

    Returns
    -------
    StudentExplanation

    Examples
    --------
    >>> from chanjiao.core.matching import deferred_acceptance
    >>> choices, rank, capacity = [[0, 1], [0, -1]], [[1, 0], [0, 0]], [1, 1]
    >>> result = deferred_acceptance(choices, rank, capacity)
    >>> explanation = explain_student(0, choices, rank, capacity, result, position_names=["Welder", "Fitter"])
    >>> [choice.sentence for choice in explanation.choices]  # doctest: +NORMALIZE_WHITESPACE
    ['The only seat at Welder went to a candidate the enterprise ranked higher; you were 2nd of 2 applicants.',
     'You were placed at Fitter, your 2nd choice.']
    """
    if not 0 <= student < result.assignment.shape[0]:
        raise ValueError(f"student {student} is outside 0..{result.assignment.shape[0] - 1}")
    matched = _Round(choices, position_rank, capacity, result, scores)

    def name(position: int) -> str:
        return position_names[position] if position_names is not None else f"position {position}"

    placed_k = int(result.choice_index[student])
    if eligibility is None:
        own_list = matched.choices[student]
        flags = np.zeros(own_list.shape, np.uint8)
        matched_k_of = np.arange(own_list.shape[0])
    else:
        own_list = eligibility.original_choices[student]
        flags = eligibility.failures[student]
        matched_k_of = np.full(own_list.shape, -1)
        kept = eligibility.original_index[student]
        matched_k_of[kept[kept >= 0]] = np.flatnonzero(kept >= 0)
    explained = []
    for own_k, position in enumerate(own_list.tolist()):
        if position < 0:
            break
        if flags[own_k]:
            explained.append(_ineligible(own_k + 1, position, int(flags[own_k]), name(position)))
            continue
        k = int(matched_k_of[own_k])
        explained.append(matched.explain_choice(student, k, own_k + 1, name(position)))
        if k == placed_k:
            break
    position = int(result.assignment[student])
    if position >= 0:
        choice_number = explained[-1].choice_number
        summary = f"Placed at {name(position)}, your {ordinal(choice_number)} choice."
    else:
        choice_number = None
        if not explained:
            summary = "Not placed: you listed no seats."
        elif all(choice.outcome == "ineligible" for choice in explained):
            summary = "Not placed: you were not eligible for any seat you listed."
        else:
            summary = "Not placed: every seat you listed went to other candidates."
    return StudentExplanation(
        student=student, position=position, choice_number=choice_number, choices=explained, summary=summary
    )
