"""Background work of the log: the whole-log verification an administrator starts from its page,
and the periodic signing of tree heads (LEDGER_SIGN_EVERY, started by the scheduler)."""

from __future__ import annotations

from typing import Any

from chanjiao.jobs.registry import job_kind
from chanjiao.ledger.keys import public_key
from chanjiao.ledger.services import sign_tree_head_if_grown
from chanjiao.ledger.verification import verify_ledger


@job_kind("ledger.verify", max_attempts=3)
def verify_log_job(*, job, progress) -> dict[str, Any]:
    """Verify the whole log against the platform's own public key; the job page shows the findings."""
    return verify_ledger(public_key=public_key(), progress=progress).as_dict()


@job_kind(
    "ledger.sign_head", max_attempts=3, every_setting="LEDGER_SIGN_EVERY", label="Sign the record log's head"
)
def sign_head_job(*, job, progress) -> dict[str, Any]:
    """Sign a tree head when the log has grown since the latest one."""
    head = sign_tree_head_if_grown(actor=None)
    progress(1, 1, "signed" if head else "nothing new to sign")
    if head is None:
        return {"signed": False}
    return {"signed": True, "tree_size": head.tree_size, "root": bytes(head.root_hash).hex()}
