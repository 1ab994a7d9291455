"""Writing many rows fast: COPY on PostgreSQL, executemany on SQLite, no model instances."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, models


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], *, batch_size: int = 20_000
) -> int:
    """Insert plain tuples (one value per field, JSON already serialised) and return the count.

    Used by the supply–demand refresh and the province-scale demo, where building a million
    model instances would cost more than the database work itself.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    model_fields = [model._meta.get_field(f) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    count = 0
    rows = iter(rows)
    if connection.vendor != "postgresql":
        rows = _adapted(rows, model_fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        while batch := list(islice(rows, batch_size)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _adapted(rows: Iterable[Sequence], fields: list[models.Field]) -> Iterable[Sequence]:
    """Dates and times as the backend stores them (psycopg's COPY adapts them itself)."""
    converters = {}
    for index, field in enumerate(fields):
        if isinstance(field, models.DateTimeField):
            converters[index] = connection.ops.adapt_datetimefield_value
        elif isinstance(field, models.DateField):
            converters[index] = connection.ops.adapt_datefield_value
    if not converters:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for index, convert in converters.items():
            if values[index] is not None:
                values[index] = convert(values[index])
        yield values
