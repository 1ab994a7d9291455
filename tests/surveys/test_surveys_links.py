"""Respondents' links: stored as hashes, shown once to whoever distributes the survey, issued again
when lost; the invitations are for the survey's owner only."""

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from chanjiao.accounts.models import hash_token
from chanjiao.surveys.models import Invitation, ResponseSource
from chanjiao.surveys.services import create_from_template, invite, submit_response
from factories import client_for

ANSWER = {f"{construct}{n}": 4 for construct in ("EP", "CG", "SS", "TQ") for n in range(1, 6)}


@pytest.fixture
def school_survey(world):
    """A questionnaire of the Suzhou school, with one named invitation."""
    survey = create_from_template(actor=world["school_user"], owner=world["school"])
    [(invitation, token)] = invite(
        actor=world["school_user"], questionnaire=survey, target_group="teacher", respondents=[("钱老师", "")]
    )
    return survey, invitation, token


def test_only_the_hash_of_a_link_is_stored(school_survey):
    _survey, invitation, token = school_survey

    stored = Invitation.objects.filter(pk=invitation.pk).values()[0]

    assert stored["token_hash"] == hash_token(token)
    assert token not in json.dumps(stored, default=str)


@pytest.mark.parametrize("user", ["officer", "nanjing_officer"])
def test_officers_who_do_not_own_the_survey_do_not_read_its_invitations(school_survey, world, user):
    survey, invitation, token = school_survey
    client = client_for(world[user])

    pages = [
        client.get(f"/surveys/{survey.pk}/invitations/"),
        client.get(f"/surveys/{survey.pk}/invitations/", {"format": "xlsx"}),
        client.get(f"/api/surveys/questionnaires/{survey.pk}/invitations"),
        client.get(f"/surveys/invitations/{invitation.pk}/"),
        client.post(f"/surveys/invitations/{invitation.pk}/reissue/"),
        client.post(f"/api/surveys/invitations/{invitation.pk}/reissue"),
    ]

    assert all(page.status_code in (403, 404) for page in pages), [page.status_code for page in pages]
    assert "钱老师" not in "".join(page.content.decode(errors="ignore") for page in pages)
    assert Invitation.objects.get(pk=invitation.pk).token_hash == hash_token(token)


def test_the_officer_in_scope_still_sees_the_survey_but_no_invitations_link(school_survey, world):
    survey, _invitation, _token = school_survey

    page = client_for(world["officer"]).get(f"/surveys/{survey.pk}/")

    assert page.status_code == 200
    assert f'href="/surveys/{survey.pk}/invitations/' not in page.content.decode()


def test_the_owners_invitation_list_export_and_api_show_no_link(school_survey, world):
    survey, invitation, token = school_survey
    owner = client_for(world["school_user"])

    page = owner.get(f"/surveys/{survey.pk}/invitations/")
    export = owner.get(f"/surveys/{survey.pk}/invitations/", {"format": "xlsx"})
    api = owner.get(f"/api/surveys/questionnaires/{survey.pk}/invitations")
    detail = owner.get(f"/surveys/invitations/{invitation.pk}/")

    assert page.status_code == export.status_code == api.status_code == detail.status_code == 200
    cells = [
        cell
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
        for cell in row
    ]
    assert "钱老师" in cells and "钱老师" in page.content.decode()
    for text in (page.content.decode(), json.dumps(api.json()), detail.content.decode(), repr(cells)):
        assert token not in text and "/surveys/respond/" not in text
    assert "link" not in api.json()["items"][0]
    assert 'id="reissue-link"' in detail.content.decode()


def test_a_new_link_replaces_a_lost_one(school_survey, world):
    survey, invitation, old_token = school_survey
    owner = client_for(world["school_user"])

    web = owner.post(f"/surveys/invitations/{invitation.pk}/reissue/")
    api = owner.post(f"/api/surveys/invitations/{invitation.pk}/reissue")

    assert web.status_code == 200 and 'id="links-once"' in web.content.decode()
    new_token = api.json()["link"].split("/")[-2]
    respondent = Client()
    assert respondent.get(f"/surveys/respond/{old_token}/").status_code == 404
    assert respondent.get(f"/surveys/respond/{new_token}/").status_code == 200
    answered = respondent.post(
        f"/api/surveys/respond/{new_token}", json.dumps({"answers": ANSWER}), content_type="application/json"
    )
    assert answered.status_code == 201
    assert survey.responses.get().invitation_id == invitation.pk


def test_an_answered_invitation_gets_no_new_link(school_survey, world):
    _survey, invitation, token = school_survey
    submit_response(invitation=invitation, answers=ANSWER, source=ResponseSource.API)
    owner = client_for(world["school_user"])

    api = owner.post(f"/api/surveys/invitations/{invitation.pk}/reissue")
    web = owner.post(f"/surveys/invitations/{invitation.pk}/reissue/", follow=True)

    assert api.status_code == 409 and "has been answered" in api.json()["detail"]
    assert "has been answered" in web.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).token_hash == hash_token(token)
