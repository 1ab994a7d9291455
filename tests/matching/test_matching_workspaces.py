"""Matching on the home page's task list: a student's rank list with its deadline, then its
result and offers; an enterprise's candidates to rank and offers to answer; the organiser's round
to run once ranking has closed. Each link answers the user."""

import html
import re

from django.utils import timezone

from chanjiao.matching.services import publish_round, run_round
from factories import client_for


def _tasks(client) -> list[tuple[str, str, str]]:
    """(link, label, the rest of the line) of each task on the home page."""
    section = client.get("/").content.decode().split('id="my-tasks"')[1].split("</section>")[0]
    return [
        (html.unescape(url), html.unescape(label), rest)
        for url, label, rest in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>(.*?)</li>', section)
    ]


def test_a_student_is_asked_to_rank_before_the_deadline(matching_round):
    m = matching_round
    rnd = m["round"]
    student = client_for(m["student_user"])

    ranking = _tasks(student)

    assert ranking[0][:2] == (f"/matching/rounds/{rnd.pk}/my-list/", f"Rank the positions of {rnd.name}")
    assert f"due {timezone.localtime(rnd.ranking_closes):%Y-%m-%d}" in ranking[0][2]
    assert student.get(ranking[0][0]).status_code == 200


def test_after_publication_student_and_enterprise_have_offers_to_answer(closed_round):
    m = closed_round
    rnd = m["round"]
    organiser = client_for(m["officer"])
    assert (f"/matching/rounds/{rnd.pk}/", f"Ranking of {rnd.name} has closed: run the round") in [
        t[:2] for t in _tasks(organiser)
    ]
    run_round(rnd=rnd, actor=m["officer"])
    publish_round(actor=m["officer"], rnd=rnd)
    student, enterprise = client_for(m["student_user"]), client_for(m["enterprise_user"])

    student_tasks = {label: (url, rest) for url, label, rest in _tasks(student)}
    enterprise_tasks = {label: (url, rest) for url, label, rest in _tasks(enterprise)}

    offers = f"Offers of {rnd.name} awaiting your answer"
    assert student_tasks[f"Your result in {rnd.name}"][0] == f"/matching/rounds/{rnd.pk}/my-result/"
    assert student_tasks[offers] == (f"/matching/rounds/{rnd.pk}/offers/", ": <strong>1</strong>")
    assert enterprise_tasks[offers] == (f"/matching/rounds/{rnd.pk}/offers/", ": <strong>1</strong>")
    for client, tasks in ((student, student_tasks), (enterprise, enterprise_tasks)):
        assert all(client.get(url).status_code == 200 for url, _rest in tasks.values())


def test_an_enterprise_is_asked_to_rank_only_in_rounds_with_its_positions(matching_round):
    m = matching_round
    rnd = m["round"]

    enterprise = {label: url for url, label, _rest in _tasks(client_for(m["enterprise_user"]))}
    other_school = _tasks(client_for(m["other_school_user"]))

    assert enterprise[f"Rank the candidates of your positions in {rnd.name}"] == (
        f"/matching/rounds/{rnd.pk}/positions/"
    )
    assert not any(rnd.name in label for _url, label, _rest in other_school)
