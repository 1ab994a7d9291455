"""The leaf table partitioned by leaf index on PostgreSQL: partitions roll with the log and a
read of a leaf range touches only the partitions that hold it. On SQLite nothing changes."""

import pytest
from django.db import connection
from django.utils import timezone

from chanjiao.ledger.models import Leaf
from chanjiao.ledger.partitions import (
    LEAF_PARTITION_WIDTH,
    create_leaf_partitions,
    ensure_leaf_partitions,
    is_partitioned,
    leaf_partitions,
)
from chanjiao.ledger.verification import verify_ledger

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions are a PostgreSQL feature; SQLite keeps one table"
)


def explain(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_on_sqlite_the_leaf_table_stays_one_table(logged_world):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    assert ensure_leaf_partitions(10 * LEAF_PARTITION_WIDTH) == []
    assert Leaf.objects.count() == 10


@postgres_only
def test_the_leaves_live_in_partitions_by_leaf_index(logged_world, ledger_signing_key):
    with connection.cursor() as cursor:
        assert is_partitioned(cursor)
        assert leaf_partitions(cursor) == [0]
        cursor.execute("SELECT DISTINCT tableoid::regclass::text FROM ledger_leaf")
        assert cursor.fetchall() == [("ledger_leaf_p00000",)]
    assert verify_ledger(public_key=ledger_signing_key.public_key()).ok


@postgres_only
def test_the_next_partition_is_made_when_the_log_reaches_it(logged_world):
    # when: a write below the first partition's end, then one past it
    before = ensure_leaf_partitions(LEAF_PARTITION_WIDTH)
    created = ensure_leaf_partitions(LEAF_PARTITION_WIDTH + 1)
    again = ensure_leaf_partitions(LEAF_PARTITION_WIDTH + 1)
    # then
    assert (before, created, again) == ([], ["ledger_leaf_p00001"], [])
    leaf = Leaf.objects.first()
    leaf.pk = LEAF_PARTITION_WIDTH
    leaf.save(force_insert=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM ledger_leaf WHERE leaf_index = %s", [LEAF_PARTITION_WIDTH]
        )
        assert cursor.fetchone() == ("ledger_leaf_p00001",)


@postgres_only
def test_a_leaf_range_read_prunes_the_other_partitions(logged_world):
    # given two partitions
    with connection.cursor() as cursor:
        create_leaf_partitions(cursor, 2 * LEAF_PARTITION_WIDTH)
    Leaf.objects.create(
        leaf_index=LEAF_PARTITION_WIDTH + 5,
        leaf_hash=bytes(32),
        record_type="organisation",
        record_id="1",
        recorded_at=timezone.now(),
        document="{}",
    )
    # when
    first = explain(
        "SELECT leaf_index, leaf_hash FROM ledger_leaf WHERE leaf_index >= %s AND leaf_index < %s", [0, 10]
    )
    second = explain("SELECT document FROM ledger_leaf WHERE leaf_index = %s", [LEAF_PARTITION_WIDTH + 5])
    # then
    assert "ledger_leaf_p00000" in first and "ledger_leaf_p00001" not in first
    assert "ledger_leaf_p00001" in second and "ledger_leaf_p00000" not in second
