"""Accuracy of occupation codes at the four CSCO levels, and the labelled title files."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chanjiao.core.coding.hierarchy import LEVELS, CodeHierarchy


@dataclass(frozen=True)
class LabelledTitle:
    """A job title as posted, its optional description, its gold CSCO code and its style."""

    title: str
    description: str
    code: str
    style: str


def read_labelled_titles(path: str | Path) -> list[LabelledTitle]:
    """Rows of a labelled-title CSV (columns ``title, description, code, style``).

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "titles.csv")
    >>> _ = open(path, "w", encoding="utf-8").write("title,description,code,style\\n电工,,6-31-01-03,plain\\n")
    >>> read_labelled_titles(path)
    [LabelledTitle(title='电工', description='', code='6-31-01-03', style='plain')]
    """
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            LabelledTitle(row["title"], row.get("description") or "", row["code"], row.get("style") or "")
            for row in csv.DictReader(handle)
        ]


def level_accuracy_score(
    gold: Sequence[str], predicted: Sequence[str], hierarchy: CodeHierarchy
) -> dict[str, float]:
    """Share of titles whose predicted code agrees with the gold code at each level.

    At level L both codes are replaced by their deepest ancestor-or-self of level at most L, so a
    prediction coarser than L can only be right at L if the gold code is that coarse too.

    Examples
    --------
    >>> from chanjiao.core.taxonomy import load_occupations
    >>> tree = CodeHierarchy.from_occupations(load_occupations())
    >>> level_accuracy_score(["6-18-02-04", "6-18-02-04"], ["6-18-02-04", "6-18-01-01"], tree)
    {'major': 1.0, 'medium': 1.0, 'minor': 0.5, 'fine': 0.5}
    """
    if len(gold) != len(predicted):
        raise ValueError(f"got {len(gold)} gold codes but {len(predicted)} predictions")
    if not gold:
        raise ValueError("no titles to score")
    scores = {}
    for level, name in LEVELS.items():
        agree = sum(
            hierarchy.ancestor_at(g, level) == hierarchy.ancestor_at(p, level)
            for g, p in zip(gold, predicted, strict=True)
        )
        scores[name] = agree / len(gold)
    return scores


def jobboard_half(row: LabelledTitle) -> str:
    """Which half of the job-board-style development titles a row is in: "tune" or "check".

    Tuning looks at the errors of the "tune" half; the "check" half is only scored in aggregate.
    The first 8 hex digits of sha1(title + U+001F + description), even or odd.

    Examples
    --------
    >>> jobboard_half(LabelledTitle("焊工", "", "6-18-02-04", "jobboard"))
    'check'
    """
    digest = hashlib.sha1(f"{row.title}\x1f{row.description}".encode()).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "check"
