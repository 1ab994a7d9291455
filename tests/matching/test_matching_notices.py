"""What matching tells people: offers and results when a round is published, the other party's
answer, ranking deadlines a week ahead (the scheduled scan) and the calendar of one's dates."""

import datetime as dt

import pytest
from django.utils import timezone

from chanjiao.matching.models import MatchingRound, Offer
from chanjiao.matching.services import publish_round, respond_to_offer, run_round
from chanjiao.notifications.jobs import notify_dated_events
from chanjiao.notifications.models import Notification
from factories import client_for


def texts(user):
    return sorted(n.text for n in Notification.objects.filter(user=user))


@pytest.fixture
def published(closed_round):
    run_round(rnd=closed_round["round"], actor=closed_round["officer"])
    publish_round(actor=closed_round["officer"], rnd=closed_round["round"])
    return closed_round


def test_publishing_tells_each_student_and_enterprise_what_it_got(published):
    m = published
    name = m["round"].name

    assert texts(m["student_user"]) == [f"You have an offer: 车工实习 at {m['enterprise'].name} ({name})."]
    assert texts(m["s2"].user) == [
        f"The results of {name} are out: no seat for you this time. See your next step."
    ]
    assert texts(m["other_enterprise_user"]) == [f"2 new offers to answer in {name}."]
    assert texts(m["school_user"]) == []


def test_each_party_hears_the_others_answer_and_both_the_agreement(published):
    m = published
    offer = Offer.objects.get(participant=m["part1"])
    Notification.objects.all().delete()

    respond_to_offer(actor=None, offer=offer, party="student", decision="accept")
    after_student = texts(m["enterprise_user"])
    respond_to_offer(actor=None, offer=offer, party="enterprise", decision="accept")

    assert after_student == []
    agreed = f"The placement of {m['s1'].name} at {m['enterprise'].name} (车工实习) is agreed."
    assert texts(m["student_user"]) == [agreed] and texts(m["enterprise_user"]) == [agreed]


def test_a_declined_offer_is_told_to_the_other_party(published):
    m = published
    offer = Offer.objects.get(participant=m["part1"])
    Notification.objects.all().delete()

    respond_to_offer(actor=None, offer=offer, party="enterprise", decision="decline")

    assert texts(m["enterprise_user"]) == []
    assert texts(m["student_user"]) == [f"{m['enterprise'].name} declined your offer of 车工实习."]


def test_the_scan_tells_students_and_enterprises_a_week_before_ranking_closes_once(matching_round):
    m = matching_round
    closes = timezone.now() + dt.timedelta(days=5)
    MatchingRound.objects.filter(pk=m["round"].pk).update(ranking_closes=closes)

    first = notify_dated_events()
    second = notify_dated_events()

    expected = f"Ranking for {m['round'].name} closes on {timezone.localdate(closes).isoformat()}."
    assert first["notices"] >= 4 and second["notices"] == 0
    assert texts(m["student_user"]) == [expected]
    assert texts(m["enterprise_user"]) == [expected] and texts(m["other_enterprise_user"]) == [expected]
    assert texts(m["school_user"]) == []


def test_a_student_exports_their_own_dates_as_a_calendar(published):
    m = published

    own = client_for(m["student_user"]).get("/notifications/calendar.ics")
    other = client_for(m["s2"].user).get("/notifications/calendar.ics").content.decode()

    body = own.content.decode()
    assert own["Content-Type"] == "text/calendar; charset=utf-8"
    assert "DTSTART;VALUE=DATE:20260701" in body and "DTEND;VALUE=DATE:20270101" in body
    assert m["s1"].name in body.replace("\r\n ", "")
    assert "BEGIN:VEVENT" not in other
