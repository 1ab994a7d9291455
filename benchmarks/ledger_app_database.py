"""Shared by the ledger_app_* benchmarks (not a benchmark itself): a scratch PostgreSQL database.

`benchmark_database()` creates ``chanjiao_bench_ledger`` (or ``--database``) on the server of
``DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/test), points Django at it, runs
the migrations, and drops it afterwards unless asked to keep it. `copy_rows` bulk-loads rows
with PostgreSQL COPY; `leaf_line` formats one leaf row for it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_DATABASE = "chanjiao_bench_ledger"
BENCH_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # fixed: heads are reproducible


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="scratch database to create and drop")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database (and reuse it if it is loaded)"
    )


@contextlib.contextmanager
def benchmark_database(name: str, *, keep: bool = False) -> Iterator[bool]:
    """Create (or, with ``keep``, reuse) the scratch database and set Django up on it.

    Yields True when a kept database already existed (its data can be reused).
    """
    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        server = DEFAULT_SERVER
    admin = psycopg.connect(server, autocommit=True)
    existed = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
    if existed and not keep:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    if not existed or not keep:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = urlsplit(server)._replace(path=f"/{name}").geturl()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanjiao.config.settings")
    os.environ["LEDGER_SIGNING_KEY"] = BENCH_KEY
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django
    from django.core.management import call_command

    django.setup()
    started = time.perf_counter()
    call_command("migrate", "--no-input", "-v", "0")
    print(f"database {name}: migrated in {time.perf_counter() - started:.1f} s", flush=True)
    try:
        yield existed and keep
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"database {name}: dropped")
        admin.close()


def copy_rows(
    table: str, columns: Iterable[str], lines: Iterable[str], *, batch_bytes: int = 8 << 20
) -> None:
    """COPY text-format lines (tab-separated, newline-terminated) into a table."""
    from django.db import connection

    column_list = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor, cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
        buffer: list[str] = []
        size = 0
        for line in lines:
            buffer.append(line)
            size += len(line)
            if size >= batch_bytes:
                copy.write("".join(buffer))
                buffer, size = [], 0
        copy.write("".join(buffer))


def leaf_line(
    index: int, digest: bytes, record_type: str, record_id: str, recorded_at: str, document: str
) -> str:
    """One ``ledger_leaf`` row in COPY text format (the platform's actor column left NULL)."""
    return f"{index}\t\\\\x{digest.hex()}\t{record_type}\t{record_id}\t\\N\t{recorded_at}\t{document}\n"


LEAF_COLUMNS = ("leaf_index", "leaf_hash", "record_type", "record_id", "actor", "recorded_at", "document")
