"""Where a request's time goes: CPU time, wall time and database queries of each page and API
list of the load test's workload, per role, read in-process with Django's test client (no HTTP,
no other request at the same time), so the figures hold even on a busy machine.

    .venv/bin/python benchmarks/page_costs.py                    # the load test's database
    .venv/bin/python benchmarks/page_costs.py --repeat 20 --profile "/"   # and a profile of one page

It reads the database and accounts `benchmarks/load.py` prepared (run that once first; the
defaults are the same). Each page is read once to warm the caches, then ``--repeat`` times.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/chanjiao_load")
    parser.add_argument("--var", default="/tmp/chanjiao-load-pg", help="load.py's var folder")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", metavar="NAME", help="print the 25 costliest functions of this request")
    args = parser.parse_args()
    os.environ.update(
        CHANJIAO_VAR=args.var,
        DATABASE_URL=args.database,
        DJANGO_SETTINGS_MODULE="chanjiao.config.settings",
        ALLOWED_HOSTS="testserver",
        DEBUG="0",
    )
    setup = json.loads((Path(args.var) / "load-accounts.json").read_text())
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    sys.path.insert(0, str(HERE))
    from load_workload import reads

    from chanjiao.accounts.models import User

    seen: set[str] = set()
    print(f"{'role':12} {'request':44} {'cpu ms':>7} {'wall ms':>8} {'queries':>8} {'KiB':>6}")
    for account in setup["accounts"]:
        role = account["role"]
        if role in seen:
            continue
        seen.add(role)
        client = Client()
        client.force_login(User.objects.get(username=account["username"]))
        for name, path in reads(setup["round"])[role]:
            client.get(path)
            cpu, wall = [], []
            queries: list[str] = []

            def count(execute, sql, *rest, queries=queries):
                queries.append(sql)
                return execute(sql, *rest)

            with connection.execute_wrapper(count):
                response = client.get(path)
            for _ in range(args.repeat):
                started_cpu, started = time.process_time(), time.perf_counter()
                client.get(path)
                cpu.append(1000 * (time.process_time() - started_cpu))
                wall.append(1000 * (time.perf_counter() - started))
            print(
                f"{role:12} {name:44.44} {statistics.median(cpu):7.1f} {statistics.median(wall):8.1f}"
                f" {len(queries):8d} {len(response.content) // 1024:6d}"
                + ("" if response.status_code == 200 else f"  status {response.status_code}")
            )
            if args.profile == name:
                profiler = cProfile.Profile()
                profiler.runcall(client.get, path)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
