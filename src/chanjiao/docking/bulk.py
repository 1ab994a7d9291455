"""Writing many rows fast: COPY on PostgreSQL, executemany on SQLite, no model instances."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from itertools import islice

import pandas as pd
from django.core.management.color import no_style
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


def reset_sequence(model: type[models.Model]) -> None:
    """After rows were inserted with explicit ids, make the next automatic id follow them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [model])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def insert_frame(model: type[models.Model], fields: Sequence[str], frame: pd.DataFrame) -> int:
    """Insert a DataFrame whose columns are ``fields`` in order (numbers, text, ISO dates).

    On PostgreSQL the frame is written as one CSV stream into COPY, which is several times faster
    than adapting row by row; elsewhere it goes through ``insert_rows``.
    """
    if connection.vendor != "postgresql":
        plain = frame.astype(object).where(frame.notna(), None)  # NaN and <NA> become NULL
        return insert_rows(model, fields, plain.itertuples(index=False, name=None))
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    buffer = io.StringIO()
    frame.to_csv(buffer, header=False, index=False)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy,
    ):
        copy.write(buffer.getvalue())
    return len(frame)
