"""The CSCO 2022 tree as the coder uses it: levels, parents, ancestors at a level.

The published classification skips levels in places (``1-02-01-00`` is a fine occupation directly
under a medium group), so "the code at level L" is the deepest ancestor-or-self whose level is at
most L: at the minor level ``1-02-01-00`` is represented by its medium group ``1-02-00-00``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chanjiao.core.coding.lexicon import strip_marker
from chanjiao.core.taxonomy import Occupation

LEVELS = {1: "major", 2: "medium", 3: "minor", 4: "fine"}


@dataclass(frozen=True)
class CodeHierarchy:
    """Unique CSCO codes with their level, parent, display name; ``leaves`` have no children."""

    levels: dict[str, int]
    parents: dict[str, str | None]
    names: dict[str, str]
    leaves: frozenset[str]

    @classmethod
    def from_occupations(cls, occupations: Iterable[Occupation]) -> CodeHierarchy:
        """Build the tree from taxonomy entries (one entry per code, as ``load_occupations`` gives).

        Examples
        --------
        >>> from chanjiao.core.taxonomy import load_occupations
        >>> tree = CodeHierarchy.from_occupations(load_occupations())
        >>> tree.levels["2-02-09-04"], tree.parents["2-02-09-04"], tree.names["4-02-06-03"]
        (4, '2-02-09-00', '物流服务师')
        """
        occupations = list(occupations)
        parents = {occupation.code: occupation.parent for occupation in occupations}
        with_children = {parent for parent in parents.values() if parent is not None}
        return cls(
            levels={occupation.code: occupation.level for occupation in occupations},
            parents=parents,
            names={occupation.code: strip_marker(occupation.name) for occupation in occupations},
            leaves=frozenset(code for code in parents if code not in with_children),
        )

    @property
    def codes(self) -> list[str]:
        """All unique codes, sorted."""
        return sorted(self.levels)

    def lineage(self, code: str) -> list[str]:
        """``code`` followed by its ancestors up to the major group.

        Examples
        --------
        >>> from chanjiao.core.taxonomy import load_occupations
        >>> CodeHierarchy.from_occupations(load_occupations()).lineage("1-02-01-00")
        ['1-02-01-00', '1-02-00-00', '1-00-00-00']
        """
        chain = [code]
        while (parent := self.parents.get(chain[-1])) is not None:
            chain.append(parent)
        return chain

    def ancestor_at(self, code: str, level: int) -> str:
        """Deepest ancestor-or-self of ``code`` whose level is at most ``level``.

        Examples
        --------
        >>> from chanjiao.core.taxonomy import load_occupations
        >>> tree = CodeHierarchy.from_occupations(load_occupations())
        >>> tree.ancestor_at("2-02-09-04", 2), tree.ancestor_at("1-02-01-00", 3)
        ('2-02-00-00', '1-02-00-00')
        """
        for ancestor in self.lineage(code):
            if self.levels[ancestor] <= level:
                return ancestor
        raise ValueError(f"{code!r} has no ancestor at level {level}")
