"""Reading uploaded tables (Excel or CSV) and writing lists to Excel."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from chanjiao.core.spreadsheets import strip_formula_guard, xlsx_value

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What one import takes. Rows are counted as the sheet numbers them, blank ones and gaps included,
# so a file cannot make the reader walk further than this whatever row numbers it declares.
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# An .xlsx is a zip of XML: a few kilobytes can unpack to gigabytes of cells to parse.
MAX_UNPACKED_PER_UPLOADED_BYTE = 10


class TableError(ValueError):
    """The file as a whole cannot be read (wrong format, no header, too large)."""


@dataclass
class Row:
    line: int  # the line number a person sees in Excel (header is line 1)
    values: dict[str, str]


def upload_size_error(upload) -> str:
    """Why an uploaded file is refused for its size (over ``settings.MAX_UPLOAD_BYTES``), or ""."""
    if upload.size is None or upload.size <= settings.MAX_UPLOAD_BYTES:
        return ""
    return gettext("The file is larger than %(limit)s, the most one upload may be.") % {
        "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)
    }


def read_upload(upload) -> bytes:
    """The bytes of an uploaded table; TableError when it is over ``settings.MAX_UPLOAD_BYTES``."""
    error = upload_size_error(upload)
    if error:
        raise TableError(error)
    return upload.read()


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


def _csv_text(value: str) -> str:
    return strip_formula_guard(value.strip())


def _unreadable(filename: str, error: BaseException) -> TableError:
    while error.__cause__ is not None:  # openpyxl wraps the parser's error: name the first cause
        error = error.__cause__
    return TableError(
        gettext("%(file)s is not a readable Excel workbook (%(reason)s).")
        % {"file": filename, "reason": type(error).__name__}
    )


def _xlsx_rows(data: bytes, filename: str) -> Iterator[tuple[Any, ...]]:
    """The rows of the first sheet as the file stores them, each cut after MAX_COLUMNS + 1 cells.

    The dimension the sheet declares is ignored: a 5 KB file may declare ``A1:XFD1048576`` and
    openpyxl's read-only mode would pad every row to it. XML is parsed with defusedxml (openpyxl
    uses it when it is installed), so entity declarations are refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise _unreadable(filename, error) from None
    unpacked_limit = MAX_UNPACKED_PER_UPLOADED_BYTE * settings.MAX_UPLOAD_BYTES
    if unpacked > unpacked_limit:
        raise TableError(
            gettext("%(file)s unpacks to more than %(limit)s, the most one workbook may; split it.")
            % {"file": filename, "limit": filesizeformat(unpacked_limit)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        finally:
            workbook.close()
    except Exception as error:  # openpyxl and the XML parser raise many types for a damaged file
        raise _unreadable(filename, error) from None


def _csv_rows(data: bytes, filename: str) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise TableError(
                gettext("%(file)s is neither UTF-8 nor GB18030 text.") % {"file": filename}
            ) from None
    try:
        yield from csv.reader(io.StringIO(text))
    except csv.Error as error:
        raise TableError(
            gettext("%(file)s is not a readable CSV file (%(reason)s).") % {"file": filename, "reason": error}
        ) from None


def read_table(data: bytes, filename: str) -> tuple[list[str], list[Row]]:
    """Header and rows of an .xlsx or .csv file; blank rows are skipped. A CSV cell the platform
    exported behind a single quote (``csv_value``) reads back as the text it was.

    At most MAX_ROWS rows (counted as the sheet numbers them) and MAX_COLUMNS named columns are
    read; a larger file is refused with a TableError that names the limit.
    """
    name = filename.lower()
    stored: Iterable[Sequence[Any]]
    text: Callable[[Any], str]
    if name.endswith(".xlsx"):
        stored, text = _xlsx_rows(data, filename), _text
    elif name.endswith(".csv"):
        stored, text = _csv_rows(data, filename), _csv_text
    else:
        raise TableError(gettext("Upload an Excel (.xlsx) or CSV (.csv) file."))
    header: list[str] | None = None
    named: list[tuple[int, str]] = []
    rows: list[Row] = []
    for number, values in enumerate(stored, start=1):
        if number > MAX_ROWS + 1:
            raise TableError(
                gettext("The file has more than %(limit)s rows, the most one import takes; split it.")
                % {"limit": f"{MAX_ROWS:,}"}
            )
        if not any(value is not None and text(value) for value in values):
            continue
        if header is None:
            header = [text(value) for value in values]
            named = [(index, heading) for index, heading in enumerate(header) if heading]
            del header[named[-1][0] + 1 :]  # the blank cells after the last name
            if named[-1][0] >= MAX_COLUMNS:
                raise TableError(
                    gettext("The header row names more than %(limit)s columns, the most one import takes.")
                    % {"limit": MAX_COLUMNS}
                )
            if len({heading for _index, heading in named}) != len(named):
                raise TableError(gettext("The header row names a column twice."))
            continue
        rows.append(
            Row(
                line=number,
                values={
                    heading: (
                        text(values[index]) if index < len(values) and values[index] is not None else ""
                    )
                    for index, heading in named
                },
            )
        )
    if header is None:
        raise TableError(gettext("The file is empty: the first row must name the columns."))
    return header, rows


def sheet_title(text: str) -> str:
    """A valid worksheet name: at most 31 characters, none of ``[]:*?/\\``, not empty."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", text).strip(" '")
    return re.sub(r"\s+", " ", cleaned)[:31].strip() or "Sheet"


def xlsx_bytes(title: str, columns: list[tuple[str, Callable[[Any], Any]]], objects: Iterable[Any]) -> bytes:
    """One sheet: a bold, frozen header of column titles, a row per object.

    Written in openpyxl's write-only mode: rows stream to the file instead of being held as
    cell objects, so a list of tens of thousands of rows exports in seconds. Every value goes
    through ``xlsx_value``: text that looks like a formula is stored as text.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    for index in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.freeze_panes = "A2"
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=str(name))
        cell.data_type = "s"  # a column title is text, whatever it starts with
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
            row.append(xlsx_value(sheet, value))
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
