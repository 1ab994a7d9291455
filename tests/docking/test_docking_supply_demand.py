"""The supply–demand table on a small region worked out by hand, the dashboard with its
drill-downs and exports, the refresh job, advice and its workflow, and alignment."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from chanjiao.docking.models import (
    Advice,
    AlignmentScore,
    DemandCell,
    RegionMonth,
    SupplyDemandCell,
    SupplyDemandRun,
)
from chanjiao.docking.refresh import refresh_supply_demand
from docking.docking_factories import YEAR, make_posting, send
from factories import client_for, make_student

SUZHOU, HUQIU, WUZHONG = 320500, 320505, 320506


@pytest.fixture
def table(docking):
    """Seats: 数控车工 30 and CNC 50 in Huqiu, a minor-group-only posting of 10 at city level,
    programmers 40 in Wuzhong (2025); 车工 20 and programmers 60 (2024); a draft of 999 that
    never counts. Graduates (2025): 80 split over 车工 / CNC, 120 programmers."""
    world = docking
    make_posting(
        world["enterprise"], "数控车工", seats=30, occupation="6-18-01-01", published=dt.date(YEAR, 3, 2)
    )
    make_posting(
        world["enterprise"], "CNC operator", seats=50, occupation="6-18-01-07", published=dt.date(YEAR, 5, 9)
    )
    make_posting(
        world["enterprise"],
        "机加工",
        seats=10,
        occupation="6-18-01-00",
        published=dt.date(YEAR, 5, 20),
        region_id=SUZHOU,
    )
    make_posting(
        world["other_enterprise"],
        "Java开发",
        seats=40,
        occupation="4-04-05-01",
        published=dt.date(YEAR, 6, 1),
        region_id=WUZHONG,
    )
    make_posting(
        world["enterprise"], "车工", seats=20, occupation="6-18-01-01", published=dt.date(YEAR - 1, 4, 1)
    )
    make_posting(
        world["other_enterprise"],
        "程序员",
        seats=60,
        occupation="4-04-05-01",
        published=dt.date(YEAR - 1, 7, 1),
        region_id=WUZHONG,
    )
    make_posting(world["enterprise"], "草稿", seats=999, occupation="6-18-01-01", published=None)
    run = refresh_supply_demand(actor=world["officer"])
    return {**world, "run": run}


def cell(level, occupation, region, year=YEAR):
    return SupplyDemandCell.objects.get(level=level, occupation_id=occupation, region_id=region, year=year)


def test_demand_cells_count_published_seats_by_month(table):
    rows = set(
        DemandCell.objects.values_list("occupation_id", "region_id", "year", "month", "seats", "postings")
    )

    assert rows == {
        ("6-18-01-01", HUQIU, 2025, 3, 30, 1),
        ("6-18-01-07", HUQIU, 2025, 5, 50, 1),
        ("6-18-01-00", SUZHOU, 2025, 5, 10, 1),
        ("4-04-05-01", WUZHONG, 2025, 6, 40, 1),
        ("6-18-01-01", HUQIU, 2024, 4, 20, 1),
        ("4-04-05-01", WUZHONG, 2024, 7, 60, 1),
    }


def test_monthly_seats_per_region_include_everything_below(table):
    def months(region):
        return list(
            RegionMonth.objects.filter(region_id=region)
            .order_by("year", "month")
            .values_list("year", "month", "seats")
        )

    assert months(SUZHOU) == [(2024, 4, 20), (2024, 7, 60), (2025, 3, 30), (2025, 5, 60), (2025, 6, 40)]
    assert months(HUQIU) == [(2024, 4, 20), (2025, 3, 30), (2025, 5, 50)]
    assert months(320000) == months(SUZHOU)


def test_gap_ratio_trend_and_forecast_by_hand(table):
    lathe, cnc, minor_only, programmers = (
        cell(4, "6-18-01-01", SUZHOU),
        cell(4, "6-18-01-07", SUZHOU),
        cell(4, "6-18-01-00", SUZHOU),
        cell(4, "4-04-05-01", SUZHOU),
    )

    assert (lathe.demand, lathe.supply, lathe.gap, lathe.ratio) == (30, 40.0, -10.0, 0.75)
    assert (cnc.demand, cnc.supply, cnc.gap, cnc.ratio) == (50, 40.0, 10.0, 1.25)
    assert (minor_only.demand, minor_only.supply, minor_only.ratio) == (10, 0.0, None)
    assert (programmers.demand, programmers.supply, programmers.ratio) == (40, 120.0, 0.3333)
    assert (lathe.trend, lathe.forecast) == (0.4, 40.0)  # 20 → 30: slope 10 over a mean of 25
    assert (cnc.trend, cnc.forecast) == (2.0, 100.0)
    assert table["run"].first_year == 2024 and table["run"].last_year == 2025


def test_rollups_to_coarser_levels_and_regions(table):
    assert (cell(3, "6-18-01-00", SUZHOU).demand, cell(3, "6-18-01-00", SUZHOU).supply) == (90, 80.0)
    assert (cell(1, "6-00-00-00", 320000).demand, cell(1, "6-00-00-00", 320000).supply) == (90, 80.0)
    assert (cell(4, "6-18-01-07", HUQIU).demand, cell(4, "6-18-01-07", HUQIU).region_parent_id) == (
        50,
        SUZHOU,
    )
    assert cell(4, "4-04-05-01", WUZHONG).supply == 120.0
    assert not SupplyDemandCell.objects.filter(region_id=HUQIU, occupation_id="6-18-01-00", level=4).exists()
    totals = SupplyDemandCell.objects.filter(region_id=SUZHOU, level=1, year=YEAR)
    assert sum(totals.values_list("demand", flat=True)) == 130


def test_advice_follows_the_relative_ratio_and_trend(table):
    machining = Advice.objects.get(program=table["program"])
    computing = Advice.objects.get(program=table["other_program"])
    regional = Advice.objects.get(program__isnull=True, program_code="510201")

    # (30/130)/(40/200) and (50/130)/(40/200), averaged with weights ½ and ½
    assert (machining.recommendation, machining.relative_ratio, machining.trend) == ("expand", 1.5385, 1.2)
    assert (computing.recommendation, computing.relative_ratio, computing.trend) == ("reduce", 0.5128, -0.4)
    assert (regional.recommendation, regional.region_id, regional.school_id) == ("reduce", SUZHOU, None)
    evidence = machining.evidence
    assert (evidence["demand_total"], evidence["supply_total"], evidence["graduates"]) == (130, 200.0, 80)
    assert [o["code"] for o in evidence["occupations"]] == ["6-18-01-01", "6-18-01-07"]
    assert evidence["occupations"][1]["relative_ratio"] == 1.923


def test_advice_lists_the_years_placement_outcomes(docking):
    # given the machining program's students placed in the year: two completed (one then hired by
    # the host), one still active; a declined offer and a placement of the year before do not count
    from chanjiao.matching.models import Placement
    from chanjiao.tracking.models import PracticalTraining

    program = docking["program"]
    first, second = make_student(program), make_student(program)

    def place(student, status, year=YEAR):
        return Placement.objects.create(
            student=student,
            enterprise=docking["enterprise"],
            kind="internship",
            stage="post",
            year=year,
            start_date=dt.date(year, 7, 1),
            end_date=dt.date(year, 12, 31),
            status=status,
        )

    hired = place(first, "completed")
    PracticalTraining.objects.create(placement=hired, hired=True, hired_on=dt.date(YEAR + 1, 1, 5))
    place(second, "completed")
    place(second, "active")
    place(first, "declined")
    place(first, "completed", year=YEAR - 1)
    make_posting(
        docking["enterprise"], "数控车工", seats=30, occupation="6-18-01-01", published=dt.date(YEAR, 3, 2)
    )

    refresh_supply_demand()

    outcomes = {"placements": 3, "students_placed": 2, "completed": 2, "hired": 1}
    advice = Advice.objects.get(program=program)
    assert advice.evidence["placements"] == outcomes
    assert (
        Advice.objects.get(program__isnull=True, program_code=program.code).evidence["placements"] == outcomes
    )
    assert Advice.objects.get(program=docking["other_program"]).evidence["placements"] is None
    page = client_for(docking["officer"]).get(f"/supply-demand/advice/{advice.pk}/").content.decode()
    assert f"3 placements in {YEAR} (2 students), 2 completed, 1 hired by their host" in page


def test_alignment_is_the_cosine_over_minor_groups(table):
    scores = dict(AlignmentScore.objects.filter(year=YEAR).values_list("school_id", "score"))

    assert scores == {table["school"].pk: 0.9138, table["other_school"].pk: 0.4061}
    assert AlignmentScore.objects.get(school=table["school"], year=YEAR - 1).score == 0.3162


def test_decided_advice_is_never_rewritten_by_a_refresh(table):
    advice = Advice.objects.get(program=table["program"])
    send(
        client_for(table["officer"]),
        "post",
        f"/api/supply-demand/advice/{advice.pk}/decide",
        {"decision": "keep", "decision_note": "先观察"},
    )
    make_posting(
        table["enterprise"], "数控车工", seats=500, occupation="6-18-01-01", published=dt.date(YEAR, 9, 1)
    )

    refresh_supply_demand()

    advice.refresh_from_db()
    assert (advice.status, advice.decision, advice.relative_ratio) == ("decided", "keep", 1.5385)
    assert cell(4, "6-18-01-01", SUZHOU).demand == 530


def test_a_refresh_rewrites_only_proposed_advice_whose_evidence_changed(table):
    before = dict(Advice.objects.values_list("program_code", "updated_at"))
    ids = set(Advice.objects.values_list("pk", flat=True))

    refresh_supply_demand()
    unchanged = dict(Advice.objects.values_list("program_code", "updated_at"))
    make_posting(
        table["other_enterprise"],
        "Java开发",
        seats=400,
        occupation="4-04-05-01",
        published=dt.date(YEAR, 8, 1),
    )
    refresh_supply_demand()

    assert unchanged == before
    assert set(Advice.objects.values_list("pk", flat=True)) == ids
    computing = Advice.objects.get(program=table["other_program"])
    assert (computing.recommendation, computing.updated_at > before["510201"]) == ("expand", True)


def test_advice_workflow_college_responds_officer_decides(table):
    advice = Advice.objects.get(program=table["program"])
    url = f"/api/supply-demand/advice/{advice.pk}"

    other_school = send(
        client_for(table["other_school_user"]),
        "post",
        url + "/respond",
        {"response_position": "agree", "response": "x"},
    )
    early_blank = send(
        client_for(table["school_user"]),
        "post",
        url + "/respond",
        {"response_position": "agree", "response": ""},
    )
    responded = send(
        client_for(table["school_user"]),
        "post",
        url + "/respond",
        {"response_position": "partly", "response": "扩招一个班"},
    )
    nanjing = send(
        client_for(table["nanjing_officer"]),
        "post",
        url + "/decide",
        {"decision": "expand", "decision_note": "x"},
    )
    school_decides = send(
        client_for(table["school_user"]),
        "post",
        url + "/decide",
        {"decision": "expand", "decision_note": "x"},
    )
    decided = client_for(table["officer"]).post(
        f"/supply-demand/advice/{advice.pk}/decide/", {"decision": "expand", "decision_note": "同意扩招"}
    )
    again = send(
        client_for(table["officer"]), "post", url + "/decide", {"decision": "close", "decision_note": "x"}
    )

    assert other_school.status_code == 404 and nanjing.status_code == 404
    assert early_blank.json()["detail"][0]["loc"] == ["body", "response"]
    assert responded.json()["status"] == "responded"
    assert school_decides.status_code == 403
    assert decided.status_code == 302
    assert again.status_code == 403
    advice.refresh_from_db()
    assert (advice.status, advice.response_position, advice.decision, advice.decided_by) == (
        "decided",
        "partly",
        "expand",
        table["officer"],
    )


def test_dashboard_shows_the_region_and_drills_down(table):
    client = client_for(table["officer"])

    page = client.get("/supply-demand/", {"level": 4, "year": YEAR}).content.decode()
    drill = client.get(
        "/supply-demand/cell/", {"region": SUZHOU, "level": 3, "year": YEAR, "occupation": "6-18-01-00"}
    )
    programs = client.get(
        "/supply-demand/cell/",
        {"region": SUZHOU, "level": 3, "year": YEAR, "occupation": "6-18-01-00", "format": "xlsx"},
    )
    postings = client.get(
        "/docking/postings/",
        {"region": SUZHOU, "occupation": "6-18-01-00", "occupation_level": 3, "year": YEAR, "format": "xlsx"},
    )

    assert "Supply and demand: 江苏省 苏州市, 2025" in page
    assert 'id="heatmap"' in page and "vendor/chartjs/chart.umd.min.js" in page
    shortages, surpluses = page.split('id="shortages"')[1].split('id="surpluses"')
    assert "6-18-01-07 多工序数控机床操作调整工" in shortages and "4-04-05-01" not in shortages
    assert "4-04-05-01 计算机程序设计员" in surpluses.split("</table>")[0]
    body = drill.content.decode()
    assert "数控技术" in body and "CNC operator" in body and "机加工" in body and "草稿" not in body
    sheet = load_workbook(io.BytesIO(programs.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("数控技术", "460103", "苏州示范职业技术学院", 80, 1.0, 80.0)
    ]
    titles = sorted(
        r[0]
        for r in load_workbook(io.BytesIO(postings.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert titles == ["CNC operator", "数控车工", "机加工"]


@pytest.mark.parametrize("part", ["table", "shortages", "surpluses", "heatmap", "trend", "monthly"])
def test_every_dashboard_part_exports_to_excel(table, part):
    response = client_for(table["officer"]).get(
        "/supply-demand/", {"region": SUZHOU, "year": YEAR, "format": "xlsx", "part": part}
    )

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.content)).active.max_row >= 2


def test_the_api_gives_the_same_figures(table):
    client = client_for(table["school_user"])

    summary = client.get("/api/supply-demand/summary", {"region": SUZHOU, "level": 4, "year": YEAR}).json()
    cells = client.get("/api/supply-demand/cells", {"region": HUQIU, "level": 4, "year": YEAR}).json()
    heat = client.get("/api/supply-demand/heatmap", {"region": SUZHOU, "level": 4, "year": YEAR}).json()
    trend = client.get(
        "/api/supply-demand/trend", {"region": SUZHOU, "level": 4, "occupation": "6-18-01-01"}
    ).json()
    drill = client.get(
        "/api/supply-demand/drill", {"region": SUZHOU, "level": 4, "year": YEAR, "occupation": "6-18-01-07"}
    ).json()
    bad = client.get("/api/supply-demand/summary", {"level": 9})

    assert summary["totals"] == {"demand": 130, "supply": 200.0, "postings": 4, "gap": -70.0, "ratio": 0.65}
    assert [c["occupation"] for c in summary["shortages"]] == [
        "6-18-01-00",
        "6-18-01-07",
    ]  # equal gaps: by code
    assert [c["occupation"] for c in summary["surpluses"]] == ["4-04-05-01", "6-18-01-01"]
    assert {c["occupation"]: c["gap"] for c in cells["items"]} == {"6-18-01-07": 10.0, "6-18-01-01": -10.0}
    assert [r["region_id"] for r in heat["rows"]] == [HUQIU, WUZHONG]
    assert trend == [
        {"year": 2024, "demand": 20, "supply": 45.0, "forecast": None},
        {"year": 2025, "demand": 30, "supply": 40.0, "forecast": 40.0},
    ]
    assert drill["programs"][0]["supply"] == 40.0 and len(drill["postings"]) == 1
    assert bad.status_code == 422


def test_refresh_is_a_background_job_for_officers_only(table, django_capture_on_commit_callbacks):
    before = SupplyDemandRun.objects.count()

    refused = client_for(table["enterprise_user"]).post("/supply-demand/refresh/")
    api_refused = send(client_for(table["school_user"]), "post", "/api/supply-demand/refresh")
    with django_capture_on_commit_callbacks(execute=True):
        started = client_for(table["officer"]).post("/supply-demand/refresh/")
        api = send(client_for(table["admin"]), "post", "/api/supply-demand/refresh")

    assert (refused.status_code, api_refused.status_code) == (403, 403)
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    assert api.status_code == 202
    assert SupplyDemandRun.objects.count() == before + 2


def test_the_dashboard_says_how_stale_the_table_is(table):
    make_posting(table["enterprise"], "焊工", seats=5, occupation="6-18-02-04")

    page = client_for(table["officer"]).get("/supply-demand/").content.decode()

    assert "1 posting changed since." in page


def test_alignment_and_advice_lists_export(table):
    client = client_for(table["officer"])

    alignment = client.get("/supply-demand/alignment/", {"year": YEAR, "format": "xlsx"})
    advice = client.get("/supply-demand/advice/", {"recommendation": "expand", "format": "xlsx"})
    school_view = client_for(table["school_user"]).get("/api/supply-demand/advice").json()
    enterprise_view = client_for(table["enterprise_user"]).get("/api/supply-demand/advice").json()

    assert load_workbook(io.BytesIO(alignment.content)).active.max_row == 3
    assert [
        r[0] for r in load_workbook(io.BytesIO(advice.content)).active.iter_rows(min_row=2, values_only=True)
    ] == ["数控技术", "数控技术"]
    assert {a["program_name"] for a in school_view["items"]} == {"数控技术"}
    assert enterprise_view["count"] == 0
