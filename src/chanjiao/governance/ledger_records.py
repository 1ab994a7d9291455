"""Governance records kept in the tamper-evident record log: agreements (parties, every revision
with its clauses and signatures, exit) and motions (the votes cast and the recorded result).
The governance services log a record after every write that changes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.governance.models import Agreement, Motion
from chanjiao.ledger.records import RecordType

AGREEMENT_FIELDS = (
    "title",
    "kind",
    "region_id",
    "carrier_id",
    "status",
    "exited_on",
    "exit_reason",
    "exited_by_id",
)
REVISION_FIELDS = ("number", "kind", "clauses", "other_terms", "starts_on", "ends_on", "note", "in_force_at")
MOTION_FIELDS = (
    "meeting_id",
    "kind",
    "title",
    "text",
    "status",
    "outcome",
    "rule",
    "seats",
    "present",
    "yes",
    "no",
    "abstain",
    "policy_id",
    "closed_at",
)


def read_agreements(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
    """An agreement's terms as signed: its fields, parties, and every revision with signatures."""
    agreements = queryset.order_by("pk").prefetch_related("party_rows", "revisions__signatures")
    for agreement in agreements.iterator(chunk_size=500):
        content = {name.removesuffix("_id"): getattr(agreement, name) for name in AGREEMENT_FIELDS}
        content["parties"] = sorted(row.organisation_id for row in agreement.party_rows.all())
        content["revisions"] = [
            {
                **{name: getattr(revision, name) for name in REVISION_FIELDS},
                "signatures": [
                    {"organisation": s.organisation_id, "signed_at": s.signed_at}
                    for s in sorted(revision.signatures.all(), key=lambda s: s.organisation_id)
                ],
            }
            for revision in sorted(agreement.revisions.all(), key=lambda r: r.number)
        ]
        yield agreement.pk, content


def read_motions(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
    """A motion, the votes of its member organisations and the result recorded at closing."""
    for motion in queryset.order_by("pk").prefetch_related("votes").iterator(chunk_size=500):
        content = {name.removesuffix("_id"): getattr(motion, name) for name in MOTION_FIELDS}
        content["votes"] = [
            {"organisation": vote.organisation_id, "choice": vote.choice}
            for vote in sorted(motion.votes.all(), key=lambda v: v.organisation_id)
        ]
        yield motion.pk, content


RECORD_TYPES = [
    RecordType(
        name="agreement",
        model=Agreement,
        label=_("Cooperation agreement"),
        read_contents=read_agreements,
        url_name="governance:agreement",
    ),
    RecordType(
        name="council_motion",
        model=Motion,
        label=_("Council motion and votes"),
        read_contents=read_motions,
        url_name="governance:motion",
    ),
]
