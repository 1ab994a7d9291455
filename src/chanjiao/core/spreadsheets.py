"""Cells a spreadsheet program cannot run: every export writes text through these.

A name such as ``=HYPERLINK("http://x","y")`` typed into the platform must reach Excel, WPS or
LibreOffice as text, never as a formula (OWASP, "CSV injection"). Text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is what those programs read as a formula:

- in an .xlsx workbook the cell is stored with the explicit string type, so the text is kept exactly
  and nothing is evaluated;
- in a CSV file, which has no types, the text gets a leading single quote, which Excel and WPS hide
  and which the platform's importer removes again (see ``strip_formula_guard``).

Numbers are left alone: a number stays a number cell, and text that is just a number (``-12.5``)
is not a formula, so it is written as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def starts_formula(value: Any) -> bool:
    """Whether a spreadsheet program would read this value, written as text, as a formula.

    Examples
    --------
    >>> starts_formula('=HYPERLINK("http://x","y")'), starts_formula("@SUM(A1)"), starts_formula("\\tx")
    (True, True, True)
    >>> starts_formula("-12.5"), starts_formula(-12.5), starts_formula("Suzhou")
    (False, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)


def csv_value(value: Any) -> Any:
    """The value as a CSV file must hold it: formula-like text behind a single quote.

    Examples
    --------
    >>> csv_value("=1+1"), csv_value("-3"), csv_value(-3), csv_value("Kunshan")
    ("'=1+1", '-3', -3, 'Kunshan')
    """
    return CSV_GUARD + value if starts_formula(value) else value


def strip_formula_guard(text: str) -> str:
    """Undo ``csv_value`` on a cell read back from a CSV file, so an export imports unchanged.

    Examples
    --------
    >>> strip_formula_guard("'=1+1"), strip_formula_guard("'quoted"), strip_formula_guard("=1+1")
    ('=1+1', "'quoted", '=1+1')
    """
    if text.startswith(CSV_GUARD) and starts_formula(text[1:]):
        return text[1:]
    return text


class CsvWriter:
    """``csv.writer`` whose rows pass through ``csv_value``: the one way the platform writes CSV.

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> CsvWriter(buffer, lineterminator="\\n").writerow(["=cmd|' /C calc'!A0", -1, "-1"])
    >>> print(buffer.getvalue(), end="")
    '=cmd|' /C calc'!A0,-1,-1
    """

    def __init__(self, handle, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def xlsx_value(sheet, value: Any) -> Any:
    """The value to append to a write-only openpyxl sheet: formula-like text becomes a cell of the
    explicit string type; everything else is returned as it is (fastest to append).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> sheet = Workbook().active
    >>> sheet.append([xlsx_value(sheet, "=1+1"), xlsx_value(sheet, -2)])
    >>> sheet["A1"].value, sheet["A1"].data_type, sheet["B1"].value, sheet["B1"].data_type
    ('=1+1', 's', -2, 'n')
    """
    if not starts_formula(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def make_inert(workbook) -> None:
    """Store every formula-like text of a workbook built in normal mode as text; call it just
    before saving (a write-only workbook cannot be read back: append ``xlsx_value`` instead).

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> workbook = Workbook()
    >>> workbook.active.append(["=1+1", 2])
    >>> make_inert(workbook)
    >>> [(cell.value, cell.data_type) for cell in workbook.active[1]]
    [('=1+1', 's'), (2, 'n')]
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
