"""The coder's shipped data: curated job-market titles, the English bridge, title noise, places.

Everything is read from package data (``chanjiao.data`` and ``chanjiao.data.coding``), once per
process; nothing is downloaded.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chanjiao.core.coding.calibration import Calibration
from chanjiao.core.taxonomy import load_divisions

_MARKER = re.compile(r"(L/S|L|S)$")


def strip_marker(name: str) -> str:
    """CSCO name without the green (L) / digital (S) occupation marker.

    Examples
    --------
    >>> strip_marker("物流服务师L"), strip_marker("地理信息系统工程技术人员L/S"), strip_marker("车工")
    ('物流服务师', '地理信息系统工程技术人员', '车工')
    """
    return _MARKER.sub("", name.strip())


@dataclass(frozen=True)
class TitleNoise:
    """Words that decorate a posting title without naming the job."""

    phrases: frozenset[str]
    tokens: frozenset[str]
    company_suffixes: tuple[str, ...]
    english: frozenset[str]


def _data_file(name: str):
    return resources.files("chanjiao.data.coding").joinpath(name)


@lru_cache(maxsize=1)
def load_job_titles() -> dict[str, tuple[str, ...]]:
    """Curated job-market titles per CSCO code, from ``job_titles.csv``.

    Examples
    --------
    >>> "叉车司机" in load_job_titles()["6-30-05-01"]
    True
    """
    with _data_file("job_titles.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: tuple(title for title in row["titles"].split("|") if title)
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def load_english_bridge() -> dict[str, str]:
    """English job-title words and phrases (lower case) with the Chinese term read instead.

    Examples
    --------
    >>> load_english_bridge()["forklift driver"]
    '叉车司机'
    """
    with _data_file("english_chinese.csv").open(encoding="utf-8") as handle:
        return {row["english"].strip().lower(): row["chinese"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def load_title_noise() -> TitleNoise:
    """Benefit, pay, urgency and requirement words, company suffixes and English filler.

    Examples
    --------
    >>> noise = load_title_noise()
    >>> "包吃住" in noise.phrases, "急" in noise.tokens, "the" in noise.english
    (True, True, True)
    """
    with _data_file("title_noise.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return TitleNoise(
        phrases=frozenset(data["phrases"]),
        tokens=frozenset(data["tokens"]),
        company_suffixes=tuple(sorted(data["company_suffixes"], key=len, reverse=True)),
        english=frozenset(data["english"]),
    )


@lru_cache(maxsize=1)
def load_place_names() -> frozenset[str]:
    """Place names to drop from titles: Chinese division names and city pinyin.

    Full and short names of provinces, cities and districts (two characters or more), and the
    lower-case pinyin of provinces and prefecture cities ("dongguan") unless it is an English word
    the bridge knows.

    Examples
    --------
    >>> {"深圳", "深圳市", "宝安区", "shenzhen"} <= load_place_names()
    True
    """
    english_words = {word for phrase in load_english_bridge() for word in phrase.split()}
    names: set[str] = set()
    for division in load_divisions():
        names.update(name for name in (division.name, division.short_name) if len(name) >= 2)
        pinyin = division.pinyin.lower()
        if division.level <= 2 and len(pinyin) >= 4 and pinyin.isalpha() and pinyin not in english_words:
            names.add(pinyin)
    return frozenset(names)


@lru_cache(maxsize=1)
def load_calibration() -> Calibration | None:
    """The shipped confidence calibration (``calibration.json``), or None before one is fitted.

    Examples
    --------
    >>> sorted(load_calibration().points)
    [1, 2, 3, 4]
    """
    source = _data_file("calibration.json")
    if not source.is_file():
        return None
    return Calibration.from_json(source.read_text(encoding="utf-8"))
