"""Distribution: invitation links, audiences from the registry, reminders, tracking and screening."""

import io
import json
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from chanjiao.accounts.models import hash_token
from chanjiao.surveys.models import Invitation, Response, ResponseSource
from chanjiao.surveys.services import submit_response
from factories import client_for
from surveys.surveys_mail_support import REFUSED


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_named_and_anonymous_links_each_with_an_unguessable_token(survey, world):
    client = client_for(world["officer"])

    web = client.post(
        f"/surveys/{survey.pk}/invitations/new/",
        {"target_group": "teacher", "respondents": "钱老师, qian@example.edu.cn\n孙老师", "count": 2,
         "organisation": world["school"].pk},
    )  # fmt: skip
    api = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/invitations",
        {"target_group": "enterprise_hr", "respondents": [{"name": "张经理", "email": "zhang@example.com"}],
         "organisation": world["enterprise"].pk, "carrier": world["carrier"].pk},
    )  # fmt: skip

    invitations = list(survey.invitations.order_by("pk"))
    assert web.status_code == 200 and 'id="links-once"' in web.content.decode()
    assert [(i.respondent_name, i.email, i.target_group) for i in invitations] == [
        ("钱老师", "qian@example.edu.cn", "teacher"),
        ("孙老师", "", "teacher"),
        ("", "", "teacher"),
        ("", "", "teacher"),
        ("张经理", "zhang@example.com", "enterprise_hr"),
    ]
    web_tokens = re.findall(r"http://testserver/surveys/respond/([^/]+)/", web.content.decode())
    api_token = api.json()[0]["link"].removeprefix("http://testserver/surveys/respond/").removesuffix("/")
    tokens = [*web_tokens, api_token]
    assert len(set(tokens)) == 5 and all(len(token) == 32 for token in tokens)
    # only the hashes are kept: each link's token hashes to its invitation's
    assert [i.token_hash for i in invitations] == [hash_token(token) for token in tokens]
    assert api.status_code == 201
    assert api.json()[0]["carrier_id"] == world["carrier"].pk


def test_bad_invitations_name_the_field_and_create_nothing(survey, world):
    client = client_for(world["officer"])

    bad_email = client.post(
        f"/surveys/{survey.pk}/invitations/new/",
        {"target_group": "teacher", "respondents": "钱老师, qian@\n"},
    )
    nobody = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/invitations", {"target_group": "teacher"}
    )
    bad_group = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/invitations",
        {"target_group": "ceo", "count": 1},
    )
    nanjing_org = send(
        client_for(world["school_user"]), "post", f"/api/surveys/questionnaires/{survey.pk}/invitations",
        {"target_group": "teacher", "count": 1},
    )  # fmt: skip

    assert (
        bad_email.status_code == 400
        and "Line 1: “qian@” is not an email address." in bad_email.content.decode()
    )
    assert nobody.json()["detail"][0] == {
        "loc": ["body", "respondents"],
        "msg": "Name at least one respondent or ask for anonymous links.",
    }
    assert bad_group.json()["detail"][0]["loc"] == ["body", "target_group"]
    assert nanjing_org.status_code == 404
    assert survey.invitations.count() == 0


def test_an_owner_surveys_only_organisations_in_reach(world):
    from chanjiao.surveys.services import create_from_template

    school_survey = create_from_template(actor=world["school_user"], owner=world["school"])
    client = client_for(world["school_user"])

    partner = send(
        client, "post", f"/api/surveys/questionnaires/{school_survey.pk}/invitations",
        {"target_group": "enterprise_hr", "count": 1, "organisation": world["enterprise"].pk},
    )  # fmt: skip
    stranger = send(
        client, "post", f"/api/surveys/questionnaires/{school_survey.pk}/invitations",
        {"target_group": "teacher", "count": 1, "organisation": world["other_school"].pk},
    )  # fmt: skip

    assert partner.status_code == 201  # a member of the school's carrier
    assert stranger.json()["detail"] == [
        {"loc": ["body", "organisation"], "msg": "Unknown organisation, or not one you may survey."}
    ]


def test_invite_the_registry_audience_once(survey, world):
    client = client_for(world["officer"])

    enterprises = client.post(f"/surveys/{survey.pk}/invitations/audience/", {"audience": "enterprises"})
    teachers = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/invitations/audience",
        {"audience": "teachers"},
    )
    again = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/invitations/audience",
        {"audience": "enterprises"},
    )
    members = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/invitations/audience",
        {"audience": "carrier_members", "carrier": world["carrier"].pk},
    )  # fmt: skip
    no_carrier = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/invitations/audience",
        {"audience": "carrier_members"},
    )

    assert enterprises.status_code == 200 and 'id="links-once"' in enterprises.content.decode()
    assert teachers.json()["created"] == 2 and again.json() == {"created": 0, "invitations": []}
    assert members.json()["created"] == 1  # the two enterprises were already invited to rate this carrier
    assert [len(teachers.json()["invitations"]), len(members.json()["invitations"])] == [2, 1]
    assert no_carrier.json()["detail"][0]["loc"] == ["body", "carrier"]
    by_enterprise = survey.invitations.filter(organisation=world["enterprise"], target_group="enterprise_hr")
    assert [(i.respondent_name, i.carrier_id) for i in by_enterprise] == [
        ("苏州精密机械有限公司", world["carrier"].pk)
    ]
    assert set(
        survey.invitations.filter(target_group="teacher").values_list("respondent_name", flat=True)
    ) == {
        "赵师傅",
        "钱老师",
        "苏州示范职业技术学院",
    }


def _invitations(survey, count, days_ago):
    sent = timezone.now() - timedelta(days=days_ago)
    return Invitation.objects.bulk_create(
        [
            Invitation(
                questionnaire=survey, target_group="teacher", email=f"t{n}@example.edu.cn", sent_at=sent
            )
            for n in range(count)
        ]
    )


def test_reminders_due_are_shown_recorded_and_not_mailed_by_default(survey, world):
    due = _invitations(survey, 3, days_ago=8)
    _invitations(survey, 2, days_ago=2)
    submit_response(invitation=due[0], answers={"EP1": 4}, source=ResponseSource.API)
    client = client_for(world["officer"])

    page = client.get(f"/surveys/{survey.pk}/reminders/").content.decode()
    listed = client.get(f"/api/surveys/questionnaires/{survey.pk}/reminders").json()
    recorded = send(client, "post", f"/api/surveys/questionnaires/{survey.pk}/reminders", {})
    after = client.get(f"/api/surveys/questionnaires/{survey.pk}/tracking").json()

    assert "2 unanswered invitations are due a reminder" in page and "Email is not enabled" in page
    assert sorted(i["id"] for i in listed) == [due[1].pk, due[2].pk]
    assert {key: recorded.json()[key] for key in ("reminded", "emailed", "failed")} == {
        "reminded": 2,
        "emailed": 0,
        "failed": 0,
    }
    # each reminded invitation has a new link, for the owner to send
    links = {link["id"]: link["link"].split("/")[-2] for link in recorded.json()["links"]}
    assert {pk: hash_token(token) for pk, token in links.items()} == dict(
        survey.invitations.filter(pk__in=[due[1].pk, due[2].pk]).values_list("pk", "token_hash")
    )
    assert after["reminders_due"] == 0
    assert list(survey.invitations.filter(reminder_count=1).values_list("pk", flat=True)) == [
        due[1].pk,
        due[2].pk,
    ]
    assert mail.outbox == []


def test_reminders_are_mailed_when_the_operator_enables_email(survey, world, settings):
    settings.SURVEYS_SEND_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    due = _invitations(survey, 1, days_ago=9)

    response = client_for(world["officer"]).post(f"/surveys/{survey.pk}/reminders/")

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["t0@example.edu.cn"]]
    token = re.search(r"http://testserver/surveys/respond/([^/]+)/", mail.outbox[0].body).group(1)
    due[0].refresh_from_db()
    assert hash_token(token) == due[0].token_hash


def test_a_refused_message_leaves_its_invitation_due(survey, world, settings):
    settings.SURVEYS_SEND_EMAIL = True
    settings.EMAIL_BACKEND = "surveys.surveys_mail_support.RefusingBackend"
    delivered, refused = _invitations(survey, 2, days_ago=9)
    refused.email = REFUSED
    refused.save()
    client = client_for(world["officer"])

    recorded = send(client, "post", f"/api/surveys/questionnaires/{survey.pk}/reminders", {})

    assert recorded.json() == {"reminded": 1, "emailed": 1, "failed": 1, "links": []}
    assert [message.to for message in mail.outbox] == [[delivered.email]]
    assert list(survey.invitations.filter(reminder_count=1).values_list("pk", flat=True)) == [delivered.pk]
    page = client.post(f"/surveys/{survey.pk}/reminders/", follow=True).content.decode()
    assert "The mail server refused 1 messages" in page


def test_an_unreachable_mail_server_is_reported_and_nothing_is_recorded(survey, world, settings):
    settings.SURVEYS_SEND_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    _invitations(survey, 2, days_ago=9)
    client = client_for(world["officer"])

    api = send(client, "post", f"/api/surveys/questionnaires/{survey.pk}/reminders", {})
    page = client.post(f"/surveys/{survey.pk}/reminders/", follow=True).content.decode()

    assert api.status_code == 503 and "mail server (127.0.0.1:9) could not be reached" in api.json()["detail"]
    assert "could not be reached" in page
    assert not survey.invitations.filter(reminder_count__gt=0).exists()


def test_a_closed_questionnaire_is_due_no_reminders(survey, world):
    _invitations(survey, 2, days_ago=30)
    client = client_for(world["officer"])

    client.post(f"/surveys/{survey.pk}/close/")

    assert client.get(f"/api/surveys/questionnaires/{survey.pk}/tracking").json()["reminders_due"] == 0


def test_tracking_counts_sent_opened_received_and_valid_per_group(survey, world, answer):
    answer(survey, 60, seed=3, invalid_share=0.1)
    opened, _unopened = _invitations(survey, 2, days_ago=1)
    Invitation.objects.filter(pk=opened.pk).update(started_at=timezone.now())
    client = client_for(world["officer"])

    tracking = client.get(f"/api/surveys/questionnaires/{survey.pk}/tracking").json()
    page = client.get(f"/surveys/{survey.pk}/").content.decode()

    assert {k: tracking[k] for k in ("sent", "started", "received", "valid", "excluded")} == {
        "sent": 62,
        "started": 1,
        "received": 60,
        "valid": 54,
        "excluded": 6,
    }
    assert tracking["valid_rate"] == 54 / 62
    assert tracking["exclusions_by_reason"] == {"incomplete": 2, "straight_lining": 2, "too_fast": 2}
    assert [(g["group"], g["sent"], g["received"], g["valid"]) for g in tracking["groups"]] == [
        ("enterprise_hr", 60, 60, 54),
        ("teacher", 2, 0, 0),
    ]
    assert "87.1 %" in page  # 54 of 62


def test_invalid_responses_are_listed_with_their_reason(survey, world, answer):
    simulated = answer(survey, 30, seed=5, invalid_share=0.1)
    client = client_for(world["officer"])

    too_fast = client.get(f"/api/surveys/questionnaires/{survey.pk}/responses", {"reason": "too_fast"}).json()
    page = client.get(f"/surveys/{survey.pk}/responses/", {"valid": "false"}).content.decode()

    injected = {simulated.responses.loc[row, "respondent"]: kind for row, kind in simulated.invalid.items()}
    excluded = {r.respondent: r.exclusion_reasons for r in Response.objects.filter(valid=False)}
    assert excluded == {name: [kind] for name, kind in injected.items()}
    assert [r["respondent"] for r in too_fast["items"]] == [n for n, k in injected.items() if k == "too_fast"]
    assert too_fast["items"][0]["exclusion_detail"].endswith("s minimum")
    assert "<td>Straight-lining</td>" in page and "same answer" in page


def test_changing_a_screening_rule_screens_again(survey, world, answer):
    answer(survey, 30, seed=5, invalid_share=0.1)
    client = client_for(world["officer"])

    response = send(client, "patch", f"/api/surveys/questionnaires/{survey.pk}", {"screen_too_fast": False})

    assert response.status_code == 200
    assert Response.objects.filter(valid=False).count() == 2
    assert not Response.objects.filter(exclusion_reasons__icontains="too_fast").exists()


def test_invitations_and_responses_are_the_owners_to_see(survey, world, answer):
    answer(survey, 3, seed=2, invalid_share=0.0)
    invitation = survey.invitations.first()
    response = survey.responses.first()

    for user in (
        "enterprise_user",
        "other_enterprise_user",
        "school_user",
        "nanjing_officer",
        "student_user",
    ):
        client = client_for(world[user])
        assert client.get(f"/surveys/{survey.pk}/invitations/").status_code == 404
        assert client.get(f"/surveys/invitations/{invitation.pk}/").status_code == 404
        assert client.get(f"/surveys/responses/{response.pk}/").status_code == 404
        assert client.get(f"/api/surveys/questionnaires/{survey.pk}/responses").status_code == 404
        assert client.get(f"/surveys/{survey.pk}/responses/export/").status_code == 404
    owner = client_for(world["officer"])
    assert owner.get(f"/surveys/responses/{response.pk}/").status_code == 200


def test_the_responses_list_exports_to_excel_whatever_the_questionnaire_is_called(survey, world, answer):
    # Worksheet names may not hold : [ ] * ? / \ — the list's title does ("Responses: …").
    answer(survey, 5, seed=3)
    survey.title_en = "Cooperation: a [pilot] survey?"
    survey.save()

    response = client_for(world["officer"]).get(f"/surveys/{survey.pk}/responses/", {"format": "xlsx"})

    assert response.status_code == 200
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1 and not set(workbook.worksheets[0].title) & set("[]:*?/\\")
    assert workbook.worksheets[0].max_row == 6
