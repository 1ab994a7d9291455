"""Dated events: what the scheduled job notices a week ahead (or once overdue) and what a user's
calendar holds. Each domain app may define ``dated_events(*, start, end, user=None)`` on its
AppConfig, giving the events that fall between ``start`` and ``end`` (inclusive), for everyone or
only those of ``user``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chanjiao.accounts.access.grants import REPRESENTATIVE_ROLES
from chanjiao.accounts.models import User
from chanjiao.web.plugins import domain_app_configs


@dataclass(frozen=True)
class DatedEvent:
    """One event on a day (or from ``day`` to ``end``) concerning some users.

    ``title`` is an English message id with ``%(name)s`` placeholders (mark it with
    ``gettext_noop``), translated when shown; ``key`` names the event once, so it is noticed once
    and keeps its calendar identity."""

    day: date
    kind: str
    title: str
    key: str
    user_ids: tuple[int, ...]
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    end: date | None = None


def dated_events(*, start: date, end: date, user: User | None = None) -> list[DatedEvent]:
    """Every app's events that touch ``start``–``end`` (a placement running through it, an
    overdue case from before it too), for everyone or for ``user`` only."""
    events: list[DatedEvent] = []
    for config in domain_app_configs():
        hook = getattr(config, "dated_events", None)
        if hook is not None:
            events.extend(hook(start=start, end=end, user=user))
    if user is not None:
        events = [event for event in events if user.pk in event.user_ids]
    return sorted(events, key=lambda event: (event.day, event.key))


def representatives(organisation_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """The active users who act for each organisation (its office, HR, officers...)."""
    found: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        organisation_id__in=set(organisation_ids), role__in=REPRESENTATIVE_ROLES, is_active=True
    ).values_list("organisation_id", "pk")
    for organisation_id, user_id in rows:
        found[organisation_id].append(user_id)
    return {organisation_id: tuple(users) for organisation_id, users in found.items()}
