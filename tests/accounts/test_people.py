"""An organisation's people: its representatives and its region's officers invite, deactivate,
reactivate and re-role them (web and API); nobody else, and nobody is raised to officer."""

import re

from django.core import mail
from django.test import Client

from chanjiao.accounts.models import Role, User
from factories import client_for, make_user

NEW = "Kq7!turbine-lathe"


def _invite(client, organisation, **fields):
    data = {"organisation": organisation.pk, "username": "lin", "email": "lin@example.cn", "role": "teacher"}
    return client.post("/accounts/people/", {**data, **fields})


def test_a_school_office_sees_its_own_people_only(world):
    page = client_for(world["school_user"]).get("/accounts/people/").content.decode()
    api = client_for(world["school_user"]).get("/api/accounts/users").json()

    assert "student_user" in page and "other_school_user" not in page and "enterprise_user" not in page
    assert {person["username"] for person in api} == {"school_user", "student_user"}


def test_an_invited_teacher_chooses_their_own_password_from_the_mailed_link(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client_for(world["school_user"]), world["school"], display_name="林老师")
    invited = User.objects.get(username="lin")
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body)[1]
    client = Client()
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    assert response.status_code == 302
    assert (invited.role, invited.organisation, invited.has_usable_password()) == (
        Role.TEACHER,
        world["school"],
        False,
    )
    assert mail.outbox[0].to == ["lin@example.cn"]
    assert Client().post("/accounts/login/", {"username": "lin", "password": NEW}).status_code == 302


def test_roles_are_those_the_organisation_kind_allows_and_never_officer(world):
    school = client_for(world["school_user"])

    as_hr = _invite(school, world["school"], role="enterprise")
    as_officer = _invite(school, world["school"], role="government")
    as_admin = _invite(school, world["school"], role="admin")
    enterprise = _invite(client_for(world["enterprise_user"]), world["enterprise"], role="student")

    assert [r.status_code for r in (as_hr, as_officer, as_admin, enterprise)] == [400] * 4
    assert not User.objects.filter(username="lin").exists()
    assert mail.outbox == []


def test_nobody_adds_people_to_another_organisation(world):
    other_school = _invite(client_for(world["other_school_user"]), world["school"])
    nanjing = _invite(client_for(world["nanjing_officer"]), world["school"])
    api = client_for(world["other_school_user"]).post(
        "/api/accounts/users",
        {"organisation": world["school"].pk, "username": "lin", "email": "l@example.cn", "role": "teacher"},
        content_type="application/json",
    )
    student = client_for(world["student_user"]).get("/accounts/people/")

    assert other_school.status_code == 400 and "Choose one you may act for" in other_school.content.decode()
    assert nanjing.status_code == 400
    assert api.status_code == 422
    assert student.status_code == 403
    assert not User.objects.filter(username="lin").exists()


def test_an_officer_adds_people_to_an_organisation_of_its_region(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world["officer"]).post(
            "/api/accounts/users",
            {
                "organisation": world["enterprise"].pk,
                "username": "m1",
                "email": "m@example.cn",
                "role": "teacher",
            },
            content_type="application/json",
        )

    assert response.status_code == 201 and response.json()["organisation_id"] == world["enterprise"].pk
    assert len(mail.outbox) == 1


def test_deactivating_ends_sign_in_and_reactivating_restores_it(world):
    student = world["student_user"]
    school = client_for(world["school_user"])
    signed_in = client_for(student)

    off = school.post(f"/accounts/users/{student.pk}/deactivate/")
    refused = Client().post("/accounts/login/", {"username": "student_user", "password": "pw-for-tests"})
    dropped = signed_in.get("/")
    on = school.post(f"/accounts/users/{student.pk}/reactivate/")
    back = Client().post("/accounts/login/", {"username": "student_user", "password": "pw-for-tests"})

    assert off.status_code == on.status_code == 302
    assert refused.status_code == 400 and dropped.status_code == 302
    assert back.status_code == 302


def test_a_representative_cannot_deactivate_or_re_role_itself(world):
    me = world["school_user"]
    client = client_for(me)

    web = client.post(f"/accounts/users/{me.pk}/deactivate/")
    api = client.patch(f"/api/accounts/users/{me.pk}", {"role": "teacher"}, content_type="application/json")

    assert web.status_code == 403 and api.status_code == 403
    me.refresh_from_db()
    assert me.is_active and me.role == Role.SCHOOL


def test_no_one_but_an_administrator_raises_someone_to_officer(world):
    student = world["student_user"]

    by_school = client_for(world["school_user"]).patch(
        f"/api/accounts/users/{student.pk}", {"role": "government"}, content_type="application/json"
    )
    by_officer = client_for(world["officer"]).post(f"/accounts/users/{student.pk}/", {"role": "government"})
    to_teacher = client_for(world["officer"]).post(f"/accounts/users/{student.pk}/", {"role": "teacher"})

    assert by_school.status_code == 422 and by_officer.status_code == 400
    assert to_teacher.status_code == 302
    student.refresh_from_db()
    assert student.role == Role.TEACHER


def test_officer_accounts_are_not_managed_by_officers(world):
    colleague = make_user(Role.GOVERNMENT, world["suzhou_bureau"])

    response = client_for(world["officer"]).post(f"/accounts/users/{colleague.pk}/deactivate/")

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active


def test_another_organisation_or_region_cannot_touch_a_person(world):
    student = world["student_user"]

    other_school = client_for(world["other_school_user"]).post(f"/accounts/users/{student.pk}/deactivate/")
    nanjing = client_for(world["nanjing_officer"]).patch(
        f"/api/accounts/users/{student.pk}", {"is_active": False}, content_type="application/json"
    )
    suzhou = client_for(world["officer"]).patch(
        f"/api/accounts/users/{student.pk}", {"is_active": False}, content_type="application/json"
    )

    assert other_school.status_code == 404 and nanjing.status_code == 404
    assert suzhou.status_code == 200 and suzhou.json()["is_active"] is False


def test_the_people_list_has_a_query_budget(world, django_assert_max_num_queries):
    for index in range(20):
        make_user(Role.STUDENT, world["school"], f"s{index}")
    client = client_for(world["school_user"])

    with django_assert_max_num_queries(12):
        response = client.get("/accounts/people/")

    assert response.status_code == 200 and "s19" in response.content.decode()
