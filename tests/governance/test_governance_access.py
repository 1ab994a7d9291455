"""Agreements and council business are acted on only by the organisations' representatives: a
teacher of a party school or a mentor of a member enterprise neither signs nor votes for it."""

from chanjiao.accounts.models import Role
from chanjiao.governance.models import AgreementSignature, Council, Motion, Vote
from factories import client_for, make_user


def test_teachers_and_mentors_of_a_party_neither_see_nor_sign_its_agreement(world, agreement_payload, send):
    created = send(
        client_for(world["school_user"]), "post", "/api/governance/agreements", agreement_payload()
    )
    url = f"/api/governance/agreements/{created.json()['id']}"
    teacher = client_for(make_user(Role.TEACHER, world["school"], "teacher_user"))
    mentor = client_for(make_user(Role.TEACHER, world["enterprise"], "mentor_user"))

    refused = [
        teacher.get(url).status_code,
        send(teacher, "post", f"{url}/sign").status_code,
        send(mentor, "post", f"{url}/sign").status_code,
        send(mentor, "post", "/api/governance/agreements", agreement_payload()).status_code,
        send(client_for(world["admin"]), "post", f"{url}/sign").status_code,
    ]

    assert created.status_code == 201
    assert refused == [404, 404, 404, 403, 403]
    assert AgreementSignature.objects.filter(organisation=world["enterprise"]).count() == 0


def test_a_mentor_of_a_member_enterprise_does_not_vote_for_it(world, send):
    council = Council.objects.create(carrier=world["carrier"], name="产业学院理事会")
    school = client_for(world["school_user"])
    meeting = send(
        school,
        "post",
        f"/api/governance/councils/{council.pk}/meetings",
        {"title": "理事会", "held_on": "2025-06-18", "agenda": "专业设置"},
    ).json()
    motion = send(
        school,
        "post",
        f"/api/governance/meetings/{meeting['id']}/motions",
        {"kind": "curriculum", "title": "x", "text": "x"},
    ).json()
    mentor = client_for(make_user(Role.TEACHER, world["enterprise"], "mentor_user"))

    refused = [
        send(mentor, "post", f"/api/governance/motions/{motion['id']}/votes", {"choice": "yes"}).status_code,
        mentor.get(f"/api/governance/councils/{council.pk}/meetings").status_code,
        send(
            client_for(world["admin"]),
            "post",
            f"/api/governance/motions/{motion['id']}/votes",
            {"choice": "no"},
        ).status_code,
    ]
    voted = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/governance/motions/{motion['id']}/votes",
        {"choice": "yes"},
    )

    assert refused == [404, 403, 403]
    assert voted.status_code == 200
    assert list(Vote.objects.values_list("organisation_id", flat=True)) == [world["enterprise"].pk]
    assert Motion.objects.get().status == "open"


def test_the_agreements_menu_entry_is_for_organisations_and_officers(world):
    student = client_for(world["student_user"]).get("/").content.decode()
    school = client_for(world["school_user"]).get("/").content.decode()

    assert 'href="/governance/agreements/"' not in student
    assert 'href="/governance/agreements/"' in school
