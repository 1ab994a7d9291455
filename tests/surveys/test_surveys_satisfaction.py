"""Cooperation satisfaction for the evaluation indicators: per organisation and carrier, per year."""

import datetime as dt

import pytest
from django.utils import timezone

from chanjiao.surveys.models import Questionnaire, Response, ResponseSource
from chanjiao.surveys.selectors import SatisfactionScore, cooperation_satisfaction, satisfaction_scores
from chanjiao.surveys.services import create_from_template
from factories import client_for

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def satisfied(ss, **others):
    """Answers to every seed-001 item: the five SS items as given, 3 elsewhere."""
    answers = {f"{c}{n}": 3 for c in ("EP", "CG", "TQ") for n in range(1, 6)}
    answers.update({f"SS{n}": value for n, value in enumerate(ss, start=1)})
    answers.update(others)
    return answers


def respond(questionnaire, answers, *, organisation=None, carrier=None, at=None, valid=True):
    return Response.objects.create(
        questionnaire=questionnaire,
        source=ResponseSource.IMPORT,
        answers=answers,
        organisation=organisation,
        carrier=carrier,
        submitted_at=at or dt.datetime(2025, 9, 15, 10, tzinfo=SHANGHAI),
        valid=valid,
    )


@pytest.fixture
def scored(survey, world):
    """Two valid responses from the enterprise in 2025, one excluded, one in 2026, one other enterprise."""
    respond(
        survey, satisfied([4, 4, 5, 4, 2]), organisation=world["enterprise"], carrier=world["carrier"]
    )  # 80
    respond(survey, satisfied([3, 3, 3, 3, 3]), organisation=world["enterprise"])  # 50
    respond(survey, satisfied([1, 1, 1, 1, 5]), organisation=world["enterprise"], valid=False)
    respond(
        survey,
        satisfied([5, 5, 5, 5, 1]),
        organisation=world["enterprise"],
        at=dt.datetime(2026, 3, 1, tzinfo=SHANGHAI),
    )
    respond(
        survey, satisfied([2, 2, 2, 2, 4]), organisation=world["other_enterprise"], carrier=world["carrier"]
    )  # 25
    return survey


def test_satisfaction_is_the_rescaled_mean_of_the_satisfaction_construct(scored, world):
    assert cooperation_satisfaction(world["enterprise"], 2025) == 65.0
    assert cooperation_satisfaction(world["enterprise"], 2026) == 100.0
    assert cooperation_satisfaction(world["carrier"], 2025) == 52.5
    assert cooperation_satisfaction(world["school"], 2025) is None
    assert satisfaction_scores(2025, by="organisation") == {
        world["enterprise"].pk: SatisfactionScore(score=65.0, responses=2, questionnaires=1),
        world["other_enterprise"].pk: SatisfactionScore(score=25.0, responses=1, questionnaires=1),
    }


def test_the_year_is_the_local_year_of_submission(survey, world):
    late = dt.datetime(2025, 12, 31, 23, 30, tzinfo=SHANGHAI)
    respond(survey, satisfied([5, 5, 5, 5, 1]), organisation=world["school"], at=late)

    assert late.astimezone(dt.UTC).year == 2025 and timezone.get_current_timezone_name() == "Asia/Shanghai"
    assert cooperation_satisfaction(world["school"], 2025) == 100.0
    respond(
        survey,
        satisfied([1, 1, 1, 1, 5]),
        organisation=world["school"],
        at=dt.datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI),
    )
    assert cooperation_satisfaction(world["school"], 2025) == 100.0
    assert cooperation_satisfaction(world["school"], 2026) == 0.0


def test_questionnaires_without_a_satisfaction_construct_and_other_scales(survey, world):
    unmarked = create_from_template(actor=None, owner=world["suzhou_bureau"])
    Questionnaire.objects.filter(pk=unmarked.pk).update(satisfaction_construct=None)
    seven = create_from_template(actor=None, owner=world["suzhou_bureau"], scale_points=7)
    respond(unmarked, satisfied([1, 1, 1, 1, 5]), organisation=world["enterprise"])
    respond(seven, satisfied([7, 7, 4, 4, 1]), organisation=world["enterprise"])  # (7+7+4+4+7)/5 = 5.8 → 80
    respond(
        survey, satisfied([2, 2, 2, 2, 4], SS3=None), organisation=world["enterprise"]
    )  # SS3 skipped → 25

    assert satisfaction_scores(2025, by="organisation")[world["enterprise"].pk] == SatisfactionScore(
        score=52.5, responses=2, questionnaires=2
    )


def test_the_api_gives_a_units_score_to_those_who_may_see_it(scored, world):
    url = "/api/surveys/satisfaction"

    own = client_for(world["enterprise_user"]).get(
        url, {"organisation": world["enterprise"].pk, "year": 2025}
    )
    officer = client_for(world["officer"]).get(url, {"carrier": world["carrier"].pk, "year": 2025})
    member = client_for(world["other_enterprise_user"]).get(
        url, {"carrier": world["carrier"].pk, "year": 2025}
    )
    competitor = client_for(world["other_enterprise_user"]).get(
        url, {"organisation": world["enterprise"].pk, "year": 2025}
    )
    nanjing = client_for(world["nanjing_officer"]).get(
        url, {"organisation": world["enterprise"].pk, "year": 2025}
    )
    neither = client_for(world["officer"]).get(url, {"year": 2025})
    empty_year = client_for(world["officer"]).get(url, {"organisation": world["enterprise"].pk, "year": 2019})

    assert own.json() == {"unit": "organisation", "id": world["enterprise"].pk, "year": 2025, "score": 65.0,
                          "responses": 2, "questionnaires": 1}  # fmt: skip
    assert officer.json()["score"] == 52.5 and member.status_code == 200
    assert (competitor.status_code, nanjing.status_code) == (403, 403)
    assert neither.status_code == 422
    assert empty_year.json()["score"] is None and empty_year.json()["responses"] == 0
