"""An agreement whose revision in force ends within a week is noticed to every party's
representatives, once."""

import datetime as dt

from django.utils import timezone

from chanjiao.governance.models import AgreementRevision
from chanjiao.notifications.jobs import notify_dated_events
from chanjiao.notifications.models import Notification


def test_an_agreement_ending_within_a_week_is_noticed_to_each_party_once(world, active_agreement):
    ends = timezone.localdate() + dt.timedelta(days=3)
    AgreementRevision.objects.filter(agreement=active_agreement).update(ends_on=ends)

    counts = [notify_dated_events()["notices"], notify_dated_events()["notices"]]

    text = f"The agreement {active_agreement.title} ends on {ends.isoformat()}: renew it or let it end."
    for user in ("school_user", "enterprise_user"):
        assert list(Notification.objects.filter(user=world[user]).values_list("kind", flat=True)) == [
            "agreement"
        ]
        assert Notification.objects.get(user=world[user]).text == text
    assert counts == [2, 0]
    assert not Notification.objects.filter(user=world["student_user"]).exists()
