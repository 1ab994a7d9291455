"""Periodic tasks without a sleeping loop of their own.

Each periodic job kind (declared with ``every_setting``, see chanjiao.jobs.registry) has a
`Schedule` row saying when it is next due. `start_due_jobs` moves that date forward with one
conditional UPDATE and, only when it won, starts the job: a restarted scheduler neither repeats
nor skips a run, two schedulers never both start one, and the run itself is an ordinary job (its
own page, heartbeat, retries) executed by the worker.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chanjiao.jobs.models import Schedule
from chanjiao.jobs.registry import JobKind, periodic_kinds
from chanjiao.jobs.services import start_job


def interval(kind: JobKind) -> int:
    return int(getattr(settings, kind.every_setting or "", 0) or 0)


def start_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Start every periodic job that is due; the names of those started."""
    now = now or timezone.now()
    started = []
    for kind in periodic_kinds():
        every = interval(kind)
        if every <= 0:
            continue
        Schedule.objects.get_or_create(name=kind.name, defaults={"next_run_at": now})
        with transaction.atomic():
            won = Schedule.objects.filter(name=kind.name, next_run_at__lte=now).update(
                next_run_at=now + timedelta(seconds=every), last_run_at=now
            )
            if not won:
                continue
            job = start_job(kind=kind.name, label=kind.label or kind.name, actor=None)
            Schedule.objects.filter(name=kind.name).update(last_job=job)
        started.append(kind.name)
    return started


def seconds_until_due(*, now: datetime | None = None, at_most: float) -> float:
    """How long the scheduler may wait before a periodic job is due (at most ``at_most``)."""
    now = now or timezone.now()
    names = [kind.name for kind in periodic_kinds() if interval(kind) > 0]
    following = Schedule.objects.filter(name__in=names).order_by("next_run_at").first()
    if following is None:
        return at_most
    return max(0.0, min(at_most, (following.next_run_at - now).total_seconds()))
