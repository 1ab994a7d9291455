"""Partner suggestions for colleges and enterprises, and expert matching for technical needs:
scored, explained, and only for those entitled to them."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.docking.models import NeedExpert, TechnicalNeed
from chanjiao.matching.models import ExpertInvitation, Placement
from chanjiao.registry.models import Teacher
from factories import client_for, make_org, make_program, make_student, make_user


def test_a_college_gets_enterprises_to_approach_with_reasons(market):
    response = client_for(market["school_user"]).get(f"/api/matching/partners/{market['school'].pk}")

    suggestions = response.json()
    assert [s["organisation_id"] for s in suggestions] == [
        market["enterprise"].pk,
        market["other_enterprise"].pk,
    ]
    first, second = suggestions
    assert first["components"]["fit"] == pytest.approx(1.0)
    assert second["components"]["fit"] == pytest.approx(0.25)
    assert first["components"]["proximity"] == 1.0
    assert first["components"]["outcomes"] == 0.5
    assert first["relevance"] == pytest.approx(0.4 + 0.2 + 0.2 * 2 / 4.5 + 0.2 * 0.5)
    assert second["redundancy_penalty"] == pytest.approx(0.1)
    assert first["reasons"][:2] == ["Demand fits: 车工 (fit 1.00).", "Location: same district or county."]
    assert (
        "Posted 2 internship, apprenticeship and order-class seats in the last two years." in first["reasons"]
    )


def test_well_known_partners_pay_a_popularity_penalty_so_others_get_a_chance(market):
    busy_school = make_org("school", "苏州第三职业学院")
    for school in (market["school"], busy_school):
        program = make_program(school, code=f"P{school.pk}", name="数控")
        for _ in range(3):
            Placement.objects.create(
                student=make_student(program),
                enterprise=market["enterprise"],
                year=2024,
                start_date="2024-07-01",
                end_date="2024-12-31",
                status="completed",
            )

    suggestions = client_for(market["officer"]).get(f"/api/matching/partners/{market['school'].pk}").json()

    famous = next(s for s in suggestions if s["organisation_id"] == market["enterprise"].pk)
    assert famous["popularity_penalty"] == pytest.approx(0.15)
    assert famous["components"]["outcomes"] == pytest.approx((6 + 1) / (6 + 2))
    assert "6 of 6 ended placements were completed." in famous["reasons"]
    assert "Already cooperating: 3 placements together." in famous["reasons"]


def test_an_enterprise_gets_colleges_to_approach(market):
    page = client_for(market["enterprise_user"]).get("/matching/partners/")
    suggestions = (
        client_for(market["enterprise_user"]).get(f"/api/matching/partners/{market['enterprise'].pk}").json()
    )

    assert [s["organisation_id"] for s in suggestions] == [market["school"].pk, market["other_school"].pk]
    assert suggestions[0]["components"]["fit"] == pytest.approx(1.0)
    assert suggestions[1]["components"]["fit"] == 0.0
    assert page.status_code == 200 and "Colleges to approach" in page.content.decode()


def test_suggestions_are_for_the_organisation_itself_and_officers_in_scope(market):
    url = f"/api/matching/partners/{market['school'].pk}"

    assert client_for(market["other_school_user"]).get(url).status_code == 403
    assert client_for(market["nanjing_officer"]).get(url).status_code == 403
    assert client_for(market["officer"]).get(url).status_code == 200
    assert client_for(market["officer"]).get("/api/matching/partners/999999").status_code == 404
    assert client_for(market["officer"]).get(f"{url}?top=0").status_code == 422
    assert client_for(market["student_user"]).get("/matching/partners/").status_code == 403


@pytest.fixture
def need(world):
    """An open need of `enterprise`, a machining teacher who signs in, an accountant, a researcher
    who once solved a similar need, and the enterprise's own mentor (not an outside expert)."""
    machining = Teacher.objects.create(
        name="孙老师",
        organisation=world["school"],
        expertise="数控编程、机械制图、数控加工工艺",
        user=make_user(Role.TEACHER, world["school"], "sun"),
    )
    accountant = Teacher.objects.create(
        name="周老师", organisation=world["other_school"], expertise="会计、审计"
    )
    institute = make_org("research", "苏州精密制造研究院")
    researcher = Teacher.objects.create(
        name="吴研究员",
        organisation=institute,
        expertise="工业机器人",
        user=make_user(Role.TEACHER, institute, "wu"),
    )
    solved = TechnicalNeed.objects.create(
        enterprise=world["other_enterprise"],
        title="机床加工精度检测",
        description="检测机床加工精度",
        region_id=world["other_enterprise"].region_id,
        status="solved",
    )
    NeedExpert.objects.create(need=solved, expert=researcher)
    open_need = TechnicalNeed.objects.create(
        enterprise=world["enterprise"],
        title="数控机床加工精度提升",
        field="数控加工",
        description="提升数控机床的加工精度",
        region_id=world["enterprise"].region_id,
    )
    return {
        **world,
        "need": open_need,
        "machining": machining,
        "accountant": accountant,
        "researcher": researcher,
    }


def test_experts_are_suggested_by_expertise_and_past_needs_with_reasons(need):
    response = client_for(need["enterprise_user"]).get(f"/api/matching/needs/{need['need'].pk}/experts")

    suggestions = response.json()
    # the researcher solved a need much like this one; the teacher's stated expertise matches
    assert [s["expert_id"] for s in suggestions] == [need["researcher"].pk, need["machining"].pk]
    assert suggestions[1]["reasons"] == ["Expertise: 数控加工工艺、数控编程."]
    assert suggestions[0]["reasons"] == [
        "Helped solve a similar need: 机床加工精度检测.",
        "Helped solve 1 technical need.",
    ]
    assert need["mentor"].pk not in [s["expert_id"] for s in suggestions]


def test_the_enterprise_invites_and_the_first_expert_to_accept_matches_the_need(need, send):
    enterprise = client_for(need["enterprise_user"])
    url = f"/api/matching/needs/{need['need'].pk}/invitations"

    first = send(enterprise, "post", url, {"expert": need["machining"].pk, "message": "请来看看"})
    second = send(enterprise, "post", url, {"expert": need["researcher"].pk})
    accepted = send(
        client_for(need["machining"].user),
        "post",
        f"/api/matching/invitations/{first.json()['id']}/respond",
        {"decision": "accept", "note": "下周到厂"},
    )
    late = send(
        client_for(need["researcher"].user),
        "post",
        f"/api/matching/invitations/{second.json()['id']}/respond",
        {"decision": "accept"},
    )

    assert first.status_code == 201 and first.json()["reasons"] == ["Expertise: 数控加工工艺、数控编程."]
    assert accepted.json()["status"] == "accepted"
    need["need"].refresh_from_db()
    assert need["need"].status == "matched"
    assert list(NeedExpert.objects.filter(need=need["need"]).values_list("expert_id", flat=True)) == [
        need["machining"].pk
    ]
    assert late.status_code == 422
    assert ExpertInvitation.objects.get(pk=second.json()["id"]).status == "lapsed"


def test_invitations_go_to_outside_experts_once_and_only_from_the_need_s_enterprise(need, send):
    url = f"/api/matching/needs/{need['need'].pk}/invitations"
    enterprise = client_for(need["enterprise_user"])
    send(enterprise, "post", url, {"expert": need["machining"].pk})

    twice = send(enterprise, "post", url, {"expert": need["machining"].pk})
    mentor = send(enterprise, "post", url, {"expert": need["mentor"].pk})
    unknown = send(enterprise, "post", url, {"expert": 999999})
    other = send(client_for(need["other_enterprise_user"]), "post", url, {"expert": need["accountant"].pk})

    assert twice.status_code == 422 and "already been invited" in twice.json()["detail"][0]["msg"]
    assert (mentor.status_code, mentor.json()["detail"][0]["loc"]) == (422, ["body", "expert"])
    assert unknown.status_code == 422
    assert other.status_code == 403
    assert ExpertInvitation.objects.count() == 1


def test_only_the_invited_expert_answers_and_the_enterprise_may_withdraw(need, send):
    enterprise = client_for(need["enterprise_user"])
    invitation = send(
        enterprise,
        "post",
        f"/api/matching/needs/{need['need'].pk}/invitations",
        {"expert": need["machining"].pk},
    ).json()

    stranger = send(
        client_for(need["researcher"].user),
        "post",
        f"/api/matching/invitations/{invitation['id']}/respond",
        {"decision": "accept"},
    )
    enterprise_answers = send(
        enterprise, "post", f"/api/matching/invitations/{invitation['id']}/respond", {"decision": "accept"}
    )
    withdrawn = send(enterprise, "post", f"/api/matching/invitations/{invitation['id']}/withdraw")
    answered_late = send(
        client_for(need["machining"].user),
        "post",
        f"/api/matching/invitations/{invitation['id']}/respond",
        {"decision": "accept"},
    )

    assert (stranger.status_code, enterprise_answers.status_code) == (404, 403)
    assert withdrawn.json()["status"] == "withdrawn"
    assert answered_late.status_code == 422
    need["need"].refresh_from_db()
    assert need["need"].status == "open"


def test_experts_answer_invitations_on_their_page(need):
    invitation = ExpertInvitation.objects.create(need=need["need"], expert=need["machining"])
    client = client_for(need["machining"].user)

    page = client.get("/matching/invitations/").content.decode()
    response = client.post(
        f"/matching/invitations/{invitation.pk}/respond/", {"decision": "decline", "note": "没空"}
    )
    enterprise_page = (
        client_for(need["enterprise_user"])
        .get(f"/matching/needs/{need['need'].pk}/experts/")
        .content.decode()
    )

    assert need["need"].title in page and "Accept" in page
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.response_note) == ("declined", "没空")
    assert "孙老师" in enterprise_page and "Declined" in enterprise_page


def test_the_enterprise_invites_from_the_suggestions_page(need):
    client = client_for(need["enterprise_user"])

    response = client.post(
        f"/matching/needs/{need['need'].pk}/experts/", {"expert": need["machining"].pk, "message": ""}
    )

    assert response.status_code == 302
    invitation = ExpertInvitation.objects.get()
    assert (invitation.expert, invitation.invited_by, round(invitation.score, 3) > 0) == (
        need["machining"],
        need["enterprise_user"],
        True,
    )
    assert (
        client_for(need["other_enterprise_user"])
        .get(f"/matching/needs/{need['need'].pk}/experts/")
        .status_code
        == 403
    )
