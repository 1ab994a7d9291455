"""Every party's view of a round, the home page's matching section, and the remaining endpoints."""

from chanjiao.matching.models import ExpertInvitation
from chanjiao.matching.services import publish_round, run_round
from chanjiao.registry.models import Teacher
from factories import client_for, make_user


def test_each_party_sees_its_own_section_of_the_round_page(closed_round):
    m = closed_round
    url = f"/matching/rounds/{m['round'].pk}/"

    enterprise = client_for(m["enterprise_user"]).get(url).content.decode()
    school = client_for(m["other_school_user"]).get(url).content.decode()
    student = client_for(m["student_user"]).get(url).content.decode()

    assert "Our positions" in enterprise and "车工实习" in enterprise and "Run the round" not in enterprise
    assert "Our students" in school and "Coordination" not in school
    assert "2 positions on your list." in student and "Coordination" not in student
    assert client_for(m["nanjing_officer"]).get(url).status_code == 404


def test_an_enterprise_sees_an_empty_candidate_list_before_anyone_applies(matching_round):
    m = matching_round

    response = client_for(m["enterprise_user"]).get(
        f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos4'].pk}/candidates"
    )
    page = client_for(m["enterprise_user"]).get(
        f"/matching/rounds/{m['round'].pk}/positions/{m['pos4'].pk}/candidates/"
    )

    assert response.json() == []
    assert "No student has listed this position yet." in page.content.decode()


def test_the_overview_and_positions_through_the_api(closed_round):
    m = closed_round
    base = f"/api/matching/rounds/{m['round'].pk}"

    overview = client_for(m["officer"]).get(f"{base}/overview")
    refused = client_for(m["enterprise_user"]).get(f"{base}/overview")
    positions = client_for(m["student_user"]).get(f"{base}/positions?enterprise={m['enterprise'].pk}")
    outsider = client_for(m["nanjing_officer"]).get(f"{base}/positions")

    assert overview.status_code == 200
    assert {
        k: overview.json()[k]
        for k in ("positions", "seats", "students", "lists_submitted", "rankings_entered")
    } == {
        "positions": 4,
        "seats": 5,
        "students": 4,
        "lists_submitted": 4,
        "rankings_entered": 1,
    }
    assert refused.status_code == 403
    assert sorted(p["title"] for p in positions.json()["items"]) == ["车工学徒", "车工实习"]
    assert outsider.status_code == 404


def test_a_report_of_an_unknown_stage_is_refused(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])

    response = client_for(m["officer"]).get(f"/api/matching/rounds/{m['round'].pk}/report?stage=final")

    assert response.status_code == 422


def test_the_home_page_tells_students_and_enterprises_what_to_do(closed_round):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])

    student = client_for(m["student_user"]).get("/").content.decode()
    enterprise = client_for(m["enterprise_user"]).get("/").content.decode()
    outsider = client_for(m["nanjing_officer"]).get("/").content.decode()

    assert 'id="matching-panel"' in student and "1 offer awaits your answer." in student
    assert "1 offer awaits your answer." in enterprise
    assert 'id="matching-panel"' not in outsider


def test_experts_see_their_invitations_and_enterprises_theirs(world):
    from chanjiao.docking.models import TechnicalNeed

    expert = Teacher.objects.create(
        name="孙老师",
        organisation=world["school"],
        expertise="数控",
        user=make_user("teacher", world["school"], "sun"),
    )
    need = TechnicalNeed.objects.create(
        enterprise=world["enterprise"],
        title="精度提升",
        description="数控精度",
        region_id=world["enterprise"].region_id,
    )
    ExpertInvitation.objects.create(need=need, expert=expert)

    mine = client_for(expert.user).get("/api/matching/invitations").json()["items"]
    owner = (
        client_for(world["enterprise_user"]).get("/api/matching/invitations?status=pending").json()["items"]
    )
    other = client_for(world["other_enterprise_user"]).get("/api/matching/invitations").json()["items"]
    home = client_for(expert.user).get("/").content.decode()

    assert [i["need_id"] for i in mine] == [need.pk] and [i["need_id"] for i in owner] == [need.pk]
    assert other == []
    assert "Expert invitations" in home and "精度提升" in home
