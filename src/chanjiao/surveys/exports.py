"""Raw data for researchers: one row per response, answers as given, and a codebook."""

from __future__ import annotations

import io

import pandas as pd
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from chanjiao.core.spreadsheets import make_inert
from chanjiao.surveys.models import Questionnaire

DESCRIPTION = [
    "response",
    "respondent",
    "group",
    "organisation",
    "carrier",
    "source",
    "submitted_at",
    "duration_seconds",
    "valid",
    "exclusion_reasons",
]


def raw_data(questionnaire: Questionnaire) -> pd.DataFrame:
    """Responses as received: Likert answers unrecoded, choices as their option number, blanks for
    unanswered items. The column names are those the importer reads, so a file exported from one
    questionnaire imports into another with the same items."""
    items = list(questionnaire.items.all())
    rows = []
    for response in questionnaire.responses.select_related("organisation", "carrier").order_by("pk"):
        rows.append(
            [
                response.pk,
                response.respondent,
                response.target_group,
                response.organisation.name if response.organisation_id else "",
                response.carrier.name if response.carrier_id else "",
                response.source,
                timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M:%S"),
                response.duration_seconds,
                response.valid,
                ",".join(response.exclusion_reasons),
                *[response.answers.get(item.code) for item in items],
            ]
        )
    return pd.DataFrame(rows, columns=[*DESCRIPTION, *[item.code for item in items]])


def raw_workbook(questionnaire: Questionnaire, frame: pd.DataFrame) -> bytes:
    """The raw data sheet and a codebook sheet (item wording, construct, scale, options)."""
    workbook = Workbook()
    data = workbook.active
    data.title = "Responses"
    data.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        data.append([None if pd.isna(value) else value for value in row])
    codebook = workbook.create_sheet("Codebook")
    codebook.append(["code", "construct", "kind", "text_zh", "text_en", "reverse_keyed", "values"])
    scale = f"1-{questionnaire.scale_points}"
    for item in questionnaire.items.select_related("construct"):
        values = {
            "likert": scale,
            "choice": "; ".join(
                f"{number}={option['zh']}/{option['en']}" for number, option in enumerate(item.options, 1)
            ),
            "number": f"{item.min_value if item.min_value is not None else ''}..{item.max_value if item.max_value is not None else ''}",
            "text": "",
        }[item.kind]
        codebook.append(
            [
                item.code,
                item.construct.code if item.construct_id else "",
                item.kind,
                item.text_zh,
                item.text_en,
                item.reverse_keyed,
                values,
            ]
        )
    for sheet in (data, codebook):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    make_inert(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
