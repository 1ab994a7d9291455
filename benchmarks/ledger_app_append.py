"""Benchmark: appends to the PostgreSQL-backed record log, in batches (target >= 5,000 records/s).

Run:
    .venv/bin/python benchmarks/ledger_app_append.py                      # 100,000 records, batches of 1,000
    .venv/bin/python benchmarks/ledger_app_append.py --records 20000 --batch 500

Each batch is one `chanjiao.ledger.services.append_records` call, exactly as a capability's bulk
import would make it: under the log-state row lock it serialises every record to canonical JSON,
hashes it, inserts the leaves, the subtree nodes they complete and the record pointers, and
advances the log's size and root, in one transaction. The records are enterprise records of the
registry's shape. The scratch database ``chanjiao_bench_ledger`` is created and dropped.
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import Decimal

from ledger_app_database import add_database_arguments, benchmark_database

TARGET_PER_SECOND = 5_000


def enterprise_content(number: int) -> dict:
    return {
        "kind": "enterprise",
        "name": f"苏州第{number}精密制造有限公司",
        "credit_code": f"913205{number:012d}",
        "region": 320505,
        "address": f"苏州市虎丘区科技城{number % 900}号",
        "website": "",
        "description": "",
        "size": "sme",
        "ownership": "private",
        "industry": "C",
        "employees": 20 + number % 3000,
        "revenue": Decimal(number % 90_000) + Decimal("0.50"),
        "rd_spending": Decimal(number % 4_000) + Decimal("0.25"),
        "certified_integration_enterprise": number % 7 == 0,
        "school_level": "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    add_database_arguments(parser)
    arguments = parser.parse_args()
    with benchmark_database(arguments.database, keep=arguments.keep):
        from chanjiao.ledger.models import LogState, Node
        from chanjiao.ledger.services import RecordChange, append_records

        appending = cpu = 0.0
        rates = []
        for first in range(0, arguments.records, arguments.batch):
            changes = [
                RecordChange("organisation", number + 1, enterprise_content(number))
                for number in range(first, min(first + arguments.batch, arguments.records))
            ]
            started, cpu_started = time.perf_counter(), time.process_time()
            append_records(changes=changes, actor=None)
            seconds = time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            appending += seconds
            rates.append(len(changes) / seconds)
        state = LogState.objects.get()
        print(
            f"appended {state.tree_size:,} records in batches of {arguments.batch:,} in {appending:.1f} s: "
            f"{state.tree_size / appending:,.0f} records/s (median batch {statistics.median(rates):,.0f}/s, "
            f"slowest {min(rates):,.0f}/s; target >= {TARGET_PER_SECOND:,}; this process's CPU {cpu:.1f} s); "
            f"{Node.objects.count():,} subtree nodes stored"
        )


if __name__ == "__main__":
    main()
