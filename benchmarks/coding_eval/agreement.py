"""Second, blind coding of a sample of the evaluation set, and the agreement between the codings.

    python benchmarks/coding_eval/agreement.py sample     # the sheet of titles to code again
    python benchmarks/coding_eval/agreement.py report     # Cohen's kappa per level

``sample`` draws the titles (seeded) and writes them, shuffled and without their codes, to a sheet
for the second coding. ``report`` reads ``double_coding.csv`` (id, title, first and second code of
each sampled title) and prints the raw agreement and Cohen's kappa at each level of CSCO 2022.
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from levels import LEVEL_NAMES, LEVELS, key  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE_SIZE = 1000
SEED = 16


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sample_ids(rows: list[dict[str, str]], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[str]:
    """The ids of the sampled titles, in the (shuffled) order of the coding sheet."""
    return [row["id"] for row in random.Random(seed).sample(rows, size)]


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two codings of the same items.

    Examples
    --------
    >>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 3)
    0.5
    """
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    first_counts, second_counts = Counter(first), Counter(second)
    expected = sum(first_counts[c] * second_counts[c] for c in first_counts) / total**2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def write_sheet(out: Path) -> None:
    rows = read_csv(HERE / "titles.csv")
    titles = {row["id"]: row["title"] for row in rows}
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["sheet_row", "id", "title"])
        for number, title_id in enumerate(sample_ids(rows), start=1):
            writer.writerow([number, title_id, titles[title_id]])
    print(f"{SAMPLE_SIZE} titles (seed {SEED}) written to {out}")


def report(path: Path = HERE / "double_coding.csv") -> None:
    rows = read_csv(path)
    print(f"{len(rows)} titles coded twice, blind (seed {SEED})")
    print("level    raw agreement   Cohen's kappa")
    for level in LEVELS:
        first = [key(row["first_code"], level) for row in rows]
        second = [key(row["second_code"], level) for row in rows]
        raw = sum(a == b for a, b in zip(first, second, strict=True)) / len(rows)
        print(f"{LEVEL_NAMES[level]:<8} {raw:>13.3f}   {cohen_kappa(first, second):>13.3f}")
    same = sum(row["first_code"] == row["second_code"] for row in rows)
    print(f"identical codes: {same} of {len(rows)} ({same / len(rows):.3f})")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "report"
    if command == "sample":
        write_sheet(Path(sys.argv[2]) if len(sys.argv) > 2 else Path("coding_sheet.csv"))
    elif command == "report":
        report(Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "double_coding.csv")
    else:
        sys.exit(f"unknown command {command!r}: use 'sample' or 'report'")
