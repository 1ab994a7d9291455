"""The credit file explains itself in the reader's language: the reasons, every criterion, the caps,
the ways up and each incentive's basis, worded from the facts the assessment stored."""

import html

from chanjiao.credit import sources
from chanjiao.credit.models import CreditAssessment
from factories import client_for


def _page(client, url, language):
    return html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())


def _breach(world, send):
    payload = {"enterprise": world["enterprise"].pk, "kind": "breach", "occurred_on": "2025-05-10"}
    payload |= {"description": "未按协议接收顶岗实习学生", "counterparty": world["school"].pk}
    assert send(client_for(world["officer"]), "post", "/api/credit/incidents", payload).status_code == 201


def test_a_capped_rating_is_explained_in_chinese_and_in_english(world, aaa_records, send):
    # given an AAA enterprise with incentives granted, then capped at B for a breach of agreement
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    _breach(world, send)
    client, url = client_for(world["enterprise_user"]), f"/credit/enterprises/{world['enterprise'].pk}/"
    # when its credit file is read in Chinese and in English
    chinese, english = _page(client, url, "zh-hans"), _page(client, url, "en")
    # then the criteria that hold, the cap, the change that lifts it and the basis are in each language
    assert (
        "达到AAA：2023–2025年各年接收学生数（实习生 + 学徒）：2023年：100，2024年：104，2025年：110（要求≥ 100）：达到；"
        "2023–2025年研发投入占营业收入比例：6.67 %（要求> 5.00 %）：达到"
    ) in chinese
    assert "封顶为B：2023–2025年违约次数：1（≥ 1时封顶）" in chinese
    assert "2023–2025年违约次数：需减少1（现为1，要求< 1）" in chinese
    assert "信用等级B，低于要求的AAA" in chinese and "· 信用等级B，低于要求的AAA</td>" in chinese
    assert "2023–2025年设备投入：¥0.00（要求≥ ¥200,000.00）：未达到" in chinese
    assert "needs" not in chinese.split('id="rating"')[1].split('id="insurance"')[0]
    assert (
        "AAA earned: students hosted (interns + apprentices) in each year of 2023–2025: 2023: 100, 2024: 104, "
        "2025: 110 (needs ≥ 100): met; R&D spending share of revenue in 2023–2025: 6.67 % (needs > 5.00 %): met"
    ) in english
    assert "capped at B: breaches of agreement in 2023–2025: 1 (cap applies at ≥ 1)" in english
    assert "breaches of agreement in 2023–2025: 1 fewer (now 1, needs < 1)" in english
    assert "· rating B is below the required AAA</td>" in english
    assert "equipment contributed in 2023–2025: ¥0.00 (needs ≥ ¥200,000.00): not met" in english


def test_a_criterion_not_met_shows_its_change_in_chinese_and_in_english(world, host, suzhou_policy):
    # given a B enterprise one mentor short of A, with R&D of 100 in 9,000 (1.11 %)
    enterprise = world["other_enterprise"]
    host(enterprise, {2023: 30, 2024: 25, 2025: 22})
    world["mentor"].organisation = enterprise
    world["mentor"].save()
    client = client_for(world["other_enterprise_user"])
    client.post(f"/credit/enterprises/{enterprise.pk}/reassess/")
    assessment = CreditAssessment.objects.get(enterprise=enterprise, is_current=True)
    # when the assessment is read in Chinese and in English
    url = f"/credit/assessments/{assessment.pk}/"
    chinese, english = _page(client, url, "zh-hans"), _page(client, url, "en")
    # then the failed criterion and the change it needs are in each language
    assert assessment.rating == "B"
    assert "未达到A：2023–2025年提供导师数：1（要求≥ 2）：未达到" in chinese
    assert "2023–2025年提供导师数：还需增加1（现为1，要求≥ 2）" in chinese
    assert "2023–2025年研发投入：需增加超过¥" in chinese
    assert "信用等级B，低于要求的AAA" in chinese
    assert "A not earned: mentors provided in 2023–2025: 1 (needs ≥ 2): not met" in english
    assert "mentors provided in 2023–2025: 1 more (now 1, needs ≥ 2)" in english
    assert "R&D spending in 2023–2025: raise by more than ¥" in english


def test_the_api_keeps_english_text_and_adds_the_facts(world, aaa_records, send):
    # given a capped AAA enterprise
    _breach(world, send)
    # when its file is read through the API in Chinese
    body = client_for(world["enterprise_user"]).get(
        f"/api/credit/enterprises/{world['enterprise'].pk}", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    # then the text stays English, with the facts it is worded from
    result = body.json()["assessment"]["result"]
    assert result["reasons"][-1] == "capped at B: breaches of agreement in 2023–2025: 1 (cap applies at ≥ 1)"
    assert result["reason_facts"][-1]["condition"] == {
        "metric": "breaches",
        "operator": ">=",
        "threshold": "1",
        "first_year": 2023,
        "last_year": 2025,
        "value": "1",
        "yearly": [],
        "holds": True,
    }
    assert body.json()["assessment"]["decisions"][0]["basis_facts"] == [
        {"kind": "rating", "rating": "B", "required": "AAA", "met": False}
    ]


def test_an_assessment_stored_before_the_facts_shows_its_english_text(world, aaa_records, send):
    # given a capped assessment stored as it was before the facts were kept
    _breach(world, send)
    assessment = CreditAssessment.objects.get(enterprise=world["enterprise"], is_current=True)
    result = assessment.result
    for key in ("reason_facts", "exit"):
        del result[key]
    for grade in result["grades"]:
        for criterion in grade["criteria"]:
            del criterion["facts"]
    for cap in result["caps"]:
        del cap["condition"]
    for path in result["paths_up"]:
        del path["change_facts"]
    for decision in assessment.decisions:
        del decision["basis_facts"]
    assessment.save(update_fields=["result", "decisions"])
    # when its page is read in Chinese
    response = client_for(world["enterprise_user"]).get(
        f"/credit/assessments/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    # then the stored English explains it
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "capped at B: breaches of agreement in 2023–2025: 1 (cap applies at ≥ 1)" in page
    assert "breaches of agreement in 2023–2025: 1 fewer (now 1, needs < 1)" in page
    assert "rating B is below the required AAA" in page
    assert "封顶为 B" in page


def test_the_exit_rule_is_explained_in_chinese_and_in_english(world, aaa_records, send, monkeypatch):
    # given red evaluation lights in 2024 and 2025, which revoke eligibility
    lights = {(world["enterprise"].pk, 2024): "red", (world["enterprise"].pk, 2025): "red"}
    monkeypatch.setattr(
        sources, "evaluation_lights", lambda ids, years: {k: v for k, v in lights.items() if k[0] in ids}
    )
    send(client_for(world["officer"]), "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess")
    client, url = client_for(world["enterprise_user"]), f"/credit/enterprises/{world['enterprise'].pk}/"
    # when the credit file and the home page are read in Chinese and in English
    chinese, english = _page(client, url, "zh-hans"), _page(client, url, "en")
    home = _page(client, "/", "zh-hans")
    # then the exit rule's reason is in each language, on the file, its notice and the home page
    reason = "近3年中有2年评价为红灯（2024，2025），退出门槛为2年：撤销免申即享激励、税收优惠和补贴资格"
    assert chinese.count(reason) == 2
    assert reason in home
    assert (
        english.count(
            "red evaluation light in 2 of the last 3 years (2024, 2025), the exit threshold is 2: "
            "eligibility for automatic incentives, tax incentives and subsidies is revoked"
        )
        == 2
    )


def test_the_policy_page_names_the_criteria_in_the_readers_language(world, suzhou_policy):
    client, url = client_for(world["officer"]), "/credit/policy/320500/"

    chinese, english = _page(client, url, "zh-hans"), _page(client, url, "en")

    assert "接收学生数（实习生 + 学徒）" in chinese and "students hosted" not in chinese
    assert "students hosted (interns + apprentices) in each year ≥ 100" in english
