"""Every registry endpoint: reads with filters and pagination, writes, bad input, tokens."""

import json
import re

import pytest
from django.test import Client

from chanjiao.accounts.services import create_api_token
from chanjiao.registry.models import Carrier, Organisation, Program, Student, Teacher
from factories import client_for


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_token_authentication_for_scripts(world):
    _token, raw = create_api_token(user=world["officer"], name="nightly export")

    ok = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    bad = Client().get("/api/me", HTTP_AUTHORIZATION="Bearer cj_not-a-token")

    assert ok.status_code == 200 and ok.json()["username"] == "officer"
    assert bad.status_code == 401


def test_regions_filter_and_paginate(db):
    client = client_for_admin()

    cities = client.get("/api/regions", {"parent": 320000, "level": 2}).json()
    page_two = client.get("/api/regions", {"parent": 320000, "page": 2, "page_size": 5}).json()
    one = client.get("/api/regions/320505").json()
    missing = client.get("/api/regions/999999")

    assert cities["count"] == 13
    assert len(page_two["items"]) == 5
    assert one == {
        "id": 320505,
        "name": "虎丘区",
        "full_name": "江苏省 苏州市 虎丘区",
        "level": 3,
        "zone": "east",
        "parent_id": 320500,
    }
    assert missing.status_code == 404


def test_occupations_search_and_tree(db):
    client = client_for_admin()

    found = client.get("/api/occupations", {"q": "车工"}).json()
    children = client.get("/api/occupations", {"parent": "6-18-01-00"}).json()
    one = client.get("/api/occupations/6-18-01-01").json()

    assert "6-18-01-01" in [o["code"] for o in found["items"]]
    assert {o["code"] for o in children["items"]} >= {"6-18-01-01", "6-18-01-02"}
    assert (one["name"], one["level"], one["parent_id"]) == ("车工", 4, "6-18-01-00")


def test_organisations_filter_by_kind_region_and_search(world):
    client = client_for(world["officer"])

    schools = client.get("/api/organisations", {"kind": "school"}).json()
    in_wuzhong = client.get("/api/organisations", {"region": 320506}).json()
    searched = client.get("/api/organisations", {"q": "精密"}).json()
    bad_kind = client.get("/api/organisations", {"kind": "castle"})

    assert {o["name"] for o in schools["items"]} == {"苏州示范职业技术学院", "苏州另一职业学院"}
    assert [o["name"] for o in in_wuzhong["items"]] == ["苏州另一职业学院"]
    assert [o["name"] for o in searched["items"]] == ["苏州精密机械有限公司"]
    assert bad_kind.status_code == 422 and bad_kind.json()["detail"][0]["loc"] == ["body", "kind"]


def test_officer_creates_an_organisation_and_bad_input_names_the_field(world):
    client = client_for(world["officer"])
    good = {
        "kind": "enterprise",
        "name": "苏州新设智能装备有限公司",
        "region": 320507,
        "size": "sme",
        "industry": "C",
        "credit_code": "91320507MA1XY51234",
    }

    created = send(client, "post", "/api/organisations", good)
    missing_size = send(
        client, "post", "/api/organisations", {**good, "name": "x", "credit_code": None, "size": None}
    )
    bad_region = send(
        client, "post", "/api/organisations", {**good, "name": "y", "credit_code": None, "region": 1}
    )
    bad_type = send(client, "post", "/api/organisations", {**good, "employees": "many"})
    not_json = client.post("/api/organisations", "{not json", content_type="application/json")

    assert created.status_code == 201 and created.json()["region_id"] == 320507
    assert missing_size.status_code == 422 and missing_size.json()["detail"][0]["loc"] == ["body", "size"]
    assert bad_region.status_code == 422 and "region" in bad_region.json()["detail"][0]["loc"]
    assert bad_type.status_code == 422 and "employees" in bad_type.json()["detail"][0]["loc"]
    assert not_json.status_code in (400, 422)
    assert Organisation.objects.filter(name__in=["x", "y"]).count() == 0


def test_enterprise_cannot_register_organisations(world):
    response = send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/organisations",
        {"kind": "enterprise", "name": "z", "region": 320505, "size": "sme", "industry": "C"},
    )

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="z").exists()


def test_enterprise_updates_its_own_profile(world):
    client = client_for(world["enterprise_user"])

    response = send(
        client,
        "patch",
        f"/api/organisations/{world['enterprise'].pk}",
        {"employees": 350, "website": "https://example.com"},
    )
    bad = send(client, "patch", f"/api/organisations/{world['enterprise'].pk}", {"revenue": -5})

    assert response.status_code == 200 and response.json()["employees"] == 350
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "revenue"]
    assert Organisation.objects.get(pk=world["enterprise"].pk).revenue == 12000


def test_school_manages_programs_and_crosswalk(world):
    client = client_for(world["school_user"])

    created = send(
        client,
        "post",
        "/api/programs",
        {
            "school": world["school"].pk,
            "code": "460305",
            "name": "工业机器人技术",
            "capacity": 80,
            "duration_years": 3,
        },
    )
    program_id = created.json()["id"]
    duplicate = send(
        client,
        "post",
        "/api/programs",
        {
            "school": world["school"].pk,
            "code": "460305",
            "name": "again",
            "capacity": 80,
            "duration_years": 3,
        },
    )
    crosswalk = send(
        client,
        "put",
        f"/api/programs/{program_id}/crosswalk",
        [{"occupation": "6-31-07-01", "weight": 0.6}, {"occupation": "6-31-07-03", "weight": 0.4}],
    )
    bad_code = send(
        client, "put", f"/api/programs/{program_id}/crosswalk", [{"occupation": "9-99-99-99", "weight": 1}]
    )
    bad_weight = send(
        client, "put", f"/api/programs/{program_id}/crosswalk", [{"occupation": "6-31-07-01", "weight": 2}]
    )
    patched = send(client, "patch", f"/api/programs/{program_id}", {"capacity": 90})
    listed = client.get("/api/programs", {"occupation": "6-31-07-01"}).json()

    assert created.status_code == 201
    assert duplicate.status_code == 422
    assert crosswalk.json()["crosswalk"] == [
        {"occupation": "6-31-07-01", "weight": 0.6},
        {"occupation": "6-31-07-03", "weight": 0.4},
    ]
    assert bad_code.status_code == 422 and "9-99-99-99" in bad_code.json()["detail"][0]["msg"]
    assert bad_weight.status_code == 422
    assert Program.objects.get(pk=program_id).crosswalk.count() == 2
    assert patched.json()["capacity"] == 90
    assert [p["id"] for p in listed["items"]] == [program_id]


def test_carriers_create_filter_members(world):
    client = client_for(world["enterprise_user"])

    created = send(
        client,
        "post",
        "/api/carriers",
        {"name": "联合实验室", "kind": "joint_lab", "region": 320505, "lead": world["enterprise"].pk},
    )
    foreign_lead = send(
        client,
        "post",
        "/api/carriers",
        {"name": "冒名", "kind": "joint_lab", "region": 320505, "lead": world["school"].pk},
    )
    carrier_id = created.json()["id"]
    members = client.get(f"/api/carriers/{carrier_id}/members").json()
    virtual = client.get(
        "/api/carriers", {"carrier_class": "physical", "member": world["enterprise"].pk}
    ).json()
    patched = send(
        client, "patch", f"/api/carriers/{carrier_id}", {"legal_personality": True, "status": "active"}
    )
    bad_status = send(client, "patch", f"/api/carriers/{carrier_id}", {"status": "flying"})

    assert created.status_code == 201 and created.json()["carrier_class"] == "physical"
    assert foreign_lead.status_code == 422 and foreign_lead.json()["detail"][0]["loc"] == ["body", "lead"]
    assert [(m["organisation_id"], m["role"]) for m in members] == [(world["enterprise"].pk, "lead")]
    assert {c["name"] for c in virtual["items"]} == {world["carrier"].name, "联合实验室"}
    assert patched.json()["legal_personality"] is True
    assert bad_status.status_code == 422
    assert Carrier.objects.get(pk=carrier_id).status == "active"


def test_carrier_member_add_twice_and_remove(world):
    client = client_for(world["school_user"])
    carrier = world["carrier"]

    again = send(
        client, "post", f"/api/carriers/{carrier.pk}/members", {"organisation": world["enterprise"].pk}
    )
    member = carrier.memberships.get(organisation=world["enterprise"])
    removed = client.delete(f"/api/carriers/{carrier.pk}/members/{member.pk}")
    lead = carrier.memberships.get(organisation=world["school"])
    keep_lead = client.delete(f"/api/carriers/{carrier.pk}/members/{lead.pk}")

    assert again.status_code == 422 and "already a member" in again.json()["detail"][0]["msg"]
    assert removed.status_code == 204
    assert keep_lead.status_code == 422
    assert carrier.memberships.count() == 2


def test_school_registers_students_with_lists_and_bad_program(world):
    client = client_for(world["school_user"])
    base = {
        "student_no": "2025001",
        "name": "李华",
        "gender": "F",
        "school": world["school"].pk,
        "program": world["program"].pk,
        "year": 2025,
        "skills": ["PLC 编程"],
        "certificates": [],
    }

    created = send(client, "post", "/api/students", base)
    wrong_program = send(
        client,
        "post",
        "/api/students",
        {**base, "student_no": "2025002", "program": world["other_program"].pk},
    )
    bad_year = send(client, "post", "/api/students", {**base, "student_no": "2025003", "year": 1890})
    enterprise = send(
        client_for(world["enterprise_user"]), "post", "/api/students", {**base, "student_no": "2025004"}
    )
    updated = send(
        client, "patch", f"/api/students/{created.json()['id']}", {"certificates": ["电工（四级）"]}
    )

    assert created.status_code == 201 and created.json()["skills"] == ["PLC 编程"]
    assert wrong_program.status_code == 422 and wrong_program.json()["detail"][0]["loc"] == [
        "body",
        "program",
    ]
    assert bad_year.status_code == 422 and bad_year.json()["detail"][0]["loc"] == ["body", "year"]
    assert enterprise.status_code == 403
    assert updated.json()["certificates"] == ["电工（四级）"]
    assert Student.objects.filter(student_no__in=["2025002", "2025003", "2025004"]).count() == 0


def test_teachers_and_mentors(world):
    enterprise = client_for(world["enterprise_user"])

    mentor = send(
        enterprise,
        "post",
        "/api/teachers",
        {"name": "孙工", "kind": "mentor", "organisation": world["enterprise"].pk, "expertise": "五轴加工"},
    )
    as_teacher = send(
        enterprise,
        "post",
        "/api/teachers",
        {"name": "错", "kind": "teacher", "organisation": world["enterprise"].pk},
    )
    foreign = send(enterprise, "patch", f"/api/teachers/{world['teacher'].pk}", {"title": "教授"})
    listed = client_for(world["officer"]).get("/api/teachers", {"dual_qualified": True}).json()
    one = enterprise.get(f"/api/teachers/{mentor.json()['id']}").json()

    assert mentor.status_code == 201
    assert as_teacher.status_code == 422 and as_teacher.json()["detail"][0]["loc"] == ["body", "organisation"]
    assert foreign.status_code == 403
    assert [t["name"] for t in listed["items"]] == ["钱老师"]
    assert one["expertise"] == "五轴加工"
    assert Teacher.objects.filter(name="错").count() == 0


def test_openapi_documents_every_endpoint(db):
    schema = client_for_admin().get("/api/openapi.json").json()

    paths = set(schema["paths"])
    assert {
        "/api/organisations",
        "/api/programs/{program_id}/crosswalk",
        "/api/carriers/{carrier_id}/members",
        "/api/students",
        "/api/teachers",
        "/api/jobs/{job_id}",
    } <= paths
    params = {p["name"] for p in schema["paths"]["/api/organisations"]["get"]["parameters"]}
    assert {"q", "region", "kind", "page", "page_size"} <= params


@pytest.fixture
def admin_client(world):
    return client_for(world["admin"])


def client_for_admin():
    from factories import make_user

    return client_for(make_user("admin"))


def test_school_records_enrolment_and_expected_graduates_per_year(world):
    client = client_for(world["school_user"])
    program = world["program"]

    first = send(
        client, "put", f"/api/programs/{program.pk}/years/2025", {"enrolment": 98, "expected_graduates": 0}
    )
    corrected = send(
        client, "put", f"/api/programs/{program.pk}/years/2025", {"enrolment": 101, "expected_graduates": 0}
    )
    negative = send(
        client, "put", f"/api/programs/{program.pk}/years/2026", {"enrolment": -1, "expected_graduates": 0}
    )
    odd_year = send(
        client, "put", f"/api/programs/{program.pk}/years/1800", {"enrolment": 1, "expected_graduates": 1}
    )
    foreign = send(
        client_for(world["other_school_user"]),
        "put",
        f"/api/programs/{program.pk}/years/2024",
        {"enrolment": 1, "expected_graduates": 1},
    )

    assert first.status_code == 200
    assert corrected.json()["years"] == [{"year": 2025, "enrolment": 101, "expected_graduates": 0}]
    assert negative.status_code == 422 and negative.json()["detail"][0]["loc"] == ["body", "enrolment"]
    assert odd_year.status_code == 422 and odd_year.json()["detail"][0]["loc"] == ["body", "year"]
    assert foreign.status_code == 403
    assert list(program.years.values_list("year", "enrolment")) == [(2025, 101)]


def test_the_api_docs_page_loads_its_scripts_from_the_platform_itself(db):
    from django.contrib.staticfiles import finders

    page = client_for_admin().get("/api/docs").content.decode()

    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle" in src for src in scripts)
    assert [src for src in scripts if "//" in src] == []  # nothing from another host
    assert finders.find("ninja/swagger-ui-bundle.js")
