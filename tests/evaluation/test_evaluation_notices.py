"""A case's deadline is noticed a week ahead to the unit's representatives, and once overdue;
each once, however often the scan runs. The calendar of the unit's office holds the deadline."""

import datetime as dt

from django.utils import timezone

from chanjiao.evaluation import rectification
from chanjiao.evaluation.models import RectificationCase
from chanjiao.notifications.jobs import notify_dated_events
from chanjiao.notifications.models import Notification
from evaluation.evaluation_support import result_of
from factories import client_for


def notices(user):
    return sorted((n.kind, n.text) for n in Notification.objects.filter(user=user))


def test_a_case_is_noticed_a_week_before_its_deadline_and_once_overdue(evaluation, city):
    case = rectification.open_case(actor=city["officer"], result=result_of(evaluation, city["carriers"][0]))
    today = timezone.localdate()
    unit = city["carriers"][0].name

    RectificationCase.objects.filter(pk=case.pk).update(deadline=today + dt.timedelta(days=6))
    notify_dated_events()
    notify_dated_events()
    due = notices(city["school_user"])
    RectificationCase.objects.filter(pk=case.pk).update(deadline=today - dt.timedelta(days=1))
    notify_dated_events()
    notify_dated_events()
    calendar = client_for(city["school_user"]).get("/notifications/calendar.ics").content.decode()

    day = today + dt.timedelta(days=6)
    late = today - dt.timedelta(days=1)
    assert due == [("deadline", f"The rectification case of {unit} is due on {day.isoformat()}.")]
    assert notices(city["school_user"]) == [
        ("deadline", f"The rectification case of {unit} is due on {day.isoformat()}."),
        ("overdue", f"The rectification case of {unit} is overdue since {late.isoformat()}."),
    ]
    assert notices(city["enterprise_user"]) == [] and notices(city["officer"]) == []
    assert f"DTSTART;VALUE=DATE:{late.strftime('%Y%m%d')}" in calendar
