"""Rendering a report: tables, path diagram, Excel workbook and PDF."""

import io
import re

import openpyxl
import pytest
from semopy.examples import holzinger39

from chanjiao.core.surveys import analyze, path_diagram, report_tables, report_to_excel, report_to_pdf
from chanjiao.core.surveys.diagram import construct_depths, significance_stars
from chanjiao.core.surveys.pdf import format_cell

HS_SEM = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\nspeed ~ visual + textual"


@pytest.fixture(scope="module")
def report():
    data = holzinger39.get_data().copy()
    data["school"] = data["school"].map({"Pasteur": "巴斯德", "Grant-White": "格兰特-怀特"})
    return analyze(data, HS_SEM, group_columns=["school"])


def test_tables_follow_the_papers_order(report):
    keys = [table.key for table in report_tables(report)]
    assert keys == [
        "Sample", "Groups", "Items", "Reliability", "Item-total", "KMO-Bartlett", "EFA", "EFA-variance",
        "Fit", "Loadings", "Paths", "Fornell-Larcker", "HTMT", "Correlations",
    ]  # fmt: skip
    assert all(len(key) <= 31 for key in keys)


def test_every_table_row_has_one_cell_per_column(report):
    for table in report_tables(report):
        assert all(len(row) == len(table.columns) for row in table.rows), table.key


def test_paths_table_shows_direction_and_stars(report):
    paths = next(table for table in report_tables(report) if table.key == "Paths")
    assert [row[0] for row in paths.rows] == ["visual -> speed", "textual -> speed"]
    assert paths.rows[0][-1] == "***"
    assert paths.rows[1][-1] == ""


def test_excel_has_a_sheet_per_table_with_numbers_kept_numeric(report):
    workbook = openpyxl.load_workbook(io.BytesIO(report_to_excel(report)))
    assert workbook.sheetnames[0] == "Summary"
    assert workbook.sheetnames[-1] == "Diagram"
    assert len(workbook["Diagram"]._images) == 1
    fit = workbook["Fit"]
    assert [fit.cell(row=2, column=column).value for column in (1, 2)] == ["Index", "Value"]
    chi2_row = next(row for row in fit.iter_rows(values_only=True) if row[0] == "chi-square")
    assert chi2_row[1] == pytest.approx(report["fit"]["chi2"])
    groups = [row[1] for row in workbook["Groups"].iter_rows(min_row=3, values_only=True) if row[1]]
    assert set(groups) == {"巴斯德", "格兰特-怀特"}


def test_pdf_is_a_pdf_with_the_cjk_font_for_chinese_text(report):
    pdf = report_to_pdf(report, title="Holzinger & Swineford")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert b"STSong-Light" in pdf


def test_png_and_svg_diagrams(report):
    assert path_diagram(report).startswith(b"\x89PNG\r\n\x1a\n")
    svg = path_diagram(report, image_format="svg", labels={"speed": "Speed"}).decode()
    # matplotlib writes every text of an SVG as a comment before its glyphs
    texts = re.findall(r"<!-- (.*?) -->", svg)
    assert texts[:3] == ["visual", "x1", "0.77"]
    assert "Speed" in texts and "speed" not in texts
    # paths visual -> speed (significant) and textual -> speed; the exogenous correlation visual-textual
    assert texts[-4:-1] == ["0.43***", "0.09", "0.46"]
    assert texts[-1].startswith("N = 301   χ²(24) = 85.31   CFI = 0.931")


def test_diagram_refuses_unknown_formats(report):
    with pytest.raises(ValueError, match="image format must be png, svg or pdf, not 'gif'"):
        path_diagram(report, image_format="gif")


def test_construct_depths_order_predictors_before_outcomes():
    paths = [{"outcome": "TQ", "predictor": "SS"}, {"outcome": "SS", "predictor": "EP"},
             {"outcome": "TQ", "predictor": "EP"}]  # fmt: skip
    assert construct_depths(["TQ", "SS", "EP"], paths) == {"TQ": 2, "SS": 1, "EP": 0}


def test_significance_stars_and_cell_formatting():
    assert [significance_stars(p) for p in (0.0004, 0.004, 0.04, 0.4)] == ["***", "**", "*", ""]
    assert format_cell(0.0312, "p") == ".031"
    assert format_cell(1e-9, "p") == "< .001"
    assert format_cell(2.5) == "2.500"
    assert format_cell(True) == "yes"
