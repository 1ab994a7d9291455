"""Occupation coder on its development titles: accuracy per level, calibration, and throughput.

    .venv/bin/python benchmarks/coding_accuracy.py

DEVELOPMENT FIGURES ONLY. Every labelled title this script reads (tests/data/coding/) was written by
the hands that build the coder and was used to tune it, so these figures are not an evaluation: on
real job-board titles coded by outsiders the coder does worse. For each development set it prints,
for the coder and the plain TF-IDF nearest-name baseline, the share of titles whose code is right at
each level (major, medium, minor, fine); how the coder's answers back off to groups; the expected
calibration error (ECE) of the stated confidence and a reliability table (stated confidence against
the share of answers right at their own level); then the time to fit the coder and its batch
throughput in titles per second of CPU time on one core. Targets (measured by the lead on the
independent set, not here): major >= 85 %, fine >= 60 %, confidence >= 0.9 right >= 90 %;
throughput >= 5,000 titles/s.
"""

from __future__ import annotations

import os

# One core: no threaded BLAS or OpenMP, and the process pinned to a single CPU where possible.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "coding"
THROUGHPUT_TITLES = 40_000
HIGH_CONFIDENCE = 0.9


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def percent(scores: dict[str, float]) -> str:
    return "  ".join(f"{level} {100 * value:5.1f} %" for level, value in scores.items())


def development_sets(read_labelled_titles, jobboard_half) -> dict[str, list]:
    jobboard = read_labelled_titles(DATA / "occupation_titles_jobboard.csv")
    return {
        "development split (dev)": read_labelled_titles(DATA / "occupation_titles_dev.csv"),
        "former evaluation split (development data now)": read_labelled_titles(
            DATA / "occupation_titles_eval.csv"
        ),
        "job-board style, tune half (calibration fitted here)": [
            r for r in jobboard if jobboard_half(r) == "tune"
        ],
        "job-board style, check half": [r for r in jobboard if jobboard_half(r) == "check"],
    }


def main() -> None:
    pinned = pin_to_one_core()
    started, started_cpu = time.perf_counter(), time.process_time()
    from chanjiao.core.coding import OccupationCoder, level_accuracy_score, read_labelled_titles
    from chanjiao.core.coding.baseline import NearestNameBaseline
    from chanjiao.core.coding.calibration import expected_calibration_error, reliability_table
    from chanjiao.core.coding.evaluation import jobboard_half

    imported, imported_cpu = time.perf_counter(), time.process_time()
    coder = OccupationCoder().fit()
    fitted, fitted_cpu = time.perf_counter(), time.process_time()
    baseline = NearestNameBaseline().fit()
    tree = coder.hierarchy_
    print("DEVELOPMENT FIGURES (titles written and used by the coder's builders; not an evaluation)")

    every_title: list[str] = []
    for name, rows in development_sets(read_labelled_titles, jobboard_half).items():
        gold = [row.code for row in rows]
        titles = [row.title for row in rows]
        every_title += titles
        answers = coder.code(titles, [row.description for row in rows])
        best = [answer.alternatives[0].code if answer.alternatives else "" for answer in answers]
        returned = [answer.code for answer in answers]

        def score(predicted: list[str], gold=gold) -> dict[str, float]:
            # A title the coder could not code at all counts as wrong at every level.
            coded = [i for i in range(len(gold)) if predicted[i]]
            scores = level_accuracy_score([gold[i] for i in coded], [predicted[i] for i in coded], tree)
            return {level: value * len(coded) / len(gold) for level, value in scores.items()}

        styles = ", ".join(
            f"{style} {count}" for style, count in sorted(Counter(r.style for r in rows).items())
        )
        print(f"\n{name}: {len(rows)} titles ({styles})")
        print(f"  coder, best code     {percent(score(best))}")
        print(f"  coder, answer given  {percent(score(returned))}")
        print(f"  baseline             {percent(score(baseline.predict(titles).tolist()))}")
        levels = Counter(answer.level or "none" for answer in answers)
        right = [bool(a.code) and a.code in tree.lineage(g) for a, g in zip(answers, gold, strict=True)]
        confidence = [answer.confidence for answer in answers]
        print(
            "  answers by level: "
            + ", ".join(f"{level} {levels[level]}" for level in ("fine", "minor", "medium", "major", "none"))
            + f"; right at their own level {100 * sum(right) / len(rows):.1f} %"
        )
        high = [r for c, r in zip(confidence, right, strict=True) if c >= HIGH_CONFIDENCE]
        fine_high = sum(1 for a in answers if a.level == "fine" and a.confidence >= HIGH_CONFIDENCE)
        print(
            f"  calibration: ECE {expected_calibration_error(confidence, right):.3f}; "
            f"confidence >= {HIGH_CONFIDENCE}: {len(high)} answers, "
            f"{100 * sum(high) / max(len(high), 1):.1f} % right at their level; "
            f"coverage (fine level, confidence >= {HIGH_CONFIDENCE}) {100 * fine_high / len(rows):.1f} %"
        )
        print("  reliability: stated confidence -> answers, mean stated, share right")
        for low, high_edge, count, stated, observed in reliability_table(confidence, right):
            print(f"    [{low:.2f}, {high_edge:.2f}]  {count:5d}  {stated:.3f}  {observed:.3f}")

    batch = (every_title * (THROUGHPUT_TITLES // len(every_title) + 1))[:THROUGHPUT_TITLES]
    cpu, wall = time.process_time(), time.perf_counter()
    coder.code(batch)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"\nLoad (fitted once per process): import {imported_cpu - started_cpu:.2f} s CPU "
        f"({imported - started:.2f} s wall), fit {fitted_cpu - imported_cpu:.2f} s CPU "
        f"({fitted - imported:.2f} s wall)"
    )
    print(
        f"Throughput (batch API, {pinned}): {len(batch) / cpu:,.0f} titles/s of CPU time, "
        f"{len(batch) / wall:,.0f} titles/s wall clock; load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
