"""Running a round: the coordinator starts it from the page or the API; the job records the
lottery, matches with student-proposing deferred acceptance, checks stability, compares the
alternatives and reports; students see their results explained once published."""

import numpy as np

from chanjiao.core.matching import draw_lottery
from chanjiao.jobs.models import Job
from chanjiao.matching.models import Offer, RoundStudent
from chanjiao.matching.services import publish_round, run_round
from factories import client_for


def outcomes(rnd):
    return dict(RoundStudent.objects.filter(round=rnd).values_list("student_id", "outcome"))


def test_the_coordinator_runs_a_round_from_the_page_with_a_progress_bar(
    closed_round, django_capture_on_commit_callbacks
):
    m = closed_round
    client = client_for(m["officer"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/matching/rounds/{m['round'].pk}/run/")

    assert response.status_code == 302 and response["Location"] == f"/matching/rounds/{m['round'].pk}/"
    job = Job.objects.get(kind="matching.run_round")
    assert (job.status, job.percent, job.result["matched"], job.result["blocking_pairs"]) == (
        "succeeded",
        100,
        3,
        0,
    )
    m["round"].refresh_from_db()
    assert m["round"].status == "matched"
    page = client.get(f"/matching/rounds/{m['round'].pk}/").content.decode()
    assert "of 4 students placed" in page and "Publish the results" in page
    progress = client.get(f"/matching/rounds/{m['round'].pk}/progress/", HTTP_HX_REQUEST="true")
    assert (progress.status_code, progress["HX-Refresh"]) == (204, "true")


def test_the_round_places_students_stably_and_reports_every_leftover_with_its_reason(closed_round):
    m = closed_round

    run = run_round(rnd=m["round"], actor=m["officer"])

    report = run.report
    placed = dict(
        Offer.objects.filter(round=m["round"]).values_list("participant__student_id", "position__title")
    )
    assert placed == {m["s1"].pk: "车工实习", m["s3"].pk: "铣工实习", m["s4"].pk: "程序员实习"}
    assert outcomes(m["round"])[m["s2"].pk] == "list_too_short"
    assert (report["students"], report["matched"], report["seats"], report["seats_filled"]) == (4, 3, 5, 3)
    assert (report["match_rate"], report["seat_fill_rate"], report["first_choice_share"]) == (0.75, 0.6, 0.75)
    assert report["unmatched_by_reason"] == {
        "no_eligible_seat": 0,
        "list_too_short": 1,
        "outranked_everywhere": 0,
    }
    assert report["unfilled_seats_by_reason"] == {
        "no_applicants": 1,
        "no_eligible_applicants": 0,
        "applicants_not_admitted": 0,
        "applicants_placed_elsewhere": 1,
    }
    assert report["stability"] == {
        "stable": True,
        "blocking_pairs": 0,
        "pairs": [],
        "over_capacity": [],
        "unlisted": [],
    }
    assert (report["welfare_optimal"]["matched"], report["welfare_optimal"]["rank_sum"]) == (3, 3)
    assert report["enterprise_proposing"]["students_moved"] == 0
    by_school = {row["name"]: (row["students"], row["matched"]) for row in report["by_school"]}
    assert by_school == {m["school"].name: (3, 2), m["other_school"].name: (1, 1)}
    by_enterprise = {row["name"]: (row["seats"], row["seats_filled"]) for row in report["by_enterprise"]}
    assert by_enterprise == {m["enterprise"].name: (2, 1), m["other_enterprise"].name: (3, 2)}
    m["pos4"].refresh_from_db()
    assert (m["pos4"].seats_filled, m["pos4"].unfilled_reason) == (0, "no_applicants")


def test_the_lottery_is_recorded_and_redrawn_from_its_seed(closed_round):
    m = closed_round

    run = run_round(rnd=m["round"], actor=m["officer"])

    assert (run.lottery_seed, run.report["lottery"]["seed"]) == (7, 7)
    assert run.lottery_digest == draw_lottery(4, seed=7).digest == run.report["lottery"]["digest"]


def test_running_again_before_publication_replaces_the_results(closed_round):
    m = closed_round
    first = run_round(rnd=m["round"], actor=m["officer"])

    second = run_round(rnd=m["round"], actor=m["officer"])

    assert list(m["round"].runs.values_list("pk", flat=True)) == [second.pk]
    assert Offer.objects.filter(round=m["round"]).count() == 3
    assert first.pk != second.pk


def test_a_student_sees_why_they_did_not_get_each_choice(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])
    client = client_for(m["s2"].user)

    result = client.get(f"/api/matching/rounds/{m['round'].pk}/my-result").json()[0]
    page = client.get(f"/matching/rounds/{m['round'].pk}/my-result/").content.decode()

    assert result["summary"] == "Not placed: every seat you listed went to other candidates."
    assert [
        (c["title"], c["outcome"], c["place_among_applicants"], c["applicants"]) for c in result["choices"]
    ] == [
        ("车工实习", "outranked", 3, 3),
        ("铣工实习", "outranked", 2, 3),
    ]
    assert result["choices"][0]["sentence"] == (
        f"The only seat at 车工实习 · {m['enterprise'].name} went to a candidate the enterprise ranked higher; "
        "you were number 3 of 3 applicants. Your score there was 0.38; the lowest admitted score was 1.00."
    )
    assert result["choices"][0]["sentence"] in page
    assert result["choices"][1]["score_parts"] == {
        "skills": 0.437,
        "certificates": 0.187,
        "program fit": 0.281,
    }


def test_a_placed_student_sees_their_seat_at_their_first_choice(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])

    result = client_for(m["student_user"]).get(f"/api/matching/rounds/{m['round'].pk}/my-result").json()[0]

    assert (result["placed"], result["choice_number"]) == (True, 1)
    assert result["summary"] == f"Placed at 车工实习 · {m['enterprise'].name}, your choice 1."
    assert [c["outcome"] for c in result["choices"]] == ["placed"]


def test_results_stay_with_the_coordinator_until_published(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])

    student = client_for(m["student_user"])
    enterprise = client_for(m["enterprise_user"])

    assert student.get(f"/api/matching/rounds/{m['round'].pk}/my-result").status_code == 403
    assert enterprise.get(f"/api/matching/rounds/{m['round'].pk}/offers").json()["count"] == 0
    assert enterprise.get(f"/api/matching/rounds/{m['round'].pk}/report").status_code == 403
    assert client_for(m["officer"]).get(f"/api/matching/rounds/{m['round'].pk}/offers").json()["count"] == 3


def test_the_api_starts_a_run_as_a_job_only_for_the_coordinator(
    closed_round, send, django_capture_on_commit_callbacks
):
    m = closed_round

    refused = send(client_for(m["school_user"]), "post", f"/api/matching/rounds/{m['round'].pk}/run")
    with django_capture_on_commit_callbacks(execute=True):
        started = send(client_for(m["officer"]), "post", f"/api/matching/rounds/{m['round'].pk}/run")

    assert refused.status_code == 403
    assert started.status_code == 202
    job = client_for(m["officer"]).get(started.json()["url"]).json()
    assert (job["status"], job["result"]["matched"], job["result"]["lottery_seed"]) == ("succeeded", 3, 7)
    report = client_for(m["officer"]).get(f"/api/matching/rounds/{m['round'].pk}/report").json()
    assert (report["matched"], report["stability"]["stable"]) == (3, True)
    assert np.isclose(report["top3_share"], 0.75)


def test_explanations_are_in_the_reader_s_language(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])

    result = (
        client_for(m["s2"].user)
        .get(f"/api/matching/rounds/{m['round'].pk}/my-result", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .json()[0]
    )

    assert result["summary"] == "未被安排：你填报的岗位名额都给了其他候选人。"
    assert result["choices"][1]["sentence"].startswith(
        f"铣工实习 · {m['other_enterprise'].name} 的全部 1 个名额都给了企业排序更靠前的候选人；你在 3 名申请者中排第 2 位。"
    )
