"""Access is checked on every object, through the web and the API, and refusals change nothing."""

import json

from chanjiao.registry.models import Organisation, Program, Student
from factories import client_for


def test_enterprise_cannot_see_another_enterprises_private_figures_on_the_web(world):
    client = client_for(world["enterprise_user"])
    other = world["other_enterprise"]

    page = client.get(f"/organisations/{other.pk}/").content.decode()

    assert other.name in page
    assert "9,000" not in page and "9000" not in page
    own = client.get(f"/organisations/{world['enterprise'].pk}/").content.decode()
    assert "12,000" in own


def test_enterprise_cannot_see_another_enterprises_private_figures_through_the_api(world):
    client = client_for(world["enterprise_user"])

    other = client.get(f"/api/organisations/{world['other_enterprise'].pk}").json()
    own = client.get(f"/api/organisations/{world['enterprise'].pk}").json()

    assert other["revenue"] is None and other["rd_spending"] is None
    assert own["revenue"] == "12000.00"


def test_enterprise_cannot_change_another_enterprise_on_the_web(world):
    client = client_for(world["enterprise_user"])
    other = world["other_enterprise"]

    get = client.get(f"/organisations/{other.pk}/edit/")
    post = client.post(
        f"/organisations/{other.pk}/edit/",
        {"name": "Hijacked", "kind": "enterprise", "region": 320505, "size": "sme", "industry": "C"},
    )

    assert get.status_code == 403 and post.status_code == 403
    assert Organisation.objects.get(pk=other.pk).name == "苏州华信电子科技有限公司"


def test_enterprise_cannot_change_another_enterprise_through_the_api(world):
    client = client_for(world["enterprise_user"])
    other = world["other_enterprise"]

    response = client.patch(
        f"/api/organisations/{other.pk}", json.dumps({"name": "Hijacked"}), content_type="application/json"
    )

    assert response.status_code == 403
    assert Organisation.objects.get(pk=other.pk).name == "苏州华信电子科技有限公司"


def test_enterprise_cannot_see_another_enterprises_mentors(world):
    client = client_for(world["other_enterprise_user"])

    page = client.get(f"/people/teachers/{world['mentor'].pk}/")
    listed = client.get("/api/teachers", {"kind": "mentor"}).json()
    own_view = client_for(world["enterprise_user"]).get(f"/people/teachers/{world['mentor'].pk}/")

    assert page.status_code == 404
    assert listed["count"] == 0
    assert own_view.status_code == 200


def test_school_cannot_edit_another_schools_program_on_the_web(world):
    client = client_for(world["school_user"])
    other = world["other_program"]

    response = client.post(
        f"/programs/{other.pk}/edit/",
        {
            "school": world["other_school"].pk,
            "code": "510201",
            "name": "Renamed",
            "capacity": 5,
            "duration_years": 3,
        },
    )
    crosswalk = client.post(f"/programs/{other.pk}/crosswalk/", {"occupation": "6-18-01-01", "weight": 1})

    assert response.status_code == 403 and crosswalk.status_code == 403
    program = Program.objects.get(pk=other.pk)
    assert (program.name, program.capacity, program.crosswalk.count()) == ("计算机应用技术", 100, 0)


def test_school_cannot_edit_another_schools_program_through_the_api(world):
    client = client_for(world["school_user"])
    other = world["other_program"]

    patch = client.patch(
        f"/api/programs/{other.pk}", json.dumps({"capacity": 1}), content_type="application/json"
    )
    move = client.post(
        "/api/programs",
        json.dumps(
            {
                "school": world["other_school"].pk,
                "code": "999999",
                "name": "x",
                "capacity": 1,
                "duration_years": 3,
            }
        ),
        content_type="application/json",
    )

    assert patch.status_code == 403
    assert move.status_code == 422 and move.json()["detail"][0]["loc"] == ["body", "school"]
    assert Program.objects.get(pk=other.pk).capacity == 100
    assert not Program.objects.filter(code="999999").exists()


def test_students_are_visible_only_to_their_school_officers_in_scope_and_themselves(world):
    other_student = world["other_student"]

    school_view = client_for(world["school_user"]).get(f"/people/students/{other_student.pk}/")
    enterprise_view = client_for(world["enterprise_user"]).get(f"/api/students/{other_student.pk}")
    officer_view = client_for(world["officer"]).get(f"/api/students/{other_student.pk}")
    nanjing_view = client_for(world["nanjing_officer"]).get(f"/api/students/{other_student.pk}")
    own_school_list = client_for(world["school_user"]).get("/api/students").json()

    assert school_view.status_code == 404
    assert enterprise_view.status_code == 404
    assert officer_view.status_code == 200
    assert nanjing_view.status_code == 404
    assert [s["id"] for s in own_school_list["items"]] == [world["student"].pk]


def test_school_cannot_change_another_schools_student(world):
    client = client_for(world["other_school_user"])
    student = world["student"]

    response = client.patch(
        f"/api/students/{student.pk}", json.dumps({"name": "改名"}), content_type="application/json"
    )

    assert response.status_code == 404
    assert Student.objects.get(pk=student.pk).name == "王小明"


def test_officer_edits_only_within_region(world):
    school = world["school"]

    nanjing = client_for(world["nanjing_officer"]).patch(
        f"/api/organisations/{school.pk}", json.dumps({"address": "x"}), content_type="application/json"
    )
    suzhou = client_for(world["officer"]).patch(
        f"/api/organisations/{school.pk}",
        json.dumps({"address": "苏州市虎丘区"}),
        content_type="application/json",
    )

    assert nanjing.status_code == 403
    assert suzhou.status_code == 200
    assert Organisation.objects.get(pk=school.pk).address == "苏州市虎丘区"


def test_only_the_carrier_lead_changes_its_members(world):
    carrier = world["carrier"]
    outsider = world["enterprise_user"]

    refused = client_for(outsider).post(
        f"/api/carriers/{carrier.pk}/members",
        json.dumps({"organisation": world["other_school"].pk}),
        content_type="application/json",
    )
    accepted = client_for(world["school_user"]).post(
        f"/api/carriers/{carrier.pk}/members",
        json.dumps({"organisation": world["other_school"].pk, "council_seats": 2}),
        content_type="application/json",
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201
    assert carrier.memberships.count() == 4


def test_anonymous_users_are_sent_to_sign_in_and_refused_by_the_api(db):
    from django.test import Client

    assert Client().get("/organisations/").status_code == 302
    response = Client().get("/api/organisations")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_an_organisation_cannot_rewrite_its_own_status_through_the_api(world):
    # given the enterprise's own representative
    client = client_for(world["enterprise_user"])
    enterprise = world["enterprise"]
    for change in (
        {"kind": "government"},
        {"region": 320102},  # Nanjing: outside its officers' scope
        {"certified_integration_enterprise": True},
        {"credit_code": "91320505MA1BBB0002"},
    ):
        # when it tries to change a field officers vouch for
        response = client.patch(
            f"/api/organisations/{enterprise.pk}", json.dumps(change), content_type="application/json"
        )
        # then it is refused, naming the field, and nothing changed
        assert response.status_code == 422, change
        assert response.json()["detail"][0]["loc"] == ["body", next(iter(change))]
    enterprise.refresh_from_db()
    assert (enterprise.kind, enterprise.region_id, enterprise.certified_integration_enterprise) == (
        "enterprise",
        320505,
        False,
    )
    assert enterprise.credit_code is None
    # while its own description is still its to change
    ok = client.patch(
        f"/api/organisations/{enterprise.pk}",
        json.dumps({"description": "精密加工"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["description"] == "精密加工"


def test_the_edit_page_locks_the_governed_fields_for_the_organisation_itself(world):
    client = client_for(world["school_user"])
    school = world["school"]

    page = client.get(f"/organisations/{school.pk}/edit/").content.decode()
    client.post(
        f"/organisations/{school.pk}/edit/",
        {"name": school.name, "kind": "government", "region": 320102, "school_level": "higher"},
    )

    assert 'name="kind"' in page and "disabled" in page
    school.refresh_from_db()
    assert (school.kind, school.region_id) == ("school", 320505)


def test_an_officer_moves_and_registers_organisations_only_within_its_region(world):
    client = client_for(world["officer"])
    school = world["school"]

    moved_out = client.patch(
        f"/api/organisations/{school.pk}", json.dumps({"region": 320102}), content_type="application/json"
    )
    registered_out = client.post(
        "/api/organisations",
        json.dumps(
            {"kind": "enterprise", "name": "南京某公司", "region": 320102, "size": "sme", "industry": "C"}
        ),
        content_type="application/json",
    )
    certified = client.patch(
        f"/api/organisations/{world['enterprise'].pk}",
        json.dumps({"certified_integration_enterprise": True}),
        content_type="application/json",
    )

    assert moved_out.status_code == 422 and registered_out.status_code == 422
    assert not Organisation.objects.filter(name="南京某公司").exists()
    school.refresh_from_db()
    assert school.region_id == 320505
    assert certified.status_code == 200 and certified.json()["certified_integration_enterprise"] is True


def test_a_student_or_teacher_does_not_act_for_its_college(world):
    from chanjiao.accounts.models import Role
    from factories import make_user

    teacher_user = make_user(Role.TEACHER, world["school"], "teacher_user")
    carrier = world["carrier"]
    for user in (world["student_user"], teacher_user):
        client = client_for(user)
        edit = client.patch(
            f"/api/carriers/{carrier.pk}", json.dumps({"name": "改名"}), content_type="application/json"
        )
        member = client.post(
            f"/api/carriers/{carrier.pk}/members",
            json.dumps({"organisation": world["other_school"].pk, "role": "member", "council_seats": 5}),
            content_type="application/json",
        )
        program = client.patch(
            f"/api/programs/{world['program'].pk}",
            json.dumps({"capacity": 1}),
            content_type="application/json",
        )
        assert (edit.status_code, member.status_code, program.status_code) == (403, 403, 403)
    carrier.refresh_from_db()
    assert carrier.name != "改名" and carrier.memberships.count() == 3
    assert Program.objects.get(pk=world["program"].pk).capacity == 100


def test_a_mentor_does_not_read_its_enterprises_revenue(world):
    from chanjiao.accounts.models import Role
    from factories import make_user

    mentor_user = make_user(Role.TEACHER, world["enterprise"], "mentor_user")
    client = client_for(mentor_user)

    api = client.get(f"/api/organisations/{world['enterprise'].pk}").json()
    page = client.get(f"/organisations/{world['enterprise'].pk}/").content.decode()

    assert api["revenue"] is None and "12,000" not in page
