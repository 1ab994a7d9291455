"""Performance-based funding: try a budget, see who gets what, commit; rules from core.funding."""

from decimal import Decimal

import pytest

from chanjiao.evaluation.models import FundingAllocation, FundingLine, UnitKind
from chanjiao.registry.models import ProgramYear
from evaluation.evaluation_support import YEAR, file_return, run_district_evaluation, send
from factories import HUQIU, WUZHONG, client_for


@pytest.fixture
def colleges(city):
    """The school (enrolment 300, pass rate 80 %, retention 75 %) and the other school (100, 60 %, 50 %)."""
    ProgramYear.objects.create(program=city["program"], year=YEAR, enrolment=300)
    ProgramYear.objects.create(program=city["other_program"], year=YEAR, enrolment=100)
    file_return(UnitKind.COLLEGE, city["school"].pk, certification_candidates=100, certification_passed=80,
                graduates_placed_with_partners=40, graduates_retained=30)  # fmt: skip
    file_return(UnitKind.COLLEGE, city["other_school"].pk, certification_candidates=50, certification_passed=30,
                graduates_placed_with_partners=20, graduates_retained=10)  # fmt: skip
    return city


def institutions_payload(**changes):
    return {"kind": "institutions", "year": YEAR, "budget": "1000000.00", **changes}


def test_simulating_shows_who_gets_what_and_stores_nothing(colleges):
    response = send(
        client_for(colleges["officer"]), "post", "/api/evaluation/funding/simulate", institutions_payload()
    )
    lines = {line["unit_name"]: line for line in response.json()["lines"]}
    school, other = lines[colleges["school"].name], lines[colleges["other_school"].name]
    assert response.status_code == 200
    assert (school["benchmark"], school["factor"], school["amount"]) == ("750000.00", 0.1, "825000.00")
    assert (other["benchmark"], other["factor"], other["amount"]) == ("250000.00", -0.3, "175000.00")
    assert other["inputs"] == {
        "certification_pass_rate": 60.0,
        "graduate_retention_rate": 50.0,
        "performance": 55.0,
    }
    assert FundingAllocation.objects.count() == 0


def test_committing_stores_the_allocation_with_its_rules(colleges):
    response = send(
        client_for(colleges["officer"]),
        "post",
        "/api/evaluation/funding",
        institutions_payload(title="2025 奖补", float_band=0.2, confirm=True),
    )
    allocation = FundingAllocation.objects.get()
    assert response.status_code == 201
    assert (allocation.title, allocation.budget, allocation.policy["float_band"]) == (
        "2025 奖补",
        Decimal("1000000.00"),
        0.2,
    )
    assert sum(FundingLine.objects.values_list("amount", flat=True)) == Decimal("1000000.00")
    assert sorted(FundingLine.objects.values_list("amount", flat=True)) == [
        Decimal("200000.00"),
        Decimal("800000.00"),
    ]


def test_the_web_page_simulates_then_commits(colleges):
    client = client_for(colleges["officer"])
    form = {"kind": "institutions", "year": YEAR, "budget": "1000000", "base": "enrolment", "float_band": "0.3",
            "certification_weight": "0.5", "retention_weight": "0.5"}  # fmt: skip
    preview = client.post("/evaluation/funding/new/", {**form, "action": "simulate"})
    asked = client.post("/evaluation/funding/new/", {**form, "action": "commit"})
    stored_before_confirming = FundingAllocation.objects.count()
    committed = client.post("/evaluation/funding/new/", {**form, "action": "commit", "confirmed": "yes"})
    allocation = FundingAllocation.objects.get()
    assert preview.status_code == 200 and "825,000.00" in preview.content.decode()
    confirmation = asked.content.decode()
    assert asked.status_code == 200 and stored_before_confirming == 0
    assert "Commit the allocation of ¥1,000,000.00" in confirmation
    assert "<dt>recipients</dt><dd>2</dd>" in confirmation and 'name="action" value="commit"' in confirmation
    assert committed.status_code == 302 and committed["Location"] == f"/evaluation/funding/{allocation.pk}/"
    assert client.get(f"/evaluation/funding/{allocation.pk}/", {"format": "xlsx"}).status_code == 200


def test_bad_rules_are_refused_naming_the_field(colleges):
    client = client_for(colleges["officer"])
    band = send(client, "post", "/api/evaluation/funding/simulate", institutions_payload(float_band=1.5))
    budget = send(client, "post", "/api/evaluation/funding/simulate", institutions_payload(budget="-5"))
    regions_without_evaluation = send(
        client, "post", "/api/evaluation/funding/simulate", institutions_payload(kind="regions")
    )
    assert [r.json()["detail"][0]["loc"][-1] for r in (band, budget, regions_without_evaluation)] == [
        "float_band",
        "budget",
        "evaluation",
    ]
    assert "float_band must be at least 0 and below 1" in band.json()["detail"][0]["msg"]


def test_only_officers_allocate(colleges):
    school = client_for(colleges["school_user"])
    api = send(school, "post", "/api/evaluation/funding", institutions_payload())
    page = school.get("/evaluation/funding/new/")
    listing = school.get("/api/evaluation/funding")
    assert (api.status_code, page.status_code) == (403, 403)
    assert listing.json()["count"] == 0
    assert FundingAllocation.objects.count() == 0


@pytest.fixture
def district_evaluation(city):
    """Districts of Suzhou on two indicators; Huqiu good, Wuzhong poor with a red line, the rest imputed."""
    equipment = {"key_equipment_items": 10}
    return run_district_evaluation(
        city["officer"],
        {
            HUQIU: {"graduates": 100, "graduates_employed": 98, "key_equipment_failed": 0, **equipment},
            WUZHONG: {"graduates": 100, "graduates_employed": 70, "key_equipment_failed": 5, **equipment},
        },
    )


def test_regions_top_get_the_incentive_and_the_red_lose_ten_percent(district_evaluation, city):
    # given Huqiu on top (100), Wuzhong red (0) and seven districts without returns at the mean (50, above a standard of 45)
    response = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/funding/simulate",
        {
            "kind": "regions",
            "year": YEAR,
            "budget": "9000000.00",
            "base": "equal",
            "evaluation": district_evaluation.pk,
            "standard_score": 45,
        },
    )
    lines = {line["unit_id"]: line for line in response.json()["lines"]}
    standard = next(line for line in lines.values() if line["status"] == "standard")
    assert lines[HUQIU]["status"] == "top" and lines[WUZHONG]["status"] == "below_standard"
    assert Decimal(lines[HUQIU]["amount"]) / Decimal(standard["amount"]) == pytest.approx(
        Decimal("1.2"), abs=Decimal("1e-6")
    )
    assert Decimal(lines[WUZHONG]["amount"]) / Decimal(standard["amount"]) == pytest.approx(
        Decimal("0.9"), abs=Decimal("1e-6")
    )
    assert sum(Decimal(line["amount"]) for line in lines.values()) == Decimal("9000000.00")


def test_other_appraisal_items_and_the_ten_percent_floor(district_evaluation, city):
    client = client_for(city["officer"])
    payload = {
        "kind": "regions",
        "year": YEAR,
        "budget": "1000000.00",
        "base": "equal",
        "evaluation": district_evaluation.pk,
    }
    weighted = send(
        client,
        "post",
        "/api/evaluation/funding/simulate",
        {**payload, "integration_weight": 0.5, "other_scores": {HUQIU: 40.0}},
    )
    too_low = send(
        client, "post", "/api/evaluation/funding/simulate", {**payload, "integration_weight": 0.05}
    )
    unknown = send(
        client, "post", "/api/evaluation/funding/simulate", {**payload, "other_scores": {320100: 50}}
    )
    huqiu = next(line for line in weighted.json()["lines"] if line["unit_id"] == HUQIU)
    assert huqiu["inputs"]["other_score"] == 40.0
    assert huqiu["inputs"]["appraisal_score"] == pytest.approx(
        0.5 * huqiu["inputs"]["integration_score"] + 20.0
    )
    assert too_low.status_code == 422 and too_low.json()["detail"][0]["loc"][-1] == "integration_weight"
    assert (
        too_low.json()["detail"][0]["msg"]
        == "integration_weight must be at least 0.1 and at most 1, got 0.05"
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"][-1] == "other_scores"


def test_the_api_commits_only_when_told_to_confirm(colleges):
    client = client_for(colleges["officer"])

    refused = send(client, "post", "/api/evaluation/funding", institutions_payload())

    assert refused.status_code == 422
    message = refused.json()["detail"][0]["msg"]
    assert message.startswith("Nothing was done. Commit the allocation of ¥1,000,000.00: ")
    assert 'recipients: 2; budget: ¥1,000,000.00. Send "confirm": true to go ahead.' in message
    assert FundingAllocation.objects.count() == 0
