"""Rectification: red opens a case with a deadline, yellow supervision with an expert; the unit
responds; the officer escalates, funds and closes; overdue cases are flagged."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chanjiao.evaluation import rectification
from chanjiao.evaluation.models import CaseEvent, RectificationCase
from evaluation.evaluation_support import result_of, send
from factories import client_for


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def open_for(evaluation, city, index):
    return rectification.open_case(
        actor=city["officer"], result=result_of(evaluation, city["carriers"][index])
    )


def test_a_red_light_opens_rectification_with_the_scheme_deadline(evaluation, city):
    response = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/cases",
        {"result": result_of(evaluation, city["carriers"][0]).pk},
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["kind"], body["status"], body["deadline"]) == (
        "rectification",
        "open",
        (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
    )
    assert (
        body["reasons"] == "Red: key-equipment investment failure rate is 50 %, above the red line of 40 %."
    )
    assert [e["verb"] for e in body["events"]] == ["opened"]


def test_the_case_page_gives_the_reason_in_the_readers_language(evaluation, city):
    case = open_for(evaluation, city, 0)
    client = client_for(city["officer"])

    chinese = client.get(f"/evaluation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(f"/evaluation/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "高于红线 40 %" in chinese and "above the red line" not in chinese
    assert case.reasons in english  # the English wording is the one stored when the case opened


def test_a_yellow_light_opens_supervision_and_green_opens_nothing(evaluation, city):
    client = client_for(city["officer"])
    yellow = client.post(
        f"/evaluation/results/{result_of(evaluation, city['carriers'][2]).pk}/open-case/",
        {"deadline": "", "note": ""},
    )
    green = send(
        client, "post", "/api/evaluation/cases", {"result": result_of(evaluation, city["carriers"][1]).pk}
    )
    twice = send(
        client, "post", "/api/evaluation/cases", {"result": result_of(evaluation, city["carriers"][2]).pk}
    )
    case = RectificationCase.objects.get()
    assert yellow.status_code == 302 and yellow["Location"] == f"/evaluation/cases/{case.pk}/"
    assert (case.kind, case.deadline) == ("supervision", timezone.localdate() + dt.timedelta(days=180))
    assert (
        green.status_code == 422
        and green.json()["detail"][0]["msg"] == "Only red and yellow lights open a case; B 实训基地 is green."
    )
    assert twice.status_code == 422 and "already has a case" in twice.json()["detail"][0]["msg"]


def test_a_deadline_in_the_past_is_refused_naming_the_field(evaluation, city):
    response = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/cases",
        {"result": result_of(evaluation, city["carriers"][0]).pk, "deadline": "2020-01-01"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "deadline"
    assert RectificationCase.objects.count() == 0


def test_only_officers_in_scope_open_cases(evaluation, city):
    result = result_of(evaluation, city["carriers"][0])
    school = send(client_for(city["school_user"]), "post", "/api/evaluation/cases", {"result": result.pk})
    nanjing = send(
        client_for(city["nanjing_officer"]), "post", "/api/evaluation/cases", {"result": result.pk}
    )
    assert (school.status_code, nanjing.status_code) == (403, 404)
    assert RectificationCase.objects.count() == 0


def test_the_unit_responds_with_actions_and_an_evidence_file(evaluation, city):
    case = open_for(evaluation, city, 0)
    school = client_for(city["school_user"])
    response = school.post(
        f"/api/evaluation/cases/{case.pk}/responses",
        {
            "actions": "闲置设备已重新调配",
            "evidence": "设备使用登记表",
            "evidence_file": SimpleUploadedFile(
                "register.pdf", b"%PDF-1.4 register", content_type="application/pdf"
            ),
        },
    )
    event = CaseEvent.objects.get(verb="responded")
    download = school.get(f"/evaluation/evidence/{event.pk}/")
    assert response.status_code == 201 and response.json()["status"] == "responded"
    assert response.json()["events"][-1]["has_file"] is True
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 register"


def test_others_cannot_respond_or_see_the_evidence(evaluation, city):
    case = open_for(evaluation, city, 0)
    rectification.respond_to_case(
        actor=city["school_user"],
        case=case,
        actions="a",
        evidence="b",
        evidence_file=SimpleUploadedFile("e.txt", b"evidence"),
    )
    other_school = client_for(city["other_school_user"])
    member = client_for(city["enterprise_user"])
    respond = other_school.post(
        f"/api/evaluation/cases/{case.pk}/responses", {"actions": "x", "evidence": "y"}
    )
    evidence = member.get(f"/evaluation/evidence/{CaseEvent.objects.get(verb='responded').pk}/")
    officer_respond = client_for(city["officer"]).post(
        f"/api/evaluation/cases/{case.pk}/responses", {"actions": "x", "evidence": "y"}
    )
    assert (respond.status_code, evidence.status_code, officer_respond.status_code) == (404, 404, 403)
    assert CaseEvent.objects.filter(verb="responded").count() == 1


def test_supervision_records_the_expert_consultation(evaluation, city):
    case = open_for(evaluation, city, 2)
    response = send(
        client_for(city["officer"]),
        "post",
        f"/api/evaluation/cases/{case.pk}/consultation",
        {"expert_name": "孙研究员", "consulted_on": "2025-11-01", "advice": "提高实践课程比例"},
    )
    answer = client_for(city["school_user"]).post(
        f"/api/evaluation/cases/{case.pk}/responses", {"actions": "增加实践课时", "evidence": "新教学计划"}
    )
    assert response.status_code == 200
    assert (response.json()["expert_name"], response.json()["expert_advice"]) == (
        "孙研究员",
        "提高实践课程比例",
    )
    assert answer.status_code == 201 and answer.json()["events"][-1]["has_file"] is False


def test_the_officer_escalates_funds_and_closes(evaluation, city):
    case = open_for(evaluation, city, 0)
    officer = client_for(city["officer"])
    new_deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    past = send(
        officer,
        "post",
        f"/api/evaluation/cases/{case.pk}/escalate",
        {"note": "未整改", "deadline": "2020-01-01"},
    )
    escalated = send(
        officer,
        "post",
        f"/api/evaluation/cases/{case.pk}/escalate",
        {"note": "未整改", "deadline": new_deadline},
    )
    funded = send(
        officer, "post", f"/api/evaluation/cases/{case.pk}/fund", {"amount": "300000.00", "note": "设备维修"}
    )
    again = send(officer, "post", f"/api/evaluation/cases/{case.pk}/fund", {"amount": "1.00", "note": "再拨"})
    closed = send(officer, "post", f"/api/evaluation/cases/{case.pk}/close", {"conclusion": "复查合格"})
    late_response = client_for(city["school_user"]).post(
        f"/api/evaluation/cases/{case.pk}/responses", {"actions": "x", "evidence": "y"}
    )
    assert past.status_code == 422 and past.json()["detail"][0]["loc"][-1] == "deadline"
    assert (
        escalated.json()["status"],
        escalated.json()["escalation_level"],
        escalated.json()["deadline"],
    ) == ("escalated", 1, new_deadline)
    assert funded.json()["fund_amount"] == "300000.00"
    assert "<dd>¥300,000.00 · " in officer.get(f"/evaluation/cases/{case.pk}/").content.decode()
    assert (
        again.status_code == 422
        and again.json()["detail"][0]["msg"] == "A fund of ¥300,000.00 was already granted to this case."
    )
    assert closed.json()["status"] == "closed"
    assert (
        late_response.status_code == 422
        and late_response.json()["detail"][0]["msg"] == "This case is closed."
    )
    assert [e.verb for e in CaseEvent.objects.filter(case=case)] == [
        "opened",
        "escalated",
        "funded",
        "closed",
    ]


def test_a_supervision_case_gets_no_rectification_fund(evaluation, city):
    case = open_for(evaluation, city, 2)
    response = send(
        client_for(city["officer"]),
        "post",
        f"/api/evaluation/cases/{case.pk}/fund",
        {"amount": "10.00", "note": "x"},
    )
    assert response.status_code == 422
    assert RectificationCase.objects.get().fund_amount is None


def test_overdue_cases_are_flagged_and_filtered(evaluation, city):
    late = open_for(evaluation, city, 0)
    open_for(evaluation, city, 2)
    RectificationCase.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    officer = client_for(city["officer"])
    overdue = officer.get("/api/evaluation/cases", {"overdue": True}).json()
    page = officer.get("/evaluation/cases/", {"overdue": "true"}).content.decode()
    assert [(c["id"], c["overdue"]) for c in overdue["items"]] == [(late.pk, True)]
    assert "overdue" in page and late.unit_name in page


def test_the_whole_case_on_the_web(evaluation, city):
    case = open_for(evaluation, city, 0)
    school, officer = client_for(city["school_user"]), client_for(city["officer"])
    responded = school.post(
        f"/evaluation/cases/{case.pk}/respond/", {"respond-actions": "整改", "respond-evidence": "照片"}
    )
    missing = officer.post(f"/evaluation/cases/{case.pk}/close/", {"close-conclusion": ""})
    closed = officer.post(f"/evaluation/cases/{case.pk}/close/", {"close-conclusion": "合格"})
    forbidden = school.post(f"/evaluation/cases/{case.pk}/close/", {"close-conclusion": "我说合格"})
    assert (responded.status_code, missing.status_code, closed.status_code, forbidden.status_code) == (
        302,
        400,
        302,
        403,
    )
    assert RectificationCase.objects.get().conclusion == "合格"
    assert client_for(city["officer"]).get(f"/evaluation/cases/{case.pk}/").status_code == 200


def test_opening_cases_for_every_red_and_yellow_unit(evaluation, city):
    response = client_for(city["officer"]).post(f"/evaluation/evaluations/{evaluation.pk}/open-cases/")
    assert response.status_code == 302
    assert sorted(RectificationCase.objects.values_list("kind", flat=True)) == [
        "rectification",
        "supervision",
    ]
