"""The periodic scan: each dated event within NOTIFICATIONS_DAYS_AHEAD days (and each overdue
case) is noticed to its users once; run again, it adds nothing new."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from chanjiao.jobs.registry import job_kind
from chanjiao.notifications import models as notice
from chanjiao.notifications.events import dated_events
from chanjiao.notifications.services import Notice, notify_each


def notify_dated_events(*, today=None) -> dict[str, int]:
    """Notice the events from today to NOTIFICATIONS_DAYS_AHEAD days on (overdue cases come with
    today's date); counts of events seen and notices sent."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.NOTIFICATIONS_DAYS_AHEAD)
    events = [
        event
        for event in dated_events(start=today, end=horizon)
        # a placement already running was noticed before it started
        if today <= event.day <= horizon or event.kind == notice.OVERDUE
    ]
    sent = 0
    for kind in {event.kind for event in events}:
        sent += len(
            notify_each(
                kind=kind,
                notices=[
                    Notice(
                        user_id=user_id,
                        title=event.title,
                        params=event.params,
                        url=event.url,
                        key=f"{event.key}:{event.day.isoformat()}",
                    )
                    for event in events
                    if event.kind == kind
                    for user_id in event.user_ids
                ],
            )
        )
    return {"events": len(events), "notices": sent}


@job_kind(
    "notifications.scan",
    max_attempts=3,
    every_setting="NOTIFICATIONS_SCAN_EVERY",
    label="Notify deadlines, overdue cases and expiring agreements",
)
def scan(*, job, progress) -> dict[str, Any]:
    counts = notify_dated_events()
    progress(1, 1, "scanned")
    return counts
