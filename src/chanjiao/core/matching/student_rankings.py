"""Derived student-side rankings: ordering a student's candidate seats by fit, distance and pay.

For students who do not rank by hand, the platform proposes an order. The documented score of
seat ``p`` for student ``s`` is a weighted mean of:

- ``fit``: fit of the student's program to the seat's occupation (:func:`occupation_fit_matrix`);
- ``distance``: ``half_distance_km / (half_distance_km + d)`` with ``d`` the great-circle distance
  from the student's school to the seat, so a seat ``half_distance_km`` away scores 0.5;
- ``pay``: ``min(pay / reference_pay, 2) / 2``, so a seat paying the reference (by default the
  round's median) scores 0.5 and one paying twice as much or more scores 1.

Seats with equal scores keep the order they had among the candidates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from chanjiao.core.matching.scores import ScoreBreakdown, checked_weights

STUDENT_WEIGHTS: Mapping[str, float] = {"fit": 0.5, "distance": 0.3, "pay": 0.2}
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class DerivedChoices:
    """Candidate seats put in the order a student's derived score gives them.

    Attributes
    ----------
    choices : ndarray, shape (n_students, max_list)
        Position ids, best first, ``-1`` padding: ready for :func:`deferred_acceptance`.
    scores : ScoreBreakdown
        Total and components aligned with :attr:`choices`.
    """

    choices: np.ndarray
    scores: ScoreBreakdown


def _unit_vectors(location: np.ndarray) -> np.ndarray:
    """Points on the unit sphere: a distance is then one chord and one arcsine per pair."""
    latitude, longitude = np.radians(location[:, 0]), np.radians(location[:, 1])
    return np.column_stack(
        [np.cos(latitude) * np.cos(longitude), np.cos(latitude) * np.sin(longitude), np.sin(latitude)]
    )


def _seat_records(seat_location: np.ndarray, pay_score: np.ndarray, occupation: np.ndarray) -> np.ndarray:
    """One row per seat (unit vector, pay score, occupation): seats are read at random, and at
    province scale a row costs one cache miss where separate arrays cost one each."""
    return np.column_stack([_unit_vectors(seat_location), pay_score, occupation.astype(np.float64)])


@njit(cache=True, nogil=True)
def _student_components(
    candidates,
    program,
    program_fit,
    student_point,
    seats,
    half_distance_km,
    weights,
    ordered,
    components,
    total,
):  # pragma: no cover - compiled by numba
    n_students, max_list = candidates.shape
    weight_sum = weights[0] + weights[1] + weights[2]
    scores = np.empty(max_list)
    sorted_scores = np.empty(max_list)
    order = np.empty(max_list, np.int64)
    values = np.empty((3, max_list))
    for student in range(n_students):
        listed = 0
        for k in range(max_list):
            position = candidates[student, k]
            if position < 0:
                break
            chord = np.sqrt(
                (student_point[student, 0] - seats[position, 0]) ** 2
                + (student_point[student, 1] - seats[position, 1]) ** 2
                + (student_point[student, 2] - seats[position, 2]) ** 2
            )
            distance_km = 2 * EARTH_RADIUS_KM * np.arcsin(min(1.0, chord / 2))
            values[0, k] = program_fit[program[student], int(seats[position, 4])]
            values[1, k] = half_distance_km / (half_distance_km + distance_km)
            values[2, k] = seats[position, 3]
            scores[k] = (
                weights[0] * values[0, k] + weights[1] * values[1, k] + weights[2] * values[2, k]
            ) / weight_sum
            listed += 1
        # Insertion sort on (score, index), best score first; stable, and lists are short.
        for k in range(listed):
            score = scores[k]
            slot = k
            while slot > 0 and sorted_scores[slot - 1] < score:
                sorted_scores[slot] = sorted_scores[slot - 1]
                order[slot] = order[slot - 1]
                slot -= 1
            sorted_scores[slot] = score
            order[slot] = k
        for rank in range(max_list):
            if rank < listed:
                source = order[rank]
                ordered[student, rank] = candidates[student, source]
                total[student, rank] = sorted_scores[rank]
                for component in range(3):
                    components[component, student, rank] = values[component, source]
            else:
                ordered[student, rank] = -1
                total[student, rank] = np.nan
                for component in range(3):
                    components[component, student, rank] = np.nan


def derive_student_choices(
    candidates: npt.ArrayLike,
    *,
    student_program: npt.ArrayLike,
    seat_occupation: npt.ArrayLike,
    program_fit: npt.ArrayLike,
    student_location: npt.ArrayLike,
    seat_location: npt.ArrayLike,
    seat_pay: npt.ArrayLike,
    reference_pay: float | None = None,
    half_distance_km: float = 20.0,
    weights: Mapping[str, float] | None = None,
) -> DerivedChoices:
    """Order each student's candidate seats by the documented student-side score.

    Parameters
    ----------
    candidates : array of int, shape (n_students, max_list)
        Seats each student considers (e.g. eligible postings they marked), ``-1`` padding.
    student_program : array of int, shape (n_students,)
    seat_occupation : array of int, shape (n_positions,)
    program_fit : array of float, shape (n_programs, n_occupations)
    student_location, seat_location : array of float, shapes (n_students, 2) and (n_positions, 2)
        Latitude and longitude in degrees.
    seat_pay : array of float, shape (n_positions,)
        Monthly pay or stipend.
    reference_pay : float, optional
        Pay that scores 0.5; the median of ``seat_pay`` by default.
    half_distance_km : float
        Distance that scores 0.5.
    weights : mapping of str to float, optional
        Overrides of :data:`STUDENT_WEIGHTS`.

    Returns
    -------
    DerivedChoices

    Examples
    --------
    Seat 1 fits the student's program; seat 0 pays more but does not:

    >>> derived = derive_student_choices(
    ...     np.array([[0, 1]]), student_program=np.array([0]), seat_occupation=np.array([0, 1]),
    ...     program_fit=np.array([[0.0, 1.0]]), student_location=np.array([[23.1, 113.3]]),
    ...     seat_location=np.array([[23.1, 113.3], [23.1, 113.3]]), seat_pay=np.array([6000.0, 4000.0]))
    >>> derived.choices.tolist(), derived.scores.components["pay"].astype(float).round(2).tolist()
    ([[1, 0]], [[0.4, 0.6]])
    """
    merged = checked_weights(weights, STUDENT_WEIGHTS)
    candidate_array = np.ascontiguousarray(candidates)
    n_students, max_list = candidate_array.shape
    pay = np.asarray(seat_pay, dtype=np.float64)
    reference = float(np.median(pay)) if reference_pay is None else float(reference_pay)
    if not reference > 0:
        raise ValueError(f"reference pay must be positive, got {reference}")
    if not half_distance_km > 0:
        raise ValueError(f"half_distance_km must be positive, got {half_distance_km}")
    student_place = np.asarray(student_location, dtype=np.float64)
    seat_place = np.asarray(seat_location, dtype=np.float64)
    if student_place.shape != (n_students, 2) or seat_place.shape != (pay.shape[0], 2):
        raise ValueError("locations must be (latitude, longitude) rows, one per student and one per seat")
    ordered = np.empty((n_students, max_list), candidate_array.dtype)
    components = np.empty((3, n_students, max_list), np.float32)
    total = np.empty((n_students, max_list), np.float32)
    _student_components(
        candidate_array,
        np.asarray(student_program, dtype=np.int64),
        np.ascontiguousarray(program_fit, dtype=np.float64),
        _unit_vectors(student_place),
        _seat_records(seat_place, np.minimum(pay / reference, 2.0) / 2.0, np.asarray(seat_occupation)),
        float(half_distance_km),
        np.array([merged[name] for name in STUDENT_WEIGHTS]),
        ordered,
        components,
        total,
    )
    return DerivedChoices(
        choices=ordered,
        scores=ScoreBreakdown(
            total=total, components=dict(zip(STUDENT_WEIGHTS, components, strict=True)), weights=merged
        ),
    )
