"""The round's single lottery and the strict ranks it produces (the NYC high-school design).

Every student draws one lottery number for the whole round; whenever a position is indifferent
between two students (the same entered tier, or scores closer than the scoring resolution), the
lower number wins. One number per student, rather than one per position, avoids the efficiency
loss of independent tie-breaking (Abdulkadiroglu, Pathak and Roth 2009). The numbers come from a
recorded seed, so anyone can redraw them, and their digest goes into the round's record.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

_INT32_MAX = np.iinfo(np.int32).max
_INT64_MAX = np.iinfo(np.int64).max


@dataclass(frozen=True)
class Lottery:
    """One lottery number per student (a permutation of ``0..n_students-1``, lower wins ties).

    Attributes
    ----------
    seed : int
        The recorded seed the numbers are drawn from.
    numbers : ndarray of int64, shape (n_students,)
    """

    seed: int
    numbers: np.ndarray

    @property
    def digest(self) -> str:
        """SHA-256 of the numbers (little-endian int64), to publish with the round's record."""
        return hashlib.sha256(self.numbers.astype("<i8").tobytes()).hexdigest()


def draw_lottery(n_students: int, seed: int) -> Lottery:
    """Draw the round's lottery: a uniformly random order of the students, from ``seed``.

    Parameters
    ----------
    n_students : int
    seed : int
        Non-negative; record it with the round so the draw can be repeated and checked.

    Returns
    -------
    Lottery

    Examples
    --------
    >>> draw_lottery(5, seed=7).numbers.tolist() == draw_lottery(5, seed=7).numbers.tolist()
    True
    >>> sorted(draw_lottery(5, seed=7).numbers.tolist())
    [0, 1, 2, 3, 4]
    """
    if n_students < 0:
        raise ValueError(f"n_students must be non-negative, got {n_students}")
    if seed < 0:
        raise ValueError(f"lottery seed must be non-negative, got {seed}")
    numbers = np.random.default_rng(seed).permutation(n_students).astype(np.int64)
    return Lottery(seed=seed, numbers=numbers)


@njit(cache=True, nogil=True)
def _listed_extent(choices, values):  # pragma: no cover - compiled by numba
    """Smallest and largest value over listed choices, and whether any value is not finite."""
    lowest, highest, finite = np.inf, -np.inf, True
    for student in range(choices.shape[0]):
        for k in range(choices.shape[1]):
            if choices[student, k] < 0:
                break
            value = float(values[student, k])
            if not np.isfinite(value):
                finite = False
            lowest = min(lowest, value)
            highest = max(highest, value)
    return lowest, highest, finite


@njit(cache=True, inline="always")
def _with_lottery(tier, n_students, number):  # pragma: no cover - compiled by numba
    return tier * n_students + number


@njit(cache=True, inline="always")
def _score_tier(score, resolution, best_step):  # pragma: no cover - compiled by numba
    return best_step - np.int64(np.rint(score / resolution))


@njit(cache=True, nogil=True)
def _combine_with_lottery(choices, tier, numbers, out):  # pragma: no cover - compiled by numba
    n_students = choices.shape[0]
    for student in range(n_students):
        for k in range(choices.shape[1]):
            listed = choices[student, k] >= 0
            out[student, k] = _with_lottery(tier[student, k], n_students, numbers[student]) if listed else -1


@njit(cache=True, nogil=True)
def _tiers(choices, score, resolution, best_step, out):  # pragma: no cover - compiled by numba
    for student in range(choices.shape[0]):
        for k in range(choices.shape[1]):
            listed = choices[student, k] >= 0
            out[student, k] = _score_tier(score[student, k], resolution, best_step) if listed else -1


@njit(cache=True, nogil=True)
def _combine_scores_with_lottery(choices, score, resolution, best_step, numbers, out):  # pragma: no cover
    """Tiers and lottery in one pass, sparing a tier array as large as the lists."""
    n_students = choices.shape[0]
    for student in range(n_students):
        for k in range(choices.shape[1]):
            if choices[student, k] >= 0:
                tier = _score_tier(score[student, k], resolution, best_step)
                out[student, k] = _with_lottery(tier, n_students, numbers[student])
            else:
                out[student, k] = -1


def _rank_dtype(top_tier: int, n_students: int) -> type[np.integer]:
    """The narrowest integer type holding ``tier * n_students + number`` for every tier."""
    if top_tier >= (_INT64_MAX - n_students) // max(n_students, 1):
        raise ValueError(f"tier values up to {top_tier} are too large to combine with the lottery")
    return np.int32 if (top_tier + 1) * n_students <= _INT32_MAX else np.int64


def _check_lottery(lottery: Lottery, n_students: int) -> None:
    if lottery.numbers.shape != (n_students,):
        raise ValueError(f"the lottery has {lottery.numbers.shape[0]} numbers for {n_students} students")


def _score_extent(choice_array: np.ndarray, score_array: np.ndarray, resolution: float) -> tuple[int, int]:
    """Best and worst score step over the listed choices, refusing bad scores or resolution."""
    if score_array.shape != choice_array.shape:
        raise ValueError(f"score has shape {score_array.shape} but choices has shape {choice_array.shape}")
    if resolution <= 0:
        raise ValueError(f"resolution must be positive, got {resolution}")
    lowest, highest, finite = _listed_extent(choice_array, score_array)
    if not finite:
        raise ValueError("score must be finite for every listed choice")
    if not np.isfinite(highest):
        return 0, 0
    return int(np.rint(highest / resolution)), int(np.rint(lowest / resolution))


def strict_position_rank(choices: npt.ArrayLike, tier: npt.ArrayLike, lottery: Lottery) -> np.ndarray:
    """Break a position's ties between students with the round's lottery.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
        Position ids, ``-1`` padding.
    tier : array of int, shape (n_students, max_list)
        The rank position ``choices[s, k]`` gives student ``s``; lower is better, ties allowed,
        non-negative.
    lottery : Lottery
        The round's lottery, one number per student.

    Returns
    -------
    ndarray of int32 or int64 (the narrowest that fits)
        ``tier * n_students + lottery number``: the same order as ``tier``, ties broken by the
        lower lottery number, so ranks are distinct within every position. ``-1`` under padding.

    Examples
    --------
    Position 0 puts both students in tier 0; student 1 holds the better lottery number:

    >>> lottery = Lottery(seed=0, numbers=np.array([1, 0]))
    >>> strict_position_rank([[0], [0]], [[0], [0]], lottery).tolist()
    [[1], [0]]
    """
    choice_array = np.asarray(choices)
    tier_array = np.asarray(tier)
    n_students = choice_array.shape[0]
    if tier_array.shape != choice_array.shape:
        raise ValueError(f"tier has shape {tier_array.shape} but choices has shape {choice_array.shape}")
    _check_lottery(lottery, n_students)
    if tier_array.size and not np.issubdtype(tier_array.dtype, np.integer):
        raise ValueError(f"tier must hold integers, got dtype {tier_array.dtype}")
    lowest, highest, _ = _listed_extent(choice_array, tier_array)
    if lowest < 0:
        raise ValueError("tier must be non-negative")
    rank = np.empty(choice_array.shape, _rank_dtype(int(max(highest, 0)), n_students))
    _combine_with_lottery(choice_array, tier_array, lottery.numbers, rank)
    return rank


def tiers_from_scores(
    choices: npt.ArrayLike, score: npt.ArrayLike, *, resolution: float = 1e-3
) -> np.ndarray:
    """Turn scores (higher is better) into tiers (lower is better) at a fixed resolution.

    Scores that round to the same multiple of ``resolution`` share a tier: a difference smaller
    than the resolution is not a reason to prefer one student, so the lottery decides.

    Parameters
    ----------
    choices : array of int, shape (n_students, max_list)
    score : array of float, shape (n_students, max_list)
        The position's score of each student; must be finite where a choice is listed.
    resolution : float
        Score step that counts as a real difference.

    Returns
    -------
    ndarray of int64
        0 for the best listed score; ``-1`` under padding.

    Examples
    --------
    >>> tiers_from_scores([[0, 1, -1]], [[0.8004, 0.8, np.nan]]).tolist()
    [[0, 0, -1]]
    """
    choice_array = np.asarray(choices)
    score_array = np.asarray(score)
    best_step, _ = _score_extent(choice_array, score_array, resolution)
    tiers = np.empty(choice_array.shape, np.int64)
    _tiers(choice_array, score_array, float(resolution), best_step, tiers)
    return tiers


def position_rank_from_scores(
    choices: npt.ArrayLike, score: npt.ArrayLike, lottery: Lottery, *, resolution: float = 1e-3
) -> np.ndarray:
    """Strict ranks from enterprise scores: higher score first, the lottery within a tier.

    The same ranks as ``strict_position_rank(choices, tiers_from_scores(choices, score), lottery)``,
    computed in one pass.

    Examples
    --------
    >>> lottery = Lottery(seed=0, numbers=np.array([0, 1, 2]))
    >>> position_rank_from_scores([[0], [0], [0]], [[0.5], [0.9], [0.5]], lottery).tolist()
    [[1200], [1], [1202]]
    """
    choice_array = np.asarray(choices)
    score_array = np.asarray(score)
    _check_lottery(lottery, choice_array.shape[0])
    best_step, worst_step = _score_extent(choice_array, score_array, resolution)
    rank = np.empty(choice_array.shape, _rank_dtype(best_step - worst_step, choice_array.shape[0]))
    _combine_scores_with_lottery(
        choice_array, score_array, float(resolution), best_step, lottery.numbers, rank
    )
    return rank
