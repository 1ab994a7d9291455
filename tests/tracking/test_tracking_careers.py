"""Graduate tracking: registering cohorts, follow-up links (no login, own record only), school
entries, Excel import and response tracking."""

import io
import re

from django.test import Client
from openpyxl import Workbook, load_workbook

from chanjiao.tracking.models import CareerRecord, FollowUpInvitation, FollowUpWave, Graduate
from factories import client_for

EMPLOYED = {
    "destination": "employed",
    "employer_name": "苏州精密机械有限公司",
    "job_title": "数控车工",
    "region": "320505",
    "salary_band": "5000_5999",
    "patents": "0",
    "with_cooperating_enterprise": "unknown",
}


def links_of(wave, client):
    """Issue the wave's links and read them back from the downloaded workbook: {student_no: path}."""
    response = client.post(f"/graduates/follow-ups/{wave.pk}/links/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return {row[0]: re.sub(r"^https?://[^/]+", "", row[header.index("Link")]) for row in rows[1:]}


def test_registering_a_cohort_finds_the_cooperating_enterprise(world, cohort):
    assert Graduate.objects.count() == 2
    assert cohort["chen"].cooperating_enterprise == world["enterprise"]
    assert cohort["liu"].cooperating_enterprise is None


def test_a_graduate_answers_through_their_link_without_signing_in(world, cohort):
    wave = FollowUpWave.objects.create(
        school=world["school"], survey_year=2025, opened_on="2025-12-01", closes_on="2099-01-31"
    )
    for graduate in cohort.values():
        FollowUpInvitation.objects.create(wave=wave, graduate=graduate, years_after=1)
    links = links_of(wave, client_for(world["school_user"]))
    anonymous = Client()

    page = anonymous.get(links["2021001"])
    answered = anonymous.post(links["2021001"], {**EMPLOYED, "promoted": "on"})
    record = CareerRecord.objects.get()

    assert page.status_code == 200
    assert "陈明" in page.content.decode() and "刘芳" not in page.content.decode()
    assert answered.status_code == 200
    assert (record.graduate, record.years_after, record.source) == (cohort["chen"], 1, "form")
    assert (record.employer, record.with_cooperating_enterprise, record.occupation_id) == (
        world["enterprise"],
        True,
        "6-18-01-01",
    )
    assert FollowUpInvitation.objects.get(graduate=cohort["chen"]).responded_at is not None


def test_bad_links_and_bad_answers_change_nothing(world, cohort):
    wave = FollowUpWave.objects.create(
        school=world["school"], survey_year=2025, opened_on="2025-12-01", closes_on="2099-01-31"
    )
    FollowUpInvitation.objects.create(wave=wave, graduate=cohort["liu"], years_after=1)
    school = client_for(world["school_user"])
    first = links_of(wave, school)["2021002"]
    second = links_of(wave, school)["2021002"]
    anonymous = Client()

    unknown = anonymous.get("/follow-up/not-a-real-token/")
    replaced = anonymous.get(first)
    no_employer = anonymous.post(second, {**EMPLOYED, "employer_name": ""})
    studying_with_salary = anonymous.post(
        second, {"destination": "further_study", "salary_band": "5000_5999", "patents": "0"}
    )

    assert (unknown.status_code, replaced.status_code) == (404, 404)
    assert no_employer.status_code == 400 and "Give the employer" in no_employer.content.decode()
    assert studying_with_salary.status_code == 400
    assert CareerRecord.objects.count() == 0


def test_the_follow_up_opens_for_the_last_five_cohorts_and_tracks_responses(world, cohort, send):
    school = client_for(world["school_user"])

    opened = send(
        school, "post", "/api/tracking/follow-ups", {"survey_year": 2025, "closes_on": "2099-01-31"}
    )
    wave_id = opened.json()["id"]
    links = send(school, "post", f"/api/tracking/follow-ups/{wave_id}/links").json()
    Client().post(
        links[0]["url"].split("testserver")[-1], {**EMPLOYED, "with_cooperating_enterprise": "false"}
    )
    tracked = school.get(f"/api/tracking/follow-ups/{wave_id}").json()
    page = school.get(f"/graduates/follow-ups/{wave_id}/")
    twice = send(school, "post", "/api/tracking/follow-ups", {"survey_year": 2025, "closes_on": "2099-01-31"})

    assert opened.status_code == 201
    assert sorted(link["student_no"] for link in links) == ["2021001", "2021002"]
    assert (tracked["invited"], tracked["issued"], tracked["responded"], tracked["response_rate"]) == (
        2,
        2,
        1,
        0.5,
    )
    assert page.status_code == 200 and "50.0 %" in page.content.decode()
    assert twice.status_code == 422


def test_only_the_school_sees_and_runs_its_graduates(world, cohort, send):
    chen = cohort["chen"].pk
    views = {
        name: client_for(world[name]).get(f"/api/tracking/graduates/{chen}").status_code
        for name in ("school_user", "officer", "other_school_user", "enterprise_user", "nanjing_officer")
    }
    entry = send(
        client_for(world["other_school_user"]),
        "put",
        f"/api/tracking/graduates/{chen}/career/0",
        {"destination": "seeking"},
    )
    officer_entry = send(
        client_for(world["officer"]),
        "put",
        f"/api/tracking/graduates/{chen}/career/0",
        {"destination": "seeking"},
    )
    wave = send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/tracking/follow-ups",
        {"survey_year": 2025, "closes_on": "2099-01-31"},
    )

    assert views == {
        "school_user": 200,
        "officer": 200,
        "other_school_user": 404,
        "enterprise_user": 404,
        "nanjing_officer": 404,
    }
    assert (entry.status_code, officer_entry.status_code, wave.status_code) == (404, 403, 403)
    assert CareerRecord.objects.count() == FollowUpWave.objects.count() == 0


def test_the_school_enters_records_and_the_future_is_refused(world, cohort, send):
    school = client_for(world["school_user"])
    url = f"/api/tracking/graduates/{cohort['chen'].pk}/career"

    at_graduation = send(
        school,
        "put",
        f"{url}/0",
        {
            "destination": "employed",
            "employer_name": "苏州华信电子科技有限公司",
            "occupation": "6-18-01-01",
            "salary_band": "4000_4999",
        },
    )
    future = send(school, "put", f"{url}/5", {"destination": "seeking"})
    bad_band = send(
        school,
        "put",
        f"{url}/1",
        {"destination": "employed", "employer_name": "x", "job_title": "x", "salary_band": "lots"},
    )
    web = school.post(
        f"/graduates/{cohort['liu'].pk}/",
        {
            "action": "entry",
            "years_after": "0",
            "destination": "further_study",
            "patents": "0",
            "with_cooperating_enterprise": "unknown",
        },
    )

    assert at_graduation.status_code == 200
    assert (at_graduation.json()["with_cooperating_enterprise"], at_graduation.json()["employer_id"]) == (
        False,
        world["other_enterprise"].pk,
    )
    assert future.status_code == 422
    assert bad_band.status_code == 422 and bad_band.json()["detail"][0]["loc"][-1] == "salary_band"
    assert web.status_code == 302
    assert sorted(CareerRecord.objects.values_list("destination", flat=True)) == ["employed", "further_study"]


def workbook(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "careers.xlsx"
    return buffer


HEADER = [
    "学号",
    "毕业年份",
    "毕业后年数",
    "去向",
    "工作单位",
    "职业代码",
    "月薪",
    "留在合作企业",
    "专利",
    "获奖",
]


def test_an_excel_import_previews_every_bad_row_and_saves_all_or_nothing(world, cohort):
    school = client_for(world["school_user"])
    bad = workbook(
        [
            HEADER,
            [
                "2021001",
                2024,
                0,
                "就业",
                "苏州精密机械有限公司",
                "6-18-01-01",
                5200,
                "是",
                1,
                "市技能大赛二等奖",
            ],
            ["2021002", 2023, 0, "升学", "", "", "", "", 0, ""],
            ["2099999", 2024, 0, "就业", "x", "6-18-01-01", "", "", 0, ""],
            ["2021001", 2024, 0, "待就业", "", "", "", "", 0, ""],
        ]
    )
    good = workbook(
        [
            HEADER,
            [
                "2021001",
                2024,
                0,
                "就业",
                "苏州精密机械有限公司",
                "6-18-01-01",
                5200,
                "是",
                1,
                "市技能大赛二等奖",
            ],
            ["2021002", 2024, 0, "升学", "", "", "", "", 0, ""],
        ]
    )

    preview = school.post("/graduates/import/", {"file": bad, "action": "commit"})
    committed = school.post("/graduates/import/", {"file": good, "action": "commit"})

    errors = preview.content.decode()
    assert preview.status_code == 400
    assert (
        "Registered as graduating in 2024" in errors
        and "No student &#x27;2099999&#x27;" in errors
        and "Same graduate and year as line 2" in errors
    )
    assert committed.status_code == 200
    chen = CareerRecord.objects.get(graduate=cohort["chen"])
    assert (chen.salary_band, chen.with_cooperating_enterprise, chen.patents, chen.source) == (
        "5000_5999",
        True,
        1,
        "import",
    )
    assert CareerRecord.objects.count() == 2


def test_the_graduate_pages_render_and_export(world, cohort):
    school = client_for(world["school_user"])

    pages = [
        school.get("/graduates/"),
        school.get("/graduates/", {"format": "xlsx"}),
        school.get(f"/graduates/{cohort['chen'].pk}/"),
        school.get("/graduates/follow-ups/"),
        school.get("/graduates/register/"),
        school.get("/graduates/import/"),
    ]

    assert [p.status_code for p in pages] == [200] * 6


def test_the_student_sees_their_own_graduate_record(world, cohort):
    chen = cohort["chen"]
    chen.student.user = world["student_user"]
    chen.student.save()

    own = client_for(world["student_user"]).get(f"/api/tracking/graduates/{chen.pk}")
    other = client_for(world["student_user"]).get(f"/api/tracking/graduates/{cohort['liu'].pk}")

    assert (own.status_code, other.status_code) == (200, 404)


def test_the_follow_up_form_speaks_chinese(world, cohort):
    wave = FollowUpWave.objects.create(
        school=world["school"], survey_year=2025, opened_on="2025-12-01", closes_on="2099-01-31"
    )
    FollowUpInvitation.objects.create(wave=wave, graduate=cohort["chen"], years_after=1)
    link = links_of(wave, client_for(world["school_user"]))["2021001"]

    page = Client().get(link, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "毕业生跟踪调查" in page and "毕业 1 年后，您的发展状况如何？" in page and "毕业去向" in page


def test_a_school_registers_a_cohort_through_the_api(world, send):
    from factories import make_student

    make_student(world["program"], name="陈明", year=2021, student_no="2021001")
    payload = {"program": world["program"].pk, "graduation_year": 2024}

    response = send(client_for(world["school_user"]), "post", "/api/tracking/graduates/register", payload)

    assert (response.status_code, response.json()) == (201, {"registered": 1})
    assert list(Graduate.objects.values_list("student__student_no", flat=True)) == ["2021001"]


def test_the_follow_up_list_is_paginated_with_each_wave_s_counts(world, cohort, send):
    school = client_for(world["school_user"])
    send(school, "post", "/api/tracking/follow-ups", {"survey_year": 2025, "closes_on": "2099-01-31"})

    body = school.get("/api/tracking/follow-ups").json()

    assert body["count"] == 1
    wave = body["items"][0]
    assert (wave["survey_year"], wave["invited"], wave["issued"], wave["responded"]) == (2025, 2, 0, 0)
