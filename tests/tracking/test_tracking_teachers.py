"""Dual-qualified evidence: certificates, enterprise practice, teaching hours and reviews."""

import datetime as dt

from django.utils import timezone

from chanjiao.registry.models import Teacher
from chanjiao.tracking.models import (
    DualQualifiedReview,
    EnterprisePractice,
    TeacherCertificate,
    TeachingAssignment,
)
from chanjiao.tracking.outcomes import dual_qualified_share
from factories import client_for


def test_evidence_makes_a_teacher_dual_qualified_on_review(world, send):
    teacher = Teacher.objects.create(name="周老师", kind="teacher", organisation=world["school"])
    school = client_for(world["school_user"])
    base = f"/api/tracking/teachers/{teacher.pk}"
    today = timezone.localdate()

    send(
        school,
        "post",
        f"{base}/certificates",
        {"kind": "skill_level", "name": "车工（二级/技师）", "issued_on": "2020-05-01"},
    )
    first = send(school, "post", f"{base}/review")
    for start in (dt.date(today.year - 2, 7, 1), dt.date(today.year - 1, 7, 1)):
        send(
            school,
            "post",
            f"{base}/practices",
            {
                "enterprise": world["enterprise"].pk,
                "start_date": start.isoformat(),
                "end_date": (start + dt.timedelta(days=99)).isoformat(),
                "days": 90,
            },
        )
    second = send(school, "post", f"{base}/review")
    evidence = school.get(f"{base}/evidence").json()

    assert (first.json()["qualified"], first.json()["practice_days"]) == (False, 0)
    assert (second.json()["qualified"], second.json()["practice_days"]) == (True, 180)
    assert (evidence["dual_qualified"], evidence["valid_certificates"]) == (True, 1)
    assert Teacher.objects.get(pk=teacher.pk).dual_qualified is True


def test_bad_evidence_is_refused_naming_the_field(world, send):
    school = client_for(world["school_user"])
    base = f"/api/tracking/teachers/{world['teacher'].pk}"

    expired_first = send(
        school,
        "post",
        f"{base}/certificates",
        {"kind": "industry", "name": "x", "issued_on": "2024-01-01", "expires_on": "2023-01-01"},
    )
    too_many_days = send(
        school,
        "post",
        f"{base}/practices",
        {
            "enterprise": world["enterprise"].pk,
            "start_date": "2024-07-01",
            "end_date": "2024-07-10",
            "days": 11,
        },
    )
    not_enterprise = send(
        school,
        "post",
        f"{base}/practices",
        {
            "enterprise": world["other_school"].pk,
            "start_date": "2024-07-01",
            "end_date": "2024-07-10",
            "days": 5,
        },
    )
    other_program = send(
        school,
        "post",
        f"{base}/assignments",
        {"program": world["other_program"].pk, "year": 2025, "hours": 64},
    )

    assert [
        r.json()["detail"][0]["loc"][-1]
        for r in (expired_first, too_many_days, not_enterprise, other_program)
    ] == [
        "expires_on",
        "days",
        "enterprise",
        "program",
    ]
    assert (
        TeacherCertificate.objects.count()
        == EnterprisePractice.objects.count()
        == TeachingAssignment.objects.count()
        == 0
    )


def test_only_the_teachers_organisation_adds_evidence_and_reviews(world, send):
    base = f"/api/tracking/teachers/{world['teacher'].pk}"
    payload = {"kind": "industry", "name": "x", "issued_on": "2024-01-01"}

    other_school = send(client_for(world["other_school_user"]), "post", f"{base}/certificates", payload)
    enterprise = send(client_for(world["enterprise_user"]), "post", f"{base}/review")
    nanjing = send(client_for(world["nanjing_officer"]), "post", f"{base}/review")
    web = client_for(world["other_school_user"]).post(
        f"/teachers/{world['teacher'].pk}/evidence/", {"action": "certificate", **payload}
    )

    assert (other_school.status_code, enterprise.status_code, nanjing.status_code, web.status_code) == (
        403,
        403,
        403,
        403,
    )
    assert TeacherCertificate.objects.count() == DualQualifiedReview.objects.count() == 0


def test_part_time_experts_teaching_hours_and_the_programs_dual_qualified_share(world, send):
    school = client_for(world["school_user"])
    expert = Teacher.objects.create(name="吴工", kind="part_time", organisation=world["enterprise"])
    plain = Teacher.objects.create(name="郑老师", kind="teacher", organisation=world["school"])
    for teacher in (expert, world["teacher"], plain):
        send(
            school,
            "post",
            f"/api/tracking/teachers/{teacher.pk}/assignments",
            {"program": world["program"].pk, "year": 2025, "hours": 48},
        )

    program_share = dual_qualified_share(world["program"], 2025)
    school_share = dual_qualified_share(world["school"], 2025)
    page = school.get(f"/teachers/{expert.pk}/evidence/")

    # college teachers only: 钱老师 (dual-qualified) and 郑老师 teach in the program
    assert (program_share.numerator, program_share.denominator) == (1, 2)
    assert (school_share.numerator, school_share.denominator) == (1, 2)
    assert page.status_code == 200 and "48" in page.content.decode()


def test_a_review_in_the_past_sets_the_share_for_that_year(world):
    DualQualifiedReview.objects.create(
        teacher=world["teacher"],
        reviewed_on=dt.date(2023, 6, 1),
        qualified=False,
        valid_certificates=0,
        practice_days=0,
    )

    assert dual_qualified_share(world["school"], 2023).numerator == 0
    assert dual_qualified_share(world["school"], 2022).numerator == 1  # no review yet: the registered flag


def test_the_evidence_page_reviews_on_the_web(world):
    response = client_for(world["school_user"]).post(
        f"/teachers/{world['teacher'].pk}/evidence/", {"action": "review"}
    )

    assert response.status_code == 302
    assert DualQualifiedReview.objects.get().qualified is False
    assert Teacher.objects.get(pk=world["teacher"].pk).dual_qualified is False
