"""Money rules on the platform: calculators, technology equity with its history, benefit-sharing
tables each party signs."""

from chanjiao.credit.models import BenefitSharing, EquityHistory, EquityStake, SharingStatus
from factories import client_for


def test_the_calculators_answer_to_the_cent_under_the_regions_policy(
    world, suzhou_policy, send, error_fields
):
    client = client_for(world["enterprise_user"])

    insurance = send(
        client,
        "post",
        "/api/credit/calculators/insurance",
        {"year": 2025, "premium": "12345.67", "finance_tier": "weak", "is_sme": True},
    )
    equity = send(
        client,
        "post",
        "/api/credit/calculators/equity",
        {
            "enterprise": "苏州精密机械有限公司",
            "contributions": [
                {
                    "kind": "equipment",
                    "description": "CNC line",
                    "appraised_value": "1500000",
                    "appraiser": "Valuers Ltd",
                }
            ],
            "other_capital": "6000000",
            "performance": [
                {"year": 2024, "certification_pass_rate": "1.0", "transfer_income": "2000000"},
                {"year": 2025, "certification_pass_rate": "0.4", "transfer_income": "0"},
            ],
        },
    )
    deduction = send(
        client,
        "post",
        "/api/credit/calculators/super-deduction",
        {
            "costs": [
                {"category": "laboratory", "cost": "400000"},
                {"category": "consumables", "cost": "10000"},
            ]
        },
    )
    training = send(
        client, "post", "/api/credit/calculators/training-reimbursement", {"training_cost": "80000"}
    )

    assert [
        insurance.json()[k] for k in ("subsidy", "enterprise_share", "rebate", "net", "policy_version")
    ] == ["4938.27", "7407.40", "740.74", "6666.66", 1]
    assert (equity.json()["initial_share"], [a["share_after"] for a in equity.json()["adjustments"]]) == (
        "0.2000",
        ["0.2144", "0.1969"],
    )
    assert [deduction.json()[k] for k in ("total_deduction", "extra_deduction", "tax_saving")] == [
        "610000.00",
        "200000.00",
        "50000.00",
    ]
    assert (training.json()["reimbursed"], training.json()["enterprise_pays"]) == ("56000.00", "24000.00")


def test_calculators_name_the_bad_field(world, suzhou_policy, send, error_fields):
    client = client_for(world["enterprise_user"])

    tier = send(
        client,
        "post",
        "/api/credit/calculators/insurance",
        {"year": 2025, "premium": "100", "finance_tier": "golden"},
    )
    too_big = send(
        client,
        "post",
        "/api/credit/calculators/equity",
        {
            "enterprise": "A",
            "other_capital": "100",
            "contributions": [
                {"kind": "equipment", "description": "line", "appraised_value": "100", "appraiser": "V"}
            ],
        },
    )
    self_appraised = send(
        client,
        "post",
        "/api/credit/calculators/equity",
        {
            "enterprise": "A",
            "other_capital": "1000",
            "contributions": [
                {"kind": "equipment", "description": "line", "appraised_value": "100", "appraiser": "a"}
            ],
        },
    )
    bad_row = send(
        client,
        "post",
        "/api/credit/calculators/super-deduction",
        {"costs": [{"category": "laboratory", "cost": "ten"}]},
    )

    assert [error_fields(r) for r in (tier, too_big, self_appraised, bad_row)] == [
        ["finance_tier"],
        ["contributions"],
        ["contributions"],
        ["costs"],
    ]
    assert too_big.json()["detail"][0]["msg"].startswith(
        "equity share 50.00 % (¥100.00 of ¥200.00) must be strictly below 30.00 %"
    )
    assert bad_row.json()["detail"][0]["msg"] == "Row 1: laboratory: ten is not a number."


def test_the_calculator_page(world, suzhou_policy):
    client = client_for(world["enterprise_user"])

    page = client.post("/credit/calculators/", {"calculator": "training", "training-training_cost": "80000"})
    bad = client.post("/credit/calculators/", {"calculator": "deduction", "deduction-costs": "laboratory"})
    equity = client.post(
        "/credit/calculators/",
        {
            "calculator": "equity",
            "equity-enterprise": "A",
            "equity-other_capital": "6000000",
            "equity-contributions": "equipment; CNC line; 1500000; Valuers Ltd",
            "equity-performance": "2024; 1.0; 2000000",
        },
    )

    assert page.status_code == 200 and "Reimbursed 56000.00 yuan (70.00 %)" in page.content.decode()
    assert bad.status_code == 400
    assert equity.status_code == 200 and "21.44 %" in equity.content.decode()


def test_technology_equity_from_appraised_contributions_with_its_adjustment_history(
    world, suzhou_policy, send, error_fields
):
    client = client_for(world["enterprise_user"])
    contribution = send(
        client,
        "post",
        "/api/credit/contributions",
        {
            "enterprise": world["enterprise"].pk,
            "kind": "technology",
            "description": "精密装配工艺包",
            "contributed_on": "2024-02-01",
            "appraised_value": "1500000.00",
            "appraiser": "苏州信达资产评估有限公司",
        },
    ).json()

    too_big = send(
        client,
        "post",
        f"/api/credit/enterprises/{world['enterprise'].pk}/equity-stakes",
        {"venture": "精密制造产业学院", "other_capital": "3000000", "contributions": [contribution["id"]]},
    )
    stake = send(
        client,
        "post",
        f"/api/credit/enterprises/{world['enterprise'].pk}/equity-stakes",
        {"venture": "精密制造产业学院", "other_capital": "6000000", "contributions": [contribution["id"]]},
    ).json()
    year = send(
        client,
        "post",
        f"/api/credit/equity-stakes/{stake['id']}/years",
        {"year": 2024, "certification_pass_rate": "1.0", "transfer_income": "2000000"},
    )
    twice = send(
        client,
        "post",
        f"/api/credit/equity-stakes/{stake['id']}/years",
        {"year": 2024, "certification_pass_rate": "0.5", "transfer_income": "0"},
    )
    other = send(
        client_for(world["other_enterprise_user"]),
        "post",
        f"/api/credit/equity-stakes/{stake['id']}/years",
        {"year": 2025, "certification_pass_rate": "0.5", "transfer_income": "0"},
    )

    assert error_fields(too_big) == ["other_capital"]
    assert [(h["policy_version"], h["final_share"]) for h in year.json()["histories"]] == [
        (1, "0.2144"),
        (1, "0.2000"),
    ]
    assert year.json()["histories"][0]["result"]["adjustments"][0]["reason"].endswith(
        "share raised by 7.24 % of itself, 20.00 % → 21.44 %"
    )
    assert (error_fields(twice), other.status_code) == (["year"], 404)
    assert (EquityStake.objects.count(), EquityHistory.objects.count()) == (1, 2)
    assert "21.44 %" in client.get(f"/credit/equity/{stake['id']}/").content.decode()


def test_benefit_sharing_tables_are_computed_and_signed_by_every_party(world, send, error_fields):
    school, enterprise = world["school"], world["enterprise"]
    proportional = send(
        client_for(world["school_user"]),
        "post",
        "/api/credit/benefit-sharing",
        {
            "title": "数控刀具寿命预测模型",
            "total": "1000.00",
            "method": "proportional",
            "parties": [
                {"organisation": school.pk, "contribution": "1", "note": "师生研发"},
                {"organisation": enterprise.pk, "contribution": "3", "note": "设备与数据"},
            ],
        },
    ).json()
    shapley = send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/credit/benefit-sharing",
        {
            "title": "联合专利",
            "total": "500.00",
            "method": "shapley",
            "parties": [{"organisation": school.pk}, {"organisation": enterprise.pk}],
            "coalition_values": [
                {"parties": [school.pk], "value": "0"},
                {"parties": [enterprise.pk], "value": "40"},
                {"parties": [school.pk, enterprise.pk], "value": "100"},
            ],
        },
    ).json()

    assert [(r["party"], r["share"], r["amount"]) for r in proportional["table"]["rows"]] == [
        ("苏州示范职业技术学院", "25.00 %", "250.00"),
        ("苏州精密机械有限公司", "75.00 %", "750.00"),
    ]
    assert [r["amount"] for r in shapley["table"]["rows"]] == ["150.00", "350.00"]

    url = f"/api/credit/benefit-sharing/{proportional['id']}/sign"
    first = send(client_for(world["school_user"]), "post", url)
    again = send(client_for(world["school_user"]), "post", url)
    stranger = send(client_for(world["other_enterprise_user"]), "post", url)
    officer = send(client_for(world["officer"]), "post", url)
    last = send(client_for(world["enterprise_user"]), "post", url)

    assert (first.json()["status"], again.status_code, stranger.status_code, officer.status_code) == (
        "draft",
        422,
        404,
        403,
    )
    assert last.json()["status"] == "signed"
    assert BenefitSharing.objects.get(pk=proportional["id"]).status == SharingStatus.SIGNED


def test_bad_sharing_tables_are_refused(world, send, error_fields):
    client = client_for(world["school_user"])
    base = {
        "title": "x",
        "total": "100",
        "method": "shapley",
        "parties": [{"organisation": world["school"].pk}, {"organisation": world["enterprise"].pk}],
    }

    missing = send(
        client,
        "post",
        "/api/credit/benefit-sharing",
        {**base, "coalition_values": [{"parties": [world["school"].pk], "value": "1"}]},
    )
    alone = send(
        client,
        "post",
        "/api/credit/benefit-sharing",
        {
            **base,
            "method": "proportional",
            "parties": [{"organisation": world["school"].pk, "contribution": "1"}],
        },
    )
    without_me = send(
        client,
        "post",
        "/api/credit/benefit-sharing",
        {
            **base,
            "method": "proportional",
            "parties": [
                {"organisation": world["enterprise"].pk, "contribution": "1"},
                {"organisation": world["other_enterprise"].pk, "contribution": "1"},
            ],
        },
    )
    unknown = send(
        client, "post", "/api/credit/benefit-sharing", {**base, "parties": [{"organisation": 999999}]}
    )

    assert [error_fields(r) for r in (missing, alone, without_me, unknown)] == [
        ["coalition_values"],
        ["parties"],
        ["parties"],
        ["parties"],
    ]
    assert BenefitSharing.objects.count() == 0
