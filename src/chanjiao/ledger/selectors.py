"""Reads of the log: heads, proofs, a record's place and status, exported records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from chanjiao.core import ledger as core
from chanjiao.ledger.bundle import record_bundle
from chanjiao.ledger.keys import public_key
from chanjiao.ledger.models import LOG_STATE_ID, Leaf, LedgerEntry, LogState, SignedHead
from chanjiao.ledger.records import RecordType, record_types_of
from chanjiao.ledger.store import DatabaseHashStore


class NotYetSigned(Exception):
    """The leaf is newer than every signed tree head: its proof comes with the next head."""


def log_state() -> tuple[int, bytes]:
    """Committed tree size and root hash."""
    state = LogState.objects.filter(pk=LOG_STATE_ID).first()
    return (state.tree_size, bytes(state.root_hash)) if state else (0, core.EMPTY_ROOT)


def latest_head() -> SignedHead | None:
    return SignedHead.objects.first()


def head_of_size(tree_size: int) -> SignedHead:
    """The latest signed head of exactly this size; ``ValueError`` if none was signed."""
    head = SignedHead.objects.filter(tree_size=tree_size).first()
    if head is None:
        raise ValueError(_("No signed tree head has size %(size)s.") % {"size": tree_size})
    return head


def resolve_tree_size(tree_size: int | None, *, leaf_index: int | None = None) -> int:
    """The tree a proof is for: the given size (checked) or the latest signed head's."""
    if tree_size is None:
        head_size = SignedHead.objects.values_list("tree_size", flat=True).first()
        if head_size is not None and (leaf_index is None or leaf_index < head_size):
            return head_size
        current, _root = log_state()
        if leaf_index is not None and leaf_index >= current:
            raise ValueError(
                _("leaf_index %(index)s is not in the log of %(current)s leaves.")
                % {"index": leaf_index, "current": current}
            )
        raise NotYetSigned(
            _("Leaf %(index)s is not yet covered by a signed tree head; it will be at the next signing.")
            % {"index": leaf_index}
            if leaf_index is not None
            else _("No tree head has been signed yet.")
        )
    current, _root = log_state()
    if tree_size > current:
        raise ValueError(
            _("tree_size %(size)s exceeds the %(current)s leaves in the log.")
            % {"size": tree_size, "current": current}
        )
    if leaf_index is not None and leaf_index >= tree_size:
        raise ValueError(
            _("leaf_index %(index)s is not in a tree of %(size)s leaves.")
            % {"index": leaf_index, "size": tree_size}
        )
    return tree_size


def inclusion_proof(leaf_index: int, tree_size: int | None = None) -> tuple[int, bytes, list[bytes]]:
    """``(tree_size, leaf_hash, audit_path)`` of a leaf; ``ValueError`` for an index outside the log.

    Two queries: the head (or the log state, for an explicit size) and one read of every hash.
    """
    size = resolve_tree_size(tree_size, leaf_index=leaf_index)
    store = DatabaseHashStore(prefetch=[(0, leaf_index)])
    audit_path = core.inclusion_proof(store, leaf_index, size)
    return size, store.read_nodes([(0, leaf_index)])[0], audit_path


def consistency_proof(first: int, second: int) -> list[bytes]:
    """RFC 6962 consistency proof between the trees of ``first`` and ``second`` leaves."""
    if not 0 < first <= second:
        raise ValueError(_("A consistency proof needs 0 < first <= second."))
    resolve_tree_size(second)
    return core.consistency_proof(DatabaseHashStore(), first, second)


def entry_for(record_type: str, record_id: Any) -> LedgerEntry | None:
    """The pointer to a record's latest leaf, with the leaf."""
    return (
        LedgerEntry.objects.select_related("leaf")
        .filter(record_type=record_type, record_id=str(record_id))
        .first()
    )


def record_leaves(record_type: str, record_id: Any) -> QuerySet[Leaf]:
    """Every leaf of a record, newest first: its logged history."""
    return Leaf.objects.filter(record_type=record_type, record_id=str(record_id)).order_by("-leaf_index")


def leaf_export(leaf: Leaf, *, tree_size: int | None = None, encoding: str = "base64") -> dict[str, Any]:
    """The record bundle of a leaf (see `chanjiao.ledger.bundle`) for a signed tree head."""
    size, _leaf_hash, audit_path = inclusion_proof(leaf.leaf_index, tree_size)
    head = head_of_size(size)
    return record_bundle(
        record=json.loads(leaf.document),
        leaf_index=leaf.leaf_index,
        audit_path=audit_path,
        signed_head=head.signed_tree_head(),
        encoding=encoding,
    )


@dataclass(frozen=True)
class RecordStatus:
    """What the badge of a record says.

    ``state`` is ``verified`` (its current content is its latest leaf and that leaf is in the
    latest signed head), ``pending`` (logged, not yet signed), ``altered`` (its current
    content differs from its latest leaf), ``unlogged`` or ``failed`` (the proof or the
    head's signature does not check: the log itself is damaged).
    """

    kind: RecordType
    record_id: Any
    state: str
    leaf_index: int | None = None
    head: SignedHead | None = None


def record_status(kind: RecordType, record_id: Any) -> RecordStatus:
    entry = entry_for(kind.name, record_id)
    return _status(kind, record_id, entry, kind.content_of(record_id) if entry is not None else None)


def record_statuses(record: Any) -> list[RecordStatus]:
    """The status of each record type kept for the record's model that the record is of: a type
    it has no leaf of and no content for (a school's placement is no round placement) is left out."""
    statuses = []
    for kind in record_types_of(type(record)):
        entry, content = entry_for(kind.name, record.pk), kind.content_of(record.pk)
        if entry is not None or content is not None:
            statuses.append(_status(kind, record.pk, entry, content))
    return statuses


def _status(kind: RecordType, record_id: Any, entry: LedgerEntry | None, content: Any) -> RecordStatus:
    if entry is None:
        return RecordStatus(kind, record_id, "unlogged")
    leaf = entry.leaf
    logged_hash = bytes(leaf.leaf_hash)
    if (
        content is None
        or core.hash_leaf(core.leaf_input_with_content(leaf.document.encode(), content)) != logged_hash
    ):
        return RecordStatus(kind, record_id, "altered", leaf.leaf_index)
    head = latest_head()
    if head is None or head.tree_size <= leaf.leaf_index:
        return RecordStatus(kind, record_id, "pending", leaf.leaf_index)
    signed = head.signed_tree_head()
    audit_path = core.inclusion_proof(DatabaseHashStore(), leaf.leaf_index, head.tree_size)
    holds = core.verify_tree_head(public_key(), signed.head, signed.signature) and core.verify_inclusion(
        logged_hash, leaf.leaf_index, head.tree_size, audit_path, signed.head.root_hash
    )
    return RecordStatus(kind, record_id, "verified" if holds else "failed", leaf.leaf_index, head)
