"""Enterprise self-registration with a checked credit code, and the officers' approval before it posts."""

from django.test import Client

from chanjiao.accounts.models import Role, User
from chanjiao.core.taxonomy.credit_codes import check_character
from chanjiao.registry.models import Organisation, OrgStatus
from factories import HUQIU, client_for

BODY = "91320505MA1XY5123"
CODE = BODY + check_character(BODY)
PASSWORD = "Kq7!turbine-lathe"


def _form(**changes):
    return {
        "name": "苏州新锐智能装备有限公司",
        "credit_code": CODE,
        "region": HUQIU,
        "size": "sme",
        "industry": "C",
        "display_name": "人力资源部 许经理",
        "username": "xu_hr",
        "email": "hr@xinrui.example.cn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


def _signed_up(world) -> tuple[Organisation, Client]:
    assert Client().post("/accounts/signup/", _form()).status_code == 200
    client = Client()
    assert client.post("/accounts/login/", {"username": "xu_hr", "password": PASSWORD}).status_code == 302
    return Organisation.objects.get(credit_code=CODE), client


def test_a_signed_up_enterprise_waits_for_approval_before_it_posts(world):
    enterprise, client = _signed_up(world)
    user = User.objects.get(username="xu_hr")

    home = client.get("/").content.decode()
    posting = client.get("/docking/postings/new/")
    need = client.get("/docking/needs/new/")

    assert (enterprise.status, enterprise.kind) == (OrgStatus.PENDING, "enterprise")
    assert (user.role, user.organisation) == (Role.ENTERPRISE, enterprise)
    assert 'id="awaiting-approval"' in home
    assert posting.status_code == need.status_code == 403

    approved = client_for(world["officer"]).post(f"/accounts/registrations/{enterprise.pk}/approve/")

    assert approved.status_code == 302
    assert client.get("/docking/postings/new/").status_code == 200
    assert 'id="awaiting-approval"' not in client.get("/").content.decode()


def test_a_bad_credit_code_is_refused_and_nothing_is_created(world):
    wrong_check = Client().post(
        "/accounts/signup/", _form(credit_code=BODY + ("0" if CODE[-1] != "0" else "1"))
    )
    too_short = Client().post("/accounts/signup/", _form(credit_code="91320505MA1"))
    api = Client().post(
        "/api/accounts/signup",
        {**_form(credit_code="91320505MA1XY5123I"), "password": PASSWORD},
        content_type="application/json",
    )

    assert wrong_check.status_code == too_short.status_code == 400
    assert "check character" in wrong_check.content.decode()
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["body", "credit_code"]
    assert not Organisation.objects.filter(name="苏州新锐智能装备有限公司").exists()
    assert not User.objects.filter(username="xu_hr").exists()


def test_a_registered_credit_code_or_username_cannot_sign_up_again(world):
    _signed_up(world)

    again = Client().post("/accounts/signup/", _form(username="another"))
    taken = Client().post("/accounts/signup/", _form(credit_code="91320505MA1XY5124" + "0", username="xu_hr"))

    assert again.status_code == taken.status_code == 400
    assert Organisation.objects.filter(name="苏州新锐智能装备有限公司").count() == 1


def test_invalid_sign_ups_are_throttled_per_address(world):
    client = Client()

    statuses = [client.post("/accounts/signup/", _form(credit_code="bad")).status_code for _ in range(6)]

    assert statuses == [400] * 4 + [429, 429]


def test_only_officers_of_its_region_decide_and_the_directory_lists_it_once_approved(world):
    enterprise, _client = _signed_up(world)

    nanjing = client_for(world["nanjing_officer"]).post(f"/accounts/registrations/{enterprise.pk}/approve/")
    school = client_for(world["school_user"]).post(f"/api/accounts/registrations/{enterprise.pk}/approve")
    listed_before = client_for(world["school_user"]).get(f"/api/organisations/{enterprise.pk}")
    queue = client_for(world["officer"]).get("/api/accounts/registrations").json()
    nanjing_queue = client_for(world["nanjing_officer"]).get("/api/accounts/registrations").json()
    approved = client_for(world["officer"]).post(f"/api/accounts/registrations/{enterprise.pk}/approve")
    twice = client_for(world["officer"]).post(f"/api/accounts/registrations/{enterprise.pk}/approve")
    listed_after = client_for(world["school_user"]).get(f"/api/organisations/{enterprise.pk}")

    assert nanjing.status_code == school.status_code == listed_before.status_code == 404
    assert [row["credit_code"] for row in queue] == [CODE] and nanjing_queue == []
    assert approved.status_code == 200 and approved.json()["status"] == "active"
    assert twice.status_code == 403
    assert listed_after.status_code == 200


def test_a_rejected_registration_deactivates_its_account(world):
    enterprise, client = _signed_up(world)

    page = client_for(world["officer"]).get("/accounts/registrations/").content.decode()
    rejected = client_for(world["officer"]).post(f"/accounts/registrations/{enterprise.pk}/reject/")

    assert CODE in page
    assert rejected.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.status == OrgStatus.REJECTED
    assert not User.objects.get(username="xu_hr").is_active
    assert client.get("/").status_code == 302  # signed out


def test_sign_up_through_the_api(world):
    payload = {**_form(), "password": PASSWORD}
    del payload["password1"], payload["password2"]

    response = Client().post("/api/accounts/signup", payload, content_type="application/json")

    assert response.status_code == 201
    assert Organisation.objects.get(credit_code=CODE).status == OrgStatus.PENDING
