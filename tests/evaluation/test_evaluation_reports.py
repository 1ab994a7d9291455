"""The dashboard grid, scorecards with indicator bars and history, and their PDF and Excel downloads."""

import io

from django.utils import translation
from openpyxl import load_workbook

from chanjiao.evaluation import runs, services
from chanjiao.evaluation.models import AnnualReturn
from chanjiao.evaluation.reasons import indicator_names, reason_text
from evaluation.evaluation_support import YEAR, result_of
from factories import HUQIU, client_for


def test_the_dashboard_shows_lights_by_region_worst_first(evaluation, city):
    officer = client_for(city["officer"])
    page = officer.get("/evaluation/")
    grid = officer.get("/api/evaluation/dashboard").json()
    huqiu = next(row for row in grid["rows"] if row["region_id"] == HUQIU)
    assert page.status_code == 200 and "B 实训基地" in page.content.decode()
    assert grid["colour_counts"] == {"red": 1, "yellow": 1, "green": 2, "grey": 0}
    assert [u["colour"] for u in huqiu["units"]] == ["red", "yellow", "green", "green"]


def test_the_scorecard_shows_reasons_bars_sources_and_history(cycle, scheme, city):
    earlier = services.create_cycle(actor=city["officer"], scheme=scheme, kind="annual", year=YEAR - 1)
    for annual_return in AnnualReturn.objects.filter(year=YEAR):
        annual_return.pk, annual_return.year = None, YEAR - 1
        annual_return.save()
    runs.run_evaluation(actor=city["officer"], cycle=earlier)
    evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    a = result_of(evaluation, city["carriers"][0])
    page = client_for(city["officer"]).get(f"/evaluation/results/{a.pk}/").content.decode()
    api = client_for(city["officer"]).get(f"/api/evaluation/results/{a.pk}").json()
    assert "key-equipment investment failure rate is 50 %" in page
    assert 'class="bar breached"' in page and "annual return 2025" in page
    assert [(h["year"], h["colour"]) for h in api["history"]] == [(2024, "red"), (2025, "red")]


def test_scorecard_downloads_as_pdf_and_excel_on_the_web_and_the_api(evaluation, city):
    a = result_of(evaluation, city["carriers"][0])
    school = client_for(city["school_user"])
    pdf = school.get(f"/evaluation/results/{a.pk}/scorecard.pdf")
    xlsx = client_for(city["officer"]).get(f"/api/evaluation/results/{a.pk}/scorecard.xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    summary = {row[0]: row[1] for row in workbook["Scorecard"].iter_rows(values_only=True) if row and row[0]}
    indicators = list(workbook["Indicators"].iter_rows(values_only=True))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-" and pdf["Content-Type"] == "application/pdf"
    assert (summary["Light"], summary["Rank"], summary["Units evaluated"]) == ("Red", 3, 4)
    assert [row[0] for row in indicators[1:]] == ["key_equipment_failure_rate", "graduate_employment_rate"]
    assert indicators[1][3:5] == (50.0, 0.0)


def test_downloads_follow_the_same_access_rules(evaluation, city):
    b = result_of(evaluation, city["carriers"][1])
    school = client_for(city["school_user"])
    assert school.get(f"/evaluation/results/{b.pk}/scorecard.pdf").status_code == 404
    assert school.get(f"/api/evaluation/results/{b.pk}/scorecard.xlsx").status_code == 404


def test_the_evaluation_page_filters_exports_and_shows_the_configuration(evaluation, city):
    officer = client_for(city["officer"])
    everyone = officer.get(f"/evaluation/evaluations/{evaluation.pk}/").content.decode()
    red = officer.get(f"/evaluation/evaluations/{evaluation.pk}/", {"colour": "red"}).content.decode()
    export = officer.get(f"/evaluation/evaluations/{evaluation.pk}/", {"format": "xlsx"})
    config = officer.get(f"/evaluation/evaluations/{evaluation.pk}/config.json").json()
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert all(carrier.name in everyone for carrier in city["carriers"])
    assert city["carriers"][0].name in red and "B 实训基地" not in red
    assert [row[0] for row in rows[1:]] == [
        "B 实训基地",
        "D 联合实验室",
        city["carriers"][0].name,
        "C 产业学院",
    ]
    assert config == evaluation.config


def test_the_home_page_has_an_evaluation_panel(evaluation, city):
    page = client_for(city["school_user"]).get("/").content.decode()
    assert 'id="evaluation-panel"' in page and city["carriers"][0].name in page


def test_reasons_in_english_are_the_stored_sentences_and_pages_show_them_in_chinese(evaluation, city):
    names = indicator_names(evaluation.config)
    results = list(evaluation.results.select_related("evaluation"))
    assert [reason_text(result, names) for result in results] == [result.sentence for result in results]
    a = result_of(evaluation, city["carriers"][0])
    c = result_of(evaluation, city["carriers"][2])
    with translation.override("zh-hans"):
        chinese = indicator_names(evaluation.config)
        assert reason_text(a, chinese) == "红灯：关键设备投入失效率为 50 %，高于红线 40 %。"
        assert (
            reason_text(c, chinese)
            == "黄灯：综合得分 30.0，低于绿灯线（60）；短板指标：毕业生就业率、关键设备投入失效率。"
        )
    page = client_for(city["officer"]).get(f"/evaluation/results/{a.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "红灯：关键设备投入失效率为 50 %，高于红线 40 %。" in page.content.decode()


def test_a_unit_named_like_a_formula_stays_text_in_its_scorecard(evaluation, city):
    a = result_of(evaluation, city["carriers"][0])
    type(a).objects.filter(pk=a.pk).update(unit_name='=HYPERLINK("http://x","y")')

    xlsx = client_for(city["officer"]).get(f"/evaluation/results/{a.pk}/scorecard.xlsx")

    unit = load_workbook(io.BytesIO(xlsx.content))["Scorecard"]["B1"]
    assert (unit.value, unit.data_type) == ('=HYPERLINK("http://x","y")', "s")
