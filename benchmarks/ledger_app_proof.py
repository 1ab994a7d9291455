"""Benchmark: inclusion proofs served from a PostgreSQL record log of 10,000,000 leaves (target <= 5 ms median).

Run:
    .venv/bin/python benchmarks/ledger_app_proof.py                         # 10,000,000 leaves (load ~ minutes)
    .venv/bin/python benchmarks/ledger_app_proof.py --leaves 1000000 --keep # keep the database for reruns

The scratch database ``chanjiao_bench_ledger`` is created, loaded with COPY (leaf rows with their
canonical JSON documents, the stored subtree nodes, the log state) and dropped at the end. A
tree head is signed through the service, which recomputes the root from the database. Then:

- the selector `chanjiao.ledger.selectors.inclusion_proof` (two indexed queries, one per table,
  and the hashing) for random leaves against the signed head, each proof checked;
- the same through HTTP, ``GET /api/ledger/proofs/inclusion`` with a signed-in session (Django
  test client in process: routing, middleware, session and user lookups, JSON);
- consistency proofs between random sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from datetime import UTC, datetime

import numpy as np
from ledger_app_database import LEAF_COLUMNS, add_database_arguments, benchmark_database, copy_rows, leaf_line

TARGET_MS = 5.0
RECORDED_AT = datetime(2025, 1, 1, tzinfo=UTC)
CHUNK = 1_000_000


def leaf_document(number: int) -> str:
    """Canonical JSON of leaf ``number`` written directly (checked against the core below)."""
    return (
        f'{{"actor":null,"content":{{"employees":{number % 3000},"name":"企业{number}","region":320505}},'
        f'"record_id":{number},"record_type":"organisation","recorded_at":"2025-01-01T00:00:00Z",'
        f'"schema_version":1}}'
    )


def check_documents() -> None:
    from chanjiao.core.ledger import ledger_leaf_input

    for number in (0, 7, 123_456, 9_999_999):
        expected = ledger_leaf_input(
            record_type="organisation",
            record_id=number,
            actor=None,
            recorded_at=RECORDED_AT,
            content={"name": f"企业{number}", "employees": number % 3000, "region": 320505},
        )
        assert leaf_document(number).encode() == expected, "the benchmark's documents must be canonical"


def load(leaf_count: int) -> None:
    from django.db import connection

    from chanjiao.core.ledger import ArrayHashStore, root_hash_at
    from chanjiao.ledger.models import LogState

    check_documents()
    started = time.perf_counter()
    digests = bytearray()
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX IF EXISTS "ledger_leaf_record"')
    for first in range(0, leaf_count, CHUNK):
        lines = []
        for number in range(first, min(first + CHUNK, leaf_count)):
            document = leaf_document(number)
            digest = hashlib.sha256(b"\x00" + document.encode()).digest()
            digests += digest
            lines.append(
                leaf_line(number, digest, "organisation", str(number), "2025-01-01 00:00:00+00", document)
            )
        copy_rows("ledger_leaf", LEAF_COLUMNS, lines)
        print(
            f"  {min(first + CHUNK, leaf_count):,} leaves loaded ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE INDEX "ledger_leaf_record" ON "ledger_leaf" ("record_type", "record_id", "leaf_index")'
        )
    store = ArrayHashStore()
    runs = store.append(np.frombuffer(bytes(digests), dtype=np.uint8).reshape(-1, 32))
    copy_rows(
        "ledger_node",
        ("level", "node_index", "node_hash"),
        (f"{level}\t{index}\t\\\\x{digest.hex()}\n" for run in runs for level, index, digest in run.rows()),
    )
    LogState.objects.create(tree_size=leaf_count, root_hash=root_hash_at(store, leaf_count))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded {leaf_count:,} leaves and their subtree nodes in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _summary(label: str, timings: list[float], cpu: list[float]) -> float:
    median = statistics.median(timings) * 1000
    p95 = sorted(timings)[int(0.95 * (len(timings) - 1))] * 1000
    print(
        f"{label}: median {median:.2f} ms, p95 {p95:.2f} ms over {len(timings)} requests "
        f"(this process's CPU: median {statistics.median(cpu) * 1000:.2f} ms)"
    )
    return median


def _timed(call) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def measure(leaf_count: int, proofs: int) -> None:
    from django.test import Client

    from chanjiao.accounts.models import Role, User
    from chanjiao.core.ledger import verify_inclusion
    from chanjiao.ledger import selectors
    from chanjiao.ledger.services import sign_tree_head

    head = sign_tree_head(actor=None)
    root = bytes(head.root_hash)
    rng = np.random.default_rng(7)
    indices = [int(i) for i in rng.integers(0, leaf_count, size=proofs)]
    timings, cpu = [], []
    for index in indices:
        wall, used, (size, leaf_hash, path) = _timed(lambda index=index: selectors.inclusion_proof(index))
        timings.append(wall)
        cpu.append(used)
        assert verify_inclusion(leaf_hash, index, size, path, root)
    selector_ms = _summary(f"inclusion proof (selector), {leaf_count:,} leaves", timings, cpu)

    user, _created = User.objects.get_or_create(username="bench-reader", defaults={"role": Role.ADMIN})
    client = Client()
    client.force_login(user)
    timings, cpu = [], []
    for index in indices:
        wall, used, response = _timed(
            lambda index=index: client.get("/api/ledger/proofs/inclusion", {"leaf_index": index})
        )
        timings.append(wall)
        cpu.append(used)
        assert response.status_code == 200
    api_ms = _summary(
        f"inclusion proof (GET /api/ledger/proofs/inclusion), {leaf_count:,} leaves", timings, cpu
    )

    sizes = np.sort(rng.integers(1, leaf_count + 1, size=(proofs // 4, 2)), axis=1)
    timings, cpu = [], []
    for first, second in sizes:
        wall, used, _proof = _timed(
            lambda first=first, second=second: selectors.consistency_proof(int(first), int(second))
        )
        timings.append(wall)
        cpu.append(used)
    _summary(f"consistency proof (selector), {leaf_count:,} leaves", timings, cpu)
    for label, median in (("selector", selector_ms), ("HTTP API", api_ms)):
        print(
            f"target <= {TARGET_MS} ms median, {label}: {'met' if median <= TARGET_MS else 'missed'} ({median:.2f} ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=10_000_000)
    parser.add_argument("--proofs", type=int, default=1_000)
    add_database_arguments(parser)
    arguments = parser.parse_args()
    with benchmark_database(arguments.database, keep=arguments.keep) as reused:
        from chanjiao.ledger.models import LogState

        state = LogState.objects.filter(pk=1).first()
        if not (reused and state is not None and state.tree_size == arguments.leaves):
            load(arguments.leaves)
        measure(arguments.leaves, arguments.proofs)


if __name__ == "__main__":
    main()
