"""Designing questionnaires through the web pages and the API: template, constructs, items, model."""

import json

from chanjiao.accounts.models import Role
from chanjiao.surveys.models import Construct, Item, Questionnaire
from factories import client_for, make_org, make_user


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_seed_template_becomes_a_questionnaire_in_one_click(world):
    client = client_for(world["officer"])

    response = client.post("/surveys/templates/", {"template": "seed001"})

    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/surveys/{questionnaire.pk}/"
    assert questionnaire.owner == world["suzhou_bureau"]
    assert [c.code for c in questionnaire.constructs.all()] == ["EP", "CG", "SS", "TQ"]
    assert questionnaire.items.count() == 20
    assert list(questionnaire.items.filter(reverse_keyed=True).values_list("code", flat=True)) == [
        "EP5",
        "SS5",
    ]
    assert questionnaire.satisfaction_construct.code == "SS"
    assert questionnaire.target_groups == ["enterprise_hr", "teacher", "student", "official"]
    assert questionnaire.model_syntax.splitlines()[-2:] == ["SS ~ EP + CG", "TQ ~ SS + EP + CG"]
    page = client.get(f"/surveys/{questionnaire.pk}/").content.decode()
    assert "企业参与度" not in page and "Enterprise participation" in page and "reverse-keyed" in page


def test_a_template_with_a_bad_owner_is_refused(world):
    client = client_for(make_user("admin", username="root"))  # may name any organisation

    for owner in ("abc", "999999", ""):
        response = client.post("/surveys/templates/", {"template": "seed001", "owner": owner})
        assert response.status_code == 400
        assert "Choose the organisation that will own the questionnaire." in response.content.decode()
    assert not Questionnaire.objects.exists()


def test_template_through_the_api_and_unknown_template(world):
    client = client_for(world["school_user"])

    made = send(client, "post", "/api/surveys/templates/seed001/use", {})
    unknown = send(client, "post", "/api/surveys/templates/seed999/use", {})

    assert made.status_code == 201 and made.json()["owner_id"] == world["school"].pk
    assert len(made.json()["items"]) == 20
    assert unknown.status_code == 422 and "Unknown template 'seed999'" in unknown.json()["detail"][0]["msg"]
    assert Questionnaire.objects.count() == 1


def test_design_a_questionnaire_with_constructs_and_every_item_kind(world):
    client = client_for(world["school_user"])
    created = client.post(
        "/surveys/new/",
        {"title_zh": "实习满意度", "title_en": "Internship satisfaction", "target_groups": ["student"], "scale_points": 7,
         "reminder_after_days": 5, "distributed_outside": 0, "max_missing": 0, "screen_too_fast": "on"},
    )  # fmt: skip
    questionnaire = Questionnaire.objects.get()
    construct = client.post(
        f"/surveys/{questionnaire.pk}/constructs/new/", {"code": "SAT", "name_zh": "满意度", "position": 1}
    )
    sat = Construct.objects.get()
    likert = client.post(
        f"/surveys/{questionnaire.pk}/items/new/",
        {
            "construct": sat.pk,
            "code": "SAT1",
            "kind": "likert",
            "text_zh": "我对实习满意",
            "required": "on",
            "position": 1,
        },
    )
    choice = client.post(
        f"/surveys/{questionnaire.pk}/items/new/",
        {
            "code": "GENDER",
            "kind": "choice",
            "text_en": "Gender",
            "options": "女 | Female\n男 | Male",
            "position": 2,
        },
    )
    number = client.post(
        f"/surveys/{questionnaire.pk}/items/new/",
        {
            "code": "MONTHS",
            "kind": "number",
            "text_en": "Months of internship",
            "min_value": 0,
            "max_value": 36,
        },
    )
    text = client.post(
        f"/surveys/{questionnaire.pk}/items/new/", {"code": "NOTE", "kind": "text", "text_zh": "建议"}
    )

    assert [r.status_code for r in (created, construct, likert, choice, number, text)] == [302] * 6
    assert (questionnaire.owner, questionnaire.scale_points, questionnaire.target_groups) == (
        world["school"],
        7,
        ["student"],
    )
    assert list(questionnaire.items.values_list("code", "kind")) == [
        ("SAT1", "likert"),
        ("GENDER", "choice"),
        ("MONTHS", "number"),
        ("NOTE", "text"),
    ]
    assert Item.objects.get(code="GENDER").options == [
        {"zh": "女", "en": "Female"},
        {"zh": "男", "en": "Male"},
    ]


def test_bad_items_are_refused_naming_the_field_and_nothing_is_saved(survey, world):
    client = client_for(world["officer"])
    ep = survey.constructs.get(code="EP")

    duplicate = client.post(
        f"/surveys/{survey.pk}/items/new/", {"code": "EP1", "kind": "likert", "text_en": "x"}
    )
    clash = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "SS", "kind": "likert", "text_en": "x"},
    )
    bad_code = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "1st", "kind": "text", "text_en": "x"},
    )
    one_option = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "ROLE", "kind": "choice", "text_en": "Role", "options": ["HR"]},
    )  # fmt: skip
    choice_in_construct = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "ROLE", "kind": "choice", "text_en": "Role", "options": ["HR", "Tech"], "construct_id": ep.pk},
    )  # fmt: skip
    no_text = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/items", {"code": "EP6", "kind": "likert"}
    )

    assert (
        duplicate.status_code == 400 and "already used by a construct or item" in duplicate.content.decode()
    )
    assert clash.status_code == 422 and clash.json()["detail"][0]["loc"] == ["body", "code"]
    assert bad_code.status_code == 422 and "starting with a letter" in bad_code.json()["detail"][0]["msg"]
    assert one_option.json()["detail"] == [
        {"loc": ["body", "options"], "msg": "A choice item needs at least two options."}
    ]
    assert choice_in_construct.json()["detail"] == [
        {"loc": ["body", "construct"], "msg": "Only Likert items measure a construct."}
    ]
    assert no_text.json()["detail"][0]["loc"] == ["body", "text_zh"]
    assert survey.items.count() == 20


def test_constructs_and_items_through_the_api(survey, world):
    client = client_for(world["officer"])

    construct = send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/constructs",
        {"code": "IN", "name_en": "Intention"},
    )
    item = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "IN1", "kind": "likert", "text_en": "I will continue", "construct_id": construct.json()["id"]},
    )  # fmt: skip
    renamed = send(client, "patch", f"/api/surveys/items/{item.json()['id']}", {"text_zh": "我会继续合作"})
    deleted = client.delete(f"/api/surveys/items/{item.json()['id']}")
    construct_gone = client.delete(f"/api/surveys/constructs/{construct.json()['id']}")

    assert construct.status_code == 201 and item.status_code == 201
    assert renamed.json()["text_zh"] == "我会继续合作" and renamed.json()["text_en"] == "I will continue"
    assert (deleted.status_code, construct_gone.status_code) == (204, 204)
    assert survey.items.count() == 20 and survey.constructs.count() == 4


def test_model_syntax_mistakes_name_the_line_and_change_nothing(survey, world):
    client = client_for(world["officer"])
    before = survey.model_syntax

    bad_operator = client.post(
        f"/surveys/{survey.pk}/model/",
        {"action": "syntax", "model_syntax": "EP =~ EP1 + EP2\nSS =~ SS1 + SS2\nSS <- EP"},
    )
    unknown_item = send(
        client, "put", f"/api/surveys/questionnaires/{survey.pk}/model",
        {"syntax": "EP =~ EP1 + EP2 + EP3\n# comment\nSS =~ SS1 + SS9"},
    )  # fmt: skip
    modifier = send(
        client, "put", f"/api/surveys/questionnaires/{survey.pk}/model", {"syntax": "EP =~ EP1 + 0.5*EP2"}
    )

    assert bad_operator.status_code == 400
    assert "line 3: operator &#x27;&lt;&#x27; is not supported" in bad_operator.content.decode()
    assert unknown_item.status_code == 422
    assert unknown_item.json()["detail"][0]["msg"].startswith(
        "line 3: 'SS9' is not an item of this questionnaire (Likert items: EP1, EP2"
    )
    assert (
        modifier.json()["detail"][0]["msg"]
        == "line 1: modifiers such as '0.5*EP2' are not supported; write plain names"
    )
    survey.refresh_from_db()
    assert survey.model_syntax == before


def test_choice_items_cannot_be_modelled(survey, world):
    client = client_for(world["officer"])
    send(
        client,
        "post",
        f"/api/surveys/questionnaires/{survey.pk}/items",
        {"code": "ROLE", "kind": "choice", "text_en": "Role", "options": ["HR", "Tech"]},
    )

    response = send(
        client, "put", f"/api/surveys/questionnaires/{survey.pk}/model", {"syntax": "EP =~ EP1 + ROLE"}
    )

    assert (
        response.json()["detail"][0]["msg"]
        == "line 1: 'ROLE' is a choice item; only Likert items can be modelled"
    )


def test_the_model_form_writes_the_syntax_from_items_and_paths(survey, world):
    client = client_for(world["officer"])
    items = [f"{c}{n}" for c in ("EP", "SS") for n in range(1, 5)]

    web = client.post(f"/surveys/{survey.pk}/model/", {"action": "build", "items": items, "paths": ["SS~EP"]})
    survey.refresh_from_db()
    web_syntax = survey.model_syntax
    api = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/model/build",
        {"items": ["CG1", "CG2", "TQ1", "TQ2", "TQ3"], "paths": [{"outcome": "TQ", "predictor": "CG"}]},
    )  # fmt: skip
    orphan_path = send(
        client, "post", f"/api/surveys/questionnaires/{survey.pk}/model/build",
        {"items": ["CG1", "CG2"], "paths": [{"outcome": "TQ", "predictor": "CG"}]},
    )  # fmt: skip

    assert web.status_code == 302
    assert web_syntax == "EP =~ EP1 + EP2 + EP3 + EP4\nSS =~ SS1 + SS2 + SS3 + SS4\nSS ~ EP"
    assert api.json() == {
        "syntax": "CG =~ CG1 + CG2\nTQ =~ TQ1 + TQ2 + TQ3\nTQ ~ CG",
        "constructs": {"CG": ["CG1", "CG2"], "TQ": ["TQ1", "TQ2", "TQ3"]},
        "paths": [{"outcome": "TQ", "predictor": "CG"}],
        "covariances": [],
    }
    assert orphan_path.status_code == 422
    assert orphan_path.json()["detail"][0]["msg"] == "path TQ ~ CG: construct 'TQ' has no item in the model"


def test_answered_questionnaires_keep_what_their_items_measure(survey, world, answer):
    answer(survey, 5)
    client = client_for(world["officer"])
    item = survey.items.get(code="EP1")

    recode = send(client, "patch", f"/api/surveys/items/{item.pk}", {"reverse_keyed": True})
    reword = send(client, "patch", f"/api/surveys/items/{item.pk}", {"text_en": "Co-designs programs."})
    add = client.post(f"/surveys/{survey.pk}/items/new/", {"code": "EP6", "kind": "likert", "text_en": "x"})
    delete = client.post(f"/surveys/items/{item.pk}/delete/")
    rescale = send(client, "patch", f"/api/surveys/questionnaires/{survey.pk}", {"scale_points": 7})

    assert recode.status_code == 422 and "already has responses" in recode.json()["detail"][0]["msg"]
    assert reword.status_code == 200
    assert add.status_code == 400 and "already has responses" in add.content.decode()
    assert delete.status_code == 302 and survey.items.filter(code="EP1").exists()
    assert rescale.status_code == 422
    item.refresh_from_db()
    survey.refresh_from_db()
    assert (item.reverse_keyed, item.text_en, survey.scale_points) == (False, "Co-designs programs.", 5)


def test_settings_validate_dates_and_title(survey, world):
    client = client_for(world["officer"])

    backwards = send(
        client, "patch", f"/api/surveys/questionnaires/{survey.pk}",
        {"opens_at": "2025-10-01T09:00:00+08:00", "closes_at": "2025-09-01T09:00:00+08:00"},
    )  # fmt: skip
    untitled = send(
        client, "patch", f"/api/surveys/questionnaires/{survey.pk}", {"title_zh": "", "title_en": ""}
    )
    foreign_construct = send(
        client, "patch", f"/api/surveys/questionnaires/{survey.pk}", {"satisfaction_construct": 999999}
    )

    assert backwards.json()["detail"] == [
        {"loc": ["body", "closes_at"], "msg": "The questionnaire must close after it opens."}
    ]
    assert untitled.json()["detail"][0]["loc"] == ["body", "title_zh"]
    assert foreign_construct.json()["detail"][0]["loc"] == ["body", "satisfaction_construct"]


def test_who_sees_and_changes_a_questionnaire(survey, world):
    school_survey = Questionnaire.objects.create(owner=world["school"], title_en="School's own")
    association = make_org("association", "苏州市制造业协会")
    association_user = make_user(Role.ASSOCIATION, association, "association_user")

    officer_list = client_for(world["officer"]).get("/api/surveys/questionnaires").json()["items"]
    school_list = client_for(world["school_user"]).get("/api/surveys/questionnaires").json()["items"]
    enterprise = client_for(world["enterprise_user"]).get(f"/surveys/{survey.pk}/")
    enterprise_api = client_for(world["enterprise_user"]).get(f"/api/surveys/questionnaires/{survey.pk}")
    nanjing = client_for(world["nanjing_officer"]).get(f"/surveys/{survey.pk}/")
    officer_views_school = client_for(world["officer"]).get(f"/surveys/{school_survey.pk}/")
    officer_edits_school = send(
        client_for(world["officer"]),
        "patch",
        f"/api/surveys/questionnaires/{school_survey.pk}",
        {"title_en": "Mine"},
    )
    other_school = client_for(world["other_school_user"]).get(f"/surveys/{school_survey.pk}/")
    enterprise_creates = client_for(world["enterprise_user"]).post("/surveys/new/", {"title_en": "x"})
    association_creates = send(
        client_for(association_user), "post", "/api/surveys/questionnaires", {"title_en": "Members survey"}
    )

    assert {q["id"] for q in officer_list} == {survey.pk, school_survey.pk}
    assert [q["id"] for q in school_list] == [school_survey.pk]
    assert (enterprise.status_code, enterprise_api.status_code, nanjing.status_code) == (404, 404, 404)
    assert officer_views_school.status_code == 200 and "Settings" not in officer_views_school.content.decode()
    assert officer_edits_school.status_code == 403
    assert other_school.status_code == 404
    assert enterprise_creates.status_code == 403
    assert association_creates.status_code == 201 and association_creates.json()["owner_id"] == association.pk
    school_survey.refresh_from_db()
    assert school_survey.title_en == "School's own"


def test_the_home_page_lists_an_owners_questionnaires(survey, world):
    officer_home = client_for(world["officer"]).get("/").content.decode()
    enterprise_home = client_for(world["enterprise_user"]).get("/").content.decode()

    assert 'id="surveys-panel"' in officer_home and f'href="/surveys/{survey.pk}/"' in officer_home
    assert 'id="surveys-panel"' not in enterprise_home
