"""Guards on a round's high-stakes steps: it does not run before its ranking window closes unless
the organiser writes why (the page, the API, the job and the command line share the rule)."""

from chanjiao.cli import main
from chanjiao.jobs.models import Job
from chanjiao.matching.models import MatchingRound
from chanjiao.matching.services import run_round
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
