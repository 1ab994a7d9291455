from datetime import datetime
from typing import Any

from ninja import Router, Schema

from chanjiao.jobs.selectors import visible_jobs

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    kind: str
    label: str
    status: str
    done: int
    total: int
    percent: int
    message: str
    result: dict[str, Any]
    error: str
    created_at: datetime
    finished_at: datetime | None


@router.get("/{job_id}", response=JobOut)
def get_job(request, job_id: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(visible_jobs(request.user), pk=job_id)
