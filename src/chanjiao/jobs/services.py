"""Start, run and report background jobs. One mechanism for every capability.

Fault handling (docs/operations.md, "Background jobs"): the process running a job beats every
``JOB_HEARTBEAT_SECONDS``; `sweep_dead_jobs` finds running jobs whose beat is older than
``JOB_STALE_SECONDS`` and whose process is gone, and re-queues them (kinds declared idempotent,
with a growing delay) or marks them failed. Every end of an attempt is fenced on the process that
started it, so a swept attempt that wakes up later cannot overwrite its successor.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.jobs.heartbeat import Heartbeat, process_is_alive, process_name
from chanjiao.jobs.models import Job, JobStatus
from chanjiao.jobs.registry import get_kind

logger = logging.getLogger(__name__)

# Errors that say nothing about the job itself (the database restarted, a lock timed out): an
# idempotent job meeting one is tried again.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def start_job_record(
    *, kind: str, label: str, actor: User | None, params: dict[str, Any] | None = None
) -> Job:
    """Record a job without queueing it (the CLI runs it in its own process with a progress bar)."""
    get_kind(kind)  # refuse unknown kinds before anything is stored
    job = Job.objects.create(kind=kind, label=label, params=params or {}, created_by=actor)
    if actor is not None:
        record_activity(actor=actor, verb="start_job", target=job, summary=label)
    return job


@transaction.atomic
def start_job(*, kind: str, label: str, actor: User | None, params: dict[str, Any] | None = None) -> Job:
    """Record a job and hand it to the background worker once the transaction commits."""
    job = start_job_record(kind=kind, label=label, actor=actor, params=params)
    transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


def retry_delay(attempts: int) -> float:
    """Seconds to wait before attempt ``attempts + 1``: doubling from JOB_RETRY_DELAY_SECONDS,
    at most ten minutes."""
    return min(settings.JOB_RETRY_DELAY_SECONDS * 2 ** max(attempts - 1, 0), 600.0)


def enqueue_job(job_id: int, *, delay: float = 0) -> None:
    """Put a recorded job on the worker's queue, to start after ``delay`` seconds."""
    from chanjiao.jobs.tasks import run_job_task

    task = run_job_task
    if delay > 0 and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    result = task.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def progress_recorder(
    job: Job, *, every_seconds: float = 0.5, echo: Callable[[int, int, str], None] | None = None
):
    """A ``progress(done, total, message)`` callable that writes at most twice a second."""
    last = [0.0]

    def progress(done: int, total: int, message: str = "") -> None:
        if echo is not None:
            echo(done, total, message)
        now = time.monotonic()
        if now - last[0] < every_seconds and done < total:
            return
        last[0] = now
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message[:300])

    return progress


def _claim(job_id: int, worker: str) -> bool:
    """Mark a queued job running in this process; False when it already runs or ran elsewhere
    (a second queue entry for one job does nothing)."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            worker=worker,
            attempts=F("attempts") + 1,
            finished_at=None,
        )
    )


def _end_attempt(job: Job, *, worker: str, reason: str, max_attempts: int) -> str:
    """End a running attempt that did not finish: queue the job again after a delay while it has
    attempts left, otherwise fail it. Returns the new status ("" when another process owns it)."""
    retry = job.attempts < max_attempts
    now = timezone.now()
    with transaction.atomic():
        if retry:
            delay = retry_delay(job.attempts)
            changes = {
                "status": JobStatus.QUEUED,
                "message": f"attempt {job.attempts} of {max_attempts} failed; retrying in {delay:.0f} s",
            }
        else:
            changes = {"status": JobStatus.FAILED, "finished_at": now}
        owned = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=worker).update(
            error=reason, heartbeat_at=None, **changes
        )
        if not owned:
            return ""
        _fail_queue_entry(job.task_id, reason, now)
        if retry:
            transaction.on_commit(lambda: enqueue_job(job.pk, delay=delay))
    logger.warning("job %s (%s) attempt %s ended: %s", job.pk, job.kind, job.attempts, reason)
    return str(changes["status"])


def _fail_queue_entry(task_id: str, reason: str, now) -> None:
    """The worker's own record of a dead attempt stays "running" forever unless closed here."""
    if not task_id or "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED", finished_at=now, exception_class_path="chanjiao.jobs.WorkerLost", traceback=reason
    )


def run_job(job_id: int, *, echo: Callable[[int, int, str], None] | None = None) -> Job:
    """Run a recorded job now, in this process (the worker calls this; so does the CLI)."""
    worker = process_name()
    if not _claim(job_id, worker):
        return Job.objects.get(pk=job_id)
    job = Job.objects.get(pk=job_id)
    kind = get_kind(job.kind)
    mine = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=worker)

    def beat() -> None:
        mine.update(heartbeat_at=timezone.now())

    try:
        with Heartbeat(beat, every=settings.JOB_HEARTBEAT_SECONDS, name=f"job-{job.pk}-heartbeat"):
            result = kind.function(job=job, progress=progress_recorder(job, echo=echo), **job.params)
    except TRANSIENT_ERRORS as error:
        logger.exception("job %s met a transient error", job.pk)
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()  # reconnect if the server went away
        try:
            reason = f"{type(error).__name__}: {error}"
            _end_attempt(job, worker=worker, reason=reason, max_attempts=kind.max_attempts)
        except DatabaseError:
            logger.exception("job %s: the database is still unreachable; the sweep will retry it", job.pk)
            return job
    except Exception as error:  # a failed job is reported on its page, never lost
        logger.exception("job %s failed", job.pk)
        mine.update(
            status=JobStatus.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now()
        )
    else:
        mine.update(status=JobStatus.SUCCEEDED, result=result or {}, error="", finished_at=timezone.now())
    job.refresh_from_db()
    return job


def sweep_dead_jobs(*, now=None) -> dict[str, int]:
    """Re-queue or fail the running jobs whose process stopped beating (killed, machine lost).

    A job whose process still runs on this machine is left alone however old its beat: it is
    busy (e.g. waiting for SQLite's write lock), not dead.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOB_STALE_SECONDS)
    stale = Job.objects.filter(status=JobStatus.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    counts = {"requeued": 0, "failed": 0}
    for job in stale:
        if process_is_alive(job.worker):
            continue
        since = job.heartbeat_at or job.started_at
        reason = (
            f"The process running it ({job.worker or 'unknown'}) stopped: no heartbeat since "
            f"{timezone.localtime(since):%Y-%m-%d %H:%M:%S}."
        )
        try:
            max_attempts = get_kind(job.kind).max_attempts
        except ValueError:
            max_attempts = 1
        status = _end_attempt(job, worker=job.worker, reason=reason, max_attempts=max_attempts)
        if status == JobStatus.QUEUED:
            counts["requeued"] += 1
        elif status == JobStatus.FAILED:
            counts["failed"] += 1
    return counts
