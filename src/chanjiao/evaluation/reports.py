"""A unit's scorecard as a PDF (reportlab) and an Excel workbook (openpyxl)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Font, PatternFill
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from chanjiao.core.spreadsheets import make_inert
from chanjiao.web import formats

# A CID font needs no font file: PDF readers supply the Chinese glyphs.
CJK_FONT = "STSong-Light"
LIGHT_COLOURS = {"red": "#dc2626", "yellow": "#eab308", "green": "#16a34a", "grey": "#9ca3af"}
BAR_WIDTH, BAR_HEIGHT = 60 * mm, 4 * mm


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def rank_text(result) -> str:
    if result.rank is None:
        return "—"
    text = f"{result.rank} / {result.evaluation.unit_count}"
    if result.rank_low is not None:
        text += f" ({_('90 % interval')} {result.rank_low:.0f}–{result.rank_high:.0f})"
    return text


def _bar(value: float | None, colour: str) -> Drawing:
    drawing = Drawing(BAR_WIDTH, BAR_HEIGHT)
    drawing.add(Rect(0, 0, BAR_WIDTH, BAR_HEIGHT, fillColor=colors.HexColor("#e5e7eb"), strokeColor=None))
    if value is not None:
        share = max(0.0, min(value, 100.0)) / 100.0
        drawing.add(
            Rect(0, 0, BAR_WIDTH * share, BAR_HEIGHT, fillColor=colors.HexColor(colour), strokeColor=None)
        )
        drawing.add(String(BAR_WIDTH + 2, 0.5, f"{value:.0f}", fontName=CJK_FONT, fontSize=7))
    return drawing


def scorecard_pdf(card: dict[str, Any]) -> bytes:
    """An A4 scorecard: light and reason, score and rank interval, dimension and indicator bars, history."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=CJK_FONT, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], fontName=CJK_FONT)
    title = ParagraphStyle("title", parent=styles["Title"], fontName=CJK_FONT)
    result, cycle = card["result"], card["cycle"]

    def para(text: str, style=body) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=f"{result.unit_name} · {cycle.name}",
    )  # fmt: skip
    light = Table(
        [[para(result.get_colour_display())]],
        colWidths=[30 * mm],
        style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(LIGHT_COLOURS[result.colour]))]),
        hAlign="LEFT",
    )
    story: list = [
        para(result.unit_name, title),
        para(f"{cycle.name} · {_('evaluated')} {formats.local_date(card['evaluation'].created_at)}"),
        Spacer(1, 3 * mm),
        light,
        para(card["reason"]),
        para(f"{_('Score')}: {_number(result.score)} · {_('Rank')}: {rank_text(result)}"),
        Spacer(1, 3 * mm),
        para(_("Dimensions"), heading),
    ]
    story.append(
        Table(
            [[para(d["name"]), _bar(d["score"], "#2563eb")] for d in card["dimensions"]],
            colWidths=[60 * mm, 80 * mm],
            hAlign="LEFT",
        )
    )
    story += [Spacer(1, 3 * mm), para(_("Indicators"), heading)]
    rows = [
        [
            para(_("Indicator"), small),
            para(_("Value"), small),
            para(_("Normalised (0-100)"), small),
            para(_("Source"), small),
        ]
    ]
    for item in card["indicators"]:
        flags = (" *" if item["imputed"] else "") + (" !" if item["breached"] else "")
        rows.append(
            [
                para(item["name"] + flags, small),
                para(f"{_number(item['value'], 2)} {item['unit']}", small),
                _bar(item["normalised"], "#dc2626" if item["breached"] else "#16a34a"),
                para("; ".join(s["text"] for s in item["sources"]) or "—", small),
            ]
        )
    story.append(
        Table(
            rows,
            colWidths=[45 * mm, 30 * mm, 70 * mm, 35 * mm],
            repeatRows=1,
            hAlign="LEFT",
            style=TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
            ),
        )
    )
    story.append(para(_("* imputed (no figure reported); ! beyond a red line."), small))
    story += [Spacer(1, 3 * mm), para(_("History"), heading)]
    story.append(
        Table(
            [[para(_("Cycle")), para(_("Score")), para(_("Rank")), para(_("Light"))]]
            + [
                [
                    para(h.evaluation.cycle.name, small),
                    para(_number(h.score), small),
                    para(rank_text(h), small),
                    para(h.get_colour_display(), small),
                ]
                for h in card["history"]
            ],  # fmt: skip
            colWidths=[80 * mm, 25 * mm, 45 * mm, 25 * mm],
            hAlign="LEFT",
        )
    )
    document.build(story)
    return buffer.getvalue()


def scorecard_xlsx(card: dict[str, Any]) -> bytes:
    """Three sheets: the summary, the indicators (with data bars) and the history."""
    result = card["result"]
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Scorecard")[:31]
    for label, value in [
        (_("Unit"), result.unit_name),
        (_("Cycle"), card["cycle"].name),
        (_("Light"), result.get_colour_display()),
        (_("Reason"), card["reason"]),
        (_("Score"), result.score),
        (_("Rank"), result.rank),
        (_("Units evaluated"), card["evaluation"].unit_count),
        (_("Median rank (Monte Carlo)"), result.median_rank),
        (_("Rank interval from"), result.rank_low),
        (_("Rank interval to"), result.rank_high),
        (_("Weighting"), str(card["weighting_label"])),
    ]:
        summary.append([str(label), value])
    summary.append([])
    summary.append([str(_("Dimension")), str(_("Score"))])
    for dimension in card["dimensions"]:
        summary.append([dimension["name"], dimension["score"]])
    summary["D1"].fill = PatternFill("solid", fgColor=LIGHT_COLOURS[result.colour].lstrip("#"))
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 60

    sheet = workbook.create_sheet(_("Indicators")[:31])
    header = [_("Code"), _("Indicator"), _("Unit"), _("Value"), _("Normalised"), _("Weight"), _("Target"),
              _("Imputed"), _("Beyond a red line"), _("Figures"), _("Source")]  # fmt: skip
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in card["indicators"]:
        sheet.append(
            [
                item["code"],
                item["name"],
                item["unit"],
                item["value"],
                item["normalised"],
                round(item["weight"], 6),
                item["target"],
                item["imputed"],
                item["breached"],
                "; ".join(f"{label}: {value}" for label, value in item["figures"]),
                "; ".join(s["text"] for s in item["sources"]),
            ]
        )
    last = len(card["indicators"]) + 1
    sheet.conditional_formatting.add(
        f"E2:E{last}",
        DataBarRule(start_type="num", start_value=0, end_type="num", end_value=100, color="16A34A"),
    )
    for column, width in zip("ABCDEFGHIJK", (28, 36, 16, 10, 12, 8, 8, 8, 10, 50, 50), strict=True):
        sheet.column_dimensions[column].width = width

    past = workbook.create_sheet(_("History")[:31])
    past.append([str(_("Year")), str(_("Cycle")), str(_("Score")), str(_("Rank")), str(_("Light"))])
    for item in card["history"]:
        past.append(
            [
                item.evaluation.cycle.year,
                item.evaluation.cycle.name,
                item.score,
                item.rank,
                item.get_colour_display(),
            ]
        )
    make_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
