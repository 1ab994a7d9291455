"""Derived enterprise-side scores: how much a seat wants each student who applied.

The documented score of student ``s`` for seat ``p`` is a weighted mean of components in [0, 1]:

- ``skills``: share of the seat's required skills the student has (1 when it lists none);
- ``certificates``: share of the seat's preferred certificates the student holds (1 when none;
  certificates the seat *requires* are an eligibility rule, not a score);
- ``program_fit``: fit of the student's program to the seat's occupation
  (:func:`occupation_fit_matrix`);
- ``mentor``: the student's latest enterprise-mentor assessment, when there is one. Without one
  the other weights are rescaled to sum to 1, so a missing assessment neither helps nor hurts.

Every component is returned next to the total, so an enterprise or a student can see exactly why
one candidate ranks above another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

ENTERPRISE_WEIGHTS: Mapping[str, float] = {
    "skills": 0.35,
    "certificates": 0.15,
    "program_fit": 0.30,
    "mentor": 0.20,
}


@dataclass(frozen=True)
class ScoreBreakdown:
    """Scores of listed choices with the components they are made of.

    Attributes
    ----------
    total : ndarray of float32, shape (n_students, max_list)
        Weighted mean of the present components; NaN under padding.
    components : dict of str to ndarray of float32, shape (n_students, max_list)
        Each component in [0, 1]; NaN under padding or where the component is absent.
    weights : dict of str to float
        Nominal weights, rescaled over the components present for a given pair.
    """

    total: np.ndarray
    components: dict[str, np.ndarray]
    weights: dict[str, float]

    def explain(self, student: int, k: int) -> dict[str, dict[str, float]]:
        """Value, effective weight and contribution of each present component for one choice.

        Examples
        --------
        >>> breakdown = ScoreBreakdown(
        ...     total=np.array([[0.6]]),
        ...     components={"fit": np.array([[1.0]]), "pay": np.array([[0.2]]), "bonus": np.array([[np.nan]])},
        ...     weights={"fit": 0.25, "pay": 0.25, "bonus": 0.5})
        >>> breakdown.explain(0, 0)["fit"]
        {'value': 1.0, 'weight': 0.5, 'contribution': 0.5}
        """
        present = {
            name: float(values[student, k])
            for name, values in self.components.items()
            if not np.isnan(values[student, k])
        }
        weight_sum = sum(self.weights[name] for name in present)
        return {
            name: {
                "value": value,
                "weight": self.weights[name] / weight_sum,
                "contribution": value * self.weights[name] / weight_sum,
            }
            for name, value in present.items()
        }


def checked_weights(weights: Mapping[str, float] | None, defaults: Mapping[str, float]) -> dict[str, float]:
    """Defaults overridden by ``weights``; refuses unknown names, negatives and an all-zero set."""
    merged = dict(defaults)
    for name, weight in (weights or {}).items():
        if name not in defaults:
            raise ValueError(f"unknown score component {name!r}; expected one of {sorted(defaults)}")
        if not weight >= 0:
            raise ValueError(f"weight of {name!r} must be non-negative, got {weight}")
        merged[name] = float(weight)
    if not sum(merged.values()) > 0:
        raise ValueError("at least one score weight must be positive")
    return merged


@njit(cache=True, inline="always")
def _popcount(word):  # pragma: no cover - compiled by numba
    word = word - ((word >> np.uint64(1)) & np.uint64(0x5555555555555555))
    word = (word & np.uint64(0x3333333333333333)) + ((word >> np.uint64(2)) & np.uint64(0x3333333333333333))
    word = (word + (word >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return (word * np.uint64(0x0101010101010101)) >> np.uint64(56)


@njit(cache=True, inline="always")
def _covered(held, student, seats, position, first_word, n_words):  # pragma: no cover - compiled by numba
    covered = np.uint64(0)
    for word in range(n_words):
        covered += _popcount(held[student, word] & seats[position, first_word + word])
    return covered


@njit(cache=True, nogil=True)
def _enterprise_components(
    choices, skills, certificates, program, program_fit, seats, mentor, weights, out, total
):  # pragma: no cover - compiled by numba
    n_students, max_list = choices.shape
    n_skill_words, n_certificate_words = skills.shape[1], certificates.shape[1]
    counts = n_skill_words + n_certificate_words
    for student in range(n_students):
        has_mentor = not np.isnan(mentor[student])
        weight_sum = weights[0] + weights[1] + weights[2] + (weights[3] if has_mentor else 0.0)
        for k in range(max_list):
            position = choices[student, k]
            if position < 0:
                for component in range(4):
                    out[component, student, k] = np.nan
                total[student, k] = np.nan
                continue
            n_required, n_preferred = seats[position, counts], seats[position, counts + 1]
            skill = 1.0
            if n_required:
                skill = _covered(skills, student, seats, position, 0, n_skill_words) / n_required
            certificate = 1.0
            if n_preferred:
                certificate = (
                    _covered(certificates, student, seats, position, n_skill_words, n_certificate_words)
                    / n_preferred
                )
            fit = program_fit[program[student], np.int64(seats[position, counts + 2])]
            score = weights[0] * skill + weights[1] * certificate + weights[2] * fit
            if has_mentor:
                score += weights[3] * mentor[student]
            out[0, student, k] = skill
            out[1, student, k] = certificate
            out[2, student, k] = fit
            out[3, student, k] = mentor[student]
            total[student, k] = score / weight_sum


def _seat_records(required: np.ndarray, preferred: np.ndarray, occupation: np.ndarray) -> np.ndarray:
    """One row per seat: its bit flags, how many bits each set has, its occupation. Seats are read
    at random, and at province scale a row costs one cache miss where separate arrays cost one each."""
    return np.ascontiguousarray(
        np.column_stack(
            [
                required,
                preferred,
                np.bitwise_count(required).sum(axis=1, dtype=np.uint64),
                np.bitwise_count(preferred).sum(axis=1, dtype=np.uint64),
                occupation.astype(np.uint64),
            ]
        ),
        dtype=np.uint64,
    )


def enterprise_scores(
    choices: npt.ArrayLike,
    *,
    student_skills: npt.ArrayLike,
    required_skills: npt.ArrayLike,
    student_certificates: npt.ArrayLike,
    preferred_certificates: npt.ArrayLike,
    student_program: npt.ArrayLike,
    seat_occupation: npt.ArrayLike,
    program_fit: npt.ArrayLike,
    mentor_assessment: npt.ArrayLike | None = None,
    weights: Mapping[str, float] | None = None,
) -> ScoreBreakdown:
    """Score every listed choice from the seat's side (the documented enterprise score).

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        Position ids, ``-1`` padding.
    student_skills, required_skills : array of uint64, shapes (n_students, w) and (n_positions, w)
        Skills held and skills a seat requires, as bit flags (:func:`pack_flags`).
    student_certificates, preferred_certificates : array of uint64, shapes (n_students, c), (n_positions, c)
        Certificates held and certificates a seat prefers, as bit flags.
    student_program : array of int, shape (n_students,)
        Row of ``program_fit`` for each student.
    seat_occupation : array of int, shape (n_positions,)
        Column of ``program_fit`` for each seat.
    program_fit : array of float, shape (n_programs, n_occupations)
        Fit in [0, 1], e.g. from :func:`occupation_fit_matrix`.
    mentor_assessment : array of float, shape (n_students,), optional
        Latest mentor assessment in [0, 1]; NaN where a student has none.
    weights : mapping of str to float, optional
        Overrides of :data:`ENTERPRISE_WEIGHTS`.

    Returns
    -------
    ScoreBreakdown
        Components ``skills``, ``certificates``, ``program_fit`` and ``mentor``.

    Examples
    --------
    >>> scores = enterprise_scores(
    ...     np.array([[0]]), student_skills=np.array([[0b011]], np.uint64),
    ...     required_skills=np.array([[0b111]], np.uint64),
    ...     student_certificates=np.zeros((1, 1), np.uint64),
    ...     preferred_certificates=np.zeros((1, 1), np.uint64),
    ...     student_program=np.array([0]), seat_occupation=np.array([0]), program_fit=np.array([[0.5]]))
    >>> round(float(scores.components["skills"][0, 0]), 4), round(float(scores.total[0, 0]), 4)
    (0.6667, 0.6667)
    """
    merged = checked_weights(weights, ENTERPRISE_WEIGHTS)
    choice_array = np.ascontiguousarray(choices)
    n_students, max_list = choice_array.shape
    skills = np.ascontiguousarray(student_skills, dtype=np.uint64)
    required = np.ascontiguousarray(required_skills, dtype=np.uint64)
    certificates = np.ascontiguousarray(student_certificates, dtype=np.uint64)
    preferred = np.ascontiguousarray(preferred_certificates, dtype=np.uint64)
    for name, held, wanted in (("skills", skills, required), ("certificates", certificates, preferred)):
        if held.ndim != 2 or wanted.ndim != 2 or held.shape[1] != wanted.shape[1]:
            raise ValueError(f"student and seat {name} must be 2-d bit flags with the same number of words")
    mentor = (
        np.full(n_students, np.nan)
        if mentor_assessment is None
        else np.asarray(mentor_assessment, dtype=np.float64)
    )
    if mentor.shape != (n_students,):
        raise ValueError(f"mentor_assessment must have shape ({n_students},), got {mentor.shape}")
    fit = np.ascontiguousarray(program_fit, dtype=np.float64)
    program = np.asarray(student_program, dtype=np.int64)
    occupation = np.asarray(seat_occupation, dtype=np.int64)
    for name, index, size in (
        ("student_program", program, fit.shape[0]),
        ("seat_occupation", occupation, fit.shape[1]),
    ):
        if index.size and not 0 <= index.min() <= index.max() < size:
            raise ValueError(f"{name} must index program_fit (0..{size - 1})")
    components = np.empty((4, n_students, max_list), np.float32)
    total = np.empty((n_students, max_list), np.float32)
    _enterprise_components(
        choice_array,
        skills,
        certificates,
        program,
        fit,
        _seat_records(required, preferred, occupation),
        mentor,
        np.array([merged[name] for name in ENTERPRISE_WEIGHTS]),
        components,
        total,
    )
    return ScoreBreakdown(
        total=total,
        components=dict(zip(ENTERPRISE_WEIGHTS, components, strict=True)),
        weights=merged,
    )
