"""Councils: seats by organisation kind with the enterprise-seat check, meetings with agenda and
minutes, motions voted by members with quorum and majority rules, results visible to members only."""

import pytest

from chanjiao.governance.models import Council, Motion, Vote
from chanjiao.registry.models import CarrierMember
from factories import client_for
from web.visible_text import visible_text_problems


@pytest.fixture
def council(world):
    """The industrial college's council: the school holds 3 seats, each enterprise 1, the Suzhou
    education bureau 1 (2 enterprise seats of 6)."""
    CarrierMember.objects.filter(carrier=world["carrier"], organisation=world["school"]).update(
        council_seats=3
    )
    CarrierMember.objects.create(
        carrier=world["carrier"], organisation=world["suzhou_bureau"], role="member", council_seats=1
    )
    return Council.objects.create(carrier=world["carrier"], name="产业学院理事会")


@pytest.fixture
def meeting(world, council, send):
    school = client_for(world["school_user"])
    return send(
        school,
        "post",
        f"/api/governance/councils/{council.pk}/meetings",
        {"title": "2025年第一次理事会", "held_on": "2025-06-18", "agenda": "一、专业设置\n二、经费使用"},
    ).json()


def motion(world, meeting, send, kind):
    body = {"kind": kind, "title": f"{kind} motion", "text": "议案全文"}
    return send(
        client_for(world["school_user"]), "post", f"/api/governance/meetings/{meeting['id']}/motions", body
    ).json()


def vote(world, send, motion_id, votes):
    for user, choice in votes.items():
        assert (
            send(
                client_for(world[user]),
                "post",
                f"/api/governance/motions/{motion_id}/votes",
                {"choice": choice},
            ).status_code
            == 200
        )


def test_the_lead_constitutes_the_council_and_the_seat_check_warns(world, send, error_fields):
    CarrierMember.objects.create(
        carrier=world["carrier"], organisation=world["suzhou_bureau"], role="member", council_seats=1
    )
    CarrierMember.objects.filter(carrier=world["carrier"], organisation=world["school"]).update(
        council_seats=3
    )
    payload = {"carrier": world["carrier"].pk, "name": "产业学院理事会", "established_on": "2024-09-01"}

    by_member = send(client_for(world["enterprise_user"]), "post", "/api/governance/councils", payload)
    by_nanjing = send(client_for(world["nanjing_officer"]), "post", "/api/governance/councils", payload)
    created = send(client_for(world["school_user"]), "post", "/api/governance/councils", payload)
    twice = send(client_for(world["officer"]), "post", "/api/governance/councils", payload)

    assert (by_member.status_code, by_nanjing.status_code, created.status_code, error_fields(twice)) == (
        403,
        403,
        201,
        ["carrier"],
    )
    composition = created.json()["composition"]
    assert {k: v for k, v in composition["seats_by_kind"].items() if v} == {
        "enterprise": 2,
        "school": 3,
        "government": 1,
    }
    assert (composition["compliant"], composition["warning"]) == (
        False,
        "enterprise seats are 2 of 6 (33.33 %), below the 40.00 % minimum: add 1 enterprise seats or give 1 existing seats to enterprises",
    )
    page = (
        client_for(world["student_user"])
        .get(f"/governance/councils/{created.json()['id']}/")
        .content.decode()
    )
    assert (
        'id="seat-warning"' in page
        and "Meetings, motions and results are visible to the council's members." in page
    )


def test_a_council_votes_and_the_result_is_recorded(world, meeting, send):
    curriculum = motion(world, meeting, send, "curriculum")
    vote(
        world,
        send,
        curriculum["id"],
        {"school_user": "yes", "enterprise_user": "yes", "other_enterprise_user": "no"},
    )

    closed = send(
        client_for(world["school_user"]), "post", f"/api/governance/motions/{curriculum['id']}/close"
    ).json()

    assert (
        closed["outcome"],
        closed["seats"],
        closed["present"],
        closed["yes"],
        closed["no"],
        closed["policy_version"],
    ) == ("passed", 6, 5, 4, 1, 1)
    assert closed["reason"] == (
        "passed: 4 yes of 5 members present (80.00 %), needs more than half; quorum met: 5 of 6 members present, needs 2/3 = 4"
    )
    assert (
        client_for(world["other_enterprise_user"]).get(f"/governance/motions/{curriculum['id']}/").status_code
        == 200
    )


def test_use_of_funds_needs_two_thirds_and_a_meeting_needs_a_quorum(world, meeting, send):
    funds = motion(world, meeting, send, "use_of_funds")
    vote(
        world,
        send,
        funds["id"],
        {"school_user": "yes", "enterprise_user": "no", "other_enterprise_user": "no"},
    )
    thin = motion(world, meeting, send, "program_setting")
    vote(world, send, thin["id"], {"enterprise_user": "yes", "officer": "yes"})
    school = client_for(world["school_user"])

    rejected = send(school, "post", f"/api/governance/motions/{funds['id']}/close").json()
    no_quorum = send(school, "post", f"/api/governance/motions/{thin['id']}/close").json()

    assert (rejected["outcome"], rejected["rule"], rejected["yes"]) == ("rejected", "two_thirds", 3)
    assert (no_quorum["outcome"], no_quorum["present"]) == ("no_quorum", 2)


def test_only_members_see_council_business_and_only_seat_holders_vote(world, council, meeting, send):
    open_motion = motion(world, meeting, send, "curriculum")
    url = f"/api/governance/motions/{open_motion['id']}"
    CarrierMember.objects.create(
        carrier=world["carrier"], organisation=world["other_school"], role="observer", council_seats=0
    )

    hidden = [
        client_for(world["nanjing_officer"]).get(url).status_code,
        client_for(world["student_user"]).get(url).status_code,
        client_for(world["student_user"]).get(f"/governance/meetings/{meeting['id']}/").status_code,
        client_for(world["nanjing_officer"])
        .get(f"/api/governance/councils/{council.pk}/meetings")
        .status_code,
    ]
    observer = send(client_for(world["other_school_user"]), "post", f"{url}/votes", {"choice": "yes"})
    outsider = send(client_for(world["nanjing_officer"]), "post", f"{url}/votes", {"choice": "yes"})
    bad_choice = send(client_for(world["enterprise_user"]), "post", f"{url}/votes", {"choice": "maybe"})
    closed_by_member = send(client_for(world["enterprise_user"]), "post", f"{url}/close")
    motion_by_member = send(
        client_for(world["enterprise_user"]),
        "post",
        f"/api/governance/meetings/{meeting['id']}/motions",
        {"kind": "curriculum", "title": "x", "text": "x"},
    )

    assert hidden == [404, 404, 404, 403]
    assert [r.status_code for r in (observer, outsider, bad_choice, closed_by_member, motion_by_member)] == [
        403,
        404,
        422,
        403,
        403,
    ]
    assert Vote.objects.count() == 0
    assert client_for(world["other_school_user"]).get(url).status_code == 200  # an observer member sees

    send(client_for(world["school_user"]), "post", f"{url}/close")
    late = send(client_for(world["enterprise_user"]), "post", f"{url}/votes", {"choice": "yes"})
    assert late.status_code == 422
    assert Motion.objects.get().outcome == "no_quorum"


def test_the_council_pages(world, council, meeting, send):
    school = client_for(world["school_user"])
    created = school.post(
        f"/governance/meetings/{meeting['id']}/motions/new/",
        {"kind": "curriculum", "title": "新增5G基站维护课程", "text": "企业提出课程变更"},
    )
    motion_id = Motion.objects.get().pk
    voted = client_for(world["enterprise_user"]).post(
        f"/governance/motions/{motion_id}/vote/", {"choice": "yes"}
    )
    minutes = school.post(
        f"/governance/meetings/{meeting['id']}/minutes/", {"minutes": "会议审议通过课程变更议案。"}
    )
    closed = school.post(f"/governance/motions/{motion_id}/close/")

    meeting_page = (
        client_for(world["enterprise_user"]).get(f"/governance/meetings/{meeting['id']}/").content.decode()
    )
    motion_page = (
        client_for(world["enterprise_user"]).get(f"/governance/motions/{motion_id}/").content.decode()
    )
    listed = client_for(world["enterprise_user"]).get("/governance/councils/").content.decode()

    assert [r.status_code for r in (created, voted, minutes, closed)] == [302, 302, 302, 302]
    assert "会议审议通过课程变更议案。" in meeting_page and "新增5G基站维护课程" in meeting_page
    assert 'id="result"' in motion_page and "no_quorum" in motion_page
    assert "产业学院理事会" in listed and "below the minimum" in listed


def test_the_council_list_is_paginated_like_every_list_with_each_composition(world, council):
    body = client_for(world["officer"]).get("/api/governance/councils?page_size=1").json()

    assert body["count"] == 1 and [c["name"] for c in body["items"]] == ["产业学院理事会"]
    assert {k: v for k, v in body["items"][0]["composition"]["seats_by_kind"].items() if v} == {
        "enterprise": 2,
        "school": 3,
        "government": 1,
    }


def test_a_chinese_reader_sees_the_seat_warning_and_the_result_in_chinese(world, council, meeting, send):
    curriculum = send(
        client_for(world["school_user"]),
        "post",
        f"/api/governance/meetings/{meeting['id']}/motions",
        {"kind": "curriculum", "title": "新增工业机器人课程", "text": "议案全文"},
    ).json()
    vote(
        world,
        send,
        curriculum["id"],
        {"school_user": "yes", "enterprise_user": "yes", "other_enterprise_user": "no"},
    )
    send(client_for(world["school_user"]), "post", f"/api/governance/motions/{curriculum['id']}/close")
    reader = client_for(world["enterprise_user"])
    world["enterprise_user"].display_name = "人力资源部 陈经理"  # names the header shows
    world["enterprise_user"].save()
    world["carrier"].name = "智能制造产业学院"
    world["carrier"].save()
    reader.cookies["django_language"] = "zh-hans"

    council_page = reader.get(f"/governance/councils/{council.pk}/").content.decode()
    motion_page = reader.get(f"/governance/motions/{curriculum['id']}/").content.decode()

    assert (
        "企业席位 2 / 6（33.33%），低于 40.00% 的下限：增加 1 个企业席位，或将现有 1 个席位转给企业"
        in council_page
    )
    assert "<tr><th>企业</th><td>2</td></tr>" in council_page
    assert (
        "<strong>通过</strong>：出席的 5 个席位中赞成 4 票（80.00%），须过半数；已达法定人数：出席 5 / 6 个席位，须达 2/3 即 4 个"
        in motion_page
    )
    assert visible_text_problems(council_page) == []
    assert visible_text_problems(motion_page) == []
