"""Practical training: logs approved by the mentor (and withdrawn with a reason), assessments
against the criteria, completion, conversion, remediation; a mentor sees only their own students."""

import datetime as dt

from chanjiao.accounts.models import Activity
from chanjiao.notifications.models import Notification
from chanjiao.tracking.models import (
    LogStatus,
    PracticalTraining,
    RemediationPlan,
    TrainingAssessment,
    TrainingLog,
)
from factories import client_for

WEEK = {
    "period": "weekly",
    "starts_on": "2025-09-01",
    "ends_on": "2025-09-05",
    "hours": "40",
    "content": "数控车床对刀与首件检验",
}


def test_a_mentor_sees_only_their_own_students(world, people, trainings):
    mentor = client_for(people["mentor_user"])

    listed = mentor.get("/api/tracking/trainings").json()
    own = mentor.get(f"/training/{trainings['mine'].pk}/")
    other = mentor.get(f"/training/{trainings['theirs'].pk}/")
    other_api = mentor.get(f"/api/tracking/trainings/{trainings['theirs'].pk}")
    page = mentor.get("/training/").content.decode()

    assert [t["placement_id"] for t in listed["items"]] == [trainings["mine"].pk]
    assert own.status_code == 200
    assert other.status_code == 404 and other_api.status_code == 404
    assert world["student"].name in page and "李小红" not in page


def test_the_student_logs_a_week_and_the_mentor_approves_then_withdraws_with_a_reason(
    world, people, trainings, send
):
    placement = trainings["mine"]
    student = client_for(world["student_user"])
    mentor = client_for(people["mentor_user"])

    submitted = send(student, "post", f"/api/tracking/trainings/{placement.pk}/logs", WEEK)
    log_id = submitted.json()["id"]
    approved = send(mentor, "post", f"/api/tracking/logs/{log_id}/decision", {"decision": "approve"})
    no_reason = send(mentor, "post", f"/api/tracking/logs/{log_id}/decision", {"decision": "revoke"})
    revoked = send(
        mentor,
        "post",
        f"/api/tracking/logs/{log_id}/decision",
        {"decision": "revoke", "reason": "工时与考勤不符"},
    )

    assert submitted.status_code == 201 and submitted.json()["status"] == "submitted"
    assert approved.json()["status"] == "approved"
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["loc"][-1] == "reason"
    assert revoked.json()["status"] == "returned"
    assert [(d["action"], d["reason"]) for d in revoked.json()["decisions"]] == [
        ("approve", ""),
        ("revoke", "工时与考勤不符"),
    ]
    day = WEEK["starts_on"]
    assert sorted(n.text for n in Notification.objects.filter(user=world["student_user"])) == [
        f"Your training log from {day} is approved.",
        f"Your training log from {day} was returned: 工时与考勤不符",
    ]


def test_only_the_mentor_of_the_training_decides_its_logs(world, people, trainings, send):
    log = TrainingLog.objects.create(
        training_id=trainings["mine"].pk,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 5),
        hours=40,
        content="x",
    )

    other_mentor = send(
        client_for(people["other_mentor_user"]),
        "post",
        f"/api/tracking/logs/{log.pk}/decision",
        {"decision": "approve"},
    )
    host = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/tracking/logs/{log.pk}/decision",
        {"decision": "approve"},
    )
    student = send(
        client_for(world["student_user"]),
        "post",
        f"/api/tracking/logs/{log.pk}/decision",
        {"decision": "approve"},
    )
    web = client_for(people["other_mentor_user"]).post(
        f"/training/{trainings['mine'].pk}/", {"action": "decide_log", "log": log.pk, "decision": "approve"}
    )

    assert (other_mentor.status_code, host.status_code, student.status_code, web.status_code) == (
        404,
        403,
        403,
        404,
    )
    assert TrainingLog.objects.get().status == LogStatus.SUBMITTED


def test_bad_logs_are_refused_naming_the_field(world, people, trainings, send):
    student = client_for(world["student_user"])
    url = f"/api/tracking/trainings/{trainings['mine'].pk}/logs"

    too_long = send(student, "post", url, {**WEEK, "ends_on": "2025-09-12"})
    outside = send(student, "post", url, {**WEEK, "starts_on": "2025-06-02", "ends_on": "2025-06-06"})
    too_many_hours = send(student, "post", url, {**WEEK, "hours": "80"})
    classmate = send(student, "post", f"/api/tracking/trainings/{trainings['theirs'].pk}/logs", WEEK)

    assert [r.json()["detail"][0]["loc"][-1] for r in (too_long, outside, too_many_hours)] == [
        "ends_on",
        "starts_on",
        "hours",
    ]
    assert classmate.status_code == 404
    assert TrainingLog.objects.count() == 0


def test_mentor_and_teacher_assess_against_the_program_criteria(world, people, trainings, curriculum, send):
    url = f"/api/tracking/trainings/{trainings['mine'].pk}/assessments"
    mentor = client_for(people["mentor_user"])
    teacher = client_for(people["teacher_user"])

    by_mentor = send(
        mentor, "post", url, {"criterion": curriculum["safety"].pk, "assessor_role": "mentor", "score": 65}
    )
    by_teacher = send(
        teacher, "post", url, {"criterion": curriculum["safety"].pk, "assessor_role": "teacher", "score": 82}
    )
    teacher_as_mentor = send(
        teacher, "post", url, {"criterion": curriculum["turning"].pk, "assessor_role": "mentor", "score": 90}
    )
    out_of_range = send(
        mentor, "post", url, {"criterion": curriculum["turning"].pk, "assessor_role": "mentor", "score": 120}
    )

    assert (by_mentor.json()["passed"], by_teacher.json()["passed"]) == (False, True)
    assert teacher_as_mentor.status_code == 403
    assert out_of_range.status_code == 422 and out_of_range.json()["detail"][0]["loc"][-1] == "score"
    assert TrainingAssessment.objects.count() == 2


def test_a_criterion_of_another_program_is_refused(world, people, trainings, curriculum, send):
    from chanjiao.tracking.models import AssessmentCriterion

    stray = AssessmentCriterion.objects.create(standard=curriculum["standard"], code="9.9", text="未列入课程")

    response = send(
        client_for(people["mentor_user"]),
        "post",
        f"/api/tracking/trainings/{trainings['mine'].pk}/assessments",
        {"criterion": stray.pk, "assessor_role": "mentor", "score": 90},
    )

    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "criterion"


def test_completion_conversion_and_a_remediation_plan_tracked_to_completion(
    world, people, trainings, curriculum, send
):
    placement = trainings["mine"]
    school = client_for(world["school_user"])
    host = client_for(world["enterprise_user"])
    base = f"/api/tracking/trainings/{placement.pk}"

    not_met = send(school, "post", f"{base}/completion", {"status": "not_met", "completed_on": "2025-12-31"})
    plan = send(
        school,
        "post",
        f"{base}/remediation-plans",
        {
            "reason": "安全操作未达标",
            "criteria": [curriculum["safety"].pk],
            "due_on": "2099-01-31",
            "steps": ["2099-01-10 安全规程专项培训", "2099-01-25 导师复核操作"],
        },
    ).json()
    early = send(
        school,
        "post",
        f"/api/tracking/remediation-plans/{plan['id']}/close",
        {"status": "completed", "outcome": "达标"},
    )
    for step in plan["steps"]:
        send(client_for(people["mentor_user"]), "post", f"/api/tracking/remediation-steps/{step['id']}/done")
    closed = send(
        school,
        "post",
        f"/api/tracking/remediation-plans/{plan['id']}/close",
        {"status": "completed", "outcome": "复核达标"},
    )
    met = send(school, "post", f"{base}/completion", {"status": "completed", "completed_on": "2025-12-31"})
    hired = send(host, "post", f"{base}/conversion", {"hired": True, "hired_on": "2026-01-04"})

    assert not_met.json()["status"] == "not_met"
    assert early.status_code == 422
    assert closed.json()["status"] == "completed" and all(s["done_on"] for s in closed.json()["steps"])
    assert (met.json()["status"], hired.json()["hired"], hired.json()["hired_on"]) == (
        "completed",
        True,
        "2026-01-04",
    )
    assert Activity.objects.filter(verb="record_conversion").count() == 1


def test_the_other_enterprise_and_school_cannot_touch_the_training(world, people, trainings, send):
    base = f"/api/tracking/trainings/{trainings['mine'].pk}"

    other_enterprise = send(
        client_for(world["other_enterprise_user"]),
        "post",
        f"{base}/conversion",
        {"hired": True, "hired_on": "2026-01-04"},
    )
    other_school = send(
        client_for(world["other_school_user"]),
        "post",
        f"{base}/completion",
        {"status": "completed", "completed_on": "2025-12-31"},
    )
    student = send(
        client_for(world["student_user"]),
        "post",
        f"{base}/completion",
        {"status": "completed", "completed_on": "2025-12-31"},
    )

    assert (other_enterprise.status_code, other_school.status_code, student.status_code) == (404, 404, 403)
    training = PracticalTraining.objects.get(pk=trainings["mine"].pk)
    assert (training.status, training.hired) == ("in_progress", None)
    assert RemediationPlan.objects.count() == 0


def test_the_host_assigns_its_own_mentor_only(world, people, trainings, send):
    url = f"/api/tracking/trainings/{trainings['theirs'].pk}/mentor"
    host = client_for(world["enterprise_user"])
    from chanjiao.registry.models import Teacher

    stranger = Teacher.objects.create(name="外企导师", kind="mentor", organisation=world["other_enterprise"])

    refused = send(host, "post", url, {"mentor": stranger.pk})
    assigned = send(host, "post", url, {"mentor": world["mentor"].pk})

    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "mentor"
    assert assigned.json()["mentor_id"] == world["mentor"].pk


def test_the_training_page_works_for_each_party_and_the_mentor_approves_on_the_web(world, people, trainings):
    log = TrainingLog.objects.create(
        training_id=trainings["mine"].pk,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 5),
        hours=40,
        content="首件检验",
    )
    url = f"/training/{trainings['mine'].pk}/"

    pages = [
        client_for(u).get(url)
        for u in (
            world["school_user"],
            world["enterprise_user"],
            world["student_user"],
            people["teacher_user"],
            world["officer"],
        )
    ]
    approved = client_for(people["mentor_user"]).post(
        url, {"action": "decide_log", "log": log.pk, "decision": "approve"}
    )
    returned_without_reason = client_for(people["mentor_user"]).post(
        url, {"action": "decide_log", "log": log.pk, "decision": "revoke"}
    )

    assert [p.status_code for p in pages] == [200, 200, 200, 200, 200]
    assert all("首件检验" in p.content.decode() for p in pages)
    assert approved.status_code == 302
    assert returned_without_reason.status_code == 400
    assert TrainingLog.objects.get().status == LogStatus.APPROVED


def test_hours_mentor_scores_completion_and_hiring_go_to_the_record_log(
    world, people, trainings, curriculum, send
):
    import json

    from chanjiao.ledger.keys import signing_key
    from chanjiao.ledger.models import Leaf, LedgerEntry
    from chanjiao.ledger.verification import verify_ledger

    placement = trainings["mine"]
    base = f"/api/tracking/trainings/{placement.pk}"
    log = send(client_for(world["student_user"]), "post", f"{base}/logs", WEEK).json()
    mentor = client_for(people["mentor_user"])
    send(mentor, "post", f"/api/tracking/logs/{log['id']}/decision", {"decision": "approve"})
    send(
        mentor,
        "post",
        f"{base}/assessments",
        {"criterion": curriculum["turning"].pk, "assessor_role": "mentor", "score": 88},
    )
    send(
        client_for(world["school_user"]),
        "post",
        f"{base}/completion",
        {"status": "completed", "completed_on": "2025-12-31"},
    )
    send(
        client_for(world["enterprise_user"]),
        "post",
        f"{base}/conversion",
        {"hired": True, "hired_on": "2026-01-04"},
    )

    def latest(record_type):
        entry = LedgerEntry.objects.get(record_type=record_type, record_id=str(placement.pk))
        return json.loads(Leaf.objects.get(leaf_index=entry.leaf_id).document)["content"]

    training = latest("practical_training")
    scores = latest("mentor_assessments")["mentor_assessments"]
    assert (training["approved_log_hours"], training["status"], training["hired"], training["hired_on"]) == (
        "40.0",
        "completed",
        True,
        "2026-01-04",
    )
    assert [(s["criterion"], s["score"], s["passed"]) for s in scores] == [
        (curriculum["turning"].pk, 88, True)
    ]

    def findings():
        report = verify_ledger(public_key=signing_key().public_key())
        # the fixture made the classmate's training without the services: only this one is logged
        mine = {("practical_training", str(placement.pk)), ("mentor_assessments", str(placement.pk))}
        return [(f.kind, f.record_type) for f in report.findings if (f.record_type, f.record_id) in mine]

    assert findings() == []
    page = client_for(world["school_user"]).get(f"/training/{placement.pk}/").content.decode()
    assert "Practical training logged · leaf" in page and "Mentor&#x27;s assessment logged · leaf" in page
    PracticalTraining.objects.filter(pk=placement.pk).update(hired=False)
    assert findings() == [("record_changed", "practical_training")]
