"""Chinese administrative divisions and the four statistical zones.

Zones follow the National Bureau of Statistics convention used by regional policy: east,
central, west and northeast. Regional weight sets in evaluation are keyed by these zones.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ZONES = ("east", "central", "west", "northeast")

_EAST = {"北京", "天津", "河北", "上海", "江苏", "浙江", "福建", "山东", "广东", "海南"}
_CENTRAL = {"山西", "安徽", "江西", "河南", "湖北", "湖南"}
_NORTHEAST = {"辽宁", "吉林", "黑龙江"}
_NOT_ZONED = {"台湾", "香港", "澳门"}

LEVEL_NAMES = {1: "province", 2: "city", 3: "district"}


@dataclass(frozen=True)
class Division:
    id: int
    name: str
    parent_id: int | None
    level: int  # 1 province, 2 prefecture-level city, 3 district / county
    short_name: str
    full_name: str
    area_code: str
    zip_code: str
    pinyin: str


def zone_of_province(short_name: str) -> str:
    """Zone of a province given its short name (``"江苏"``); ``""`` for Hong Kong, Macao, Taiwan.

    Examples
    --------
    >>> zone_of_province("江苏"), zone_of_province("吉林"), zone_of_province("四川")
    ('east', 'northeast', 'west')
    """
    if short_name in _NOT_ZONED:
        return ""
    if short_name in _EAST:
        return "east"
    if short_name in _CENTRAL:
        return "central"
    if short_name in _NORTHEAST:
        return "northeast"
    return "west"


def _code(value: str) -> str:
    value = (value or "").strip()
    return value[:-2] if value.endswith(".0") else value


@lru_cache(maxsize=1)
def load_divisions() -> tuple[Division, ...]:
    """All 3,220 divisions, provinces first; parents always precede their children."""
    source = resources.files("chanjiao.data").joinpath("cn_admin_divisions.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    divisions = [
        Division(
            id=int(row["id"]),
            name=row["name"].strip(),
            parent_id=int(row["parent_id"]) if int(row["deep"]) > 1 else None,
            level=int(row["deep"]),
            short_name=row["short_name"].strip(),
            full_name=row["nerge_name"].strip().replace(",", " "),
            area_code=_code(row["area_code"]),
            zip_code=_code(row["zip_code"]),
            pinyin=row["pinyin"].strip(),
        )
        for row in rows
    ]
    return tuple(sorted(divisions, key=lambda d: (d.level, d.id)))
