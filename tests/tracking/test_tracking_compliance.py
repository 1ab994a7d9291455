"""Internship compliance with the regulation's numbers: 8 hours a day and 44 a week, no night or
holiday work, logs inside the placement, interns at most 10 % of the staff and 20 % of a post's,
post interns paid at least 80 % of the post's wage, the three-party agreement and insurance before
the start; the panels, the credit file, and a student's confidential report to the school."""

import datetime as dt

from chanjiao.core.credit import Policy
from chanjiao.credit.models import PolicyVersion
from chanjiao.credit.selectors import enterprise_records
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Occupation
from chanjiao.tracking.models import InternshipAgreement, InternshipConcern, TrainingLog
from factories import client_for, make_student

from .conftest import make_placement

DAY = {"period": "daily", "content": "数控车床对刀与首件检验"}


def _log(send, client, placement, **fields):
    return send(client, "post", f"/api/tracking/trainings/{placement.pk}/logs", {**DAY, **fields})


def _field(response):
    return response.json()["detail"][0]["loc"][-1]


def _message(response):
    return " ".join(error["msg"] for error in response.json()["detail"])


def test_eight_hours_a_day_are_accepted_and_eight_and_a_half_refused(world, people, trainings, send):
    student = client_for(world["student_user"])

    eight = _log(send, student, trainings["mine"], starts_on="2025-09-01", ends_on="2025-09-01", hours="8")
    more = _log(send, student, trainings["mine"], starts_on="2025-09-02", ends_on="2025-09-02", hours="8.5")

    assert eight.status_code == 201
    assert more.status_code == 422 and _field(more) == "hours"
    assert "At most 8 hours a day" in more.json()["detail"][0]["msg"]
    assert list(TrainingLog.objects.values_list("hours", flat=True)) == [8]


def test_forty_four_hours_a_week_across_logs_and_not_one_more(world, people, trainings, send):
    student = client_for(world["student_user"])
    week = {"period": "weekly", "starts_on": "2025-09-01", "ends_on": "2025-09-05", "hours": "40"}

    weekdays = send(student, "post", f"/api/tracking/trainings/{trainings['mine'].pk}/logs", {**DAY, **week})
    saturday = _log(send, student, trainings["mine"], starts_on="2025-09-06", ends_on="2025-09-06", hours="4")
    sunday = _log(send, student, trainings["mine"], starts_on="2025-09-07", ends_on="2025-09-07", hours="1")
    next_monday = _log(
        send, student, trainings["mine"], starts_on="2025-09-08", ends_on="2025-09-08", hours="8"
    )

    assert (weekdays.status_code, saturday.status_code, next_monday.status_code) == (201, 201, 201)
    assert sunday.status_code == 422 and _field(sunday) == "hours"
    assert "At most 44 hours a week: 45 hours" in sunday.json()["detail"][0]["msg"]
    assert TrainingLog.objects.count() == 3


def test_night_and_holiday_work_and_logs_after_the_placement_are_refused(world, people, trainings, send):
    student = client_for(world["student_user"])
    day = {"starts_on": "2025-10-01", "ends_on": "2025-10-01", "hours": "6"}
    ended = make_placement(
        world["student"], world["enterprise"], start_date=dt.date(2024, 7, 1), end_date=dt.date(2024, 12, 31)
    )

    night = _log(send, student, trainings["mine"], **day, night_work=True)
    holiday = _log(send, student, trainings["mine"], **day, holiday_work=True)
    late = _log(send, student, ended, starts_on="2025-06-02", ends_on="2025-06-02", hours="6")

    assert [(r.status_code, _field(r)) for r in (night, holiday, late)] == [
        (422, "night_work"),
        (422, "holiday_work"),
        (422, "starts_on"),
    ]
    assert TrainingLog.objects.count() == 0


def test_a_region_policy_version_sets_its_own_hours(world, people, trainings, send):
    settings = Policy().to_dict()
    settings["internships"]["max_hours_per_day"] = 10
    PolicyVersion.objects.create(
        region=world["enterprise"].region, version=1, settings=settings, finance_tier="strong"
    )
    student = client_for(world["student_user"])

    longer = _log(send, student, trainings["mine"], starts_on="2025-09-01", ends_on="2025-09-01", hours="9.5")

    assert longer.status_code == 201


def _placement_payload(world, student, **fields):
    return {
        "student": student.pk,
        "enterprise": world["enterprise"].pk,
        "kind": "internship",
        "stage": "post",
        "year": 2025,
        "start_date": "2025-07-01",
        "end_date": "2025-12-31",
        "status": "accepted",
        **fields,
    }


def test_interns_may_be_ten_percent_of_the_staff(world, people, trainings, send):
    school = client_for(world["school_user"])
    third, fourth = make_student(world["program"], name="王三"), make_student(world["program"], name="赵四")
    world["enterprise"].employees = 30
    world["enterprise"].save()

    at_ten_percent = send(school, "post", "/api/placements", _placement_payload(world, third))
    above = send(school, "post", "/api/placements", _placement_payload(world, fourth))
    cognitive = send(school, "post", "/api/placements", _placement_payload(world, fourth, stage="cognitive"))

    assert at_ten_percent.status_code == 201
    assert above.status_code == 422
    assert "4 post interns" in _message(above) and "10%" in _message(above)
    assert cognitive.status_code == 201
    assert Placement.objects.filter(student=fourth, stage="post").count() == 0


def test_post_interns_are_paid_at_least_eighty_percent_of_the_post_wage(world, people, trainings, send):
    school = client_for(world["school_user"])
    url = f"/api/tracking/trainings/{trainings['mine'].pk}/agreement"

    below = send(school, "put", url, {"monthly_pay": "3999.99", "post_wage": "5000"})
    at_floor = send(school, "put", url, {"monthly_pay": "4000", "post_wage": "5000"})
    by_host = send(client_for(world["enterprise_user"]), "put", url, {"monthly_pay": "5000"})

    assert below.status_code == 422 and "at least 4000.00 yuan" in _message(below)
    assert at_floor.status_code == 200
    assert by_host.status_code == 403
    assert InternshipAgreement.objects.get().monthly_pay == 4000


def test_interns_may_be_twenty_percent_of_a_post(world, people, trainings, send):
    turner = Occupation.objects.filter(level=4).order_by("code").first()
    Placement.objects.filter(pk__in=[trainings["mine"].pk, trainings["theirs"].pk]).update(occupation=turner)
    school = client_for(world["school_user"])
    url = f"/api/tracking/trainings/{trainings['mine'].pk}/agreement"

    crowded = send(school, "put", url, {"post_staff": 9})
    at_share = send(school, "put", url, {"post_staff": 10})

    assert crowded.status_code == 422 and "20%" in _message(crowded)
    assert at_share.status_code == 200


def test_the_panel_lists_a_start_without_agreement_or_insurance_until_both_are_recorded(
    world, people, trainings, send
):
    enterprise = client_for(world["enterprise_user"])
    url = f"/api/tracking/compliance/{world['enterprise'].pk}"

    before = enterprise.get(url).json()
    send(
        client_for(world["school_user"]),
        "put",
        f"/api/tracking/trainings/{trainings['mine'].pk}/agreement",
        {
            "school_signed_on": "2025-06-20",
            "enterprise_signed_on": "2025-06-21",
            "student_signed_on": "2025-06-22",
            "insurer": "中国人保",
            "insured_from": "2025-07-01",
            "insured_to": "2025-12-31",
        },
    )
    after = enterprise.get(url).json()
    page = enterprise.get(f"/internships/compliance/{world['enterprise'].pk}/")

    assert sorted((b["placement_id"], b["kind"]) for b in before["breaches"]) == sorted(
        (p.pk, kind)
        for p in (trainings["mine"], trainings["theirs"])
        for kind in ("no_agreement", "no_insurance")
    )
    assert after["placements_in_breach"] == 1
    assert {b["placement_id"] for b in after["breaches"]} == {trainings["theirs"].pk}
    assert page.status_code == 200 and "李小红" in page.content.decode()
    assert client_for(world["other_enterprise_user"]).get(url).status_code == 403
    assert client_for(world["officer"]).get(url).status_code == 200
    assert client_for(world["nanjing_officer"]).get(url).status_code == 403
    assert (
        client_for(world["school_user"]).get(f"/api/tracking/compliance/{world['school'].pk}").status_code
        == 200
    )


def test_breaches_count_in_the_enterprise_credit_file(world, people, trainings):
    records = enterprise_records([world["enterprise"]], 2025, 2025)

    assert records[world["enterprise"].pk][0].internship_breaches == 2


def test_a_student_reports_a_problem_that_only_the_school_reads(world, people, trainings, send):
    student = client_for(world["student_user"])
    school = client_for(world["school_user"])
    enterprise = client_for(world["enterprise_user"])
    text = "每天要求加班到晚上十点"

    reported = send(
        student,
        "post",
        f"/api/tracking/trainings/{trainings['mine'].pk}/concerns",
        {"topic": "hours", "description": text},
    )
    concern_id = reported.json()["id"]
    by_enterprise = send(
        enterprise,
        "post",
        f"/api/tracking/trainings/{trainings['mine'].pk}/concerns",
        {"topic": "hours", "description": "x"},
    )
    answered = send(school, "post", f"/api/tracking/concerns/{concern_id}/answer", {"response": "已约谈企业"})

    assert reported.status_code == 201 and by_enterprise.status_code == 403
    assert [c["id"] for c in school.get("/api/tracking/concerns").json()] == [concern_id]
    assert answered.json()["status"] == "answered"
    assert enterprise.get("/api/tracking/concerns").json() == []
    assert client_for(world["officer"]).get("/api/tracking/concerns").json() == []
    assert text not in enterprise.get(f"/training/{trainings['mine'].pk}/").content.decode()
    assert text in school.get(f"/training/{trainings['mine'].pk}/").content.decode()
    assert (
        send(enterprise, "post", f"/api/tracking/concerns/{concern_id}/answer", {"response": "x"}).status_code
        == 404
    )
    assert InternshipConcern.objects.get().response == "已约谈企业"


def test_the_agreement_form_shows_the_pay_floor_as_a_form_error(world, people, trainings):
    school = client_for(world["school_user"])

    response = school.post(
        f"/training/{trainings['mine'].pk}/",
        {"action": "agreement", "monthly_pay": "3000", "post_wage": "5000"},
    )

    assert response.status_code == 400
    assert "at least 4000.00 yuan" in response.content.decode()
    assert not InternshipAgreement.objects.exists()


def test_a_representative_opens_its_own_panel_and_an_officer_picks_one(
    world, people, trainings, django_assert_max_num_queries
):
    own = client_for(world["enterprise_user"]).get("/internships/compliance/")
    officer = client_for(world["officer"])

    listing = officer.get("/internships/compliance/")
    with django_assert_max_num_queries(20):
        panel = officer.get(f"/api/tracking/compliance/{world['enterprise'].pk}")

    assert own.status_code == 302 and own.url == f"/internships/compliance/{world['enterprise'].pk}/"
    assert world["enterprise"].name in listing.content.decode()
    assert panel.json()["placements_in_breach"] == 2
    assert client_for(world["student_user"]).get("/internships/compliance/").status_code == 200


def test_logs_kept_before_the_rules_are_listed_on_the_panel(world, people, trainings):
    training = trainings["mine"].training
    for day, hours, night in ((dt.date(2025, 9, 1), 10, False), (dt.date(2025, 9, 2), 6, True)):
        TrainingLog.objects.create(
            training=training,
            period="daily",
            starts_on=day,
            ends_on=day,
            hours=hours,
            content="x",
            night_work=night,
        )

    breaches = client_for(world["school_user"]).get(f"/api/tracking/compliance/{world['school'].pk}").json()

    mine = [b for b in breaches["breaches"] if b["placement_id"] == trainings["mine"].pk]
    assert [b["kind"] for b in mine] == ["no_agreement", "no_insurance", "night_work", "hours"]
    assert mine[-1]["message"] == "At most 8 hours a day: 10 hours over 1 days."
