"""Start, run and report background jobs. One mechanism for every capability."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.jobs.models import Job, JobStatus
from chanjiao.jobs.registry import get_kind

logger = logging.getLogger(__name__)


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
    from chanjiao.jobs.tasks import run_job_task

    job = start_job_record(kind=kind, label=label, actor=actor, params=params)
    transaction.on_commit(lambda: run_job_task.enqueue(job.pk))
    return job


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


def run_job(job_id: int, *, echo: Callable[[int, int, str], None] | None = None) -> Job:
    """Run a recorded job now, in this process (the worker calls this; so does the CLI)."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    function = get_kind(job.kind)
    try:
        result = function(job=job, progress=progress_recorder(job, echo=echo), **job.params)
    except Exception as error:  # a failed job is reported on its page, never lost
        logger.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now()
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED, result=result or {}, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job
