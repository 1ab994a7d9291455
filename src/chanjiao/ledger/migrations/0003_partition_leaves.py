"""Partition the leaf table by leaf index on PostgreSQL (see chanjiao.ledger.partitions).

The rows move into a table partitioned by range with the same columns, primary key and index;
the foreign key of ledger entries is re-pointed at it. SQLite has no partitions: nothing happens.
"""

from django.db import migrations

from chanjiao.ledger.partitions import LEAF_TABLE, create_leaf_partitions

RECORD_INDEX = "ledger_leaf_record"


def _entry_foreign_key(cursor, referenced: str) -> str:
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'ledger_ledgerentry'::regclass "
        "AND contype = 'f' AND confrelid = %s::regclass",
        [referenced],
    )
    return cursor.fetchone()[0]


def _swap(schema_editor, partitioned: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    old = f"{LEAF_TABLE}_old"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {LEAF_TABLE} RENAME TO {old}")
        cursor.execute(f"ALTER INDEX {LEAF_TABLE}_pkey RENAME TO {old}_pkey")
        cursor.execute(f"ALTER INDEX {RECORD_INDEX} RENAME TO {old}_record")
        scheme = " PARTITION BY RANGE (leaf_index)" if partitioned else ""
        cursor.execute(f"CREATE TABLE {LEAF_TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS){scheme}")
        cursor.execute(f"ALTER TABLE {LEAF_TABLE} ADD CONSTRAINT {LEAF_TABLE}_pkey PRIMARY KEY (leaf_index)")
        cursor.execute(f"CREATE INDEX {RECORD_INDEX} ON {LEAF_TABLE} (record_type, record_id, leaf_index)")
        if partitioned:
            cursor.execute(f"SELECT coalesce(max(leaf_index) + 1, 0) FROM {old}")
            create_leaf_partitions(cursor, cursor.fetchone()[0] + 1)
        cursor.execute(f"INSERT INTO {LEAF_TABLE} SELECT * FROM {old}")
        foreign_key = _entry_foreign_key(cursor, old)
        cursor.execute(f"ALTER TABLE ledger_ledgerentry DROP CONSTRAINT {foreign_key}")
        cursor.execute(f"DROP TABLE {old}")
        cursor.execute(
            f"ALTER TABLE ledger_ledgerentry ADD CONSTRAINT {foreign_key} FOREIGN KEY (leaf_id) "
            f"REFERENCES {LEAF_TABLE} (leaf_index) DEFERRABLE INITIALLY DEFERRED"
        )


def partition(apps, schema_editor) -> None:
    _swap(schema_editor, partitioned=True)


def unpartition(apps, schema_editor) -> None:
    _swap(schema_editor, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_alter_signedhead_options")]

    operations = [migrations.RunPython(partition, unpartition, elidable=False)]
