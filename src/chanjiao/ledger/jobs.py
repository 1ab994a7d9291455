"""Background work of the log: the whole-log verification an administrator starts from its page."""

from __future__ import annotations

from typing import Any

from chanjiao.jobs.registry import job_kind
from chanjiao.ledger.keys import public_key
from chanjiao.ledger.verification import verify_ledger


@job_kind("ledger.verify")
def verify_log_job(*, job, progress) -> dict[str, Any]:
    """Verify the whole log against the platform's own public key; the job page shows the findings."""
    return verify_ledger(public_key=public_key(), progress=progress).as_dict()
