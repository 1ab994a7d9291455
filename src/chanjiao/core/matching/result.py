"""What a matching algorithm hands back: who got which seat, and at which choice."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chanjiao.core.matching.stability import BlockingPairs


@dataclass(frozen=True)
class Assignment:
    """Students placed into positions.

    Attributes
    ----------
    assignment : ndarray of int64, shape (n_students,)
        Position id each student got, ``-1`` if unmatched.
    choice_index : ndarray of int64, shape (n_students,)
        0-based index in the student's list of the position they got, ``-1`` if unmatched.
    seats_filled : ndarray of int64, shape (n_positions,)
        Students placed in each position.

    Examples
    --------
    >>> placed = Assignment(assignment=np.array([2, -1, 0]), choice_index=np.array([1, -1, 0]),
    ...     seats_filled=np.array([1, 0, 1]))
    >>> placed.n_matched, placed.rank_sum
    (2, 3)
    """

    assignment: np.ndarray
    choice_index: np.ndarray
    seats_filled: np.ndarray

    @property
    def n_matched(self) -> int:
        """Number of students placed."""
        return int(np.count_nonzero(self.assignment >= 0))

    @property
    def rank_sum(self) -> int:
        """Sum over placed students of the 1-based rank of the choice they got."""
        placed = self.choice_index[self.choice_index >= 0]
        return int(placed.sum() + placed.size)


@dataclass(frozen=True)
class MatchingResult(Assignment):
    """Outcome of deferred acceptance.

    Attributes
    ----------
    proposing : {"students", "positions"}
        Which side proposed.
    n_proposals : int
        Proposals made: applications when students propose, offers when positions propose.
    """

    proposing: str
    n_proposals: int


@dataclass(frozen=True)
class WelfareResult(Assignment):
    """Outcome of the welfare-optimal assignment, with the stability it gives up.

    Attributes
    ----------
    blocking_pairs : BlockingPairs
        Pairs that would rather be matched to each other than keep this assignment.
    """

    blocking_pairs: BlockingPairs
