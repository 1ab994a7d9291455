"""The leaf table partitioned by leaf index on PostgreSQL (declarative range partitions).

Why leaf index: it is the table's primary key, so the key stays unique on its own, the
foreign key of ``LedgerEntry.leaf`` keeps pointing at it unchanged, and every read of the log
already names leaf indices (a proof's nodes, a range of leaves to verify, the latest leaf of a
record through its pointer): PostgreSQL prunes the partitions those reads cannot touch. Leaves
are appended in index order, so only the newest partition takes writes, and an old partition can
be moved to other storage, backed up or checked on its own.

Each partition holds ``LEAF_PARTITION_WIDTH`` leaves and is named after its number
(``ledger_leaf_p00003`` holds leaves ``[3 * width, 4 * width)``). The append service makes sure
the partition of its last new leaf exists before it writes (`ensure_leaf_partitions`), under the
log's row lock, so partitions roll forward with the log. SQLite has no partitions: everything
here does nothing there.
"""

from __future__ import annotations

import re

from django.db import connection, transaction

LEAF_TABLE = "ledger_leaf"
LEAF_PARTITION_WIDTH = 1 << 22  # 4,194,304 leaves, about 1.5 GB of documents and indexes
_PARTITION_NAME = re.compile(rf"^{LEAF_TABLE}_p(\d+)$")
_covered = 0  # leaves [0, _covered) have a partition (a lower bound kept per process)


def partition_name(number: int) -> str:
    return f"{LEAF_TABLE}_p{number:05d}"


def leaf_partitions(cursor) -> list[int]:
    """Numbers of the existing leaf partitions, in order (empty when the table is not partitioned)."""
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = %s::regclass",
        [LEAF_TABLE],
    )
    numbers = [_PARTITION_NAME.match(name) for (name,) in cursor.fetchall()]
    return sorted(int(match.group(1)) for match in numbers if match)


def create_leaf_partitions(cursor, upto: int) -> list[str]:
    """Create the partitions missing for leaves ``[0, upto)``; returns their names."""
    existing = set(leaf_partitions(cursor))
    created = []
    for number in range(max(1, -(-upto // LEAF_PARTITION_WIDTH))):
        if number in existing:
            continue
        name = partition_name(number)
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {LEAF_TABLE} "
            f"FOR VALUES FROM ({number * LEAF_PARTITION_WIDTH}) TO ({(number + 1) * LEAF_PARTITION_WIDTH})"
        )
        created.append(name)
    return created


def is_partitioned(cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [LEAF_TABLE])
    return cursor.fetchone() is not None


def _remember(covered: int) -> None:
    global _covered
    _covered = max(_covered, covered)


def ensure_leaf_partitions(upto: int) -> list[str]:
    """Before writing leaves below ``upto``: create the partitions they need (PostgreSQL only).

    One catalog query the first time in a process and whenever the log crosses into a new
    partition; what is known to exist is remembered only once the transaction commits (a
    partition created by a transaction that rolls back is gone again).
    """
    if connection.vendor != "postgresql" or upto <= _covered:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass), "
            "(SELECT max(c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass)",
            [LEAF_TABLE, LEAF_TABLE],
        )
        partitioned, newest = cursor.fetchone()
        if not partitioned:
            return []
        match = _PARTITION_NAME.match(newest or "")
        covered = (int(match.group(1)) + 1) * LEAF_PARTITION_WIDTH if match else 0
        created = create_leaf_partitions(cursor, upto) if upto > covered else []
    covered = max(covered, -(-upto // LEAF_PARTITION_WIDTH) * LEAF_PARTITION_WIDTH)
    transaction.on_commit(lambda: _remember(covered))
    return created
