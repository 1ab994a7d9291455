"""Who may act on credit: only an enterprise's representatives and its region's officers; the
policy only its region's officers. Students, teachers and mentors never act for their organisation."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.credit.models import Application, CreditAssessment, PolicyVersion
from factories import client_for, make_user

POLICY = {"settings": "{}", "finance_tier": "weak", "note": "rewritten", "recompute": ""}
API_POLICY = {"settings": {}, "finance_tier": "weak", "note": "rewritten", "recompute": False}


@pytest.fixture
def members(world):
    """People who belong to an organisation without representing it."""
    return {
        "student": world["student_user"],
        "teacher": make_user(Role.TEACHER, world["school"], "teacher_user"),
        "mentor": make_user(Role.TEACHER, world["enterprise"], "mentor_user"),
    }


def application(**changes):
    return {"incentive": "training_subsidy", "year": 2025, "claimed_hosted_students": 110, **changes}


def test_students_teachers_and_mentors_cannot_change_the_credit_policy(world, suzhou_policy, members, send):
    refused = {
        name: [
            client_for(user).post("/credit/policy/", POLICY).status_code,
            client_for(user).post("/credit/policy/320500/edit/", POLICY).status_code,
            send(client_for(user), "post", "/api/credit/policies/320500", API_POLICY).status_code,
        ]
        for name, user in members.items()
    }

    assert refused == {name: [405, 403, 403] for name in members}
    assert list(PolicyVersion.objects.values_list("note", flat=True)) == ["defaults"]
    assert client_for(world["student_user"]).get("/credit/policy/").status_code == 302


def test_only_officers_of_the_region_change_its_policy(world, suzhou_policy, send):
    by_nanjing = send(client_for(world["nanjing_officer"]), "post", "/api/credit/policies/320500", API_POLICY)
    by_enterprise = send(
        client_for(world["enterprise_user"]), "post", "/api/credit/policies/320500", API_POLICY
    )
    nanjing_page = client_for(world["nanjing_officer"]).get("/credit/policy/320500/")
    saved = send(client_for(world["officer"]), "post", "/api/credit/policies/320500", API_POLICY)

    assert (by_nanjing.status_code, by_enterprise.status_code, saved.status_code) == (403, 403, 201)
    assert 'id="edit-policy"' not in nanjing_page.content.decode()
    assert 'id="edit-policy"' in client_for(world["officer"]).get("/credit/policy/320500/").content.decode()
    assert PolicyVersion.objects.count() == 2


def test_members_who_do_not_represent_the_enterprise_cannot_act_on_its_credit(
    world, aaa_records, members, send
):
    enterprise_id = world["enterprise"].pk
    created = send(client_for(world["enterprise_user"]), "post", "/api/credit/applications", application())
    application_id = created.json()["id"]
    contribution = {
        "enterprise": enterprise_id,
        "kind": "equipment",
        "description": "数控机床",
        "contributed_on": "2025-03-01",
        "appraised_value": "100000.00",
        "appraiser": "苏州资产评估公司",
    }

    answers = {
        name: [
            send(client_for(user), "post", "/api/credit/applications", application()).status_code,
            client_for(user).get(f"/api/credit/applications/{application_id}").status_code,
            send(
                client_for(user),
                "post",
                f"/api/credit/applications/{application_id}/reviews",
                {"department": "education", "decision": "approved"},
            ).status_code,
            client_for(user).get(f"/api/credit/enterprises/{enterprise_id}").status_code,
            send(client_for(user), "post", f"/api/credit/enterprises/{enterprise_id}/assess").status_code,
            send(client_for(user), "post", "/api/credit/contributions", contribution).status_code,
            client_for(user).get("/api/credit/applications").json()["items"],
        ]
        for name, user in members.items()
    }

    assert created.status_code == 201
    assert answers == {name: [403, 404, 404, 404, 404, 403, []] for name in members}
    assert Application.objects.get().status == "under_review"
    assert CreditAssessment.objects.filter(enterprise_id=enterprise_id).count() == 0


def test_an_officer_of_another_region_cannot_act_on_its_enterprises(world, aaa_records, send):
    enterprise_id = world["enterprise"].pk
    created = send(client_for(world["enterprise_user"]), "post", "/api/credit/applications", application())
    nanjing = client_for(world["nanjing_officer"])

    refused = [
        send(
            nanjing,
            "post",
            f"/api/credit/applications/{created.json()['id']}/reviews",
            {"department": "education", "decision": "approved"},
        ).status_code,
        send(nanjing, "post", f"/api/credit/enterprises/{enterprise_id}/assess").status_code,
        nanjing.get(f"/credit/enterprises/{enterprise_id}/").status_code,
        nanjing.get("/api/credit/ratings").json()["items"],
    ]

    assert refused == [404, 404, 404, []]
    assert Application.objects.get().status == "under_review"
    assert CreditAssessment.objects.count() == 0


def test_an_enterprise_sees_only_its_own_credit_file_and_applications(world, aaa_records, send):
    own, other = world["enterprise"].pk, world["other_enterprise"].pk
    for user, enterprise_id in (("enterprise_user", own), ("other_enterprise_user", other)):
        client = client_for(world[user])
        send(client, "post", f"/api/credit/enterprises/{enterprise_id}/assess")
        send(client, "post", "/api/credit/applications", application())
    enterprise = client_for(world["enterprise_user"])
    other_application = Application.objects.get(enterprise_id=other).pk

    ratings = enterprise.get("/api/credit/ratings").json()["items"]
    applications = enterprise.get("/api/credit/applications").json()["items"]

    assert [r["enterprise_id"] for r in ratings] == [own]
    assert [a["enterprise_id"] for a in applications] == [own]
    assert enterprise.get(f"/api/credit/enterprises/{other}").status_code == 404
    assert enterprise.get(f"/api/credit/applications/{other_application}").status_code == 404
    assert enterprise.get("/credit/")["Location"] == f"/credit/enterprises/{own}/"
    assert len(client_for(world["officer"]).get("/api/credit/ratings").json()["items"]) == 2


def test_the_credit_menu_entry_is_for_organisations_and_officers(world, members):
    shown = {
        name: 'href="/credit/"' in client_for(world[name]).get("/").content.decode()
        for name in ("enterprise_user", "school_user", "officer")
    }
    hidden = {
        name: 'href="/credit/"' in client_for(user).get("/").content.decode()
        for name, user in members.items()
    }

    assert shown == {"enterprise_user": True, "school_user": True, "officer": True}
    assert hidden == {name: False for name in members}
