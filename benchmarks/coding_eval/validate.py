"""Check the evaluation set: columns, ids, unique titles, styles, every code in CSCO 2022, and
that ``titles.csv`` is still the frozen file (its SHA-256 is recorded in README.md).

Run from the repository root:
    python benchmarks/coding_eval/validate.py
Exits 1 and names the row when something is wrong; prints the distribution when all is well.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSIFICATION = HERE.parents[1] / "src" / "chanjiao" / "data" / "csco2022_occupations.csv"
COLUMNS = ["id", "title", "code", "source_style"]
STYLES = ("plain", "seniority", "decorated", "mixed", "abbreviation")
FROZEN_SHA256 = "b179b2351dc9bab8e1d2a80272e7f67f7c1e267648b4c23f25124568a68f9089"


def csco_codes(path: Path = CLASSIFICATION) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def problems(rows: list[dict[str, str]], codes: set[str]) -> list[str]:
    found = []
    seen_ids: set[str] = set()
    seen_titles: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        where = f"line {number} ({row.get('id')})"
        if row["id"] in seen_ids:
            found.append(f"{where}: id repeated")
        seen_ids.add(row["id"])
        title = row["title"].strip()
        if not title or title != row["title"]:
            found.append(f"{where}: title empty or padded with spaces")
        if title in seen_titles:
            found.append(f"{where}: title {title!r} already at {seen_titles[title]}")
        seen_titles[title] = row["id"]
        if row["code"] not in codes:
            found.append(f"{where}: code {row['code']!r} is not in CSCO 2022")
        if row["source_style"] not in STYLES:
            found.append(f"{where}: style {row['source_style']!r} is not one of {STYLES}")
    return found


def main(path: Path = HERE / "titles.csv") -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            print(f"{path.name}: columns {reader.fieldnames}, expected {COLUMNS}")
            return 1
        rows = list(reader)
    found = problems(rows, csco_codes())
    for problem in found:
        print(problem)
    if found:
        return 1
    majors = Counter(row["code"][0] for row in rows)
    styles = Counter(row["source_style"] for row in rows)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != FROZEN_SHA256:
        print(f"{path.name} differs from the frozen set (SHA-256 {digest}): see README.md")
        return 1
    print(f"{len(rows)} titles, all codes in CSCO 2022, the frozen file")
    print("by major group: " + ", ".join(f"{k} {v}" for k, v in sorted(majors.items())))
    print("by style: " + ", ".join(f"{k} {v}" for k, v in styles.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
