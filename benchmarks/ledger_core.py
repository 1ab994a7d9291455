"""Benchmark: RFC 6962 ledger core at platform scale.

Targets (issue 7), on the 2-core reference machine:
- inclusion proof for a log of 10,000,000 leaves: <= 5 ms median;
- full verification of 1,000,000 leaves: <= 60 s.

Run:
    .venv/bin/python benchmarks/ledger_core.py
    .venv/bin/python benchmarks/ledger_core.py --proof-leaves 1000000 --audit-leaves 100000   # quicker

The proof log holds seeded random leaf hashes in an `ArrayHashStore` with the documented layout
(leaf hashes plus complete-subtree nodes at every 4th level); each proof makes the single batched
`read_nodes` call a database-backed store would turn into one query, so the figure excludes only
the database round trip. The audit re-serialises every one of the leaf documents, compares them
with the recorded leaf hashes, rebuilds the tree, checks 100 signed heads and compares the whole
persisted node cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.core.ledger import (
    ArrayHashStore,
    audit_log,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    ledger_record,
    root_hash_at,
    sign_tree_head,
    verify_consistency,
    verify_inclusion,
)

PROOF_TARGET_MS, AUDIT_TARGET_SECONDS = 5.0, 60.0


def _percentile_ms(samples: list[float], share: float) -> float:
    return sorted(samples)[int(share * (len(samples) - 1))] * 1000


def bench_proofs(leaf_count: int, proof_count: int) -> float:
    rng = np.random.default_rng(7)
    leaves = rng.integers(0, 256, size=(leaf_count, 32), dtype=np.uint8)
    started = time.perf_counter()
    store = ArrayHashStore.from_leaf_hashes(leaves)
    print(f"store of {leaf_count:,} leaves built in {time.perf_counter() - started:.1f} s (layout: stride 4)")
    root = root_hash_at(store, leaf_count)
    indices = rng.integers(0, leaf_count, size=proof_count)
    timings = []
    for index in indices:
        started = time.perf_counter()
        proof = inclusion_proof(store, int(index), leaf_count)
        timings.append(time.perf_counter() - started)
        assert verify_inclusion(leaves[index].tobytes(), int(index), leaf_count, proof, root)
    median_ms = statistics.median(timings) * 1000
    print(
        f"inclusion proof, {leaf_count:,} leaves: median {median_ms:.3f} ms, "
        f"p95 {_percentile_ms(timings, 0.95):.3f} ms over {proof_count} random leaves "
        f"(target <= {PROOF_TARGET_MS} ms median)"
    )
    sizes = np.sort(rng.integers(1, leaf_count + 1, size=(proof_count, 2)), axis=1)
    timings = []
    for size1, size2 in sizes:
        started = time.perf_counter()
        proof = consistency_proof(store, int(size1), int(size2))
        timings.append(time.perf_counter() - started)
    size1, size2 = int(sizes[-1][0]), int(sizes[-1][1])
    assert verify_consistency(size1, size2, proof, root_hash_at(store, size1), root_hash_at(store, size2))
    print(f"consistency proof, {leaf_count:,} leaves: median {statistics.median(timings) * 1000:.3f} ms")
    return median_ms


def _documents(count: int) -> list[dict]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        ledger_record(
            record_type="training_hours",
            record_id=number,
            actor=f"mentor:{number % 997}",
            recorded_at=start + timedelta(seconds=number),
            content={
                "student": f"S{number:07d}",
                "enterprise": f"E{number % 5003:05d}",
                "hours": Decimal(number % 400) / 4,
                "session": (start + timedelta(days=number % 365)).date(),
                "confirmed": number % 3 != 0,
            },
        )
        for number in range(count)
    ]


def bench_audit(leaf_count: int) -> float:
    documents = _documents(leaf_count)
    leaf_hashes = np.frombuffer(b"".join(leaf_hash(doc) for doc in documents), dtype=np.uint8).reshape(-1, 32)
    store = ArrayHashStore.from_leaf_hashes(leaf_hashes)
    key = Ed25519PrivateKey.generate()
    head_sizes = np.linspace(leaf_count // 100, leaf_count, 100, dtype=int)
    heads = [sign_tree_head(key, int(size), root_hash_at(store, int(size)), int(size)) for size in head_sizes]
    cache_rows = [
        (level, index, digest)
        for level in range(4, leaf_count.bit_length(), 4)
        for index, digest in enumerate(store.read_nodes([(level, i) for i in range(leaf_count >> level)]))
    ]
    documents[leaf_count // 2]["content"]["hours"] = "999"
    started = time.perf_counter()
    report = audit_log(leaf_hashes, documents, heads, key.public_key(), stored_nodes=cache_rows)
    seconds = time.perf_counter() - started
    assert (
        report.first_altered_leaf == leaf_count // 2
        and not report.head_failures
        and not report.mismatched_nodes
    )
    print(
        f"full verification, {leaf_count:,} leaves (re-serialise + compare every record, rebuild tree, "
        f"{len(heads)} signed heads, {len(cache_rows):,} cache nodes): {seconds:.1f} s "
        f"(target <= {AUDIT_TARGET_SECONDS:.0f} s); altered leaf reported: {report.first_altered_leaf:,}"
    )
    started = time.perf_counter()
    root_hash_at(ArrayHashStore.from_leaf_hashes(leaf_hashes), leaf_count)
    print(f"  of which root from {leaf_count:,} leaf hashes alone: {time.perf_counter() - started:.1f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proof-leaves", type=int, default=10_000_000)
    parser.add_argument("--proofs", type=int, default=1_000)
    parser.add_argument("--audit-leaves", type=int, default=1_000_000)
    arguments = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    median_ms = bench_proofs(arguments.proof_leaves, arguments.proofs)
    audit_seconds = bench_audit(arguments.audit_leaves)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    print(
        f"RESULT inclusion proof median {median_ms:.3f} ms ({'meets' if median_ms <= PROOF_TARGET_MS else 'MISSES'} "
        f"target); full verification {audit_seconds:.1f} s "
        f"({'meets' if audit_seconds <= AUDIT_TARGET_SECONDS else 'MISSES'} target)"
    )


if __name__ == "__main__":
    main()
