"""The background processes: the worker that runs jobs and the scheduler that starts periodic
ones and sweeps jobs whose worker died. Each records a beat (`ProcessBeat`) that /health/ reads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from chanjiao.jobs.heartbeat import Heartbeat, process_name
from chanjiao.jobs.models import ProcessBeat, ProcessRole
from chanjiao.jobs.schedule import seconds_until_due, start_due_jobs
from chanjiao.jobs.services import sweep_dead_jobs

logger = logging.getLogger(__name__)


@contextmanager
def beating(role) -> Iterator[ProcessBeat]:
    """Record this process as running ``role`` and keep its beat fresh until the block ends."""
    now = timezone.now()
    record, _ = ProcessBeat.objects.update_or_create(
        name=process_name(), defaults={"role": role, "started_at": now, "beat_at": now, "stopped_at": None}
    )
    mine = ProcessBeat.objects.filter(pk=record.pk)
    with Heartbeat(lambda: mine.update(beat_at=timezone.now()), every=settings.JOB_HEARTBEAT_SECONDS):
        try:
            yield record
        finally:
            try:
                mine.update(stopped_at=timezone.now())
            except DatabaseError:
                logger.warning("could not record that %s stopped", record.name)


def run_worker() -> None:
    """Take jobs from the queue until SIGTERM or SIGINT (the job in hand is finished first)."""
    from django.core.management import call_command

    with beating(ProcessRole.WORKER) as record:
        # Jobs left running by a worker that died before this one started are not waited for.
        swept = sweep_dead_jobs()
        if any(swept.values()):
            logger.warning("jobs of stopped workers: %s", swept)
        call_command("db_worker", "--queue-name", "*", "--interval", "1", "--worker-id", record.name)


def run_scheduler(stop: threading.Event, *, sweep_every: float | None = None) -> None:
    """Sweep dead workers' jobs and start due periodic jobs until ``stop`` is set.

    A database outage is waited out: the scheduler logs it and tries again at the next tick.
    """
    sweep_every = sweep_every or settings.JOB_SWEEP_SECONDS
    with beating(ProcessRole.SCHEDULER):
        while not stop.is_set():
            try:
                swept = sweep_dead_jobs()
                if any(swept.values()):
                    logger.warning("jobs of stopped workers: %s", swept)
                started = start_due_jobs()
                if started:
                    logger.info("periodic jobs started: %s", ", ".join(started))
                wait = seconds_until_due(at_most=sweep_every)
            except DatabaseError as error:
                logger.warning("scheduler: the database is unavailable (%s); trying again", error)
                wait = sweep_every
            if not connection.in_atomic_block:  # (the test suite runs one tick inside a transaction)
                close_old_connections()  # drop a connection the outage broke; reconnect next tick
            stop.wait(max(wait, 0.5))
