"""Uploads are bounded: one byte cap for every import (web and API), the sheet's declared dimension
ignored, rows counted as the sheet numbers them, and XML parsed with defusedxml."""

import io
import zipfile

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from chanjiao.docking.models import Posting
from chanjiao.registry.models import Organisation
from chanjiao.surveys.models import Response
from chanjiao.surveys.services import create_from_template
from chanjiao.tracking.models import Graduate
from chanjiao.web import excel
from chanjiao.web.excel import TableError, read_table
from factories import client_for

WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        "</Relationships>"
    ),
}


def crafted_xlsx(rows: str, *, dimension="A1:XFD1048576", prologue="") -> bytes:
    """A workbook written by hand, as an attacker would: ``rows`` is the <sheetData> content."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**WORKBOOK_PARTS, "xl/worksheets/sheet1.xml": sheet}.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def text_row(number: int, *texts: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + index)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for index, text in enumerate(texts)
    )
    return f'<row r="{number}">{cells}</row>'


TWO_ROWS = text_row(1, "kind", "name", "region", "size", "industry") + text_row(
    2, "enterprise", "苏州庚精密有限公司", "320505", "micro", "C"
)


@pytest.fixture
def cells_read(monkeypatch):
    """Counts the rows and cells openpyxl's read-only sheet hands the importer, and stops a
    runaway read (a padded dimension or a gap of a billion rows) after 10,000 rows."""
    counts = {"rows": 0, "cells": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counts["rows"] += 1
            counts["cells"] += len(row)
            assert counts["rows"] <= 10_000, "the reader walks rows the file does not hold"
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counts


def upload(content: bytes, name: str):
    buffer = io.BytesIO(content)
    buffer.name = name
    return buffer


def test_a_small_sheet_declaring_the_whole_grid_reads_only_its_two_rows(world, cells_read):
    content = crafted_xlsx(TWO_ROWS)

    header, rows = read_table(content, "crafted.xlsx")
    preview = client_for(world["officer"]).post(
        "/imports/", {"kind": "organisations", "action": "preview", "file": upload(content, "crafted.xlsx")}
    )

    assert len(content) < 5_000
    assert header == ["kind", "name", "region", "size", "industry"]
    assert [row.values["name"] for row in rows] == ["苏州庚精密有限公司"]
    assert cells_read["rows"] == 2 * 2  # two rows, read once for read_table and once for the page
    assert cells_read["cells"] <= 4 * (excel.MAX_COLUMNS + 1)
    assert preview.status_code == 200
    assert not Organisation.objects.filter(name="苏州庚精密有限公司").exists()


def test_rows_count_as_the_sheet_numbers_them_so_a_far_row_is_refused_at_once(cells_read, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 100)
    content = crafted_xlsx(TWO_ROWS + text_row(1_000_000_000, "enterprise", "远方", "320505"))

    with pytest.raises(TableError) as refused:
        read_table(content, "far.xlsx")

    assert str(refused.value) == "The file has more than 100 rows, the most one import takes; split it."
    assert cells_read["rows"] <= 102


def test_too_many_rows_are_refused_with_the_limit_and_nothing_is_saved(world, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 3)
    lines = [f"enterprise,苏州{n}号有限公司,320505,micro,I" for n in range(4)]
    text = "\n".join(["kind,name,region,size,industry", *lines]) + "\n"

    page = client_for(world["officer"]).post(
        "/imports/", {"kind": "organisations", "action": "commit", "file": upload(text.encode(), "many.csv")}
    )

    assert page.status_code == 400
    assert "The file has more than 3 rows, the most one import takes; split it." in page.content.decode()
    assert not Organisation.objects.filter(name__endswith="号有限公司").exists()


def test_a_header_wider_than_the_column_limit_is_refused():
    header = ",".join(f"c{n}" for n in range(excel.MAX_COLUMNS + 1))

    with pytest.raises(TableError, match=f"more than {excel.MAX_COLUMNS} columns"):
        read_table(f"{header}\n1\n".encode(), "wide.csv")


def test_xml_entities_are_refused_by_defusedxml():
    prologue = '<!DOCTYPE worksheet [<!ENTITY name "苏州辛有限公司">]>'
    rows = text_row(1, "kind", "name") + text_row(2, "enterprise", "&name;")

    with pytest.raises(TableError) as refused:
        read_table(crafted_xlsx(rows, prologue=prologue), "entities.xlsx")

    assert str(refused.value) == "entities.xlsx is not a readable Excel workbook (EntitiesForbidden)."


def test_a_workbook_that_unpacks_far_beyond_the_upload_cap_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 10_000
    padding = " " * 200_000  # compresses to a few hundred bytes
    content = crafted_xlsx(TWO_ROWS.replace("</row>", f"</row>{padding}", 1))

    with pytest.raises(TableError) as refused:
        read_table(content, "bomb.xlsx")

    assert len(content) < settings.MAX_UPLOAD_BYTES
    assert (
        str(refused.value)
        == "bomb.xlsx unpacks to more than 97.7\xa0KB, the most one workbook may; split it."
    )


@pytest.mark.parametrize(
    ("user", "url", "fields", "model"),
    [
        ("officer", "/imports/", {"kind": "organisations", "action": "commit"}, Organisation),
        ("enterprise_user", "/docking/postings/import/", {"action": "commit"}, Posting),
        ("school_user", "/graduates/import/", {"action": "commit"}, Graduate),
        ("officer", "/surveys/{survey}/import/", {"action": "commit"}, Response),
        ("officer", "/api/surveys/questionnaires/{survey}/import", {"action": "commit"}, Response),
    ],
)
def test_an_upload_over_the_one_byte_cap_is_refused_everywhere_and_nothing_changes(
    world, settings, user, url, fields, model
):
    settings.MAX_UPLOAD_BYTES = 100
    survey = create_from_template(actor=world["officer"], owner=world["suzhou_bureau"], template="seed001")
    before = model.objects.count()
    content = ("kind,name,region\n" + "enterprise,苏州壬有限公司,320505\n" * 5).encode()

    refused = client_for(world[user]).post(
        url.format(survey=survey.pk), {**fields, "file": upload(content, "big.csv")}
    )

    assert refused.status_code in {400, 422}
    message = refused.json()["detail"][0]["msg"] if url.startswith("/api/") else refused.content.decode()
    assert "larger than 100\xa0bytes, the most one upload may be" in message
    assert model.objects.count() == before


def test_the_refusal_speaks_chinese(world, settings):
    settings.MAX_UPLOAD_BYTES = 100

    page = client_for(world["officer"]).post(
        "/imports/",
        {"kind": "organisations", "file": upload(b"kind,name\n" * 20, "big.csv")},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert page.status_code == 400 and "文件超过 100\xa0字节（单次上传的上限）。" in page.content.decode()
