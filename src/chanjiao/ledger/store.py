"""The core `HashStore` on the platform's database, and streaming reads of the whole log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

from django.db import connection, models
from django.db.models import Exists, OuterRef

from chanjiao.core.ledger import DEFAULT_LEVEL_STRIDE
from chanjiao.ledger.models import Leaf, LedgerEntry, Node

NodeId = tuple[int, int]


def _array(numbers: Sequence[int]) -> str:
    """A PostgreSQL array literal of integers: sent as one short string, which the driver passes
    on as is, where a Python list would be adapted element by element on every proof."""
    return "{" + ",".join(str(int(number)) for number in numbers) + "}"


def _read_sql(leaf_count: int, node_count: int) -> str:
    """One statement reading leaf hashes and stored nodes together (a proof is one round trip).

    PostgreSQL takes each list as one array parameter, so the statement text stays short;
    SQLite gets one placeholder per value and matches nodes as row values.
    """
    leaf_table, node_table = Leaf._meta.db_table, Node._meta.db_table
    if connection.vendor == "postgresql":
        leaves = f"SELECT 0, leaf_index, leaf_hash FROM {leaf_table} WHERE leaf_index = ANY(%s::bigint[])"
        nodes = (
            f"SELECT n.level, n.node_index, n.node_hash FROM {node_table} n "
            "JOIN unnest(%s::smallint[], %s::bigint[]) AS wanted(level, node_index) "
            "ON n.level = wanted.level AND n.node_index = wanted.node_index"
        )
    else:
        leaves = f"SELECT 0, leaf_index, leaf_hash FROM {leaf_table} WHERE leaf_index IN ({', '.join(['%s'] * leaf_count)})"
        pairs = ", ".join(["(%s, %s)"] * node_count)
        nodes = f"SELECT level, node_index, node_hash FROM {node_table} WHERE (level, node_index) IN (VALUES {pairs})"
    parts = ([leaves] if leaf_count else []) + ([nodes] if node_count else [])
    return " UNION ALL ".join(parts)


class DatabaseHashStore:
    """Leaf and node hashes read from the ``Leaf`` and ``Node`` tables, in one query per call.

    Reads see what the current transaction sees, so inside an append they include the leaves
    written so far. Hashes read once are kept for the store's lifetime (a complete subtree never
    changes). ``prefetch`` names nodes to read along with the first call, e.g. a proof's own
    leaf hash, which then costs no query of its own.
    """

    def __init__(self, prefetch: Sequence[NodeId] = ()) -> None:
        self._prefetch = list(prefetch)
        self._known: dict[NodeId, bytes] = {}

    @property
    def level_stride(self) -> int:
        return DEFAULT_LEVEL_STRIDE

    def read_nodes(self, node_ids: Sequence[NodeId]) -> list[bytes]:
        wanted = sorted({node_id for node_id in [*node_ids, *self._prefetch] if node_id not in self._known})
        self._prefetch = []
        if wanted:
            leaf_indices = [index for level, index in wanted if level == 0]
            nodes = [(level, index) for level, index in wanted if level]
            if connection.vendor == "postgresql":
                levels, indices = [level for level, _ in nodes], [index for _, index in nodes]
                params: list[object] = [_array(leaf_indices)] if leaf_indices else []
                params += [_array(levels), _array(indices)] if nodes else []
            else:
                params = [*leaf_indices, *(value for node in nodes for value in node)]
            with connection.cursor() as cursor:
                cursor.execute(_read_sql(len(leaf_indices), len(nodes)), params)
                for level, index, digest in cursor.fetchall():
                    self._known[(level, index)] = bytes(digest)
        try:
            return [self._known[node_id] for node_id in node_ids]
        except KeyError as error:
            level, index = error.args[0]
            raise ValueError(f"node (level {level}, index {index}) is not stored") from None


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    upsert: tuple[Sequence[str], Sequence[str]] | None = None,
) -> None:
    """Insert many rows in bulk: the hot path of appends, without the ORM's per-field SQL work.

    On PostgreSQL plain inserts use COPY and upserts a single ``INSERT ... SELECT FROM unnest``
    of one array per column; elsewhere one prepared statement runs for every row. ``upsert=
    (conflict fields, update fields)`` turns a conflicting row into an update (``ON CONFLICT ...
    DO UPDATE``, understood by PostgreSQL and SQLite alike).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    meta = model._meta
    table = quote(meta.db_table)
    model_fields = [meta.get_field(name) for name in fields]
    column_list = ", ".join(quote(field.column) for field in model_fields)
    conflict_clause = ""
    if upsert is not None:
        conflict, updates = upsert
        assignments = ", ".join(
            f"{quote(meta.get_field(name).column)} = EXCLUDED.{quote(meta.get_field(name).column)}"
            for name in updates
        )
        conflicting = ", ".join(quote(meta.get_field(name).column) for name in conflict)
        conflict_clause = f" ON CONFLICT ({conflicting}) DO UPDATE SET {assignments}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and upsert is None:
            with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elif connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in model_fields)
            columns = [list(column) for column in zip(*rows, strict=True)]
            cursor.execute(
                f"INSERT INTO {table} ({column_list}) SELECT * FROM unnest({arrays}){conflict_clause}",
                columns,
            )
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({column_list}) VALUES ({placeholders}){conflict_clause}", rows
            )


def leaf_hash_rows(*, chunk_size: int = 20_000) -> Iterator[list[tuple[int, bytes, str]]]:
    """Chunks of ``(leaf_index, leaf_hash, document)`` in index order, for the whole-log check.

    Plain SQL by index ranges: every leaf is read, so per-row ORM work would dominate, and
    ranges keep memory flat on any database.
    """
    last = Leaf.objects.order_by("-leaf_index").values_list("leaf_index", flat=True).first()
    stop = last + 1 if last is not None else 0
    sql = (
        f"SELECT leaf_index, leaf_hash, document FROM {Leaf._meta.db_table} "
        "WHERE leaf_index >= %s AND leaf_index < %s ORDER BY leaf_index"
    )
    with connection.cursor() as cursor:
        for low in range(0, stop, chunk_size):
            cursor.execute(sql, [low, low + chunk_size])
            yield [(index, bytes(digest), document) for index, digest, document in cursor.fetchall()]


def superseded_leaves() -> Iterator[tuple[int, str, str, str | None, datetime, str | None, str]]:
    """``(leaf_index, record_type, record_id, actor, recorded_at, salt, document)`` of every leaf
    that is no record's latest (a record's earlier versions), in index order."""
    latest = LedgerEntry.objects.filter(leaf_id=OuterRef("pk"))
    rows = (
        Leaf.objects.filter(~Exists(latest))
        .order_by("leaf_index")
        .values_list("leaf_index", "record_type", "record_id", "actor", "recorded_at", "salt", "document")
    )
    yield from rows.iterator(chunk_size=5000)


def stored_nodes() -> Iterator[tuple[int, int, bytes]]:
    """Every row of the node table as ``(level, index, hash)``."""
    rows = Node.objects.order_by("level", "node_index").values_list("level", "node_index", "node_hash")
    for level, index, digest in rows.iterator(chunk_size=20_000):
        yield level, index, bytes(digest)


def latest_leaves(
    record_type: str, *, chunk_size: int = 20_000
) -> Iterator[tuple[str, int, bytes, str | None, datetime, str | None]]:
    """``(record_id, leaf_index, leaf_hash, actor, recorded_at, salt)`` of the latest leaf of every
    logged record of a type, ordered by `record_id_key` (numeric order for the integer ids the
    platform's records have), for the whole-log check to merge with the records themselves.

    One streamed query (a server-side cursor on PostgreSQL), so memory stays flat.
    """
    entry_table, leaf_table = LedgerEntry._meta.db_table, Leaf._meta.db_table
    binary = '"C"' if connection.vendor == "postgresql" else "BINARY"
    sql = (
        f"SELECT e.record_id, l.leaf_index, l.leaf_hash, l.actor, l.recorded_at, l.salt FROM {entry_table} e "
        f"JOIN {leaf_table} l ON l.leaf_index = e.leaf_id WHERE e.record_type = %s "
        f"ORDER BY length(e.record_id), e.record_id COLLATE {binary}"
    )
    # SQLite hands back text for a timestamp: the backend's converters make it an aware datetime.
    column = Leaf._meta.get_field("recorded_at").get_col(leaf_table)
    converters = connection.ops.get_db_converters(column)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [record_type])
        while rows := cursor.fetchmany(chunk_size):
            for record_id, index, digest, actor, moment, salt in rows:
                for converter in converters:
                    moment = converter(moment, column, connection)
                yield record_id, index, bytes(digest), actor, moment, salt


def record_id_key(record_id: str) -> tuple[int, str]:
    """Sort key of record ids as `latest_leaves` orders them: shorter first, then by code point.

    For non-negative integers written in decimal this is numeric order.
    """
    return len(record_id), record_id
