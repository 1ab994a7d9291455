"""Small random matching instances and brute-force references for the matching tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class Instance:
    """A strict-preference instance in both array form and plain lists.

    ``lists[s]`` is student ``s``'s list of positions, best first; ``priority[p][s]`` is the rank
    position ``p`` gives student ``s`` (lower is better, a permutation of the students).
    """

    lists: list[list[int]]
    priority: list[list[int]]
    capacity: list[int]

    @property
    def choices(self) -> np.ndarray:
        width = max([len(own) for own in self.lists] + [1])
        return np.array([own + [-1] * (width - len(own)) for own in self.lists], dtype=np.int64).reshape(
            len(self.lists), width
        )

    @property
    def position_rank(self) -> np.ndarray:
        choices = self.choices
        rank = np.zeros_like(choices)
        for s, k in zip(*np.nonzero(choices >= 0), strict=True):
            rank[s, k] = self.priority[choices[s, k]][s]
        return rank


@st.composite
def instances(draw, max_students=6, max_positions=4, max_capacity=3, min_capacity=0, min_list=0):
    n_students = draw(st.integers(1, max_students))
    n_positions = draw(st.integers(1, max_positions))
    capacity = draw(
        st.lists(st.integers(min_capacity, max_capacity), min_size=n_positions, max_size=n_positions)
    )
    lists = []
    for _ in range(n_students):
        order = draw(st.permutations(range(n_positions)))
        lists.append(list(order[: draw(st.integers(min(min_list, n_positions), n_positions))]))
    priority = [list(draw(st.permutations(range(n_students)))) for _ in range(n_positions)]
    return Instance(lists=lists, priority=priority, capacity=capacity)


def reference_blocking_pairs(instance: Instance, assignment) -> list[tuple[int, int]]:
    """Blocking pairs straight from the definition, student by student, best choice first."""
    pairs = []
    for student, own in enumerate(instance.lists):
        got = int(assignment[student])
        preferred = own if got not in own else own[: own.index(got)]
        for position in preferred:
            admitted = [t for t, p in enumerate(assignment) if p == position]
            has_room = len(admitted) < instance.capacity[position]
            prefers_student = any(
                instance.priority[position][student] < instance.priority[position][t] for t in admitted
            )
            if has_room or prefers_student:
                pairs.append((student, position))
    return pairs


def all_stable_matchings(instance: Instance) -> list[tuple[int, ...]]:
    """Every stable matching, by enumerating every way to give each student a listed seat or none."""
    options = [[-1, *own] for own in instance.lists]
    stable = []
    for assignment in itertools.product(*options):
        counts = np.bincount([p for p in assignment if p >= 0], minlength=len(instance.capacity))
        if np.all(counts <= instance.capacity) and not reference_blocking_pairs(instance, assignment):
            stable.append(assignment)
    return stable


def all_feasible_assignments(instance: Instance):
    """Every assignment of students to listed seats within capacities."""
    for assignment in itertools.product(*[[-1, *own] for own in instance.lists]):
        counts = np.bincount([p for p in assignment if p >= 0], minlength=len(instance.capacity))
        if np.all(counts <= instance.capacity):
            yield assignment


def choice_number(instance: Instance, student: int, position: int) -> int:
    """1-based place of ``position`` in the student's list; past the end for unmatched."""
    own = instance.lists[student]
    return own.index(position) + 1 if position >= 0 else len(own) + 1
