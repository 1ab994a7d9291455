"""The whole-log check behind ``chanjiao ledger verify``: trust nothing the server computed.

1. Every stored leaf document hashes to its leaf hash, leaves are numbered 0..n-1 without gaps,
   and the columns (record type, id, actor, time, salt) of records' earlier leaves agree with
   their documents.
2. Every record of every declared type, read from its current rows exactly as the service
   reads it and serialised with its latest leaf's type, id, actor, time and salt, hashes to that
   leaf's hash. A record edited, inserted or deleted in the database without the service is
   reported by type and id; a latest leaf whose columns were edited is reported as such.
3. The record pointers name each record's latest leaf.
4. The tree rebuilt from the leaf hashes matches every signed head (signature, size, root), the
   persisted subtree nodes and the log-state row (`chanjiao.core.ledger.audit_tree`).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db.models import Count, Exists, F, OuterRef

from chanjiao.core import ledger as core
from chanjiao.core.ledger.hashing import hashes_from_bytes
from chanjiao.ledger.models import LOG_STATE_ID, Leaf, LedgerEntry, LogState, SignedHead
from chanjiao.ledger.records import RecordType, all_record_types
from chanjiao.ledger.store import (
    latest_leaves,
    leaf_hash_rows,
    record_id_key,
    stored_nodes,
    superseded_leaves,
)

if TYPE_CHECKING:
    from distributed import Client

    from chanjiao.scale.ledger import RangeAuditor

Progress = Callable[[int, int, str], None]
MAX_FINDINGS_PER_KIND = 1000
COLUMNS_DIFFER = "the leaf's record type, id, actor, time or salt differs from its document"


@dataclass(frozen=True)
class Finding:
    """One failed check. ``kind`` is a stable code (e.g. ``record_changed``); the message says
    what is wrong in words."""

    kind: str
    message: str
    leaf_index: int | None = None
    record_type: str | None = None
    record_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "leaf_index": self.leaf_index,
            "record_type": self.record_type,
            "record_id": self.record_id,
        }


@dataclass
class LedgerReport:
    """Outcome of `verify_ledger`."""

    tree_size: int = 0
    root_hash: bytes = core.EMPTY_ROOT
    heads_checked: int = 0
    records_checked: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    findings_left_out: int = 0
    # Findings kept per kind: a log rewritten wholesale still gives a readable, bounded report.
    kept_per_kind: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.findings

    def add(self, finding: Finding) -> None:
        if self.kept_per_kind[finding.kind] >= MAX_FINDINGS_PER_KIND:
            self.findings_left_out += 1
        else:
            self.kept_per_kind[finding.kind] += 1
            self.findings.append(finding)

    def as_dict(self, limit: int = 200) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(),
            "heads_checked": self.heads_checked,
            "records_checked": self.records_checked,
            "seconds": round(self.seconds, 1),
            "findings": [finding.as_dict() for finding in self.findings[:limit]],
            "findings_total": len(self.findings) + self.findings_left_out,
        }


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def _document_finding(index: int) -> Finding:
    kind, record_id = Leaf.objects.values_list("record_type", "record_id").get(leaf_index=index)
    return Finding(
        "leaf_document", "the stored document does not hash to the leaf hash", index, kind, record_id
    )


def _check_leaves(
    report: LedgerReport, progress: Progress, chunk_size: int, auditor: RangeAuditor | None = None
) -> tuple[bytes, core.LogAuditReport | None]:
    """Step 1; returns the concatenated leaf hashes in index order, and the ``auditor``'s report.

    With an ``auditor`` the documents are hashed in its ranges (on the workers) instead of here,
    and its report (the tree of step 4 too) is ready when the leaves are read.
    """
    total = Leaf.objects.count()
    hashes = bytearray()
    expected_index = 0
    gaps: list[Finding] = []
    indices: list[int] = []
    for chunk in leaf_hash_rows(chunk_size=chunk_size):
        for index, digest, document in chunk:
            if index != expected_index:
                gaps.append(Finding("leaf_gap", f"leaves {expected_index} to {index - 1} are missing", index))
            expected_index = index + 1
            hashes += digest
            if auditor is None and core.hash_leaf(document.encode("utf-8")) != digest:
                gaps.append(_document_finding(index))
        if auditor is not None and chunk:
            auditor.add(
                hashes_from_bytes(b"".join(digest for _, digest, _ in chunk)),
                leaf_inputs=[document.encode("utf-8") for _, _, document in chunk],
            )
            indices += [index for index, _, _ in chunk]
        progress(len(hashes) // core.HASH_SIZE, total, "leaves")
    audit = None
    if auditor is not None:
        audit = auditor.finish()
        altered = [_document_finding(indices[position]) for position in audit.altered_leaves]
        # In leaf order, a gap before the document found at the same index, as read one by one.
        gaps = sorted(gaps + altered, key=lambda finding: (finding.leaf_index, finding.kind != "leaf_gap"))
    for finding in gaps:
        report.add(finding)
    report.tree_size = len(hashes) // core.HASH_SIZE
    return bytes(hashes), audit


def _check_superseded_leaves(report: LedgerReport) -> None:
    """Step 1, for records' earlier versions: their columns agree with their documents (a
    record's latest leaf is rebuilt from its columns in step 2)."""
    for index, record_type, record_id, actor, recorded_at, salt, document in superseded_leaves():
        try:
            parsed = json.loads(document)
            same = (
                parsed["record_type"] == record_type
                and str(parsed["record_id"]) == record_id
                and parsed["actor"] == actor
                and parsed["recorded_at"].encode() == core.canonical_json(recorded_at)[1:-1]
                and parsed.get("salt") == salt
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            same = False
        if not same:
            report.add(Finding("leaf_columns", COLUMNS_DIFFER, index, record_type, record_id))


def _check_record_type(report: LedgerReport, kind: RecordType) -> None:
    """Step 2 for one record type: each current row, with its latest leaf's type, id, actor and
    time, must serialise to that leaf's hash.

    The rows (in primary-key order) and the logged records (`latest_leaves`, in the same order)
    are merged as two sorted streams: one pass over each, nothing held per record.
    """

    def diagnose(leaf_index: int, content: dict[str, Any], digest: bytes, record_id: str) -> Finding:
        """A latest leaf that does not match: were the leaf's columns edited, or the record?"""
        document = Leaf.objects.values_list("document", flat=True).get(leaf_index=leaf_index)
        try:
            content_holds = core.hash_leaf(core.leaf_input_with_content(document.encode(), content)) == digest
        except ValueError:
            content_holds = False
        if content_holds:
            return Finding("leaf_columns", COLUMNS_DIFFER, leaf_index, kind.name, record_id)
        message = (
            f"{kind.name} {record_id} differs from its leaf {leaf_index}: changed without the ledger service"
        )
        return Finding("record_changed", message, leaf_index, kind.name, record_id)

    def missing(record_id: str, leaf_index: int) -> Finding:
        message = f"{kind.name} {record_id} is in the log (leaf {leaf_index}) but no longer in the database"
        return Finding("record_missing", message, leaf_index, kind.name, record_id)

    logged = latest_leaves(kind.name)
    entry = next(logged, None)
    for pk, content in kind.read_contents(kind.model.objects.all()):
        report.records_checked += 1
        record_id = str(pk)
        key = record_id_key(record_id)
        while entry is not None and record_id_key(entry[0]) < key:
            report.add(missing(entry[0], entry[1]))
            entry = next(logged, None)
        if entry is None or entry[0] != record_id:
            message = f"{kind.name} {record_id} has no leaf in the log"
            report.add(Finding("record_unlogged", message, None, kind.name, record_id))
            continue
        _record_id, leaf_index, digest, actor, recorded_at, salt = entry
        entry = next(logged, None)
        try:
            rebuilt = core.hash_leaf(
                core.ledger_leaf_input(
                    record_type=kind.name,
                    record_id=pk,
                    actor=actor,
                    recorded_at=recorded_at,
                    content=content,
                    salt=salt,
                )
            )
        except ValueError:
            rebuilt = None
        if rebuilt != digest:
            report.add(diagnose(leaf_index, content, digest, record_id))
    while entry is not None:
        report.add(missing(entry[0], entry[1]))
        entry = next(logged, None)


def _check_entries(report: LedgerReport, declared: Iterable[str]) -> None:
    """Step 3, in the database: each pointer names its record's latest leaf."""
    later_leaf = Leaf.objects.filter(
        record_type=OuterRef("record_type"),
        record_id=OuterRef("record_id"),
        leaf_index__gt=OuterRef("leaf_id"),
    )
    stale = LedgerEntry.objects.filter(Exists(later_leaf)) | LedgerEntry.objects.exclude(
        leaf__record_type=F("record_type"), leaf__record_id=F("record_id")
    )
    for entry in stale.order_by("leaf_id")[:MAX_FINDINGS_PER_KIND]:
        report.add(
            Finding(
                "entry",
                f"the pointer of {entry.record_type} {entry.record_id} does not name its latest leaf",
                entry.leaf_id,
                entry.record_type,
                entry.record_id,
            )
        )
    has_entry = LedgerEntry.objects.filter(
        record_type=OuterRef("record_type"), record_id=OuterRef("record_id")
    )
    orphans = Leaf.objects.filter(~Exists(has_entry)).values_list("record_type", "record_id").distinct()
    for record_type, record_id in orphans[:MAX_FINDINGS_PER_KIND]:
        report.add(
            Finding(
                "entry", f"{record_type} {record_id} has leaves but no pointer", None, record_type, record_id
            )
        )
    undeclared = (
        LedgerEntry.objects.exclude(record_type__in=list(declared))
        .values("record_type")
        .annotate(records=Count("id"))
        .order_by("record_type")
    )
    for row in undeclared:
        report.add(
            Finding(
                "unknown_record_type",
                f"{row['records']} records of type {row['record_type']!r}, which no app declares, cannot be "
                "checked against the database",
                record_type=row["record_type"],
            )
        )


def verify_ledger(
    *,
    public_key: Ed25519PublicKey,
    progress: Progress = _no_progress,
    chunk_size: int = 20_000,
    client: Client | None = None,
    range_level: int = 16,
) -> LedgerReport:
    """Check the whole log (steps in the module docstring).

    Parameters
    ----------
    public_key : Ed25519PublicKey
        The key the heads must be signed with (the published one).
    progress : callable, optional
        ``progress(done, total, message)``.
    chunk_size : int
        Leaves read per query.
    client : distributed.Client, optional
        Hash the leaf documents and rebuild the tree in ranges of leaves on this Dask client's
        workers (`chanjiao.scale.ledger.RangeAuditor`) while the leaves are read; the report is
        the same, finding for finding.
    range_level : int
        With a client: ranges of ``2**range_level`` leaves (a multiple of the node table's
        level stride, 4).

    Returns
    -------
    LedgerReport
    """
    started = time.perf_counter()
    report = LedgerReport()
    heads = [head.signed_tree_head() for head in SignedHead.objects.order_by("timestamp_ms", "id")]
    auditor = None
    if client is not None:
        from chanjiao.scale.ledger import RangeAuditor

        auditor = RangeAuditor(
            client, heads, public_key, stored_nodes=stored_nodes(), range_level=range_level
        )
    leaf_hashes, audit = _check_leaves(report, progress, chunk_size, auditor)
    _check_superseded_leaves(report)
    kinds = all_record_types()
    for position, kind in enumerate(kinds):
        progress(position, len(kinds), f"{kind.name} records")
        _check_record_type(report, kind)
    _check_entries(report, [kind.name for kind in kinds])
    if audit is None:
        audit = core.audit_tree(
            hashes_from_bytes(leaf_hashes), heads, public_key, stored_nodes=stored_nodes()
        )
    report.root_hash = audit.root_hash
    report.heads_checked = audit.heads_checked
    for failure in audit.head_failures:
        report.add(
            Finding(
                "head",
                f"signed head of size {failure.tree_size} at {failure.timestamp_ms} ms: {failure.reason}",
            )
        )
    for level, index in audit.mismatched_nodes:
        report.add(
            Finding("node", f"stored subtree node (level {level}, index {index}) differs from the leaves")
        )
    state = LogState.objects.filter(pk=LOG_STATE_ID).first()
    state_size, state_root = (state.tree_size, bytes(state.root_hash)) if state else (0, core.EMPTY_ROOT)
    if (state_size, state_root) != (report.tree_size, report.root_hash):
        report.add(
            Finding(
                "state",
                f"the log state says {state_size} leaves with root {state_root.hex()}; the leaves give "
                f"{report.tree_size} with root {report.root_hash.hex()}",
            )
        )
    report.seconds = time.perf_counter() - started
    return report
