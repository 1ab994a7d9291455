"""Exports never hand a spreadsheet program a formula: text that starts with = + - @, a tab or a
carriage return is stored as text in .xlsx and behind a single quote in CSV (OWASP CSV injection);
numbers stay numbers."""

import csv
import io
import re
import zipfile

from openpyxl import load_workbook

from chanjiao.docking.models import CodingFeedback
from chanjiao.surveys.models import Item, Questionnaire, Response, ResponseSource
from chanjiao.web.excel import read_table, xlsx_bytes
from docking.docking_factories import make_posting
from factories import client_for, make_org

LINK = '=HYPERLINK("http://x","y")'
FORMULA_ELEMENT = re.compile(rb"<(\w+:)?f[\s>/]")


def formulas_in(workbook: bytes) -> list[str]:
    """The sheets of a workbook that hold a formula element (<f>): an inert export has none."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and FORMULA_ELEMENT.search(archive.read(name))
        ]


def test_an_organisation_named_like_a_formula_exports_to_excel_as_text(world):
    make_org("enterprise", LINK)

    export = client_for(world["officer"]).get("/organisations/", {"format": "xlsx", "q": "HYPERLINK"})

    assert export.status_code == 200
    assert formulas_in(export.content) == []
    sheet = load_workbook(io.BytesIO(export.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [LINK]
    assert sheet["A2"].data_type == "s"


def test_the_shared_excel_writer_keeps_numbers_as_numbers_and_every_trigger_as_text():
    values = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "-12.5", -12.5, 3, "plain"]

    content = xlsx_bytes("t", [(f"c{i}", lambda row, i=i: row[i]) for i in range(len(values))], [values])

    cells = list(load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2))[0]
    assert formulas_in(content) == []
    assert [cell.value for cell in cells] == values
    assert [cell.data_type for cell in cells] == ["s"] * 7 + ["n", "n", "s"]


def test_a_survey_text_answer_exports_as_text_in_csv_and_excel(world):
    survey = Questionnaire.objects.create(owner=world["suzhou_bureau"], title_en="Placement")
    Item.objects.create(questionnaire=survey, code="Q1", kind="likert", text_en="Useful")
    Item.objects.create(questionnaire=survey, code="NOTE", kind="text", text_en="Anything else?")
    Response.objects.create(
        questionnaire=survey, source=ResponseSource.WEB, answers={"Q1": 4, "NOTE": LINK}, respondent="@me"
    )
    client = client_for(world["officer"])

    as_csv = client.get(f"/surveys/{survey.pk}/responses/export/", {"format": "csv"})
    as_xlsx = client.get(f"/surveys/{survey.pk}/responses/export/", {"format": "xlsx"})

    row = next(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert (row["NOTE"], row["respondent"], row["Q1"]) == ("'" + LINK, "'@me", "4")
    assert read_table(as_csv.content, "again.csv")[1][0].values["NOTE"] == LINK  # imports unchanged
    assert formulas_in(as_xlsx.content) == []
    sheet = load_workbook(io.BytesIO(as_xlsx.content))["Responses"]
    header = [cell.value for cell in sheet[1]]
    answer = sheet.cell(row=2, column=header.index("NOTE") + 1)
    assert (answer.value, answer.data_type) == (LINK, "s")
    assert sheet.cell(row=2, column=header.index("Q1") + 1).value == 4


def test_the_posting_coding_feed_csv_quotes_formula_like_titles(world):
    posting = make_posting(world["enterprise"], title=LINK)
    CodingFeedback.objects.create(
        posting=posting, title=LINK, description="-1+cmd|' /C calc'!A0", occupation_id="6-18-01-01"
    )

    feed = client_for(world["officer"]).get("/docking/coding-feedback/", {"format": "csv"})

    row = next(csv.DictReader(io.StringIO(feed.content.decode())))
    assert row["title"] == "'" + LINK
    assert row["description"] == "'-1+cmd|' /C calc'!A0"
    assert row["code"] == "6-18-01-01"
