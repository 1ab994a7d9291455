"""Reading uploaded tables (Excel or CSV) and writing lists to Excel."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 200_000


class TableError(ValueError):
    """The file as a whole cannot be read (wrong format, no header, too large)."""


@dataclass
class Row:
    line: int  # the line number a person sees in Excel (header is line 1)
    values: dict[str, str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_table(data: bytes, filename: str) -> tuple[list[str], list[Row]]:
    """Header and rows of an .xlsx or .csv file; blank rows are skipped."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise TableError(
                f"{filename} is not a readable Excel workbook ({type(error).__name__})."
            ) from None
        raw_rows: Iterable[tuple[int, list[str]]] = (
            (number, [_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise TableError(f"{filename} is neither UTF-8 nor GB18030 text.") from None
        raw_rows = (
            (number, [c.strip() for c in values])
            for number, values in enumerate(csv.reader(io.StringIO(text)), start=1)
        )
    else:
        raise TableError("Upload an Excel (.xlsx) or CSV (.csv) file.")
    header: list[str] | None = None
    rows: list[Row] = []
    for number, values in raw_rows:
        if not any(values):
            continue
        if header is None:
            header = [v.strip() for v in values]
            if len(set(h for h in header if h)) != len([h for h in header if h]):
                raise TableError("The header row names a column twice.")
            continue
        if len(rows) >= MAX_ROWS:
            raise TableError(f"The file has more than {MAX_ROWS:,} rows; split it.")
        rows.append(
            Row(
                line=number,
                values={h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h},
            )
        )
    if header is None:
        raise TableError("The file is empty: the first row must name the columns.")
    return header, rows


def sheet_title(text: str) -> str:
    """A valid worksheet name: at most 31 characters, none of ``[]:*?/\\``, not empty."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip(" '")
    return re.sub(r"\s+", " ", cleaned)[:31].strip() or "Sheet"


def xlsx_bytes(title: str, columns: list[tuple[str, Callable[[Any], Any]]], objects: Iterable[Any]) -> bytes:
    """One sheet: a bold, frozen header of column titles, a row per object.

    Written in openpyxl's write-only mode: rows stream to the file instead of being held as
    cell objects, so a list of tens of thousands of rows exports in seconds.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = "A2"
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=str(name))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for obj in objects:
        row = []
        for _, getter in columns:
            value = getter(obj)
            if isinstance(value, Decimal):
                value = float(value)
            elif isinstance(value, datetime) and value.tzinfo is not None:
                value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
            elif isinstance(value, list | tuple):
                value = ", ".join(str(v) for v in value)
            elif value is not None and not isinstance(value, int | float | str | bool | date):
                value = str(value)
            row.append(value)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
