"""Annual statistical returns: raw yearly figures filed by the unit itself (or an officer in scope)."""

from chanjiao.evaluation.api_followup import ReturnFigures
from chanjiao.evaluation.models import AnnualReturn, UnitKind
from chanjiao.evaluation.sources import RETURN_FIELDS
from evaluation.evaluation_support import send
from factories import client_for


def college_return(city, **changes):
    return {
        "unit_kind": "college",
        "unit_id": city["school"].pk,
        "year": 2024,
        "graduates": 500,
        "graduates_employed": 470,
        **changes,
    }


def test_a_school_files_its_colleges_return_through_the_api(city):
    response = send(client_for(city["school_user"]), "post", "/api/evaluation/returns", college_return(city))
    stored = AnnualReturn.objects.get(year=2024)
    assert response.status_code == 201
    assert (stored.unit_kind, stored.unit_id, stored.graduates_employed, stored.reported_by) == (
        "college",
        city["school"].pk,
        470,
        city["school_user"],
    )


def test_parts_may_not_exceed_their_whole_and_units_must_be_ones_own(city):
    school = client_for(city["school_user"])
    too_many = send(school, "post", "/api/evaluation/returns", college_return(city, graduates_employed=501))
    foreign = send(
        school, "post", "/api/evaluation/returns", college_return(city, unit_id=city["other_school"].pk)
    )
    negative = send(school, "post", "/api/evaluation/returns", college_return(city, patents_granted=-1))
    nowhere = send(school, "post", "/api/evaluation/returns", college_return(city, unit_id=999999))
    assert [r.json()["detail"][0]["loc"][-1] for r in (too_many, foreign, negative, nowhere)] == [
        "graduates_employed",
        "unit_id",
        "patents_granted",
        "unit_id",
    ]
    assert too_many.json()["detail"][0]["msg"] == "Cannot exceed “graduates” (500)."
    assert AnnualReturn.objects.filter(year=2024).count() == 0


def test_one_return_per_unit_and_year_and_amending_it(city):
    school = client_for(city["school_user"])
    first = send(school, "post", "/api/evaluation/returns", college_return(city)).json()
    twice = send(school, "post", "/api/evaluation/returns", college_return(city))
    amended = send(
        school, "patch", f"/api/evaluation/returns/{first['id']}", {"graduates_employed": 480, "unit_id": 1}
    )
    assert twice.status_code == 422
    assert (amended.status_code, amended.json()["graduates_employed"], amended.json()["unit_id"]) == (
        200,
        480.0,
        city["school"].pk,
    )


def test_officers_file_for_units_in_scope_and_units_see_only_their_own(city):
    officer = send(
        client_for(city["officer"]),
        "post",
        "/api/evaluation/returns",
        {"unit_kind": "carrier", "unit_id": city["carriers"][1].pk, "year": 2024, "patents_granted": 2},
    )
    nanjing = send(
        client_for(city["nanjing_officer"]),
        "post",
        "/api/evaluation/returns",
        {"unit_kind": "carrier", "unit_id": city["carriers"][1].pk, "year": 2023, "patents_granted": 2},
    )
    school_sees = client_for(city["school_user"]).get("/api/evaluation/returns").json()
    enterprise_sees = client_for(city["enterprise_user"]).get("/api/evaluation/returns").json()
    other_return = AnnualReturn.objects.get(unit_id=city["carriers"][1].pk, year=2025)
    amend_other = send(
        client_for(city["school_user"]),
        "patch",
        f"/api/evaluation/returns/{other_return.pk}",
        {"graduates": 1},
    )
    assert officer.status_code == 201 and nanjing.json()["detail"][0]["loc"][-1] == "unit_id"
    # the school leads carriers A and C; the enterprise leads D
    assert sorted(r["unit_id"] for r in school_sees["items"]) == sorted(
        [city["carriers"][0].pk, city["carriers"][2].pk]
    )
    assert [r["unit_id"] for r in enterprise_sees["items"]] == [city["carriers"][3].pk]
    assert amend_other.status_code == 404


def test_filing_on_the_web_from_the_list_of_ones_units(city):
    school = client_for(city["school_user"])
    units = school.get("/evaluation/returns/units/").content.decode()
    form = school.get(
        "/evaluation/returns/new/", {"unit_kind": "college", "unit_id": city["school"].pk, "year": 2024}
    )
    created = school.post(
        "/evaluation/returns/new/",
        {
            "unit_kind": "college",
            "unit_id": city["school"].pk,
            "year": 2024,
            "graduates": "10",
            "graduates_employed": "11",
        },
    )
    fixed = school.post(
        "/evaluation/returns/new/",
        {
            "unit_kind": "college",
            "unit_id": city["school"].pk,
            "year": 2024,
            "graduates": "10",
            "graduates_employed": "9",
        },
    )
    stored = AnnualReturn.objects.get(unit_kind=UnitKind.COLLEGE)
    assert city["school"].name in units and form.status_code == 200
    assert created.status_code == 400 and fixed.status_code == 302
    assert school.get(f"/evaluation/returns/{stored.pk}/").status_code == 200


def test_the_api_carries_every_figure_of_the_return():
    assert tuple(ReturnFigures.model_fields) == RETURN_FIELDS


def test_students_teachers_and_mentors_do_not_file_or_amend_their_organisations_return(city):
    from chanjiao.accounts.models import Role
    from factories import make_user

    # given the college's return filed by its cooperation office
    filed = send(
        client_for(city["school_user"]), "post", "/api/evaluation/returns", college_return(city)
    ).json()
    student = make_user(Role.STUDENT, city["school"], "return_student")
    teacher = make_user(Role.TEACHER, city["school"], "return_teacher")
    mentor = make_user(Role.TEACHER, city["enterprise"], "return_mentor")
    enterprise_return = {"unit_kind": "enterprise", "unit_id": city["enterprise"].pk, "year": 2024}
    for user, payload in (
        (student, college_return(city, year=2023)),
        (teacher, college_return(city, year=2023)),
    ):
        client = client_for(user)
        # when a member who does not act for the college files or amends
        new = send(client, "post", "/api/evaluation/returns", payload)
        amend = send(client, "patch", f"/api/evaluation/returns/{filed['id']}", {"graduates_employed": 1})
        page = client.get(f"/evaluation/returns/{filed['id']}/edit/")
        # then the new return is refused, the filed one is not even visible, and nothing changed
        assert new.status_code == 403
        assert (amend.status_code, page.status_code) == (404, 404)
    refused = send(client_for(mentor), "post", "/api/evaluation/returns", enterprise_return)
    assert refused.status_code == 403
    assert AnnualReturn.objects.get(pk=filed["id"]).graduates_employed == 470
    assert AnnualReturn.objects.filter(year__in=(2023, 2024)).count() == 1
