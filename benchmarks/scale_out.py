"""Benchmark: the batch steps on 1 and 2 workers of a Dask LocalCluster over the same national data.

Targets (issue 17): >= 1.7x on 2 workers for occupation coding and the supply-demand aggregate,
over at least 5 million postings; matching over every province's round. Each step also runs in
this process without Dask (the single-process path), and its result is checked equal.

Data: the national dataset of `chanjiao demo --scale nation` at fraction 0.051 (5.1 million
postings, 31 provinces, placement rounds of 595,000 students), written into --data first when
the folder is empty. The clusters start (and the coder is fitted on every worker, numba
compiled) before the clock starts. Besides wall time it records the CPU seconds
the workers spent (so a per-worker rate holds even on a loaded machine) and the 1-minute load
average before and after each figure: on a shared machine a wall-clock speed-up is only honest
with the load beside it.

Run:
    .venv/bin/python benchmarks/scale_out.py                      # everything (an hour on 2 quiet cores)
    .venv/bin/python benchmarks/scale_out.py --steps demand,refresh,matching --coding-postings 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from chanjiao.core.indicators import default_framework
from chanjiao.core.indicators.uncertainty import RankUncertainty
from chanjiao.core.ledger import hash_leaf_inputs, root_from_leaf_hashes, sign_tree_head
from chanjiao.scale.cluster import dask_client
from chanjiao.scale.coding import DEFAULT_CHUNK_SIZE as CHUNK
from chanjiao.scale.coding import code_titles, coded_frame, fitted_coder
from chanjiao.scale.demand import DemandAggregate
from chanjiao.scale.evaluation import fit_rank_uncertainty
from chanjiao.scale.ledger import audit_log_in_ranges
from chanjiao.scale.matching import match_stored_markets
from chanjiao.scale.nation import plan_nation, write_nation, write_postings

STEPS = ("coding", "demand", "refresh", "matching", "evaluation", "ledger")
EVALUATION_UNITS, EVALUATION_DRAWS = 11_000, 1_000  # every vocational school of the nation
LEDGER_LEAVES = 1_048_576


def load() -> float:
    return round(os.getloadavg()[0], 2)


def worker_cpu(client) -> float:
    if client is None:
        return time.process_time()
    return sum(client.run(time.process_time).values())


def timed(client, work):
    """(result, wall seconds, CPU seconds in the workers or this process, load before, load after)."""
    before_load, before_cpu = load(), worker_cpu(client)
    started = time.perf_counter()
    result = work()
    wall = time.perf_counter() - started
    return result, wall, worker_cpu(client) - before_cpu, before_load, load()


def _fit_coder() -> None:
    fitted_coder(0.5)


def _warm_numba() -> None:
    from chanjiao.core.matching import deferred_acceptance

    deferred_acceptance([[0]], [[0]], [1])


class Data:
    def __init__(self, root: Path, coding_postings: int, check_postings: int):
        self.root = root
        self.check_postings = check_postings
        postings = pq.read_table(root / "postings", columns=["title"]).column("title")
        self.titles = postings.slice(0, coding_postings).to_pylist()
        self.descriptions = [""] * len(self.titles)
        self.rounds = sorted((root / "rounds").glob("province=*"))
        rng = np.random.default_rng(17)
        self.units = rng.uniform(1, 100, size=(EVALUATION_UNITS, len(default_framework().indicators)))
        inputs = [f'{{"record":{n},"hours":{n % 997}}}'.encode() for n in range(LEDGER_LEAVES)]
        self.leaf_inputs = inputs
        self.leaf_hashes = hash_leaf_inputs(inputs)
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self.key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
        sizes = np.linspace(1, LEDGER_LEAVES, 20).astype(int).tolist()
        self.heads = [
            sign_tree_head(self.key, s, root_from_leaf_hashes(self.leaf_hashes[:s]), 0) for s in sizes
        ]


def run_step(step: str, client, data: Data, summary: dict):
    """The work of one step on ``client`` (None: this process, no Dask), its units and their name."""
    if step == "coding":
        if client is None:  # the single-process pass codes a prefix, chunk by chunk as a worker does
            titles = data.titles[: data.check_postings]

            def work():
                chunks = [
                    coded_frame(
                        fitted_coder(0.5),
                        titles[start : start + CHUNK],
                        [""] * len(titles[start : start + CHUNK]),
                    )
                    for start in range(0, len(titles), CHUNK)
                ]
                return pd.concat(chunks, ignore_index=True)

            return work, len(titles), "postings"
        return lambda: code_titles(client, data.titles, data.descriptions), len(data.titles), "postings"
    if step == "demand":

        def work():
            aggregate = DemandAggregate()
            aggregate.refresh(client, data.root / "postings")
            return aggregate.cells()

        return work, summary["postings"], "postings"
    if step == "matching":
        return lambda: match_stored_markets(client, data.rounds), summary["round_students"], "students"
    if step == "evaluation":
        analysis = RankUncertainty(n_draws=EVALUATION_DRAWS, random_state=7)
        return (
            lambda: fit_rank_uncertainty(client, analysis, data.units),
            EVALUATION_UNITS * EVALUATION_DRAWS,
            "unit-runs",
        )
    if step == "ledger":
        return (
            lambda: audit_log_in_ranges(
                client, data.leaf_hashes, data.heads, data.key.public_key(), leaf_inputs=data.leaf_inputs
            ),
            LEDGER_LEAVES,
            "leaves",
        )
    raise ValueError(f"unknown step {step!r}; expected some of {', '.join(STEPS)}")


def same(step: str, first, second) -> bool:
    """Whether a cluster's result equals the single-process one."""
    if step == "coding":
        return first.iloc[: len(second)].reset_index(drop=True).equals(second)
    if step == "demand":
        return first.equals(second)
    if step == "matching":
        return sorted(first) == sorted(second) and all(
            first[r].assignment.tolist() == second[r].assignment.tolist() for r in first
        )
    if step == "evaluation":
        return bool((first.rank_interval_ == second.rank_interval_).all()) and bool(
            (first.unit_total_order_ == second.unit_total_order_).all()
        )
    return first.root_hash == second.root_hash and first.ok == second.ok


def measure_refresh(client, root: Path, rows: list, workers: int) -> None:
    """Full aggregate, then one more month of postings (January of next year, every province) and
    the refresh that recomputes only that month's partitions."""
    aggregate = DemandAggregate()
    _result, full, full_cpu, load_before, load_after = timed(
        client, lambda: aggregate.refresh(client, root / "postings")
    )
    plans = plan_nation(json.loads((root / "nation.json").read_text())["fraction"])
    added = sum(write_postings(root, plan, 2026, 1, 1, 10**9) for plan in plans)
    report, wall, cpu, _, load_end = timed(client, lambda: aggregate.refresh(client, root / "postings"))
    for plan in plans:  # leave the data as it was for the next run
        path = root / "postings" / "year=2026" / "month=1" / f"province={plan.province}" / "part-0.parquet"
        path.unlink()
    for directory in ("month=1", ""):
        folder = root / "postings" / "year=2026" / directory
        if folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
    rows.append(
        dict(
            step="refresh: one new month",
            workers=workers,
            seconds=round(wall, 2),
            cpu=round(cpu, 2),
            rate=f"{added:,} new postings; {len(report.recomputed)} of {len(report.recomputed) + report.kept} "
            f"partitions recomputed, months {report.months_recomputed}; full rebuild {full:.2f} s "
            f"({wall / full:.1%} of it)",
            load=f"{load_before}-{load_end}",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("var/nation-bench"))
    parser.add_argument("--fraction", type=float, default=0.051)
    parser.add_argument("--coding-postings", type=int, default=5_000_000)
    parser.add_argument(
        "--check-postings",
        type=int,
        default=200_000,
        help="postings the single-process pass codes (the cluster's first rows are checked against them)",
    )
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    steps = [step for step in args.steps.split(",") if step]
    if not args.data.exists() or not any(args.data.iterdir()):
        print(f"writing the national dataset (fraction {args.fraction}) into {args.data} ...", flush=True)
        write_nation(args.data, seed=1, fraction=args.fraction)
    summary = json.loads((args.data / "nation.json").read_text())
    print(
        f"data: {summary['postings']:,} postings, {summary['round_students']:,} round students, 31 provinces"
    )
    data = Data(args.data, args.coding_postings, args.check_postings)
    rows: list[dict] = []
    baseline: dict[str, object] = {}
    wall_one: dict[str, float] = {}
    for workers in [0, *[int(w) for w in args.workers.split(",")]]:
        if workers == 0:
            _fit_coder()
            _warm_numba()
            context = None
        else:
            context = dask_client(workers, address="")
        client = context.__enter__() if context is not None else None
        try:
            if client is not None:
                client.wait_for_workers(workers)
                client.run(_fit_coder)
                client.run(_warm_numba)
            for step in steps:
                if step == "refresh":
                    measure_refresh(client, args.data, rows, workers)
                    continue
                work, units, unit = run_step(step, client, data, summary)
                result, wall, cpu, before, after = timed(client, work)
                if workers == 0:
                    baseline[step] = result
                check = (
                    ""
                    if workers == 0
                    else ("same as one process" if same(step, result, baseline[step]) else "DIFFERS")
                )
                if workers == 1:
                    wall_one[step] = wall
                speedup = f"{wall_one[step] / wall:.2f}x" if workers > 1 and step in wall_one else ""
                rows.append(
                    dict(
                        step=step,
                        workers=workers,
                        seconds=round(wall, 2),
                        cpu=round(cpu, 2),
                        rate=f"{units / wall:,.0f} {unit}/s wall, {units / cpu:,.0f} per CPU second {speedup} {check}",
                        load=f"{before}-{after}",
                    )
                )
                print(rows[-1], flush=True)
        finally:
            if context is not None:
                context.__exit__(None, None, None)
    print()
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main()
