"""Which levels of CSCO 2022 a code states, and its key at each level.

A code states the levels down to its own (``2-05-08-00``, a minor group, states major, medium and
minor); a code with nothing below it in the classification is final and states the fine level too
(``2-08-99-00`` 其他教学人员 has no fine occupations, so it is its own fine occupation). The key of
a code at a level is the first one to four parts of the code, so ``1-01-00-01`` keeps ``1-01-00``
as its minor key although CSCO has no minor group there: the comparison of two codes stays a
comparison of their parts.
"""

from __future__ import annotations

from functools import lru_cache

from chanjiao.core.taxonomy.occupations import load_occupations

LEVELS = (1, 2, 3, 4)
LEVEL_NAMES = {1: "major", 2: "medium", 3: "minor", 4: "fine"}
UNSTATED = "·"


@lru_cache(maxsize=1)
def _classification() -> tuple[dict[str, int], frozenset[str]]:
    occupations = load_occupations()
    levels = {occupation.code: occupation.level for occupation in occupations}
    parents = frozenset(o.parent for o in occupations if o.parent is not None)
    return levels, parents


def finest_level(code: str | None) -> int:
    """The finest level ``code`` states: 0 for no code or a code outside CSCO 2022.

    Examples
    --------
    >>> finest_level("2-02-09-04"), finest_level("2-05-08-00"), finest_level("2-08-99-00")
    (4, 3, 4)
    """
    levels, parents = _classification()
    if code is None or code not in levels:
        return 0
    return levels[code] if code in parents else 4


def key(code: str | None, level: int) -> str:
    """The part of ``code`` that decides agreement at ``level``, or ``UNSTATED``."""
    if code is None or finest_level(code) < level:
        return UNSTATED
    return "-".join(code.split("-")[:level])


def in_classification(code: str) -> bool:
    return code in _classification()[0]
