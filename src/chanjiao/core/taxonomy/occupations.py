"""CSCO 2022 (China Standard Classification of Occupations) as plain data.

Codes look like ``2-02-09-04``. Levels: 1 major group, 2 medium group, 3 minor group,
4 fine occupation. The published classification skips levels in places (a fine occupation may
hang directly under a medium group, e.g. ``1-01-00-01``), so the parent is the nearest existing
ancestor code rather than a fixed truncation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LEVEL_NAMES = {1: "major", 2: "medium", 3: "minor", 4: "fine"}


@dataclass(frozen=True)
class Occupation:
    code: str
    level: int
    name: str
    definition: str = ""
    tasks: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)
    parent: str | None = None

    @property
    def major(self) -> str:
        return self.code.split("-")[0]


def _ancestor_candidates(code: str) -> list[str]:
    parts = code.split("-")
    if len(parts) != 4:
        raise ValueError(f"not a CSCO code: {code!r}")
    major, medium, minor, _fine = parts
    return [f"{major}-{medium}-{minor}-00", f"{major}-{medium}-00-00", f"{major}-00-00-00"]


def parent_code(code: str, level: int, levels: dict[str, int]) -> str | None:
    """Nearest existing ancestor of ``code`` with a lower level, or None for a major group.

    Examples
    --------
    >>> parent_code("2-02-09-04", 4, {"2-02-09-00": 3, "2-02-00-00": 2, "2-00-00-00": 1})
    '2-02-09-00'
    >>> parent_code("1-01-00-01", 4, {"1-01-00-00": 2, "1-00-00-00": 1})
    '1-01-00-00'
    """
    for candidate in _ancestor_candidates(code):
        if candidate != code and levels.get(candidate, 99) < level:
            return candidate
    return None


@lru_cache(maxsize=1)
def load_occupations() -> tuple[Occupation, ...]:
    """The 2,047 distinct CSCO 2022 entries, ordered by code, with their parents resolved.

    The source file lists four codes twice (2-03-01-00, 4-12-04-02, 5-03-00-00, 6-20-05-03);
    the entry at the coarser level is kept.
    """
    source = resources.files("chanjiao.data").joinpath("csco2022_occupations.csv")
    with source.open(encoding="utf-8") as handle:
        rows_by_code: dict[str, dict[str, str]] = {}
        for row in csv.DictReader(handle):
            kept = rows_by_code.get(row["code"])
            if kept is None or int(row["level"]) < int(kept["level"]):
                rows_by_code[row["code"]] = row
    rows = list(rows_by_code.values())
    levels = {row["code"]: int(row["level"]) for row in rows}
    occupations = []
    for row in rows:
        level = int(row["level"])
        aliases = tuple(a.strip() for a in (row.get("alias") or "").split(",") if a.strip())
        occupations.append(
            Occupation(
                code=row["code"],
                level=level,
                name=row["name"].strip(),
                definition=(row.get("definition") or "").strip(),
                tasks=(row.get("tasks") or "").strip(),
                aliases=aliases,
                parent=parent_code(row["code"], level, levels),
            )
        )
    return tuple(sorted(occupations, key=lambda o: o.code))
