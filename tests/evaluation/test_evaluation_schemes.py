"""Officers edit the framework, the weights (AHP, regional) and the thresholds, on the web and the API."""

import pytest

from chanjiao.core.indicators import Framework
from chanjiao.evaluation.indicators import DEFINITIONS
from chanjiao.evaluation.models import Scheme
from evaluation.evaluation_support import send, two_indicator_framework
from factories import SUZHOU, client_for

SAATY_DRINKS_LIKE = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
INCONSISTENT = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]


def test_officer_creates_a_scheme_with_the_default_framework_and_thresholds(city):
    response = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/schemes",
        {"name": "载体评价", "unit_kind": "carrier", "region": SUZHOU},
    )
    body = response.json()
    framework = Framework.from_dict(body["framework"])
    assert response.status_code == 201
    assert len(framework.indicators) == 16 and body["zone"] == "east"
    assert body["light_policy"]["red_lines"] == [
        {"indicator": "enterprise_participation_rate", "comparison": "below", "threshold": 30.0},
        {"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 40.0},
    ]
    assert body["regional_weight_sets"]["west"] == {"participation": 0.4, "process": 0.35, "results": 0.25}


def test_an_enterprise_scheme_judges_partners_on_what_applies_to_them(city):
    response = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/schemes",
        {"name": "企业评价", "unit_kind": "enterprise", "region": SUZHOU},
    )
    framework = Framework.from_dict(response.json()["framework"])
    assert framework.indicator_codes == (
        "interns_hosted",
        "enterprise_investment_intensity",
        "key_equipment_failure_rate",
        "skill_certification_pass_rate",
        "graduate_retention_rate",
        "technical_needs_solved_rate",
        "achievement_transfer_income",
        "patents_granted",
        "cooperation_satisfaction",
    )
    assert [r["indicator"] for r in response.json()["light_policy"]["red_lines"]] == [
        "key_equipment_failure_rate"
    ]


def test_bad_scheme_payloads_are_refused_naming_the_field(city):
    client = client_for(city["officer"])
    nanjing_region = send(
        client, "post", "/api/evaluation/schemes", {"name": "x", "unit_kind": "carrier", "region": 320100}
    )
    geometric_z = send(
        client,
        "post",
        "/api/evaluation/schemes",
        {
            "name": "x",
            "unit_kind": "carrier",
            "region": SUZHOU,
            "aggregation": "geometric",
            "normalisation": "zscore",
        },
    )
    few_draws = send(
        client,
        "post",
        "/api/evaluation/schemes",
        {"name": "x", "unit_kind": "carrier", "region": SUZHOU, "monte_carlo_draws": 5},
    )
    assert [r.json()["detail"][0]["loc"][-1] for r in (nanjing_region, geometric_z, few_draws)] == [
        "region",
        "normalisation",
        "monte_carlo_draws",
    ]
    assert Scheme.objects.count() == 0


def test_only_officers_manage_schemes(scheme, city):
    school = client_for(city["school_user"])
    listing = school.get("/evaluation/schemes/")
    create = send(
        school, "post", "/api/evaluation/schemes", {"name": "x", "unit_kind": "carrier", "region": SUZHOU}
    )
    nanjing = client_for(city["nanjing_officer"]).get(f"/api/evaluation/schemes/{scheme.pk}")
    edit = send(school, "patch", f"/api/evaluation/schemes/{scheme.pk}", {"name": "mine"})
    assert (listing.status_code, create.status_code, nanjing.status_code, edit.status_code) == (
        403,
        403,
        404,
        404,
    )
    assert Scheme.objects.get().name == "苏州市载体评价"


def test_framework_edited_on_the_web_page(scheme, city):
    # given the framework page; when the officer adds practical-course share with a target of 60
    client = client_for(city["officer"])
    page = client.get(f"/evaluation/schemes/{scheme.pk}/framework/")
    form = {
        "weight_participation": "1",
        "weight_process": "2",
        "weight_results": "1",
        "include_key_equipment_failure_rate": "on",
        "dimension_key_equipment_failure_rate": "process",
        "weight_key_equipment_failure_rate": "1",
        "include_graduate_employment_rate": "on",
        "dimension_graduate_employment_rate": "results",
        "weight_graduate_employment_rate": "1",
        "include_practical_course_share": "on",
        "dimension_practical_course_share": "process",
        "weight_practical_course_share": "3",
        "target_practical_course_share": "60",
    }
    for code in DEFINITIONS:
        form.setdefault(f"dimension_{code}", "results")
        form.setdefault(f"weight_{code}", "1")
    response = client.post(f"/evaluation/schemes/{scheme.pk}/framework/", form)
    # then the tree holds the three indicators with the weights and target given
    framework = Framework.from_dict(Scheme.objects.get().framework)
    assert page.status_code == 200 and response.status_code == 302
    assert framework.indicator_codes == (
        "practical_course_share",
        "key_equipment_failure_rate",
        "graduate_employment_rate",
    )
    assert framework.indicator("practical_course_share").target == 60.0
    assert framework.effective_weights().round(4).tolist() == [0.5, 0.1667, 0.3333]


def test_framework_through_the_api_refuses_what_the_platform_cannot_compute(scheme, city):
    client = client_for(city["officer"])
    unknown = two_indicator_framework()
    unknown["root"]["children"][0]["children"][0]["code"] = "happiness_index"
    flipped = two_indicator_framework()
    flipped["root"]["children"][0]["children"][0]["direction"] = "benefit"
    without_red_line_indicator = two_indicator_framework()
    without_red_line_indicator["root"]["children"] = without_red_line_indicator["root"]["children"][1:]
    responses = [
        send(client, "put", f"/api/evaluation/schemes/{scheme.pk}/framework", body)
        for body in (unknown, flipped, without_red_line_indicator)
    ]
    messages = [r.json()["detail"][0]["msg"] for r in responses]
    assert [r.status_code for r in responses] == [422, 422, 422]
    assert messages[0] == "indicator 'happiness_index' is not one the platform computes"
    assert messages[1].startswith("indicator 'key_equipment_failure_rate' is cost in '%'")
    assert messages[2].startswith("the red line on 'key_equipment_failure_rate' needs that indicator")
    assert Scheme.objects.get().framework == two_indicator_framework()


def test_consistent_ahp_judgements_set_the_weights(scheme, city):
    client = client_for(city["officer"])
    services_scheme = send(
        client, "put", f"/api/evaluation/schemes/{scheme.pk}/framework", _three_dimension_framework()
    ).json()
    response = send(
        client,
        "put",
        f"/api/evaluation/schemes/{scheme.pk}/ahp/integration_index",
        {"matrix": SAATY_DRINKS_LIKE},
    )
    judged = response.json()["ahp_judgements"]["integration_index"]
    assert services_scheme["weighting_method"] == "framework"
    assert response.status_code == 200 and response.json()["weighting_method"] == "ahp"
    assert [round(judged["weights"][c], 4) for c in ("participation", "process", "results")] == [
        0.6483,
        0.2297,
        0.122,
    ]
    assert judged["consistency_ratio"] == pytest.approx(0.003, abs=0.001)


def test_inconsistent_ahp_judgements_are_refused_with_the_message_and_nothing_changes(scheme, city):
    client = client_for(city["officer"])
    send(client, "put", f"/api/evaluation/schemes/{scheme.pk}/framework", _three_dimension_framework())
    api = send(
        client, "put", f"/api/evaluation/schemes/{scheme.pk}/ahp/integration_index", {"matrix": INCONSISTENT}
    )
    web = client.post(
        f"/evaluation/schemes/{scheme.pk}/ahp/integration_index/",
        {"pair_0_1": "9", "pair_0_2": "1/9", "pair_1_2": "9"},
    )
    assert api.status_code == 422
    assert api.json()["detail"][0]["msg"].startswith(
        "pairwise judgements are too inconsistent: consistency ratio 6.13 is not below 0.1; the judgement "
        "furthest from the derived priorities is Participation degree vs Process management"
    )
    assert web.status_code == 400 and "too inconsistent" in web.content.decode()
    stored = Scheme.objects.get()
    assert (stored.ahp_judgements, stored.weighting_method) == ({}, "framework")


def test_ahp_on_the_web_page_saves_consistent_judgements(scheme, city):
    client = client_for(city["officer"])
    send(client, "put", f"/api/evaluation/schemes/{scheme.pk}/framework", _three_dimension_framework())
    response = client.post(
        f"/evaluation/schemes/{scheme.pk}/ahp/integration_index/",
        {"pair_0_1": "3", "pair_0_2": "5", "pair_1_2": "2"},
    )
    assert response.status_code == 302
    assert Scheme.objects.get().ahp_judgements["integration_index"]["matrix"][2][0] == 0.2


def _three_dimension_framework() -> dict:
    framework = two_indicator_framework()
    participation = {
        "code": "participation",
        "name_en": "Participation degree",
        "name_zh": "参与度",
        "weight": 1.0,
        "children": [DEFINITIONS["enterprise_investment_intensity"].to_dict()],
    }
    framework["root"]["children"].insert(0, participation)
    return framework


def test_thresholds_on_the_web_and_their_validation(scheme, city):
    client = client_for(city["officer"])
    saved = client.post(
        f"/evaluation/schemes/{scheme.pk}/thresholds/",
        {
            "green_from": "70",
            "yellow_from": "30",
            "equipment_failure_above": "35",
            "red_deadline_days": "60",
            "yellow_deadline_days": "120",
        },
    )
    crossed = send(
        client,
        "put",
        f"/api/evaluation/schemes/{scheme.pk}/thresholds",
        {"green_from": 50, "yellow_from": 55},
    )
    absent = send(
        client,
        "put",
        f"/api/evaluation/schemes/{scheme.pk}/thresholds",
        {"green_from": 50, "participation_below": 30},
    )
    stored = Scheme.objects.get()
    assert saved.status_code == 302
    assert stored.light_policy == {
        "red_lines": [{"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 35.0}],
        "green_from": 70.0,
        "yellow_from": 30.0,
        "n_reasons": 3,
    }
    assert (stored.red_deadline_days, stored.yellow_deadline_days) == (60, 120)
    assert [r.json()["detail"][0]["loc"][-1] for r in (crossed, absent)] == [
        "yellow_from",
        "participation_below",
    ]


def test_regional_weight_sets_through_the_api(scheme, city):
    client = client_for(city["officer"])
    response = send(
        client,
        "put",
        f"/api/evaluation/schemes/{scheme.pk}/regional",
        {
            "zone": "west",
            "weight_sets": {
                z: {"process": 1, "results": 2} for z in ("east", "central", "west", "northeast")
            },
        },
    )
    negative = send(
        client,
        "put",
        f"/api/evaluation/schemes/{scheme.pk}/regional",
        {
            "zone": "west",
            "weight_sets": {
                z: {"process": -1 if z == "west" else 1, "results": 2}
                for z in ("east", "central", "west", "northeast")
            },
        },
    )
    assert response.status_code == 200 and response.json()["weighting_method"] == "regional"
    assert response.json()["regional_weight_sets"]["west"] == {"process": 1.0, "results": 2.0}
    assert negative.status_code == 422 and negative.json()["detail"][0]["loc"][-1] == "west_process"
