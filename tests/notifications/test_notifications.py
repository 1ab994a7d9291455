"""Notifications: one's own notices only, read and marked read on the page and through the API,
kinds turned off, mail when the platform sends it, and the calendar export."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from chanjiao.accounts.models import Role
from chanjiao.notifications.calendar import calendar, escape, fold
from chanjiao.notifications.events import DatedEvent
from chanjiao.notifications.models import NoticePreference, Notification
from chanjiao.notifications.services import notify
from factories import client_for, make_user

TITLE = "Ranking for %(round)s closes on %(day)s."


@pytest.fixture
def people(world):
    return {
        "student": world["student_user"],
        "other": make_user(Role.STUDENT, world["school"], "other_student"),
        "admin": world["admin"],
    }


def send_to(user, **fields):
    sent = notify(
        user_ids=[user.pk],
        kind=fields.pop("kind", "deadline"),
        title=TITLE,
        params={"round": "苏州双选", "day": "2026-12-14"},
        url="/matching/rounds/1/",
        **fields,
    )
    return sent[0] if sent else None


def test_a_user_reads_their_notices_in_their_language_and_the_badge_counts_unread(people):
    send_to(people["student"])
    send_to(people["other"])
    client = client_for(people["student"])

    page = client.get("/notifications/").content.decode()
    badge = client.get("/notifications/badge/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    listed = client.get("/api/notifications").json()

    assert "Ranking for 苏州双选 closes on 2026-12-14." in page
    assert '<span class="badge" id="unread-badge"' in badge and ">1</span>" in badge
    assert listed["count"] == 1 and listed["items"][0]["read_at"] is None


def test_nobody_reads_or_marks_another_users_notice(people, django_assert_max_num_queries):
    notice = send_to(people["student"])

    for intruder in ("other", "admin"):
        client = client_for(people[intruder])
        with django_assert_max_num_queries(12):
            assert client.get("/api/notifications").json()["count"] == 0
        assert client.post(f"/notifications/{notice.pk}/read/").status_code == 404
        assert client.post(f"/api/notifications/{notice.pk}/read").status_code == 404
        assert client.post("/api/notifications/read-all").json() == {"unread": 0}
    notice.refresh_from_db()
    assert notice.read_at is None
    assert client_for(people["student"]).post("/notifications/999999/read/").status_code == 404


def test_marking_one_then_all_read(people):
    first, second, third = (send_to(people["student"]) for _ in range(3))
    client = client_for(people["student"])

    opened = client.post(f"/notifications/{first.pk}/read/", {"open": "1"})
    by_api = client.post(f"/api/notifications/{second.pk}/read")
    count = client.get("/api/notifications/unread-count").json()
    everything = client.post("/notifications/read-all/")

    assert opened.status_code == 302 and opened["Location"] == "/matching/rounds/1/"
    assert by_api.status_code == 200 and by_api.json()["read_at"] is not None
    assert count == {"unread": 1}
    assert everything.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert not client.get("/notifications/badge/").content.decode().strip()


def test_a_kind_turned_off_is_not_sent_and_bad_preferences_change_nothing(people):
    client = client_for(people["student"])

    ticked = {"result": "on", "result_email": "on", "approval": "on", "deadline": "on", "overdue": "on"}
    page = client.post("/notifications/preferences/", {**ticked, "agreement": "on"})
    send_to(people["student"], kind="offer")
    send_to(people["student"], kind="result")
    bad = client.put(
        "/api/notifications/preferences",
        [{"kind": "deadline", "enabled": False}, {"kind": "gossip", "enabled": False}],
        content_type="application/json",
    )
    stored = client.get("/api/notifications/preferences").json()

    assert page.status_code == 302
    assert list(Notification.objects.values_list("kind", flat=True)) == ["result"]
    assert bad.status_code == 422 and "gossip" in bad.json()["detail"][0]["msg"]
    assert {p["kind"]: (p["enabled"], p["email"]) for p in stored} == {
        "offer": (False, False),
        "result": (True, True),
        "approval": (True, False),
        "deadline": (True, False),
        "overdue": (True, False),
        "agreement": (True, False),
    }
    assert not NoticePreference.objects.filter(kind="deadline", enabled=False).exists()


def test_a_keyed_event_is_noticed_once(people):
    send_to(people["student"], key="matching.round:1:ranking_closes:2026-12-14")
    again = notify(
        user_ids=[people["student"].pk, people["other"].pk],
        kind="deadline",
        title=TITLE,
        params={"round": "x", "day": "y"},
        key="matching.round:1:ranking_closes:2026-12-14",
    )

    assert [n.user_id for n in again] == [people["other"].pk]
    assert Notification.objects.count() == 2


def test_notices_are_mailed_when_the_platform_sends_mail(
    people, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_SEND_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://chanjiao.example.cn"
    people["student"].email = "student@example.cn"
    people["student"].save()
    NoticePreference.objects.create(user=people["other"], kind="deadline", enabled=True, email=False)
    people["other"].email = "other@example.cn"
    people["other"].save()

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user_ids=[people["student"].pk, people["other"].pk],
            kind="deadline",
            title=TITLE,
            params={"round": "苏州双选", "day": "2026-12-14"},
            url="/matching/rounds/1/",
        )

    assert [m.to for m in mail.outbox] == [["student@example.cn"]]
    assert mail.outbox[0].subject == "苏州双选 的志愿填报于 2026-12-14 截止。"
    assert "https://chanjiao.example.cn/matching/rounds/1/" in mail.outbox[0].body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1


def test_the_calendar_is_rfc_5545_text():
    long_title = "Placement of %(student)s at %(enterprise)s from %(start)s to %(end)s."
    events = [
        DatedEvent(
            day=dt.date(2026, 12, 14),
            kind="deadline",
            title=TITLE,
            params={"round": "Suzhou; round, 2", "day": "2026-12-14"},
            url="/matching/rounds/1/",
            key="matching.round:1:ranking_closes",
            user_ids=(1,),
        ),
        DatedEvent(
            day=dt.date(2027, 7, 1),
            end=dt.date(2027, 12, 31),
            kind="deadline",
            title=long_title,
            params={
                "student": "王小明",
                "enterprise": "苏州精密机械制造有限公司" * 3,
                "start": "a",
                "end": "b",
            },
            key="matching.placement:7:start",
            user_ids=(1,),
        ),
    ]

    text = calendar(
        events,
        base_url="https://chanjiao.example.cn/",
        host="chanjiao.example.cn",
        now=dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC),
    )

    lines = text.split("\r\n")
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "SUMMARY:Ranking for Suzhou\\; round\\, 2 closes on 2026-12-14." in lines
    assert "DTSTART;VALUE=DATE:20261214" in lines and "DTEND;VALUE=DATE:20261215" in lines
    assert "DTEND;VALUE=DATE:20280101" in lines
    assert "UID:matching.round:1:ranking_closes@chanjiao.example.cn" in lines
    assert "URL:https://chanjiao.example.cn/matching/rounds/1/" in lines
    assert "DTSTAMP:20261207T080000Z" in lines
    unfolded = text.replace("\r\n ", "")
    assert "苏州精密机械制造有限公司" * 3 in unfolded


def test_escaping_and_folding_keep_characters_whole():
    assert escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold("SUMMARY:" + "产教融合" * 30)
    pieces = folded.split("\r\n ")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert "".join(pieces) == "SUMMARY:" + "产教融合" * 30


def test_the_calendar_export_needs_a_sign_in():
    assert Client().get("/notifications/calendar.ics").status_code == 302


def test_the_list_pages_take_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    for _ in range(45):
        send_to(people["student"])
    client = client_for(people["student"])

    with django_assert_max_num_queries(12):
        page = client.get("/notifications/").content.decode()
    with django_assert_max_num_queries(12):
        second = client.get("/notifications/?page=2").content.decode()
    with django_assert_max_num_queries(10):
        listed = client.get("/api/notifications?page=2").json()

    assert page.count('class="unread"') == 30 and second.count('class="unread"') == 15
    assert (listed["count"], len(listed["items"])) == (45, 15)
