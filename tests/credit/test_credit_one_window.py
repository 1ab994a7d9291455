"""One-window application: one form, automatic checks against platform records, parallel review
by education, taxation and industry, status visible to the enterprise."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.credit.models import Application, ApplicationStatus
from factories import client_for, make_user
from web.visible_text import visible_text_problems


@pytest.fixture
def registered(world):
    world["enterprise"].credit_code = "91320505MA1N2X3Y4K"
    world["enterprise"].save()


def officer_of(world, department):
    """An officer of the city bureau who decides ``department``'s part of the review."""
    if department == "education":
        return world["officer"]
    return make_user(Role.GOVERNMENT, world["suzhou_bureau"], f"{department}_officer")


def application(**changes):
    return {
        "incentive": "training_subsidy",
        "year": 2025,
        "claimed_hosted_students": 110,
        "claimed_rd_spending": "8000000.00",
        "claimed_technical_needs_solved": 0,
        "claimed_equipment_contributed": "0.00",
        "statement": "2025年接收110名实习生",
        **changes,
    }


def test_an_application_passing_every_check_is_approved_by_all_three_departments(
    world, aaa_records, registered, active_agreement, send
):
    enterprise = client_for(world["enterprise_user"])
    created = send(enterprise, "post", "/api/credit/applications", application())
    body = created.json()

    assert created.status_code == 201
    assert (body["automatic_passed"], body["status"], body["policy_version"]) == (True, "under_review", 1)
    assert [(r["department"], r["automatic_passed"]) for r in body["reviews"]] == [
        ("education", True),
        ("industry", True),
        ("taxation", True),
    ]
    assert (
        body["reviews"][0]["checks"][1]["reason"]
        == "1 active cooperation agreements, 0 missing a mandatory clause"
    )

    for department in ("taxation", "education", "industry"):
        last = send(
            client_for(officer_of(world, department)),
            "post",
            f"/api/credit/applications/{body['id']}/reviews",
            {"department": department, "decision": "approved"},
        )

    assert (last.status_code, last.json()["status"]) == (200, "approved")
    assert enterprise.get(f"/api/credit/applications/{body['id']}").json()["status"] == "approved"
    assert (
        'id="application-status">Approved<'
        in enterprise.get(f"/credit/applications/{body['id']}/").content.decode()
    )
    notices = enterprise.get("/api/notifications").json()["items"]
    assert [(n["kind"], n["text"]) for n in notices] == [
        ("approval", f"Your one-window application for {application()['year']} is approved.")
    ]


def test_a_claim_above_the_records_fails_its_check_and_needs_a_reason_to_approve(
    world, aaa_records, registered, active_agreement, send, error_fields
):
    body = send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/credit/applications",
        application(claimed_hosted_students=150),
    ).json()
    officer = client_for(world["officer"])
    url = f"/api/credit/applications/{body['id']}/reviews"
    taxation, industry = (client_for(officer_of(world, d)) for d in ("taxation", "industry"))

    assert body["automatic_passed"] is False
    assert body["reviews"][0]["checks"][0]["reason"] == (
        "claimed 150 students hosted (interns + apprentices) in 2025; the platform recorded 110"
    )
    silent = send(officer, "post", url, {"department": "education", "decision": "approved"})
    explained = send(
        officer,
        "post",
        url,
        {"department": "education", "decision": "approved", "note": "含40名订单班学生，已核实"},
    )
    rejected = send(taxation, "post", url, {"department": "taxation", "decision": "rejected", "note": "x"})
    late = send(industry, "post", url, {"department": "industry", "decision": "approved"})

    assert (silent.status_code, error_fields(silent)) == (422, ["note"])
    assert explained.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert late.status_code == 422
    assert Application.objects.get().status == ApplicationStatus.REJECTED


def test_without_an_agreement_or_tax_registration_the_checks_say_so(world, aaa_records, send):
    body = send(
        client_for(world["enterprise_user"]), "post", "/api/credit/applications", application()
    ).json()

    failed = [c["reason"] for r in body["reviews"] for c in r["checks"] if not c["passed"]]
    assert failed == [
        "0 active cooperation agreements, 0 missing a mandatory clause",
        "not registered for tax",
    ]


def test_bad_applications_and_other_peoples_applications_are_refused(
    world, aaa_records, registered, send, error_fields
):
    enterprise = client_for(world["enterprise_user"])
    send(
        enterprise, "post", f"/api/credit/enterprises/{world['enterprise'].pk}/assess"
    )  # AAA: tax credit is granted

    already_granted = send(
        enterprise, "post", "/api/credit/applications", application(incentive="tax_credit")
    )
    unknown = send(enterprise, "post", "/api/credit/applications", application(incentive="free_money"))
    negative = send(enterprise, "post", "/api/credit/applications", application(claimed_hosted_students=-1))
    by_school = send(client_for(world["school_user"]), "post", "/api/credit/applications", application())
    created = send(enterprise, "post", "/api/credit/applications", application()).json()
    other_sees = client_for(world["other_enterprise_user"]).get(f"/api/credit/applications/{created['id']}")
    nanjing = send(
        client_for(world["nanjing_officer"]),
        "post",
        f"/api/credit/applications/{created['id']}/reviews",
        {"department": "education", "decision": "approved"},
    )
    by_enterprise = send(
        enterprise,
        "post",
        f"/api/credit/applications/{created['id']}/reviews",
        {"department": "education", "decision": "approved"},
    )

    assert [error_fields(r) for r in (already_granted, unknown, negative)] == [
        ["incentive"],
        ["incentive"],
        ["claimed_hosted_students"],
    ]
    assert [r.status_code for r in (by_school, other_sees, nanjing, by_enterprise)] == [403, 404, 404, 403]
    assert Application.objects.count() == 1


def test_the_one_window_through_the_web(world, aaa_records, registered):
    enterprise = client_for(world["enterprise_user"])
    form = enterprise.get("/credit/applications/new/")
    submitted = enterprise.post("/credit/applications/new/", application())
    application_id = Application.objects.get().pk

    officer = client_for(world["officer"])
    reviewed = officer.post(
        f"/credit/applications/{application_id}/review/",
        {"department": "industry", "decision": "approved", "note": "无合作协议一项已另行核实"},
    )  # the education check failed (no agreement): approving needs a reason
    page = officer.get(f"/credit/applications/{application_id}/").content.decode()

    assert form.status_code == 200 and "Practical training subsidy" in form.content.decode()
    assert submitted.status_code == 302
    assert reviewed.status_code == 302
    assert "Approved" in page and 'name="decision" value="approved"' in page
    assert client_for(world["school_user"]).get("/credit/applications/new/").status_code == 403


def test_one_officer_decides_one_department_s_part_only(
    world, aaa_records, registered, active_agreement, send
):
    body = send(
        client_for(world["enterprise_user"]), "post", "/api/credit/applications", application()
    ).json()
    officer = client_for(world["officer"])
    url = f"/api/credit/applications/{body['id']}/reviews"

    first = send(officer, "post", url, {"department": "education", "decision": "approved"})
    second = send(officer, "post", url, {"department": "taxation", "decision": "approved"})
    by_page = officer.post(
        f"/credit/applications/{body['id']}/review/",
        {"department": "industry", "decision": "approved", "note": ""},
        follow=True,
    )

    assert first.status_code == 200
    assert (second.status_code, second.json()["detail"][0]["msg"]) == (
        422,
        "You decided the Education review of this application: each department's review is decided by "
        "another officer, of that department.",
    )
    assert "You decided the Education review of this application" in by_page.content.decode()
    application_row = Application.objects.get()
    assert application_row.status == ApplicationStatus.UNDER_REVIEW
    assert list(application_row.reviews.order_by("department").values_list("department", "decision")) == [
        ("education", "approved"),
        ("industry", "pending"),
        ("taxation", "pending"),
    ]


def test_approving_any_part_of_an_application_whose_checks_failed_needs_a_reason(world, aaa_records, send):
    # not registered for tax and no agreement: the taxation and education checks fail, industry's pass
    body = send(
        client_for(world["enterprise_user"]), "post", "/api/credit/applications", application()
    ).json()
    url = f"/api/credit/applications/{body['id']}/reviews"
    industry = client_for(officer_of(world, "industry"))

    silent = send(industry, "post", url, {"department": "industry", "decision": "approved"})
    explained = send(
        industry, "post", url, {"department": "industry", "decision": "approved", "note": "研发投入已核实"}
    )

    assert [(r["department"], r["automatic_passed"]) for r in body["reviews"]] == [
        ("education", False),
        ("industry", True),
        ("taxation", False),
    ]
    assert (silent.status_code, silent.json()["detail"][0]["loc"][-1]) == (422, "note")
    assert explained.status_code == 200
    assert Application.objects.get().reviews.get(department="industry").note == "研发投入已核实"


def test_the_application_page_words_its_checks_and_incentive_in_the_readers_language(
    world, aaa_records, registered, active_agreement, send
):
    world["enterprise_user"].display_name = "人力资源部 陈经理"  # the header shows it
    world["enterprise_user"].save()
    enterprise = client_for(world["enterprise_user"])
    body = send(
        enterprise, "post", "/api/credit/applications", application(claimed_hosted_students=150)
    ).json()

    enterprise.cookies["django_language"] = "zh-hans"
    page = enterprise.get(f"/credit/applications/{body['id']}/").content.decode()

    assert "<h1>实训补贴 · 2025</h1>" in page
    assert "有效合作协议 1 份，其中 0 份缺少必备条款" in page
    assert "申报 2025 年接收学生数（实习生 + 学徒） 150；平台记录为" in page
    assert "申报 2025 年研发投入 ¥8,000,000.00；平台记录为" in page
    assert visible_text_problems(page) == []
