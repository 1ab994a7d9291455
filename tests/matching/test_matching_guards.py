"""Guards on a round's high-stakes steps: it does not run before its ranking window closes unless
the organiser writes why (the page, the API, the job and the command line share the rule)."""

from chanjiao.cli import main
from chanjiao.jobs.models import Job
from chanjiao.matching.models import MatchingRound, Offer, Placement
from chanjiao.matching.services import publish_round, run_round
from factories import client_for


def test_a_round_does_not_run_before_ranking_closes_without_a_reason(ranked_round, send):
    m = ranked_round
    officer = client_for(m["officer"])

    by_api = send(officer, "post", f"/api/matching/rounds/{m['round'].pk}/run")
    by_page = officer.post(f"/matching/rounds/{m['round'].pk}/run/", follow=True)

    assert by_api.status_code == 422
    assert by_api.json()["detail"][0]["msg"].startswith("Ranking is open until ")
    assert "or now only with a written reason for running early." in by_page.content.decode()
    assert Job.objects.filter(kind="matching.run_round").count() == 0
    rnd = MatchingRound.objects.get(pk=m["round"].pk)
    assert (rnd.status, rnd.early_run_reason) == ("ranking", "")


def test_the_organiser_runs_early_with_a_written_reason_that_the_round_shows(
    ranked_round, send, django_capture_on_commit_callbacks
):
    m = ranked_round
    officer = client_for(m["officer"])

    blank = send(officer, "post", f"/api/matching/rounds/{m['round'].pk}/run", {"reason": "   "})
    with django_capture_on_commit_callbacks(execute=True):
        started = send(
            officer, "post", f"/api/matching/rounds/{m['round'].pk}/run", {"reason": "所有学生已提交志愿"}
        )

    assert (blank.status_code, started.status_code) == (422, 202)
    rnd = MatchingRound.objects.get(pk=m["round"].pk)
    assert (rnd.status, rnd.early_run_reason) == ("matched", "所有学生已提交志愿")
    assert officer.get(f"/api/matching/rounds/{rnd.pk}").json()["early_run_reason"] == "所有学生已提交志愿"
    page = officer.get(f"/matching/rounds/{rnd.pk}/").content.decode()
    assert '<dd id="early-run">所有学生已提交志愿</dd>' in page


def test_the_job_and_the_command_line_ask_the_same_rule(ranked_round, capsys):
    m = ranked_round

    try:
        run_round(rnd=m["round"], actor=m["officer"])
    except ValueError as error:
        refused_job = str(error)
    refused_cli = main(["match", "run", str(m["round"].pk)])
    error = capsys.readouterr().err
    allowed_cli = main(["match", "run", str(m["round"].pk), "--reason", "all lists are in"])

    assert refused_job.startswith("Ranking is open until ")
    assert refused_cli == 2 and f"round {m['round'].pk}: Ranking is open until " in error
    assert allowed_cli == 0
    rnd = MatchingRound.objects.get(pk=m["round"].pk)
    assert (rnd.status, rnd.early_run_reason) == ("matched", "all lists are in")


def test_publishing_asks_for_confirmation_with_the_number_of_placements(closed_round, send):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    officer = client_for(m["officer"])
    url = f"/matching/rounds/{m['round'].pk}/publish/"
    placements = Placement.objects.count()

    asked = officer.post(url)
    by_api = send(officer, "post", f"/api/matching/rounds/{m['round'].pk}/publish")
    unchanged = (MatchingRound.objects.get(pk=m["round"].pk).status, Placement.objects.count())
    done = officer.post(url, {"confirmed": "yes"})

    page = asked.content.decode()
    assert asked.status_code == 200 and 'id="confirm"' in page
    assert (
        "<dt>placements created</dt><dd>3</dd>" in page
        and "<dt>students without a seat</dt><dd>1</dd>" in page
    )
    assert by_api.status_code == 422
    assert by_api.json()["detail"][0]["msg"].startswith(
        f"Nothing was done. Publish the results of {m['round'].name}:"
    )
    assert (
        'placements created: 3; enterprises: 2; students without a seat: 1. Send "confirm": true'
        in (by_api.json()["detail"][0]["msg"])
    )
    assert unchanged == ("matched", placements)
    assert done.status_code == 302 and Placement.objects.count() == placements + 3
    assert MatchingRound.objects.get(pk=m["round"].pk).status == "published"


def test_declining_a_matched_student_asks_for_confirmation(closed_round, send):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])
    offer = Offer.objects.get(participant=m["part1"])
    enterprise = client_for(m["enterprise_user"])

    asked = enterprise.post(f"/matching/offers/{offer.pk}/respond/", {"decision": "decline"})
    by_api = send(enterprise, "post", f"/api/matching/offers/{offer.pk}/respond", {"decision": "decline"})
    unanswered = Offer.objects.get(pk=offer.pk).enterprise_response
    done = enterprise.post(
        f"/matching/offers/{offer.pk}/respond/", {"decision": "decline", "confirmed": "yes"}
    )

    assert asked.status_code == 200 and "The seat goes to the scramble" in asked.content.decode()
    assert by_api.status_code == 422 and 'Send "confirm": true' in by_api.json()["detail"][0]["msg"]
    assert unanswered == "pending"
    assert done.status_code == 302
    assert Offer.objects.get(pk=offer.pk).enterprise_response == "declined"
