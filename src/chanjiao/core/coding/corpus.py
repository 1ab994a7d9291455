"""The texts the coder learns from: CSCO names, aliases, curated titles, name variants, bridges.

Names come from the shipped CSCO 2022 file, aliases from its job-market alias column, curated titles
from ``job_titles.csv``. (CSCO definitions and tasks were tried as texts to match descriptions
against and dropped: they did not change accuracy on the development split.) Where a curated title names a different code than
an alias of the same text, the curated title wins and the alias is dropped. Formal names are also
rewritten the way job boards write them (``焊接工程技术人员`` -> ``焊接工程师``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chanjiao.core.coding.lexicon import strip_marker
from chanjiao.core.taxonomy import Occupation

# Formal CSCO endings and the job-board forms of the same occupation.
_NAME_VARIANTS = (
    ("工程技术人员", ("工程师", "技术员")),
    ("专业技术人员", ("技术员",)),
    ("专业人员", ("专员", "师")),
    ("研究人员", ("研究员",)),
    ("技术人员", ("技术员",)),
    ("服务人员", ("服务员",)),
    ("医师", ("医生",)),
    ("操作工", ("操作员",)),
    ("操作员", ("操作工",)),
    ("装配调试工", ("装配工", "调试工")),
    ("装调工", ("装配工", "调试工")),
    ("制造工", ("工",)),
    ("制作工", ("工",)),
)


# The engineering group that designs and improves the work of each production group: CSCO 2022
# pairs them (6-17 metal smelting and rolling with 2-02-05 metallurgical engineers, 6-25 electronic
# components with 2-02-09 electronic engineers, ...). Longest prefix wins.
ENGINEERING_COUNTERPARTS = {
    "6-01": "2-02-24-00", "6-02": "2-02-24-00", "6-04": "2-02-23-00", "6-05": "2-02-23-05",
    "6-06": "2-02-20-07", "6-07": "2-02-36-01", "6-08": "2-02-33-00", "6-10": "2-02-06-00",
    "6-11": "2-02-06-00", "6-12": "2-02-32-01", "6-13": "2-02-23-03", "6-14": "2-02-36-05",
    "6-15": "2-02-19-00", "6-16": "2-02-03-00", "6-16-02": "2-02-04-00", "6-17": "2-02-05-00",
    "6-18": "2-02-07-00", "6-18-02": "2-02-07-08", "6-18-03": "2-02-07-08", "6-19": "2-02-07-00",
    "6-20": "2-02-07-00", "6-21": "2-02-07-00", "6-22": "2-02-07-11", "6-23-01": "2-02-17-00",
    "6-23-02": "2-02-07-12", "6-23-03": "2-02-08-00", "6-24": "2-02-11-00", "6-25": "2-02-09-00",
    "6-26": "2-02-07-03", "6-27": "2-02-30-05", "6-28": "2-02-12-00", "6-28-03": "2-02-18-04",
    "6-29": "2-02-18-00", "6-31-01": "2-02-07-04", "6-31-03": "2-02-31-01", "6-31-06": "2-02-28-03",
    "6-31-07": "2-02-38-10",
}  # fmt: skip
# Worker endings of production titles, longest first; what is left is the object of the work.
_WORKER_ENDINGS = (
    "装配调试工", "操作调整工", "操作工", "操作员", "制造工", "制作工", "加工工", "生产工", "装配工",
    "装调工", "作业员", "作业工", "工人", "工",
)  # fmt: skip


def engineering_counterpart(code: str) -> str | None:
    """The engineering group whose professionals design the work of production occupation ``code``.

    Examples
    --------
    >>> engineering_counterpart("6-16-02-02"), engineering_counterpart("6-17-09-02")
    ('2-02-04-00', '2-02-05-00')
    >>> engineering_counterpart("4-01-02-01") is None
    True
    """
    for size in (7, 4):
        counterpart = ENGINEERING_COUNTERPARTS.get(code[:size])
        if counterpart is not None:
            return counterpart
    return None


def engineer_title(text: str) -> str | None:
    """``X工程师`` for a production title ``X工`` whose object X has two characters or more.

    Examples
    --------
    >>> engineer_title("石油钻井工"), engineer_title("金属热处理工"), engineer_title("电工")
    ('石油钻井工程师', '金属热处理工程师', None)
    """
    for ending in _WORKER_ENDINGS:
        stem = text[: -len(ending)]
        if text.endswith(ending) and len(stem) >= 2:
            return stem + "工程师"
    return None


@dataclass(frozen=True)
class TrainingText:
    """One text the coder learns from and the CSCO code it stands for."""

    code: str
    text: str
    source: str  # name | alias | curated | variant | bridge | example


def name_variants(name: str) -> list[str]:
    """Job-board forms of a formal CSCO name.

    Examples
    --------
    >>> name_variants("焊接工程技术人员")
    ['焊接工程师', '焊接技术员']
    >>> name_variants("内科医师"), name_variants("车工")
    (['内科医生'], [])
    """
    for ending, replacements in _NAME_VARIANTS:
        stem = name[: -len(ending)]
        if name.endswith(ending) and len(stem) >= 2:
            return [stem + replacement for replacement in replacements]
    return []


def training_texts(
    occupations: Iterable[Occupation], curated: Mapping[str, Iterable[str]]
) -> list[TrainingText]:
    """Every training text, deduplicated per code and source.

    Examples
    --------
    >>> from chanjiao.core.taxonomy import load_occupations
    >>> from chanjiao.core.coding.lexicon import load_job_titles
    >>> texts = training_texts(load_occupations(), load_job_titles())
    >>> TrainingText("6-30-05-01", "叉车司机", "curated") in texts
    True
    >>> any(t.text == "注塑工" and t.code == "6-18-04-01" for t in texts)  # alias overridden
    False
    """
    curated_codes: dict[str, set[str]] = {}
    for code, titles in curated.items():
        for title in titles:
            curated_codes.setdefault(title, set()).add(code)
    texts: dict[tuple[str, str, str], TrainingText] = {}

    def add(code: str, text: str, source: str) -> None:
        text = text.strip()
        if text:
            texts.setdefault((code, text, source), TrainingText(code, text, source))

    for occupation in occupations:
        name = strip_marker(occupation.name)
        add(occupation.code, name, "name")
        for variant in name_variants(name):
            add(occupation.code, variant, "variant")
        for alias in occupation.aliases:
            overriding = curated_codes.get(alias)
            if alias not in (name, occupation.name) and (overriding is None or occupation.code in overriding):
                add(occupation.code, alias, "alias")
    for code, titles in curated.items():
        for title in titles:
            add(code, title, "curated")
    # An engineer of a production process is titled by its object (钻井工 -> 钻井工程师): such a title
    # belongs to the engineering group that CSCO pairs with the production group.
    for text in list(texts.values()):
        counterpart = engineering_counterpart(text.code)
        if counterpart is None or text.source == "variant":
            continue
        engineer = engineer_title(strip_marker(text.text))
        if engineer is not None:
            add(counterpart, engineer, "bridge")
    return list(texts.values())
