"""Whole-log verification: every record against its leaf, every signed head against the leaves.

The audit trusts nothing the server computed. It re-serialises every record and compares its
leaf hash with the recorded one (a record edited behind the ledger's back shows up here, by leaf
index), rebuilds the tree from the recorded leaf hashes (about one SHA-256 call per leaf) and
checks each signed head's signature, size and root against it (an edited leaf hash shows up
here: the first failing head bounds where it is). Optionally it also checks the persisted
subtree-hash cache that serves proofs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from chanjiao.core.ledger.canonical import leaf_hash
from chanjiao.core.ledger.hashing import HASH_SIZE, as_hash_array, hashes_from_bytes
from chanjiao.core.ledger.heads import SignedTreeHead, verify_tree_head
from chanjiao.core.ledger.proofs import root_hash_at
from chanjiao.core.ledger.ranges import NodeId
from chanjiao.core.ledger.store import DEFAULT_LEVEL_STRIDE, ArrayHashStore

# Recomputed hash standing for a record that is missing or can no longer be serialised: it can
# never equal a SHA-256 output the log recorded in practice.
_UNREADABLE_RECORD = bytes(HASH_SIZE)


@dataclass(frozen=True)
class HeadFailure:
    """A signed head that does not hold, and why (one failure per head, most basic reason first)."""

    tree_size: int
    timestamp_ms: int
    reason: str


@dataclass(frozen=True)
class LogAuditReport:
    """Outcome of `audit_log`.

    Attributes
    ----------
    tree_size : int
        Number of leaves audited.
    root_hash : bytes
        Root recomputed from the recorded leaf hashes.
    altered_leaves : numpy.ndarray
        Sorted leaf indices whose record no longer hashes to the recorded leaf hash (or is
        missing or cannot be serialised).
    heads_checked : int
    head_failures : tuple of HeadFailure
        In the order the heads were given.
    mismatched_nodes : tuple of (level, index)
        Persisted cache nodes that differ from the recomputed tree.
    """

    tree_size: int
    root_hash: bytes
    altered_leaves: np.ndarray
    heads_checked: int
    head_failures: tuple[HeadFailure, ...]
    mismatched_nodes: tuple[NodeId, ...]

    @property
    def first_altered_leaf(self) -> int | None:
        """Smallest altered leaf index, or None."""
        return int(self.altered_leaves[0]) if len(self.altered_leaves) else None

    @property
    def ok(self) -> bool:
        """True when no record, head or cached node failed."""
        return not len(self.altered_leaves) and not self.head_failures and not self.mismatched_nodes


def _recompute_leaf_hashes(records: Iterable[Mapping[str, Any] | None], tree_size: int) -> np.ndarray:
    digests = bytearray()
    count = 0
    for record in records:
        if count == tree_size:
            raise ValueError(f"more records than the {tree_size} leaves of the log")
        try:
            digest = _UNREADABLE_RECORD if record is None else leaf_hash(record)
        except ValueError:
            digest = _UNREADABLE_RECORD
        digests += digest
        count += 1
    digests += _UNREADABLE_RECORD * (tree_size - count)
    return hashes_from_bytes(bytes(digests))


def _head_failure(signed: SignedTreeHead, store: ArrayHashStore, public_key: Ed25519PublicKey) -> str | None:
    head = signed.head
    if not verify_tree_head(public_key, head, signed.signature):
        return "signature does not verify with the log's public key"
    if head.tree_size > store.tree_size:
        return f"signed tree size {head.tree_size} exceeds the {store.tree_size} leaves in the log"
    if root_hash_at(store, head.tree_size) != head.root_hash:
        return "signed root hash differs from the root recomputed from the leaf hashes"
    return None


def _mismatched_nodes(stored_nodes: Iterable[tuple[int, int, bytes]], store: ArrayHashStore) -> list[NodeId]:
    mismatched = []
    for level, index, digest in stored_nodes:
        try:
            expected = store.read_nodes([(level, index)])[0]
        except ValueError:
            expected = None
        if expected != bytes(digest):
            mismatched.append((level, index))
    return sorted(mismatched)


def _audit_store(
    store: ArrayHashStore,
    altered: np.ndarray,
    heads: Sequence[SignedTreeHead],
    public_key: Ed25519PublicKey,
    stored_nodes: Iterable[tuple[int, int, bytes]],
) -> LogAuditReport:
    failures = []
    for signed in heads:
        reason = _head_failure(signed, store, public_key)
        if reason is not None:
            failures.append(HeadFailure(signed.head.tree_size, signed.head.timestamp_ms, reason))
    return LogAuditReport(
        tree_size=store.tree_size,
        root_hash=root_hash_at(store, store.tree_size),
        altered_leaves=altered,
        heads_checked=len(heads),
        head_failures=tuple(failures),
        mismatched_nodes=tuple(_mismatched_nodes(stored_nodes, store)),
    )


def audit_tree(
    leaf_hashes: object,
    heads: Sequence[SignedTreeHead],
    public_key: Ed25519PublicKey,
    *,
    stored_nodes: Iterable[tuple[int, int, bytes]] = (),
    level_stride: int = DEFAULT_LEVEL_STRIDE,
) -> LogAuditReport:
    """Verify signed heads and the node cache against the recorded leaf hashes, records aside.

    For a caller that checks records against leaf hashes itself, e.g. streaming leaf inputs
    from a database and hashing the stored bytes, so no record is serialised twice. The
    report's ``altered_leaves`` is empty; everything else is as in `audit_log`.

    Parameters
    ----------
    leaf_hashes : (n, 32) uint8 array or sequence of 32-byte bytes
        Leaf hashes as recorded, in leaf order.
    heads : sequence of SignedTreeHead
        Every stored signed head.
    public_key : Ed25519PublicKey
        The log's public key.
    stored_nodes : iterable of (level, index, hash), optional
        Rows of the persisted subtree-hash cache (see `chanjiao.core.ledger.store`).
    level_stride : int, default 4
        Stride of the persisted cache's levels.

    Returns
    -------
    LogAuditReport

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    >>> from chanjiao.core.ledger.hashing import hash_leaf_inputs
    >>> from chanjiao.core.ledger.heads import sign_tree_head
    >>> from chanjiao.core.ledger.proofs import root_from_leaf_hashes
    >>> hashes = hash_leaf_inputs([b"a", b"b", b"c"])
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> head = sign_tree_head(key, 2, root_from_leaf_hashes(hashes[:2]), 0)
    >>> report = audit_tree(hashes, [head], key.public_key())
    >>> report.ok, report.tree_size
    (True, 3)
    """
    recorded = as_hash_array(leaf_hashes, name="leaf_hashes")
    store = ArrayHashStore.from_leaf_hashes(recorded, level_stride=level_stride)
    return _audit_store(store, np.empty(0, dtype=np.intp), heads, public_key, stored_nodes)


def audit_log(
    leaf_hashes: object,
    records: Iterable[Mapping[str, Any] | None],
    heads: Sequence[SignedTreeHead],
    public_key: Ed25519PublicKey,
    *,
    stored_nodes: Iterable[tuple[int, int, bytes]] = (),
    level_stride: int = DEFAULT_LEVEL_STRIDE,
) -> LogAuditReport:
    """Verify a whole log: records against leaf hashes, signed heads against the tree.

    Parameters
    ----------
    leaf_hashes : (n, 32) uint8 array or sequence of 32-byte bytes
        Leaf hashes as recorded, in leaf order.
    records : iterable of mapping or None
        The leaf document (see `chanjiao.core.ledger.canonical.ledger_record`) rebuilt from each
        record's current state, in leaf order; None where the record is missing. May be a
        generator streaming from the database. Fewer records than leaves count the rest as
        missing.
    heads : sequence of SignedTreeHead
        Every stored signed head.
    public_key : Ed25519PublicKey
        The log's public key.
    stored_nodes : iterable of (level, index, hash), optional
        Rows of the persisted subtree-hash cache (see `chanjiao.core.ledger.store`).
    level_stride : int, default 4
        Stride of the persisted cache's levels.

    Returns
    -------
    LogAuditReport

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    >>> from chanjiao.core.ledger.canonical import ledger_record
    >>> from chanjiao.core.ledger.heads import sign_tree_head
    >>> from chanjiao.core.ledger.proofs import root_from_leaf_hashes
    >>> moment = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> docs = [ledger_record(record_type="hours", record_id=i, actor=None, recorded_at=moment,
    ...                       content={"hours": i}) for i in range(3)]
    >>> hashes = [leaf_hash(doc) for doc in docs]
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> head = sign_tree_head(key, 3, root_from_leaf_hashes(hashes), moment)
    >>> docs[1]["content"]["hours"] = 40
    >>> report = audit_log(hashes, docs, [head], key.public_key())
    >>> report.ok, report.first_altered_leaf, report.head_failures
    (False, 1, ())
    """
    recorded = as_hash_array(leaf_hashes, name="leaf_hashes")
    store = ArrayHashStore.from_leaf_hashes(recorded, level_stride=level_stride)
    recomputed = _recompute_leaf_hashes(records, store.tree_size)
    altered = np.flatnonzero(np.any(recomputed != recorded, axis=1))
    return _audit_store(store, altered, heads, public_key, stored_nodes)
