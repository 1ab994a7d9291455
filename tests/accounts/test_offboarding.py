"""An organisation leaves the platform: an officer of its region offboards it (web and API), its
accounts stop working, it is no longer listed, and it can be reopened."""

import json

from django.test import Client

from chanjiao.accounts.models import Activity
from chanjiao.accounts.services import create_api_token
from chanjiao.registry.models import Organisation
from factories import client_for


def _post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_an_officer_offboards_an_enterprise_after_confirming_and_its_accounts_stop_working(world):
    enterprise, person = world["enterprise"], world["enterprise_user"]
    _, token = create_api_token(user=person, name="script")
    member = client_for(person)
    officer = client_for(world["officer"])
    url = f"/accounts/organisations/{enterprise.pk}/offboard/"

    asked = officer.post(url, {"reason": "企业注销"})
    enterprise.refresh_from_db()
    assert asked.status_code == 200 and "accounts deactivated" in asked.content.decode()
    assert enterprise.status == "active"  # nothing happens before the confirmation

    done = officer.post(url, {"reason": "企业注销", "confirmed": "yes"})

    enterprise.refresh_from_db()
    person.refresh_from_db()
    assert done.status_code == 302 and enterprise.status == "closed" and not person.is_active
    assert member.get("/").status_code == 302  # signed out: the session no longer authenticates
    assert Client().get("/api/organisations", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    listed = client_for(world["school_user"]).get("/api/organisations?page_size=100").json()
    assert enterprise.pk not in [o["id"] for o in listed["items"]]
    assert Activity.objects.filter(verb="offboard_organisation", summary="企业注销").exists()
    assert "has left the platform" in officer.get(f"/organisations/{enterprise.pk}/").content.decode()


def test_only_officers_of_its_region_offboard_and_a_reason_is_required(world):
    enterprise = world["enterprise"]
    url = f"/api/accounts/organisations/{enterprise.pk}/offboard"
    body = {"reason": "x", "confirm": True}

    refused = [
        _post_json(client_for(user), url, body).status_code
        for user in (world["enterprise_user"], world["school_user"], world["nanjing_officer"])
    ]
    officer = client_for(world["officer"])
    unconfirmed = _post_json(officer, url, {"reason": "x"})
    no_reason = _post_json(officer, url, {"reason": " ", "confirm": True})

    assert refused == [403, 403, 403]
    assert unconfirmed.status_code == 422 and '"confirm": true' in unconfirmed.json()["detail"][0]["msg"]
    assert no_reason.status_code == 422
    assert Organisation.objects.get(pk=enterprise.pk).status == "active"


def test_the_api_offboards_and_reopens(world):
    enterprise = world["enterprise"]
    officer = client_for(world["officer"])
    base = f"/api/accounts/organisations/{enterprise.pk}"

    closed = _post_json(officer, f"{base}/offboard", {"reason": "合作终止", "confirm": True})
    again = _post_json(officer, f"{base}/offboard", {"reason": "合作终止", "confirm": True})
    reopened = officer.post(f"{base}/reopen")

    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert again.status_code == 422
    assert reopened.status_code == 200 and reopened.json()["status"] == "active"
    assert not world["enterprise_user"].__class__.objects.get(pk=world["enterprise_user"].pk).is_active


def test_the_officer_sees_the_offboarding_form_in_chinese_and_others_do_not(world):
    officer, member = client_for(world["officer"]), client_for(world["enterprise_user"])
    for client in (officer, member):
        client.cookies["django_language"] = "zh-hans"
    url = f"/organisations/{world['enterprise'].pk}/"

    assert "平台成员资格" in officer.get(url).content.decode()
    assert "平台成员资格" not in member.get(url).content.decode()
