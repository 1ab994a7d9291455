"""The first section of every home page: what the signed-in user has to do, soonest first.

Each domain app takes part with ``home_tasks(request)`` on its AppConfig, returning `Task`s for
the records that are the user's own work (a rank list to submit, logs to approve, an assignment to
score). A task's link opens the list or page that shows exactly what it counts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse


@dataclass(frozen=True)
class Task:
    label: str
    url: str
    count: int | None = None  # how many records the link lists; None for one record or page
    due: datetime.date | datetime.datetime | None = None

    @property
    def due_date(self) -> datetime.date | None:
        if isinstance(self.due, datetime.datetime):
            return self.due.date()
        return self.due


def soonest_first(tasks: list[Task]) -> list[Task]:
    """Tasks with a deadline first, the nearest first; then the others in the apps' order."""
    dated = sorted(
        (t for t in tasks if t.due_date is not None), key=lambda t: t.due_date or datetime.date.max
    )
    return dated + [t for t in tasks if t.due_date is None]


def list_task(label, url_name: str, queryset, filterset_class, params: dict, *, due=None) -> Task | None:
    """A counter that opens a list with the same filter: the count is the list's own filter set
    applied to the same records, and the link carries the same parameters. None when nothing is
    listed."""
    count = filterset_class(params, queryset=queryset).qs.count()
    if not count:
        return None
    return Task(str(label), f"{reverse(url_name)}?{urlencode(params)}", count=count, due=due)
