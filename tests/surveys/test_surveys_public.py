"""The respondent's link: no account, Chinese or English, one response, clear refusals."""

import json
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from chanjiao.surveys.models import Invitation, Questionnaire, Response
from chanjiao.surveys.services import invite
from factories import client_for

CODES = [f"{c}{n}" for c in ("EP", "CG", "SS", "TQ") for n in range(1, 6)]


def link(survey, **fields):
    invitation, token = invite(actor=None, questionnaire=survey, target_group="enterprise_hr", count=1)[0]
    Invitation.objects.filter(pk=invitation.pk).update(**fields)
    invitation.refresh_from_db()
    return invitation, f"/surveys/respond/{token}/", f"/api/surveys/respond/{token}"


def answers(value=4):
    return {code: value for code in CODES}


def test_an_external_respondent_answers_without_signing_in(survey):
    invitation, url, _api = link(survey)
    browser = Client()

    form = browser.get(url)
    opened = Invitation.objects.get(pk=invitation.pk).started_at
    Invitation.objects.filter(pk=invitation.pk).update(started_at=timezone.now() - timedelta(seconds=300))
    submitted = browser.post(url, {**answers(4), "SS5": 2, "EP5": 1})

    assert form.status_code == 200 and opened is not None
    assert "The enterprise takes part in co-designing programs" in form.content.decode()
    assert "Strongly agree" in form.content.decode()
    assert submitted.status_code == 200 and "your answers have been received" in submitted.content.decode()
    response = Response.objects.get()
    assert response.answers == {**answers(4), "SS5": 2, "EP5": 1}
    assert (response.invitation, response.organisation, response.target_group) == (
        invitation,
        None,
        "enterprise_hr",
    )
    assert 299 <= response.duration_seconds <= 330
    assert response.valid and response.source == "web"


def test_the_form_speaks_chinese(survey):
    _invitation, url, _api = link(survey)

    page = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "企业参与了专业设置和人才培养方案的共同制定。" in page
    assert "产教融合视域下校企合作新模式调查问卷" in page
    assert "非常同意" in page and "提交" in page


def test_a_second_response_on_the_same_link_is_refused(survey):
    invitation, url, api = link(survey)
    browser = Client()
    browser.get(url)
    browser.post(url, answers(3))

    again_web = browser.post(url, answers(5))
    again_page = browser.get(url)
    again_api = Client().post(api, json.dumps({"answers": answers(5)}), content_type="application/json")

    assert again_web.status_code == 409 and "This link has already been used" in again_web.content.decode()
    assert again_page.status_code == 409
    assert again_api.status_code == 409 and "Each link takes one response." in again_api.json()["detail"]
    assert list(Response.objects.values_list("answers", flat=True)) == [answers(3)]


def test_closed_expired_and_not_yet_open_links_say_so(survey, world):
    now = timezone.now()
    _i, expired_url, expired_api = link(survey)
    Questionnaire.objects.filter(pk=survey.pk).update(closes_at=now - timedelta(days=1))
    expired = Client().get(expired_url)
    expired_post = Client().post(
        expired_api, json.dumps({"answers": answers()}), content_type="application/json"
    )
    Questionnaire.objects.filter(pk=survey.pk).update(closes_at=None, opens_at=now + timedelta(days=2))
    scheduled = Client().get(expired_url)
    Questionnaire.objects.filter(pk=survey.pk).update(opens_at=None)
    client_for(world["officer"]).post(f"/surveys/{survey.pk}/close/")
    closed = Client().post(expired_url, answers())
    unknown = Client().get("/surveys/respond/not-a-real-token/")

    assert (
        expired.status_code == 410
        and "This link expired: the questionnaire closed on" in expired.content.decode()
    )
    assert expired_post.status_code == 410
    assert scheduled.status_code == 403 and "This questionnaire opens on" in scheduled.content.decode()
    assert closed.status_code == 410 and "was closed by its owner" in closed.content.decode()
    assert unknown.status_code == 404
    assert Response.objects.count() == 0


def test_out_of_range_and_missing_answers_are_refused_naming_the_item(survey):
    _invitation, url, api = link(survey)

    web = Client().post(url, {**answers(), "CG2": 9, "TQ5": ""})
    bad_api = Client().post(
        api, json.dumps({"answers": {**answers(), "EP3": 6}}), content_type="application/json"
    )
    unknown_item = Client().post(
        api, json.dumps({"answers": {**answers(), "XX9": 1}}), content_type="application/json"
    )
    not_a_number = Client().post(
        api, json.dumps({"answers": {**answers(), "SS1": "agree"}}), content_type="application/json"
    )

    page = web.content.decode()
    assert web.status_code == 400
    assert "9 is not a point of the 5-point scale (1–5)." in page and "Please answer this question." in page
    assert bad_api.status_code == 422
    assert bad_api.json()["detail"] == [
        {"loc": ["body", "EP3"], "msg": "6 is not a point of the 5-point scale (1–5)."}
    ]
    assert unknown_item.json()["detail"] == [
        {"loc": ["body", "XX9"], "msg": "Not an item of this questionnaire."}
    ]
    assert not_a_number.json()["detail"] == [{"loc": ["body", "SS1"], "msg": "“agree” is not a number."}]
    assert Response.objects.count() == 0


def test_the_api_gives_the_form_and_takes_the_answers(survey):
    _invitation, _url, api = link(survey)

    form = Client().get(api).json()
    taken = Client().post(api, json.dumps({"answers": answers(5)}), content_type="application/json")

    assert form["scale_points"] == 5 and form["scale_labels"][0] == "Strongly disagree"
    assert [item["code"] for item in form["items"]] == CODES
    assert form["items"][4] == {
        "code": "EP5",
        "kind": "likert",
        "text_zh": "企业只在需要招聘时才与学校联系。",
        "text_en": "The enterprise contacts the college only when it needs to recruit.",
        "required": True,
        "options": [],
        "min_value": None,
        "max_value": None,
    }
    assert taken.status_code == 201 and taken.json()["received"] is True
    response = Response.objects.get()
    assert response.source == "api"
    assert response.valid is False and response.exclusion_reasons == ["straight_lining"]


def test_choice_number_and_text_items_on_the_form(world):
    client = client_for(world["school_user"])
    survey = Questionnaire.objects.create(
        owner=world["school"], title_en="Internship", scale_points=7, screen_too_fast=False
    )
    for payload in (
        {"code": "Q1", "kind": "likert", "text_en": "I learnt a lot"},
        {"code": "Q2", "kind": "likert", "text_en": "My mentor helped me"},
        {
            "code": "ROLE",
            "kind": "choice",
            "text_en": "Programme",
            "options": ["数控 | CNC", "电商 | E-commerce"],
        },
        {"code": "WEEKS", "kind": "number", "text_en": "Weeks", "min_value": 1, "max_value": 52},
        {"code": "NOTE", "kind": "text", "text_en": "Anything else?", "required": False},
    ):
        client.post(
            f"/api/surveys/questionnaires/{survey.pk}/items",
            json.dumps(payload),
            content_type="application/json",
        )
    _invitation, url, _api = link(survey)

    too_many_weeks = Client().post(url, {"Q1": 7, "Q2": 6, "ROLE": 2, "WEEKS": 60})
    good = Client().post(url, {"Q1": 7, "Q2": 6, "ROLE": 2, "WEEKS": 12, "NOTE": ""})

    assert too_many_weeks.status_code == 400 and "60 is above 52." in too_many_weeks.content.decode()
    assert good.status_code == 200
    assert Response.objects.get().answers == {"Q1": 7, "Q2": 6, "ROLE": 2, "WEEKS": 12}


def test_a_respondent_sees_only_their_own_form(survey, answer):
    answer(survey, 2, invalid_share=0.0)
    _invitation, url, _api = link(survey)

    page = Client().get(url).content.decode()
    others = Client().get(f"/surveys/responses/{Response.objects.first().pk}/")
    api = Client().get(f"/api/surveys/questionnaires/{survey.pk}/responses")

    assert "R0001" not in page and "R0002" not in page
    assert others.status_code == 302 and others["Location"].startswith("/accounts/login/")
    assert api.status_code == 401
