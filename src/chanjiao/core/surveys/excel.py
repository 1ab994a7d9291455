"""Excel workbook of a survey report: a summary sheet, one sheet per table, and the path diagram."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from chanjiao.core.spreadsheets import make_inert
from chanjiao.core.surveys.diagram import path_diagram
from chanjiao.core.surveys.tables import is_p_value, report_tables

SHEET_NAME_LIMIT = 31


def _summary_rows(report: Mapping) -> list[tuple[str, object]]:
    fit = report["fit"]
    return [
        ("Valid responses (N)", report["n"]),
        ("Estimation", report["estimation"]["method"]),
        ("chi-square", fit["chi2"]),
        ("df", fit["df"]),
        ("CFI", fit["cfi"]),
        ("TLI", fit["tli"]),
        ("RMSEA", fit["rmsea"]),
        ("SRMR", fit["srmr"]),
        *[(f"Note {index + 1}", note) for index, note in enumerate(report["estimation"]["notes"])],
        *[(f"Warning {index + 1}", warning) for index, warning in enumerate(report["warnings"])],
    ]


def report_to_excel(report: Mapping, *, title: str = "Survey analysis", diagram: bool = True) -> bytes:
    """An .xlsx workbook (bytes) with the report's tables, numbers kept as numbers.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from chanjiao.core.surveys.analysis import analyze
    >>> report = analyze(holzinger39.get_data(), "visual =~ x1 + x2 + x3\\ntextual =~ x4 + x5 + x6")
    >>> report_to_excel(report, diagram=False)[:2]
    b'PK'
    """
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    summary.append([title])
    summary["A1"].font = Font(bold=True, size=14)
    for label, value in _summary_rows(report):
        summary.append([label, value])
        if isinstance(value, float):
            summary.cell(row=summary.max_row, column=2).number_format = "0.000"
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 90
    for table in report_tables(report):
        sheet = workbook.create_sheet(table.key[:SHEET_NAME_LIMIT])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(table.columns)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
        for row in table.rows:
            sheet.append(row)
            for position, value in enumerate(row):
                if isinstance(value, float):
                    is_p = is_p_value(table.columns[position]) or is_p_value(row[0])
                    sheet.cell(row=sheet.max_row, column=position + 1).number_format = (
                        "0.0000" if is_p else "0.000"
                    )
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        for index, header in enumerate(table.columns, start=1):
            widest = max([len(str(header)), *(len(str(row[index - 1])) for row in table.rows[:200])])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(10, widest + 2), 60)
        sheet.freeze_panes = "A3"
    if diagram:
        sheet = workbook.create_sheet("Diagram")
        image = Image(io.BytesIO(path_diagram(report, image_format="png")))
        scale = min(1.0, 1400 / image.width)
        image.width, image.height = image.width * scale, image.height * scale
        sheet.add_image(image, "A1")
    make_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
