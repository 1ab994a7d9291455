"""Printable PDF of a survey report (reportlab): tables in paper order plus the path diagram."""

from __future__ import annotations

import io
from collections.abc import Mapping
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chanjiao.core.surveys.diagram import path_diagram
from chanjiao.core.surveys.tables import P_COLUMN, ReportTable, is_p_value, report_tables

# A CID font needs no font file: PDF readers supply the glyphs, so Chinese item text and group
# names print without shipping a font.
CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
MAX_ROWS_PER_TABLE = 400


def format_cell(value, column: str = "") -> str:
    """Table cell text: three decimals, APA p-values, blank for missing.

    Examples
    --------
    >>> format_cell(0.12345), format_cell(0.0004, "p"), format_cell(0.0312, "p"), format_cell(None), format_cell(7)
    ('0.123', '< .001', '.031', '', '7')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column == P_COLUMN:
            return "< .001" if value < 0.001 else f"{value:.3f}".lstrip("0")
        return f"{value:.3f}"
    return str(value)


def _needs_cjk(text: str) -> bool:
    return any(ord(character) > 0x2E7F for character in text)


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    if _needs_cjk(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, fontName=CJK_FONT)
    return Paragraph(escape(text), style)


def _table(table: ReportTable, styles, width: float) -> list:
    cell_style = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=7.5, leading=9)
    header_style = ParagraphStyle("header", parent=cell_style, fontName="Helvetica-Bold")
    rows = table.rows[:MAX_ROWS_PER_TABLE]
    data = [[_paragraph(str(column), header_style) for column in table.columns]]
    for row in rows:
        p_row = is_p_value(row[0])
        data.append(
            [
                _paragraph(
                    format_cell(
                        value, P_COLUMN if is_p_value(table.columns[index]) or (p_row and index) else ""
                    ),
                    cell_style,
                )
                for index, value in enumerate(row)
            ]
        )
    flowable = Table(data, repeatRows=1, hAlign="LEFT", colWidths=_column_widths(table, width))
    flowable.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    parts = [_paragraph(table.title, styles["Heading3"]), flowable]
    notes = [table.note] if table.note else []
    if len(table.rows) > MAX_ROWS_PER_TABLE:
        notes.append(
            f"First {MAX_ROWS_PER_TABLE} of {len(table.rows)} rows; the Excel export has all of them."
        )
    parts.extend(_paragraph(note, styles["Italic"]) for note in notes)
    return [KeepTogether(parts[:2]), *parts[2:], Spacer(1, 4 * mm)]


def _column_widths(table: ReportTable, width: float) -> list[float]:
    lengths = [
        max([len(str(column)), *(len(format_cell(row[index])) for row in table.rows[:100])])
        for index, column in enumerate(table.columns)
    ]
    # About 4.6 pt per character at 7.5 pt Helvetica, plus 12 pt of cell padding.
    natural = [min(max(length, 4), 60) * 4.6 + 14 for length in lengths]
    total = sum(natural)
    return natural if total <= width else [width * part / total for part in natural]


def report_to_pdf(report: Mapping, *, title: str = "Survey analysis report") -> bytes:
    """A landscape A4 PDF (bytes) of the report: summary, every table and the path diagram.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> from chanjiao.core.surveys.analysis import analyze
    >>> report = analyze(holzinger39.get_data(), "visual =~ x1 + x2 + x3\\ntextual =~ x4 + x5 + x6")
    >>> report_to_pdf(report)[:5]
    b'%PDF-'
    """
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        buffer, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=title,
    )  # fmt: skip
    width = page[0] - 30 * mm
    fit = report["fit"]
    story: list = [
        _paragraph(title, styles["Title"]),
        _paragraph(
            f"N = {report['n']} valid responses. Estimation: {report['estimation']['method']}. "
            f"chi2({fit['df']}) = {format_cell(fit['chi2'])}, CFI = {format_cell(fit['cfi'])}, "
            f"TLI = {format_cell(fit['tli'])}, RMSEA = {format_cell(fit['rmsea'])}, SRMR = {format_cell(fit['srmr'])}.",
            styles["BodyText"],
        ),
        *[_paragraph(f"Warning: {warning}", styles["BodyText"]) for warning in report["warnings"]],
        Spacer(1, 4 * mm),
    ]
    picture = Image(io.BytesIO(path_diagram(report, image_format="png")))
    scale = min(width / picture.imageWidth, (page[1] - 60 * mm) / picture.imageHeight)
    picture.drawWidth, picture.drawHeight = picture.imageWidth * scale, picture.imageHeight * scale
    story.extend(
        [_paragraph("Path diagram (standardised estimates)", styles["Heading3"]), picture, Spacer(1, 4 * mm)]
    )
    for table in report_tables(report):
        story.extend(_table(table, styles, width))
    story.append(_paragraph("Notes on estimation", styles["Heading3"]))
    story.extend(_paragraph(note, styles["BodyText"]) for note in report["estimation"]["notes"])
    document.build(story)
    return buffer.getvalue()
