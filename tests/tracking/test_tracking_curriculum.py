"""Curriculum co-development: designs, co-developers, revisions, change requests and standards."""

import datetime as dt
import re

from django.utils import timezone

from chanjiao.docking.models import Course
from chanjiao.tracking.models import (
    CourseChangeRequest,
    CourseCoDeveloper,
    CourseDesign,
    CourseRevision,
    JobStandard,
)
from factories import client_for


def test_the_program_page_shows_the_practical_share_against_the_rule(world, curriculum):
    # given 64 practical of 96 hours plus a 64-hour theory course: 64 / 160 = 40 %
    response = client_for(world["enterprise_user"]).get(f"/programs/{world['program'].pk}/")

    section = response.content.decode()
    assert response.status_code == 200
    assert "40.0 %" in section and "below the ≥ 50 % rule" in section


def test_the_curriculum_api_lists_courses_with_design_and_figures(world, curriculum):
    body = client_for(world["officer"]).get(f"/api/tracking/programs/{world['program'].pk}/curriculum").json()

    assert (
        body["practical_hours"],
        body["hours"],
        body["practical_share"],
        body["meets_practical_rule"],
    ) == (64, 160, 0.4, False)
    assert [(c["name"], c["practical_hours"], c["criterion_ids"]) for c in body["courses"]] == [
        ("数控车削编程与加工", 64, [curriculum["safety"].pk, curriculum["turning"].pk]),
        ("机械制图", None, []),
    ]


def test_the_school_revises_a_course_and_the_practical_share_moves(world, curriculum, send):
    school = client_for(world["school_user"])
    course = curriculum["course"]

    revised = send(
        school,
        "post",
        f"/api/tracking/courses/{course.pk}/revisions",
        {"revised_on": "2025-09-01", "summary": "新增五轴加工模块", "hours": 128, "practical_hours": 96},
    )
    body = school.get(f"/api/tracking/programs/{world['program'].pk}/curriculum").json()

    assert revised.status_code == 201 and revised.json()["version"] == 2
    assert Course.objects.get(pk=course.pk).hours == 128
    assert (body["practical_hours"], body["hours"]) == (96, 192)


def test_bad_designs_and_revisions_are_refused_naming_the_field(world, curriculum, send):
    school = client_for(world["school_user"])
    course = curriculum["course"]
    other = JobStandard.objects.create(
        association=curriculum["association"], code="X-1", title="x", published_on=dt.date(2024, 1, 1)
    )
    from chanjiao.tracking.models import AssessmentCriterion

    stray = AssessmentCriterion.objects.create(standard=other, code="1", text="x")

    too_many = send(school, "put", f"/api/tracking/courses/{course.pk}/design", {"practical_hours": 97})
    stray_criterion = send(
        school,
        "put",
        f"/api/tracking/courses/{course.pk}/design",
        {"practical_hours": 10, "standards": [curriculum["standard"].pk], "criteria": [stray.pk]},
    )
    future = send(
        school,
        "post",
        f"/api/tracking/courses/{course.pk}/revisions",
        {"revised_on": "2999-01-01", "summary": "x", "hours": 96, "practical_hours": 10},
    )
    practical_over = send(
        school,
        "post",
        f"/api/tracking/courses/{course.pk}/revisions",
        {"revised_on": "2025-01-01", "summary": "x", "hours": 50, "practical_hours": 60},
    )

    assert [
        r.json()["detail"][0]["loc"][-1] for r in (too_many, stray_criterion, future, practical_over)
    ] == [
        "practical_hours",
        "criteria",
        "revised_on",
        "practical_hours",
    ]
    assert CourseDesign.objects.get(pk=course.pk).practical_hours == 64
    assert CourseRevision.objects.count() == 0


def test_another_school_and_enterprises_cannot_change_the_curriculum(world, curriculum, send):
    course = curriculum["course"]
    payload = {"organisation": world["enterprise"].pk, "mentors": [world["mentor"].pk]}

    other_school = send(
        client_for(world["other_school_user"]),
        "post",
        f"/api/tracking/courses/{course.pk}/co-developers",
        payload,
    )
    enterprise = send(
        client_for(world["enterprise_user"]),
        "put",
        f"/api/tracking/courses/{course.pk}/design",
        {"practical_hours": 1},
    )
    web = client_for(world["other_school_user"]).post(
        f"/curriculum/courses/{course.pk}/", {"action": "design", "practical_hours": 1}
    )

    assert (other_school.status_code, enterprise.status_code, web.status_code) == (403, 403, 403)
    assert (
        CourseCoDeveloper.objects.count() == 0
        and CourseDesign.objects.get(pk=course.pk).practical_hours == 64
    )


def test_co_developers_bring_their_own_mentors(world, curriculum, send):
    school = client_for(world["school_user"])
    url = f"/api/tracking/courses/{curriculum['course'].pk}/co-developers"

    wrong_mentor = send(
        school, "post", url, {"organisation": world["other_enterprise"].pk, "mentors": [world["mentor"].pk]}
    )
    added = send(
        school,
        "post",
        url,
        {
            "organisation": world["enterprise"].pk,
            "mentors": [world["mentor"].pk],
            "contribution": "提供真实零件图纸",
        },
    )
    twice = send(school, "post", url, {"organisation": world["enterprise"].pk})

    assert wrong_mentor.status_code == 422 and wrong_mentor.json()["detail"][0]["loc"][-1] == "mentors"
    assert added.status_code == 201 and added.json()["mentor_ids"] == [world["mentor"].pk]
    assert twice.status_code == 422 and twice.json()["detail"][0]["loc"][-1] == "organisation"


def test_an_enterprise_requests_a_module_and_its_age_runs_until_it_is_taught(world, curriculum, send):
    enterprise = client_for(world["enterprise_user"])
    school = client_for(world["school_user"])

    created = send(
        enterprise,
        "post",
        "/api/tracking/change-requests",
        {
            "program": world["program"].pk,
            "title": "5G 基站维护模块",
            "description": "新建 5G 基站需要维护人员",
            "requested_on": "2024-03-01",
        },
    ).json()
    request_id = created["id"]
    waiting = enterprise.get(f"/api/tracking/change-requests/{request_id}").json()
    accepted = send(
        school, "post", f"/api/tracking/change-requests/{request_id}/decision", {"decision": "accept"}
    )
    revision = send(
        school,
        "post",
        f"/api/tracking/courses/{curriculum['course'].pk}/revisions",
        {
            "revised_on": "2025-08-20",
            "summary": "加入 5G 基站维护模块",
            "hours": 112,
            "practical_hours": 76,
            "change_request": request_id,
        },
    )
    taught = send(
        school,
        "post",
        f"/api/tracking/change-requests/{request_id}/decision",
        {"decision": "taught", "taught_on": "2025-09-01", "course": curriculum["course"].pk},
    )

    assert (
        waiting["status"] == "open"
        and waiting["age_days"] == (timezone.localdate() - dt.date(2024, 3, 1)).days
    )
    assert accepted.json()["status"] == "accepted"
    assert revision.json()["change_request_id"] == request_id
    assert (taught.json()["status"], taught.json()["age_days"]) == ("taught", 549)


def test_change_requests_are_private_to_the_enterprise_the_school_and_officers(world, curriculum, send):
    request = CourseChangeRequest.objects.create(
        program=world["program"],
        enterprise=world["enterprise"],
        title="x",
        description="x",
        requested_on=dt.date(2025, 1, 1),
    )

    seen = {
        name: client_for(world[name]).get(f"/api/tracking/change-requests/{request.pk}").status_code
        for name in (
            "enterprise_user",
            "school_user",
            "officer",
            "other_enterprise_user",
            "other_school_user",
            "nanjing_officer",
        )
    }
    enterprise_decides = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/tracking/change-requests/{request.pk}/decision",
        {"decision": "accept"},
    )
    reject_without_reason = send(
        client_for(world["school_user"]),
        "post",
        f"/api/tracking/change-requests/{request.pk}/decision",
        {"decision": "reject"},
    )

    assert seen == {
        "enterprise_user": 200,
        "school_user": 200,
        "officer": 200,
        "other_enterprise_user": 404,
        "other_school_user": 404,
        "nanjing_officer": 404,
    }
    assert enterprise_decides.status_code == 403
    assert (
        reject_without_reason.status_code == 422
        and reject_without_reason.json()["detail"][0]["loc"][-1] == "note"
    )
    assert CourseChangeRequest.objects.get().status == "open"


def test_schools_do_not_file_requests_and_enterprises_file_only_for_themselves(world, curriculum, send):
    payload = {"program": world["program"].pk, "title": "x", "description": "x"}

    school = send(client_for(world["school_user"]), "post", "/api/tracking/change-requests", payload)
    impersonating = send(
        client_for(world["enterprise_user"]),
        "post",
        "/api/tracking/change-requests",
        {**payload, "enterprise": world["other_enterprise"].pk},
    )

    assert school.status_code == 403
    assert impersonating.status_code == 422 and impersonating.json()["detail"][0]["loc"][-1] == "enterprise"
    assert CourseChangeRequest.objects.count() == 0


def test_associations_publish_standards_and_criteria_on_the_web_and_the_api(world, curriculum, send):
    association = client_for(curriculum["association_user"])

    created = association.post(
        "/standards/new/",
        {
            "association": curriculum["association"].pk,
            "code": "T/SZIM 002-2025",
            "title": "工业机器人运维岗位标准",
            "kind": "job",
            "occupation": "6-31-07-01",
            "published_on": "2025-01-10",
        },
    )
    standard = JobStandard.objects.get(code="T/SZIM 002-2025")
    criterion = send(
        association,
        "post",
        f"/api/tracking/standards/{standard.pk}/criteria",
        {"code": "4.1", "text": "示教编程", "pass_score": 75},
    )
    duplicate = send(
        association,
        "post",
        f"/api/tracking/standards/{standard.pk}/criteria",
        {"code": "4.1", "text": "again"},
    )
    by_school = send(
        client_for(world["school_user"]),
        "post",
        f"/api/tracking/standards/{standard.pk}/criteria",
        {"code": "4.2", "text": "x"},
    )
    unknown_code = send(
        association,
        "post",
        "/api/tracking/standards",
        {"code": "Y", "title": "y", "kind": "job", "occupation": "9-99", "published_on": "2025-01-01"},
    )

    assert created.status_code == 302
    assert criterion.status_code == 201
    assert duplicate.status_code == 422 and duplicate.json()["detail"][0]["loc"][-1] == "code"
    assert by_school.status_code == 403
    assert unknown_code.status_code == 422 and unknown_code.json()["detail"][0]["loc"][-1] == "occupation"
    assert list(standard.criteria.values_list("code", flat=True)) == ["4.1"]


def test_the_curriculum_pages_render(world, curriculum):
    school = client_for(world["school_user"])

    pages = [
        school.get(f"/programs/{world['program'].pk}/curriculum/"),
        school.get(f"/curriculum/courses/{curriculum['course'].pk}/"),
        school.get("/curriculum/requests/"),
        school.get("/standards/"),
        school.get(f"/standards/{curriculum['standard'].pk}/"),
        school.get("/standards/", {"format": "xlsx"}),
    ]

    assert [p.status_code for p in pages] == [200] * 6
    assert "数控车削编程与加工" in pages[0].content.decode()


def test_the_school_saves_a_design_on_the_course_page(world, curriculum):
    response = client_for(world["school_user"]).post(
        f"/curriculum/courses/{curriculum['theory'].pk}/",
        {
            "action": "design",
            "practical_hours": "8",
            "standards": [curriculum["standard"].pk],
            "criteria": [curriculum["safety"].pk],
        },
    )
    bad = client_for(world["school_user"]).post(
        f"/curriculum/courses/{curriculum['theory'].pk}/", {"action": "design", "practical_hours": "65"}
    )

    assert response.status_code == 302
    assert CourseDesign.objects.get(pk=curriculum["theory"].pk).practical_hours == 8
    assert bad.status_code == 400 and "cannot exceed" in bad.content.decode()


def test_a_school_adds_a_co_developer_and_its_mentors_picked_by_name(world, curriculum):
    school = client_for(world["school_user"])
    url = f"/curriculum/courses/{curriculum['course'].pk}/"

    page = school.get(url).content.decode()
    response = school.post(
        url,
        {"action": "co_developer", "organisation": world["enterprise"].pk, "mentors": [world["mentor"].pk]},
    )

    assert re.search(r'<div class="picker">.*?name="mentors"', page, re.DOTALL)
    assert "teacher ids" not in page and "organisation id" not in page
    assert response.status_code == 302
    partner = CourseCoDeveloper.objects.get(course=curriculum["course"])
    assert (partner.organisation, list(partner.mentors.all())) == (world["enterprise"], [world["mentor"]])
