"""Records the credit file counts: contributions with third-party appraisal, insurance covers and
claims (the yearly statement), disputes and breaches. Each write updates the credit file."""

from chanjiao.credit.models import Contribution, CreditAssessment, Incident, InsuranceClaim, InsuranceCover
from factories import client_for


def contribution(world, **changes):
    return {
        "enterprise": world["enterprise"].pk,
        "kind": "equipment",
        "description": "五轴加工中心",
        "recipient": world["school"].pk,
        "contributed_on": "2025-03-01",
        "appraised_value": "250000.00",
        "appraiser": "苏州信达资产评估有限公司",
        **changes,
    }


def test_a_contribution_counts_in_the_credit_file_and_the_recipient_sees_it(world, aaa_records, send):
    response = send(
        client_for(world["enterprise_user"]), "post", "/api/credit/contributions", contribution(world)
    )

    assert response.status_code == 201
    current = CreditAssessment.objects.get(enterprise=world["enterprise"], is_current=True)
    assert [r["equipment_contributed"] for r in current.records] == [0.0, 0.0, 250000.0]
    school_sees = client_for(world["school_user"]).get("/api/credit/contributions").json()["items"]
    other_sees = client_for(world["other_enterprise_user"]).get("/api/credit/contributions").json()["items"]
    assert ([c["description"] for c in school_sees], other_sees) == (["五轴加工中心"], [])


def test_bad_contributions_are_refused_naming_the_field(world, suzhou_policy, send, error_fields):
    client = client_for(world["enterprise_user"])

    self_appraised = send(
        client, "post", "/api/credit/contributions", contribution(world, appraiser="苏州精密机械有限公司")
    )
    someone_else = send(
        client,
        "post",
        "/api/credit/contributions",
        contribution(world, enterprise=world["other_enterprise"].pk),
    )
    negative = send(client, "post", "/api/credit/contributions", contribution(world, appraised_value="-5"))
    bad_kind = send(client, "post", "/api/credit/contributions", contribution(world, kind="goodwill"))
    by_school = send(
        client_for(world["school_user"]), "post", "/api/credit/contributions", contribution(world)
    )

    assert [error_fields(r) for r in (self_appraised, someone_else, negative, bad_kind)] == [
        ["appraiser"],
        ["enterprise"],
        ["appraised_value"],
        ["kind"],
    ]
    assert by_school.status_code == 403
    assert Contribution.objects.count() == 0


def test_the_insurance_statement_subsidises_rebates_claim_free_years_and_shows_the_version(
    world, suzhou_policy, send
):
    client = client_for(world["enterprise_user"])
    cover = send(
        client,
        "post",
        "/api/credit/insurance",
        {
            "enterprise": world["enterprise"].pk,
            "year": 2024,
            "insurer": "人保财险",
            "premium": "10000.00",
            "insured_people": 80,
        },
    ).json()
    send(
        client,
        "post",
        f"/api/credit/insurance/{cover['id']}/claims",
        {"occurred_on": "2024-09-03", "description": "实训中手部划伤", "paid": "3200.00"},
    )
    send(
        client,
        "post",
        "/api/credit/insurance",
        {"enterprise": world["enterprise"].pk, "year": 2025, "insurer": "人保财险", "premium": "12000.00"},
    )

    statement = client.get(f"/api/credit/enterprises/{world['enterprise'].pk}").json()["assessment"][
        "insurance"
    ]
    page = client.get(f"/credit/enterprises/{world['enterprise'].pk}/").content.decode()

    assert [
        (line["year"], line["subsidy_rate"], line["subsidy"], line["claims"], line["rebate"], line["net"])
        for line in statement["lines"]
    ] == [
        (2024, "70.00 %", "7000.00", 1, "0.00", "3000.00"),
        (2025, "70.00 %", "8400.00", 0, "360.00", "3240.00"),
    ]
    assert (
        statement["premium"],
        statement["subsidy"],
        statement["rebate"],
        statement["net"],
        statement["policy_version"],
    ) == (
        "22000.00",
        "15400.00",
        "360.00",
        "6240.00",
        1,
    )
    assert 'id="insurance-statement"' in page and "6,240.00" in page


def test_bad_insurance_input_is_refused(world, suzhou_policy, send, error_fields):
    client = client_for(world["enterprise_user"])
    cover = send(
        client,
        "post",
        "/api/credit/insurance",
        {"enterprise": world["enterprise"].pk, "year": 2025, "insurer": "人保财险", "premium": "9000.00"},
    ).json()

    twice = send(
        client,
        "post",
        "/api/credit/insurance",
        {"enterprise": world["enterprise"].pk, "year": 2025, "insurer": "平安", "premium": "1.00"},
    )
    fraction_of_cent = send(
        client,
        "post",
        "/api/credit/insurance",
        {"enterprise": world["enterprise"].pk, "year": 2024, "insurer": "平安", "premium": "1.001"},
    )
    wrong_year = send(
        client,
        "post",
        f"/api/credit/insurance/{cover['id']}/claims",
        {"occurred_on": "2024-12-31", "description": "x", "paid": "1.00"},
    )
    others_cover = send(
        client_for(world["other_enterprise_user"]),
        "post",
        f"/api/credit/insurance/{cover['id']}/claims",
        {"occurred_on": "2025-01-02", "description": "x", "paid": "1.00"},
    )

    assert [error_fields(r) for r in (twice, fraction_of_cent, wrong_year)] == [
        ["year"],
        ["premium"],
        ["occurred_on"],
    ]
    assert others_cover.status_code == 404
    assert (InsuranceCover.objects.count(), InsuranceClaim.objects.count()) == (1, 0)


def test_an_officer_records_a_breach_which_caps_the_rating(world, aaa_records, send, error_fields):
    payload = {
        "enterprise": world["enterprise"].pk,
        "kind": "breach",
        "occurred_on": "2025-05-10",
        "description": "未按协议接收顶岗实习学生",
        "counterparty": world["school"].pk,
    }

    by_enterprise = send(client_for(world["other_enterprise_user"]), "post", "/api/credit/incidents", payload)
    nanjing = send(client_for(world["nanjing_officer"]), "post", "/api/credit/incidents", payload)
    recorded = send(client_for(world["officer"]), "post", "/api/credit/incidents", payload)

    assert (by_enterprise.status_code, error_fields(nanjing), recorded.status_code) == (
        403,
        ["enterprise"],
        201,
    )
    current = CreditAssessment.objects.get(enterprise=world["enterprise"], is_current=True)
    assert (current.earned_rating, current.rating) == ("AAA", "B")
    assert current.result["caps"][0]["figures"] == "breaches of agreement in 2023–2025: 1"
    assert [
        i["kind"] for i in client_for(world["school_user"]).get("/api/credit/incidents").json()["items"]
    ] == ["breach"]
    assert client_for(world["other_enterprise_user"]).get("/api/credit/incidents").json()["items"] == []
    assert Incident.objects.count() == 1


def test_record_pages_work_through_the_web(world, suzhou_policy):
    enterprise = client_for(world["enterprise_user"])

    created = enterprise.post("/credit/contributions/new/", contribution(world))
    refused = enterprise.post(
        "/credit/contributions/new/", contribution(world, appraiser="苏州精密机械有限公司")
    )
    cover = enterprise.post(
        "/credit/insurance/new/",
        {
            "enterprise": world["enterprise"].pk,
            "year": 2025,
            "insurer": "人保财险",
            "premium": "100.00",
            "insured_people": 3,
        },
    )
    listed = enterprise.get("/credit/contributions/").content.decode()
    incident_page = client_for(world["enterprise_user"]).get("/credit/incidents/new/")

    assert created.status_code == 302 and refused.status_code == 400
    assert cover.status_code == 302 and enterprise.get(cover["Location"]).status_code == 200
    assert "五轴加工中心" in listed
    assert incident_page.status_code == 403
