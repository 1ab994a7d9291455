"""Reads: a user's notices, unread count, preferences, and their own dates for the calendar."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from chanjiao.accounts import access
from chanjiao.notifications.events import DatedEvent, dated_events
from chanjiao.notifications.models import NoticePreference, Notification

CALENDAR_DAYS_BEHIND = 30
CALENDAR_DAYS_AHEAD = 400


def notices_of(user, *, unread_only: bool = False):
    notices = access.visible(user, Notification)
    return notices.filter(read_at__isnull=True) if unread_only else notices


def unread_count(user) -> int:
    return notices_of(user, unread_only=True).count()


def preferences_of(user) -> dict[str, tuple[bool, bool]]:
    return {
        kind: (enabled, email)
        for kind, enabled, email in access.visible(user, NoticePreference).values_list(
            "kind", "enabled", "email"
        )
    }


def calendar_events(user) -> list[DatedEvent]:
    """The user's own dates from a month ago to about a year ahead."""
    today = timezone.localdate()
    return dated_events(
        start=today - timedelta(days=CALENDAR_DAYS_BEHIND),
        end=today + timedelta(days=CALENDAR_DAYS_AHEAD),
        user=user,
    )
