"""What operators and load balancers see: /health/ and a clear 503 (not a 500) while the database
is unreachable."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from chanjiao.jobs.models import Job, JobStatus, ProcessBeat, ProcessRole

DATABASE_DOWN = (OperationalError, InterfaceError)


def server_error(request):
    """The 500 handler: a database that cannot be reached is a 503 with a clear message and a
    Retry-After, so clients and the proxy retry; anything else is the plain 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        message = "The database is unavailable at the moment; try again in a few seconds."
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(
                render_to_string("503.html", {"message": message}), status=503, content_type="text/html"
            )
        response["Retry-After"] = "5"
        return response
    return HttpResponse(render_to_string("500.html"), status=500, content_type="text/html")


def _process(role: ProcessRole, now) -> dict:
    beat = ProcessBeat.objects.filter(role=role, stopped_at__isnull=True).order_by("-beat_at").first()
    if beat is None:
        return {"status": "missing", "last_beat_seconds_ago": None}
    age = (now - beat.beat_at).total_seconds()
    return {
        "status": "ok" if age <= settings.JOB_STALE_SECONDS else "stale",
        "last_beat_seconds_ago": round(age, 1),
    }


def _ledger(now) -> dict:
    from chanjiao.ledger.models import SignedHead
    from chanjiao.ledger.selectors import log_state

    head = SignedHead.objects.first()
    tree_size = log_state()[0]
    if head is None:
        return {
            "status": "unsigned" if tree_size else "ok",
            "last_head_signed_at": None,
            "tree_size": tree_size,
        }
    age = (now - head.created_at).total_seconds()
    every = settings.LEDGER_SIGN_EVERY
    # Late: leaves wait for a signature longer than two signing intervals.
    late = every > 0 and head.tree_size < tree_size and age > 2 * every
    return {
        "status": "late" if late else "ok",
        "last_head_signed_at": head.created_at.isoformat(),
        "last_head_seconds_ago": round(age, 1),
        "signed_tree_size": head.tree_size,
        "tree_size": tree_size,
    }


@never_cache
def health(request):
    """Database, worker and scheduler beats, queue and the latest signed head of the record log.
    200 "ok" or "degraded" (the site serves, background work lags); 503 without a database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logging.getLogger(__name__).error("health: database unavailable: %s", error)
        return JsonResponse(
            {"status": "unavailable", "database": {"status": "unavailable", "vendor": connection.vendor}},
            status=503,
        )
    now = timezone.now()
    queued = (
        Job.objects.filter(status=JobStatus.QUEUED)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    report = {
        "database": {"status": "ok", "vendor": connection.vendor},
        "worker": _process(ProcessRole.WORKER, now),
        "scheduler": _process(ProcessRole.SCHEDULER, now),
        "jobs": {
            "queued": queued.count(),
            "running": Job.objects.filter(status=JobStatus.RUNNING).count(),
            "oldest_queued_seconds_ago": round((now - queued[0]).total_seconds(), 1) if queued else None,
        },
        "ledger": _ledger(now),
    }
    healthy = all(report[part]["status"] == "ok" for part in ("database", "worker", "scheduler", "ledger"))
    return JsonResponse({"status": "ok" if healthy else "degraded", **report})
