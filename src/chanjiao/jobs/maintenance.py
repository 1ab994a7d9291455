"""Housekeeping the scheduler runs: finished jobs, queue entries and sessions do not pile up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from chanjiao.jobs.models import Job, JobStatus, ProcessBeat
from chanjiao.jobs.registry import job_kind


@job_kind("jobs.prune", max_attempts=3, every_setting="JOB_PRUNE_EVERY", label="Prune finished jobs")
def prune_finished(*, job, progress) -> dict[str, Any]:
    """Delete jobs finished more than JOB_KEEP_DAYS ago, the worker's queue entries of finished
    tasks as old, stopped processes' beats and expired sessions."""
    cutoff = timezone.now() - timedelta(days=settings.JOB_KEEP_DAYS)
    counts = {
        "jobs": Job.objects.filter(
            status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED], finished_at__lt=cutoff
        ).delete()[0],
        "processes": ProcessBeat.objects.filter(beat_at__lt=cutoff).delete()[0],
        "sessions": Session.objects.filter(expire_date__lt=timezone.now()).delete()[0],
        "queue_entries": 0,
    }
    if "django_tasks_db" in settings.TASKS["default"]["BACKEND"]:
        from django_tasks_db.models import DBTaskResult

        counts["queue_entries"] = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()[0]
    progress(1, 1, "pruned")
    return counts
