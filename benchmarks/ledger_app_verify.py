"""Benchmark: `chanjiao ledger verify` over a PostgreSQL log of 1,000,000 leaves (target <= 60 s).

Run:
    .venv/bin/python benchmarks/ledger_app_verify.py                        # 1,000,000 leaves
    .venv/bin/python benchmarks/ledger_app_verify.py --leaves 100000 --keep

The scratch database ``chanjiao_bench_ledger`` is created, loaded with COPY and dropped: one
enterprise row per leaf in the registry's organisation table, its leaf (canonical JSON written
directly and checked against the core), the record pointers, the stored subtree nodes, the log
state and 100 signed heads at growing sizes. The timed call is the one behind the command,
`chanjiao.ledger.verification.verify_ledger`: it hashes every stored document, rebuilds every
organisation from its current row and compares it with its leaf, checks the pointers in SQL,
rebuilds the tree, and checks all heads and stored nodes. Then one row is changed directly in
the database and the check must name it.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
from ledger_app_database import LEAF_COLUMNS, add_database_arguments, benchmark_database, copy_rows, leaf_line

TARGET_SECONDS = 60.0
RECORDED_AT = datetime(2025, 1, 1, tzinfo=UTC)
CHUNK = 200_000
ORGANISATION_COLUMNS = (
    "id", "kind", "name", "credit_code", "region_id", "address", "website", "description", "size", "ownership",
    "industry", "employees", "revenue", "rd_spending", "certified_integration_enterprise", "school_level",
    "created_at", "updated_at",
)  # fmt: skip


def organisation_line(pk: int) -> str:
    values = ["enterprise", f"企业{pk}", "\\N", "320505", "", "", "", "sme", "private", "C", str(pk % 3000)]
    values += [
        f"{pk % 90_000}.50",
        f"{pk % 400}.25",
        "f",
        "",
        "2025-01-01 00:00:00+00",
        "2025-01-01 00:00:00+00",
    ]
    return f"{pk}\t" + "\t".join(values) + "\n"


def leaf_document(pk: int) -> str:
    """Canonical JSON of organisation ``pk``'s leaf, as the service would write it."""
    content = (
        f'{{"address":"","certified_integration_enterprise":false,"credit_code":null,"description":"",'
        f'"employees":{pk % 3000},"industry":"C","kind":"enterprise","name":"企业{pk}","ownership":"private",'
        f'"rd_spending":"{pk % 400}.25","region":320505,"revenue":"{pk % 90_000}.50","school_level":"",'
        f'"size":"sme","website":""}}'
    )
    return (
        f'{{"actor":null,"content":{content},"record_id":{pk},"record_type":"organisation",'
        f'"recorded_at":"2025-01-01T00:00:00Z","schema_version":1}}'
    )


def check_documents() -> None:
    from chanjiao.core.ledger import ledger_leaf_input

    for pk in (1, 401, 90_001):
        content = {
            "kind": "enterprise", "name": f"企业{pk}", "credit_code": None, "region": 320505, "address": "",
            "website": "", "description": "", "size": "sme", "ownership": "private", "industry": "C",
            "employees": pk % 3000, "revenue": Decimal(f"{pk % 90_000}.50"),
            "rd_spending": Decimal(f"{pk % 400}.25"), "certified_integration_enterprise": False, "school_level": "",
        }  # fmt: skip
        expected = ledger_leaf_input(
            record_type="organisation", record_id=pk, actor=None, recorded_at=RECORDED_AT, content=content
        )
        assert leaf_document(pk).encode() == expected, "the benchmark's documents must be canonical"


def load(leaf_count: int) -> None:
    from django.db import connection

    from chanjiao.core.ledger import ArrayHashStore, root_hash_at, sign_tree_head
    from chanjiao.ledger.keys import public_key_base64, signing_key
    from chanjiao.ledger.models import LogState, SignedHead

    check_documents()
    started = time.perf_counter()
    digests = bytearray()
    for first in range(0, leaf_count, CHUNK):
        numbers = range(first, min(first + CHUNK, leaf_count))
        copy_rows("registry_organisation", ORGANISATION_COLUMNS, (organisation_line(n + 1) for n in numbers))
        lines = []
        for number in numbers:
            document = leaf_document(number + 1)
            digest = hashlib.sha256(b"\x00" + document.encode()).digest()
            digests += digest
            lines.append(
                leaf_line(number, digest, "organisation", str(number + 1), "2025-01-01 00:00:00+00", document)
            )
        copy_rows("ledger_leaf", LEAF_COLUMNS, lines)
        copy_rows(
            "ledger_ledgerentry",
            ("id", "record_type", "record_id", "leaf_id"),
            (f"{n + 1}\torganisation\t{n + 1}\t{n}\n" for n in numbers),
        )
        print(
            f"  {numbers.stop:,} records and leaves loaded ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    store = ArrayHashStore()
    runs = store.append(np.frombuffer(bytes(digests), dtype=np.uint8).reshape(-1, 32))
    copy_rows(
        "ledger_node",
        ("level", "node_index", "node_hash"),
        (f"{level}\t{index}\t\\\\x{digest.hex()}\n" for run in runs for level, index, digest in run.rows()),
    )
    LogState.objects.create(tree_size=leaf_count, root_hash=root_hash_at(store, leaf_count))
    key, published = signing_key(), public_key_base64()
    for size in np.linspace(leaf_count // 100, leaf_count, 100, dtype=int):
        signed = sign_tree_head(key, int(size), root_hash_at(store, int(size)), RECORDED_AT)
        SignedHead.objects.create(
            tree_size=int(size),
            root_hash=signed.head.root_hash,
            timestamp_ms=signed.head.timestamp_ms,
            signature=signed.signature,
            public_key=published,
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('registry_organisation', 'id'), %s)", [leaf_count]
        )
        cursor.execute("SELECT setval(pg_get_serial_sequence('ledger_ledgerentry', 'id'), %s)", [leaf_count])
        cursor.execute("ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    add_database_arguments(parser)
    arguments = parser.parse_args()
    with benchmark_database(arguments.database, keep=arguments.keep) as reused:
        from chanjiao.ledger.keys import public_key
        from chanjiao.ledger.models import LogState
        from chanjiao.ledger.verification import verify_ledger
        from chanjiao.registry.models import Organisation

        state = LogState.objects.filter(pk=1).first()
        if not (reused and state is not None and state.tree_size == arguments.leaves):
            load(arguments.leaves)
        cpu = time.process_time()
        report = verify_ledger(public_key=public_key())
        cpu = time.process_time() - cpu
        assert report.ok, report.as_dict(limit=5)
        print(
            f"full verification, {report.tree_size:,} leaves ({report.records_checked:,} records rebuilt from "
            f"their rows, {report.heads_checked} signed heads, stored nodes, pointers): {report.seconds:.1f} s "
            f"(this process's CPU {cpu:.1f} s; target <= {TARGET_SECONDS:.0f} s)"
        )
        tampered = arguments.leaves // 2
        employees = Organisation.objects.get(pk=tampered).employees
        Organisation.objects.filter(pk=tampered).update(employees=employees + 1)
        report = verify_ledger(public_key=public_key())
        finding = report.findings[0]
        assert (finding.kind, finding.record_id) == ("record_changed", str(tampered)), report.as_dict(limit=5)
        Organisation.objects.filter(pk=tampered).update(employees=employees)
        print(f"after a direct edit: {report.seconds:.1f} s, reported: {finding.message}")


if __name__ == "__main__":
    main()
