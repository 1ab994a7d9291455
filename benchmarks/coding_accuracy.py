"""Occupation coder: accuracy per CSCO level on the evaluation titles, against the baseline, and speed.

    .venv/bin/python benchmarks/coding_accuracy.py            # evaluation split (report these)
    .venv/bin/python benchmarks/coding_accuracy.py --split dev  # development split (tune on these)

Prints, for the coder and the plain TF-IDF nearest-name baseline, the share of titles whose code is
right at each level (major, medium, minor, fine), per title style; how the coder's answers back off
to coarser groups; how many titles are verbatim training texts; the time to fit the coder; and its
batch throughput in titles per second of CPU time on one core. Targets: major >= 85 %, fine >= 60 %,
throughput >= 5,000 titles/s.
"""

from __future__ import annotations

import os

# One core: no threaded BLAS or OpenMP, and the process pinned to a single CPU where possible.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "coding"
THROUGHPUT_TITLES = 40_000


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def percent(scores: dict[str, float]) -> str:
    return "  ".join(f"{level} {100 * value:5.1f} %" for level, value in scores.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["eval", "dev"], default="eval")
    args = parser.parse_args()
    pinned = pin_to_one_core()

    started, started_cpu = time.perf_counter(), time.process_time()
    from chanjiao.core.coding import OccupationCoder, level_accuracy_score, read_labelled_titles
    from chanjiao.core.coding.baseline import NearestNameBaseline
    from chanjiao.core.coding.corpus import training_texts
    from chanjiao.core.coding.lexicon import load_job_titles
    from chanjiao.core.taxonomy import load_occupations

    imported, imported_cpu = time.perf_counter(), time.process_time()
    coder = OccupationCoder().fit()
    fitted, fitted_cpu = time.perf_counter(), time.process_time()
    baseline = NearestNameBaseline().fit()

    rows = read_labelled_titles(DATA / f"occupation_titles_{args.split}.csv")
    gold = [row.code for row in rows]
    titles = [row.title for row in rows]
    answers = coder.code(titles, [row.description for row in rows])
    best = [answer.alternatives[0].code if answer.alternatives else "" for answer in answers]
    returned = [answer.code for answer in answers]
    baseline_codes = baseline.predict(titles).tolist()
    tree = coder.hierarchy_

    def score(predicted: list[str], indices: list[int]) -> dict[str, float]:
        # A title the coder could not code at all counts as wrong at every level.
        coded = [i for i in indices if predicted[i]]
        scores = level_accuracy_score([gold[i] for i in coded], [predicted[i] for i in coded], tree)
        return {level: value * len(coded) / len(indices) for level, value in scores.items()}

    everything = list(range(len(rows)))
    print(f"Occupation coding, {args.split} split: {len(rows)} titles "
          f"({', '.join(f'{style} {count}' for style, count in sorted(Counter(r.style for r in rows).items()))})")  # fmt: skip
    print(f"  coder, best code     {percent(score(best, everything))}")
    print(f"  coder, answer given  {percent(score(returned, everything))}")
    print(f"  baseline             {percent(score(baseline_codes, everything))}")
    print("  by style (coder best | baseline):")
    for style in sorted({row.style for row in rows}):
        indices = [i for i, row in enumerate(rows) if row.style == style]
        coder_scores, baseline_scores = score(best, indices), score(baseline_codes, indices)
        print(f"    {style:<11} n={len(indices):<4} major {100 * coder_scores['major']:5.1f} | "
              f"{100 * baseline_scores['major']:5.1f} %   fine {100 * coder_scores['fine']:5.1f} | "
              f"{100 * baseline_scores['fine']:5.1f} %")  # fmt: skip

    levels = Counter(answer.level or "none" for answer in answers)
    right = [
        bool(answer.code) and answer.code in tree.lineage(row.code)
        for answer, row in zip(answers, rows, strict=True)
    ]
    print(f"  answers by level: {', '.join(f'{level} {levels[level]}' for level in ('fine', 'minor', 'medium', 'major', 'none'))}; "
          f"answer right at its own level: {100 * sum(right) / len(rows):.1f} %")  # fmt: skip

    seen = {coder.cleaner_.clean(text.text) for text in training_texts(load_occupations(), load_job_titles())}
    verbatim = [i for i, row in enumerate(rows) if coder.cleaner_.clean(row.title) in seen]
    novel = [i for i in everything if i not in set(verbatim)]
    print(f"  titles that clean to a training text: {len(verbatim)} ({100 * len(verbatim) / len(rows):.0f} %); "
          f"fine accuracy on them {100 * score(best, verbatim)['fine']:.1f} %, on the other "
          f"{len(novel)} {100 * score(best, novel)['fine']:.1f} %")  # fmt: skip

    batch = (titles * (THROUGHPUT_TITLES // len(titles) + 1))[:THROUGHPUT_TITLES]
    cpu, wall = time.process_time(), time.perf_counter()
    coder.code(batch)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"Load (fitted once per process): import {imported_cpu - started_cpu:.2f} s CPU "
          f"({imported - started:.2f} s wall, with the baseline's scikit-learn), "
          f"fit {fitted_cpu - imported_cpu:.2f} s CPU ({fitted - imported:.2f} s wall)")  # fmt: skip
    print(f"Throughput (batch API, {pinned}): {len(batch) / cpu:,.0f} titles/s of CPU time, "
          f"{len(batch) / wall:,.0f} titles/s wall clock; load average {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs")  # fmt: skip


if __name__ == "__main__":
    main()
