"""Benchmark: the occupation coder on the independent evaluation set (benchmarks/coding_eval/).

The set is 3,326 job-board titles written and coded to CSCO 2022 apart from the coder and its
lexicon (see benchmarks/coding_eval/README.md); it is frozen and never used to build or tune the
coder. The coder is used through its public API only. Prints, with no per-title answers:
  * accuracy at each level with a 95 % bootstrap interval (titles counted at the levels their
    code states);
  * accuracy per major group, per style of title, and apart for the titles that are verbatim an
    occupation name or a job-market alias printed in the classification file (a coder built on
    that file has an easier time with them);
  * the confusion between major groups;
  * calibration: a reliability table (confidence bins against accuracy at the level the answer
    states, or the level the reference states when that is coarser), the expected calibration
    error, and how often an answer with confidence >= 0.9 is right.
Run:
    .venv/bin/python benchmarks/coding_eval_score.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent / "coding_eval"))

from levels import LEVEL_NAMES, LEVELS, UNSTATED, finest_level, key  # noqa: E402

from chanjiao.core.coding import load_coder  # noqa: E402
from chanjiao.core.taxonomy.occupations import load_occupations  # noqa: E402

TITLES = Path(__file__).resolve().parent / "coding_eval" / "titles.csv"
BOOTSTRAP_SAMPLES = 2000
SEED = 16
CONFIDENCE_BINS = np.linspace(0.0, 1.0, 11)
HIGH_CONFIDENCE = 0.9
MAJOR_GROUPS = [str(group) for group in range(1, 9)]
GROUP_LABELS = {
    "1": "1 heads",
    "2": "2 professional",
    "3": "3 clerical",
    "4": "4 service",
    "5": "5 farming",
    "6": "6 production",
    "7": "7 military",
    "8": "8 other",
}


def read_titles(path: Path = TITLES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def classification_names() -> frozenset[str]:
    """Occupation names and job-market aliases printed in the classification file itself."""
    names: set[str] = set()
    for occupation in load_occupations():
        names.add(occupation.name)
        names.update(occupation.aliases)
    return frozenset(names)


def correct_at(reference: str, answer: str | None, level: int) -> bool | None:
    """Whether ``answer`` is right at ``level``; None when the reference does not state it."""
    wanted = key(reference, level)
    if wanted == UNSTATED:
        return None
    return key(answer, level) == wanted


def bootstrap_interval(hits: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    """The 2.5 % and 97.5 % percentiles of the accuracy over resamples of the titles."""
    draws = rng.integers(0, len(hits), size=(BOOTSTRAP_SAMPLES, len(hits)))
    means = hits[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def judged_level(reference: str, answer: str | None) -> int:
    """The level an answer is judged at for calibration: its own, or the reference's if coarser."""
    return min(finest_level(answer), finest_level(reference))


def print_accuracy(rows: list[dict[str, str]], answers: list[str | None]) -> None:
    rng = np.random.default_rng(SEED)
    print(f"accuracy by level ({len(rows)} titles; 95 % bootstrap interval, seed {SEED})")
    for level in LEVELS:
        marks = [correct_at(row["code"], answer, level) for row, answer in zip(rows, answers, strict=True)]
        hits = np.array([mark for mark in marks if mark is not None], dtype=float)
        low, high = bootstrap_interval(hits, rng)
        print(
            f"  {LEVEL_NAMES[level]:<7} {hits.mean():6.1%}  [{low:5.1%}, {high:5.1%}]"
            f"  of {len(hits)} titles coded to this level"
        )


def print_breakdown(
    heading: str, groups: list[str], rows: list[dict[str, str]], answers: list[str | None]
) -> None:
    tallies: dict[str, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for group, row, answer in zip(groups, rows, answers, strict=True):
        for level in LEVELS:
            mark = correct_at(row["code"], answer, level)
            if mark is not None:
                tallies[group][level].append(mark)
    print(f"\n{heading}")
    print(f"  {'':<14} {'n':>5}" + "".join(f" {LEVEL_NAMES[level]:>7}" for level in LEVELS))
    for group in sorted(tallies):
        cells = []
        for level in LEVELS:
            marks = tallies[group][level]
            cells.append(f" {sum(marks) / len(marks):7.1%}" if marks else f" {'-':>7}")
        print(f"  {group:<14} {len(tallies[group][1]):>5}" + "".join(cells))


def print_confusion(rows: list[dict[str, str]], answers: list[str | None]) -> None:
    counts = Counter((row["code"][0], key(answer, 1)) for row, answer in zip(rows, answers, strict=True))
    columns = [*MAJOR_GROUPS, UNSTATED]
    print("\nconfusion between major groups (rows: reference, columns: coder; · = no code)")
    print("  ref " + "".join(f"{column:>6}" for column in columns))
    for reference in MAJOR_GROUPS:
        if any(counts[(reference, column)] for column in columns):
            print(f"  {reference:>3} " + "".join(f"{counts[(reference, c)]:>6}" for c in columns))


def print_calibration(
    rows: list[dict[str, str]], answers: list[str | None], confidences: list[float]
) -> None:
    judged = [
        (confidence, correct_at(row["code"], answer, judged_level(row["code"], answer)))
        for row, answer, confidence in zip(rows, answers, confidences, strict=True)
        if judged_level(row["code"], answer) > 0
    ]
    unjudged = len(rows) - len(judged)
    confidence = np.array([c for c, _ in judged], dtype=float)
    right = np.array([bool(mark) for _, mark in judged], dtype=float)
    # tenths, with a hair of slack so that 0.7 falls in 0.7 - 0.8 despite floating point
    bins = np.clip(np.floor(confidence * 10 + 1e-9).astype(int), 0, len(CONFIDENCE_BINS) - 2)
    print("\nreliability (answers judged at the level they state, or the reference's if coarser)")
    print(f"  {'confidence':<12} {'answers':>7} {'mean conf':>10} {'accuracy':>9}")
    error = 0.0
    for index in range(len(CONFIDENCE_BINS) - 1):
        inside = bins == index
        if not inside.any():
            continue
        mean_confidence, accuracy = confidence[inside].mean(), right[inside].mean()
        error += inside.sum() / len(judged) * abs(accuracy - mean_confidence)
        lower, upper = CONFIDENCE_BINS[index], CONFIDENCE_BINS[index + 1]
        print(f"  {lower:.1f} - {upper:.1f}   {inside.sum():>7} {mean_confidence:>10.3f} {accuracy:>9.1%}")
    print(f"  expected calibration error: {error:.3f} over {len(judged)} answers")
    if unjudged:
        print(f"  ({unjudged} titles got no code in CSCO 2022 and are left out)")
    high = confidence >= HIGH_CONFIDENCE
    if high.any():
        print(
            f"  confidence >= {HIGH_CONFIDENCE}: {high.sum()} answers "
            f"({high.sum() / len(judged):.1%}), right {right[high].mean():.1%}"
        )


def main() -> None:
    rows = read_titles()
    results = load_coder().code([row["title"] for row in rows])
    answers = [result.code or None for result in results]
    confidences = [float(result.confidence or 0.0) for result in results]
    print_accuracy(rows, answers)
    majors = [GROUP_LABELS[row["code"][0]] for row in rows]
    print_breakdown("accuracy by major group of the reference", majors, rows, answers)
    styles = [row["source_style"] for row in rows]
    print_breakdown("accuracy by style of title", styles, rows, answers)
    names = classification_names()
    overlap = ["in CSCO file" if row["title"] in names else "not in file" for row in rows]
    print_breakdown(
        "accuracy by whether the title is verbatim a name or alias of the classification file",
        overlap,
        rows,
        answers,
    )
    print_confusion(rows, answers)
    print_calibration(rows, answers, confidences)


if __name__ == "__main__":
    main()
