"""Active learning for occupation codes: uncertain postings go to people, their answers retrain
the coder in a background job, and the retrained coder codes the postings nobody confirmed."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.coding import OccupationCoder
from chanjiao.docking.coding import POINTER, apply_suggestion, suggest_codes, use_coder
from chanjiao.docking.models import CoderModel, CodeStatus, CodingFeedback, Posting
from chanjiao.jobs.models import Job, JobStatus
from chanjiao.jobs.services import start_job

RETRAIN_JOB = "docking.retrain_coder"


def retrain_coder(
    *, actor: User | None, progress: Callable[[int, int, str], None] | None = None
) -> CoderModel:
    """Fit a coder on the shipped data plus every confirmed or corrected code, save it for every
    process, and code again the postings nobody has confirmed."""

    def report(done: int, total: int, message: str = "") -> None:
        if progress is not None:
            progress(done, total, message)

    rows = list(CodingFeedback.objects.order_by("at", "id").values_list("title", "occupation_id"))
    report(0, 3, "fitting")
    coder = OccupationCoder().fit([title for title, _ in rows], [code for _, code in rows])
    report(1, 3, "saving")
    data = pickle.dumps(coder, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(settings.CODER_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"coder-{timezone.now():%Y%m%d-%H%M%S}-{digest[:12]}.pkl"
    _write_atomically(folder / name, data)
    model = CoderModel.objects.create(examples=len(rows), path=name, sha256=digest, created_by=actor)
    _write_atomically(
        folder / POINTER, json.dumps({"file": name, "sha256": digest, "model": model.pk}).encode()
    )
    use_coder(coder, folder / POINTER)
    record_activity(actor=actor, verb="retrain_coder", target=model, summary=f"{len(rows)} confirmed codes")
    report(2, 3, "coding postings again")
    recode_postings(actor=actor, postings=Posting.objects.all())
    report(3, 3, "done")
    return model


def start_retraining(*, actor: User | None) -> Job:
    """Queue a retraining unless one is already queued or running (then that one is returned)."""
    waiting = Job.objects.filter(kind=RETRAIN_JOB, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()
    if waiting is not None:
        return waiting
    return start_job(kind=RETRAIN_JOB, label="Retrain the occupation coder", actor=actor)


def retrain_if_due(*, actor: User | None) -> Job | None:
    """Start a retraining once ``CODER_RETRAIN_EVERY`` codes were confirmed since the last one."""
    every = settings.CODER_RETRAIN_EVERY
    if every <= 0:
        return None
    last = CoderModel.objects.order_by("-id").values_list("created_at", flat=True).first()
    confirmed = CodingFeedback.objects.filter(at__gt=last) if last else CodingFeedback.objects.all()
    if confirmed.count() < every:
        return None
    return start_retraining(actor=actor)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def recode_postings(*, actor: User | None, postings: QuerySet[Posting], batch_size: int = 5000) -> int:
    """Ask the coder again for postings nobody has confirmed (e.g. after the coder improved)."""
    pending = postings.filter(code_status__in=[CodeStatus.UNCODED, CodeStatus.SUGGESTED]).order_by("pk")
    done = 0
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        suggestions = suggest_codes([p.title for p in batch], [p.description for p in batch])
        now = timezone.now()
        with transaction.atomic():
            for posting, suggestion in zip(batch, suggestions, strict=True):
                apply_suggestion(posting, suggestion)
                posting.updated_at = now
            Posting.objects.bulk_update(
                batch,
                [
                    "occupation",
                    "code_status",
                    "suggested_occupation",
                    "suggested_level",
                    "suggested_confidence",
                    "suggested_alternatives",
                    "updated_at",
                ],
            )
            record_activity(
                actor=actor, verb="recode_postings", target=batch[-1], summary=f"{len(batch)} postings"
            )
        done += len(batch)
        last_pk = batch[-1].pk
    return done
