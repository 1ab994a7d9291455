"""The texts the coder learns from: CSCO names, aliases, curated titles and name variants.

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


@dataclass(frozen=True)
class TrainingText:
    """One text the coder learns from and the CSCO code it stands for."""

    code: str
    text: str
    source: str  # name | alias | curated | variant | example


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
    return list(texts.values())
