"""The web pages: every role's home, lists with filters and Excel export, forms with errors."""

import io

import pytest
from openpyxl import load_workbook

from chanjiao.accounts.models import Activity
from chanjiao.registry.models import Carrier, Organisation, Program
from factories import client_for


@pytest.mark.parametrize(
    "role_user",
    ["officer", "school_user", "enterprise_user", "student_user", "admin"],
)
def test_every_role_has_a_home_page(world, role_user):
    response = client_for(world[role_user]).get("/")

    assert response.status_code == 200
    assert world[role_user].get_role_display() in response.content.decode()


def test_officer_home_counts_the_region(world):
    page = client_for(world["officer"]).get("/").content.decode()

    assert "The region at a glance" in page
    assert "Carriers by class" in page


@pytest.mark.parametrize(
    "url",
    [
        "/organisations/",
        "/programs/",
        "/carriers/",
        "/people/students/",
        "/people/teachers/",
        "/regions/",
        "/occupations/",
    ],
)
def test_lists_render_and_export_to_excel(world, url):
    client = client_for(world["officer"])

    page = client.get(url)
    export = client.get(url, {"format": "xlsx"})

    assert page.status_code == 200
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row >= 2


def test_search_filters_the_list_and_htmx_gets_the_table_only(world):
    client = client_for(world["officer"])

    full = client.get("/organisations/", {"kind": "enterprise", "q": "精密"}).content.decode()
    partial = client.get("/organisations/", {"q": "华信"}, HTTP_HX_REQUEST="true").content.decode()

    assert "苏州精密机械有限公司" in full and "苏州华信电子科技有限公司" not in full
    assert "<html" not in partial and "苏州华信电子科技有限公司" in partial


def test_export_is_the_filtered_list(world):
    export = client_for(world["officer"]).get("/organisations/", {"kind": "school", "format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][0] == "Name"
    assert sorted(r[0] for r in rows[1:]) == ["苏州另一职业学院", "苏州示范职业技术学院"]


def test_carrier_page_lists_members_and_warns_on_enterprise_seats(world):
    page = client_for(world["enterprise_user"]).get(f"/carriers/{world['carrier'].pk}/").content.decode()

    assert "苏州精密机械有限公司" in page and "苏州华信电子科技有限公司" in page
    assert "Members (3)" in page


def test_school_creates_a_program_and_bad_input_shows_the_field(world):
    client = client_for(world["school_user"])

    bad = client.post(
        "/programs/new/",
        {"school": world["school"].pk, "code": "!", "name": "", "capacity": -1, "duration_years": 3},
    )
    good = client.post(
        "/programs/new/",
        {
            "school": world["school"].pk,
            "code": "510203",
            "name": "软件技术",
            "capacity": 60,
            "duration_years": 3,
        },
    )

    assert bad.status_code == 400
    assert "A program code has 4 to 12 letters or digits" in bad.content.decode()
    assert good.status_code == 302
    program = Program.objects.get(school=world["school"], code="510203")
    assert good["Location"] == f"/programs/{program.pk}/"
    assert Activity.objects.filter(
        verb="create", target_id=str(program.pk), actor=world["school_user"]
    ).exists()


def test_school_edits_its_program_and_crosswalk(world):
    client = client_for(world["school_user"])
    program = world["program"]

    edit = client.post(
        f"/programs/{program.pk}/edit/",
        {
            "school": world["school"].pk,
            "code": "460103",
            "name": "数控技术（智能制造方向）",
            "capacity": 120,
            "duration_years": 3,
        },
    )
    add = client.post(f"/programs/{program.pk}/crosswalk/", {"occupation": "6-18-01-01", "weight": "0.7"})
    bad = client.post(f"/programs/{program.pk}/crosswalk/", {"occupation": "0-00-00-99", "weight": "0.7"})
    remove = client.post(f"/programs/{program.pk}/crosswalk/", {"remove": "6-18-01-01"})

    assert edit.status_code == 302
    assert Program.objects.get(pk=program.pk).capacity == 120
    assert add.status_code == 302
    assert bad.status_code == 400 and "Unknown CSCO code" in bad.content.decode()
    assert remove.status_code == 302 and program.crosswalk.count() == 0


def test_officer_registers_an_organisation_through_the_form(world):
    client = client_for(world["officer"])

    bad = client.post("/organisations/new/", {"kind": "school", "name": "新学校", "region": 320505})
    good = client.post(
        "/organisations/new/",
        {"kind": "school", "name": "新学校", "region": 320505, "school_level": "secondary"},
    )

    assert bad.status_code == 400 and "Required for a school." in bad.content.decode()
    assert good.status_code == 302
    assert Organisation.objects.filter(name="新学校").count() == 1


def test_school_creates_a_carrier_and_adds_a_member(world):
    client = client_for(world["school_user"])

    response = client.post(
        "/carriers/new/",
        {
            "name": "智能制造实训基地",
            "kind": "training_base",
            "region": 320505,
            "lead": world["school"].pk,
            "governance_body": "none",
            "status": "active",
        },
    )
    carrier = Carrier.objects.get(name="智能制造实训基地")
    add = client.post(
        f"/carriers/{carrier.pk}/members/",
        {"organisation": world["enterprise"].pk, "role": "member", "council_seats": 0},
    )

    assert response.status_code == 302
    assert add.status_code == 302
    assert set(carrier.memberships.values_list("organisation__name", flat=True)) == {
        "苏州示范职业技术学院",
        "苏州精密机械有限公司",
    }


def test_enterprise_cannot_open_create_pages_it_may_not_use(world):
    client = client_for(world["enterprise_user"])

    assert client.get("/organisations/new/").status_code == 403
    assert client.get("/programs/new/").status_code == 403
    assert client.get("/people/students/new/").status_code == 403
    assert client.get("/imports/").status_code == 403


def test_pages_speak_chinese_when_the_browser_asks(world):
    client = client_for(world["officer"])

    page = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()

    assert "组织机构" in page


def test_language_switch_persists(world):
    client = client_for(world["officer"])

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get("/carriers/").content.decode()

    assert "载体" in page


def test_school_records_a_programs_year_on_its_page(world):
    client = client_for(world["school_user"])
    program = world["program"]

    saved = client.post(
        f"/programs/{program.pk}/years/", {"year": 2025, "enrolment": 96, "expected_graduates": 0}
    )
    bad = client.post(
        f"/programs/{program.pk}/years/", {"year": 2025, "enrolment": "lots", "expected_graduates": 0}
    )
    page = client.get(f"/programs/{program.pk}/").content.decode()

    assert saved.status_code == 302
    assert bad.status_code == 400 and "Enter a whole number." in bad.content.decode()
    assert "<td>2025</td><td>96</td><td>0</td>" in page
