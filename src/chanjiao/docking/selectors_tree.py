"""The occupation and region trees, read once per process (reference data)."""

from __future__ import annotations

from functools import lru_cache

from chanjiao.docking.analytics import Tree
from chanjiao.registry.models import Occupation


@lru_cache(maxsize=1)
def occupation_tree() -> Tree:
    return Tree.from_rows(Occupation.objects.values_list("code", "level", "parent_id"))


def occupation_members(code: str, level: int | None = None) -> list[str]:
    """Codes counted under ``code`` in the view at ``level`` (default: the code's own level, i.e.
    the code and everything below it). Unknown codes give an empty list."""
    tree = occupation_tree()
    if code not in tree.levels:
        return []
    return [str(c) for c in tree.members_at(code, level or tree.levels[code])]
