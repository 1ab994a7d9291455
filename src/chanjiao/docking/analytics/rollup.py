"""Roll fine cells up the occupation tree and the region tree.

Both classifications are trees whose nodes have a level and a parent. CSCO 2022 skips levels in
places (``2-06-03-00`` is a fine occupation directly under a medium group), so "the node at level
L" of a code is its deepest ancestor-or-self whose level is at most L: a code with no minor group
counts as its own minor-level answer's parent, and a posting coded only to a minor group stays a
row of its own in the fine view rather than being guessed into a child.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Tree:
    """Nodes with a level (1 is the root level) and a parent (None at the top).

    Examples
    --------
    >>> tree = Tree.from_rows([("6", 1, None), ("6-18", 2, "6"), ("6-18-01", 3, "6-18"), ("A", 4, "6-18")])
    >>> tree.lineage("6-18-01"), tree.ancestor_at("A", 3), tree.members_at("6-18", 3)
    (['6-18-01', '6-18', '6'], '6-18', ['6-18', 'A'])
    """

    levels: Mapping[Hashable, int]
    parents: Mapping[Hashable, Hashable | None]
    _children: dict[Hashable, list[Hashable]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[Hashable, int, Hashable | None]]) -> Tree:
        """Build a tree from ``(key, level, parent)`` rows in any order."""
        levels: dict[Hashable, int] = {}
        parents: dict[Hashable, Hashable | None] = {}
        for key, level, parent in rows:
            levels[key] = int(level)
            parents[key] = parent
        children: dict[Hashable, list[Hashable]] = {}
        for key, parent in parents.items():
            if parent is not None:
                children.setdefault(parent, []).append(key)
        return cls(levels=levels, parents=parents, _children=children)

    def lineage(self, key: Hashable) -> list[Hashable]:
        """``key`` followed by its ancestors up to the top."""
        if key not in self.levels:
            raise KeyError(f"unknown node {key!r}")
        chain = [key]
        while (parent := self.parents.get(chain[-1])) is not None:
            chain.append(parent)
        return chain

    def ancestor_at(self, key: Hashable, level: int) -> Hashable:
        """Deepest ancestor-or-self of ``key`` whose level is at most ``level``."""
        for node in self.lineage(key):
            if self.levels[node] <= level:
                return node
        raise ValueError(f"{key!r} has no ancestor at level {level}")

    def members_at(self, key: Hashable, level: int) -> list[Hashable]:
        """Every node whose ``ancestor_at(level)`` is ``key`` (``key`` included), sorted."""
        members = []
        stack = [key]
        while stack:
            node = stack.pop()
            if self.ancestor_at(node, level) == key:
                members.append(node)
            stack.extend(self._children.get(node, ()))
        return sorted(members, key=str)


def rollup(
    occupations: Sequence[Hashable],
    regions: Sequence[Hashable],
    years: Sequence[int],
    values: Mapping[str, Sequence[float]],
    *,
    occupation_tree: Tree,
    region_tree: Tree,
    levels: Sequence[int] = (1, 2, 3, 4),
) -> pd.DataFrame:
    """Sum fine cells into every (occupation level, occupation, region, year) they belong to.

    Each input row (an occupation, a region, a year and some values) is added to its occupation's
    node at each of ``levels`` and to its region and every ancestor region.

    Parameters
    ----------
    occupations, regions, years : sequences of equal length
        The fine cells' keys.
    values : dict of str to sequence
        Columns to sum (e.g. ``{"demand": seats, "supply": graduates}``).
    occupation_tree, region_tree : Tree
        The classifications the keys belong to.
    levels : sequence of int
        Occupation levels to produce.

    Returns
    -------
    pandas.DataFrame
        Columns ``level, occupation, region, year`` and one per value, one row per distinct key.

    Examples
    --------
    >>> occ = Tree.from_rows([("6", 1, None), ("6-1", 2, "6"), ("6-2", 2, "6")])
    >>> reg = Tree.from_rows([(32, 1, None), (3205, 2, 32)])
    >>> table = rollup(["6-1", "6-2"], [3205, 3205], [2024, 2024], {"demand": [3, 4]},
    ...                occupation_tree=occ, region_tree=reg, levels=(1,))
    >>> table.to_dict("records")
    [{'level': 1, 'occupation': '6', 'region': 32, 'year': 2024, 'demand': 7.0}, {'level': 1, 'occupation': '6', 'region': 3205, 'year': 2024, 'demand': 7.0}]
    """
    occupation_keys = np.asarray(occupations, dtype=object)
    region_keys = np.asarray(regions, dtype=object)
    year_values = np.asarray(years, dtype=np.int64)
    columns = {name: np.asarray(column, dtype=float) for name, column in values.items()}
    if not len(occupation_keys) == len(region_keys) == len(year_values) or any(
        len(column) != len(year_values) for column in columns.values()
    ):
        raise ValueError("occupations, regions, years and every value column must have the same length")
    unique_occupations, occupation_index = np.unique(occupation_keys.astype(str), return_inverse=True)
    by_text = {str(key): key for key in occupation_keys}
    unique_regions, region_index = _unique_objects(region_keys)
    lineages = [region_tree.lineage(region) for region in unique_regions]
    depth = max((len(chain) for chain in lineages), default=0)
    parts = []
    for level in levels:
        ancestors = np.array(
            [occupation_tree.ancestor_at(by_text[code], level) for code in unique_occupations], dtype=object
        )
        for step in range(depth):
            region_at_step = np.array(
                [chain[step] if step < len(chain) else None for chain in lineages], dtype=object
            )
            keep = np.array([step < len(chain) for chain in lineages])[region_index]
            frame = pd.DataFrame(
                {
                    "level": level,
                    "occupation": ancestors[occupation_index[keep]],
                    "region": region_at_step[region_index[keep]],
                    "year": year_values[keep],
                    **{name: column[keep] for name, column in columns.items()},
                }
            )
            parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=["level", "occupation", "region", "year", *columns])
    table = pd.concat(parts, ignore_index=True)
    keys = ["level", "occupation", "region", "year"]
    summed = table.groupby(keys, sort=True, as_index=False)[list(columns)].sum()
    return summed.astype({"level": int, "year": int})


def _unique_objects(values: np.ndarray) -> tuple[list[Hashable], np.ndarray]:
    index: dict[Hashable, int] = {}
    positions = np.fromiter(
        (index.setdefault(value, len(index)) for value in values), dtype=np.int64, count=len(values)
    )
    return list(index), positions
