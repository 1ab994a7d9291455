"""An officer evaluates the city's carriers in Chromium: lights with reasons and rank intervals, a
rectification case opened and closed, a funding allocation simulated and committed, and a
scorecard downloaded."""

from pathlib import Path

import pytest

from chanjiao.evaluation import services
from chanjiao.evaluation.models import FundingAllocation, RectificationCase, UnitKind
from chanjiao.registry.models import ProgramYear, Region
from evaluation.evaluation_support import YEAR, file_return, two_indicator_framework
from factories import SUZHOU, make_carrier

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def carrier_cycle(world):
    """Four carriers with returns (one beyond the key-equipment red line) and two colleges to fund."""
    officer = world["officer"]
    carriers = [
        world["carrier"],
        make_carrier(world["other_school"], members=[world["enterprise"]], name="B 实训基地"),
        make_carrier(world["school"], members=[world["other_enterprise"]], name="C 产业学院"),
        make_carrier(world["enterprise"], members=[world["school"]], kind="joint_lab", name="D 联合实验室"),
    ]
    for carrier, (employed, failed) in zip(carriers, [(180, 5), (95, 0), (60, 2), (80, 1)], strict=True):
        file_return(
            UnitKind.CARRIER,
            carrier.pk,
            graduates=200 if carrier == world["carrier"] else 100,
            graduates_employed=employed,
            key_equipment_items=10,
            key_equipment_failed=failed,
        )
    for program, school, enrolment, passed, retained in [
        (world["program"], world["school"], 300, 80, 30),
        (world["other_program"], world["other_school"], 100, 60, 20),
    ]:
        ProgramYear.objects.create(program=program, year=YEAR, enrolment=enrolment)
        file_return(UnitKind.COLLEGE, school.pk, certification_candidates=100, certification_passed=passed,
                    graduates_placed_with_partners=40, graduates_retained=retained)  # fmt: skip
    scheme = services.create_scheme(
        actor=officer,
        data={
            "name": "苏州市载体评价",
            "unit_kind": UnitKind.CARRIER,
            "region": Region.objects.get(pk=SUZHOU),
            "outliers": "none",
        },
    )
    services.set_thresholds(
        actor=officer,
        scheme=scheme,
        green_from=60.0,
        yellow_from=None,
        red_lines=[{"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 40.0}],
        red_deadline_days=90,
        yellow_deadline_days=180,
    )
    services.set_framework(actor=officer, scheme=scheme, framework=two_indicator_framework())
    return services.create_cycle(actor=officer, scheme=scheme, kind="annual", year=YEAR)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_officer_evaluates_carriers_handles_a_case_allocates_funding_and_downloads_a_scorecard(
    carrier_cycle, page
):
    sign_in(page, "officer")

    # evaluate the carriers from the cycle page
    page.goto(page.base_url + "/evaluation/cycles/")
    page.click(f"text={carrier_cycle.name}")
    page.click("#evaluate")
    page.wait_for_selector("#results")
    assert "Evaluated 4 units: 1 red, 1 yellow, 2 green." in page.inner_text(".messages")
    rows = page.inner_text("#results")
    assert "key-equipment investment failure rate is 50 %, above the red line of 40 %" in rows
    assert "composite score 30.0 is below the green band (60)" in rows

    # the lights grid and the red carrier's scorecard with its rank interval
    page.goto(page.base_url + "/evaluation/")
    assert page.locator("#lights .tile-red").count() == 1
    page.locator("#lights .tile-red").click()
    page.wait_for_selector("#reason")
    assert page.inner_text("#reason").startswith("Red: key-equipment investment failure rate is 50 %")
    assert "90 % interval" in page.inner_text("#rank")

    # download the scorecard
    with page.expect_download() as download:
        page.click("#download-pdf")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(path).read_bytes()[:5] == b"%PDF-"

    # open a rectification case and close it
    page.click("#open-case button[type=submit]")
    page.wait_for_selector("#case-status")
    assert page.inner_text("#case-status").startswith("Open")
    page.fill("#action-close textarea", "复查合格：闲置设备已重新投入使用。")
    page.click("#action-close button[type=submit]")
    page.wait_for_selector("text=Saved.")
    assert page.inner_text("#case-status").startswith("Closed")
    assert RectificationCase.objects.get().conclusion == "复查合格：闲置设备已重新投入使用。"

    # try a budget, then commit it
    page.goto(page.base_url + "/evaluation/funding/new/")
    page.select_option("select[name=kind]", "institutions")
    page.fill("input[name=year]", str(YEAR))
    page.fill("input[name=budget]", "1000000")
    page.click("#simulate")
    page.wait_for_selector("#proposal")
    assert "825,000.00" in page.inner_text("#proposal")
    assert FundingAllocation.objects.count() == 0
    page.click("#commit")
    page.click("#confirm")  # the confirmation page: the amount and the recipients
    page.wait_for_selector("text=Allocation committed.")
    assert FundingAllocation.objects.get().lines.count() == 2
