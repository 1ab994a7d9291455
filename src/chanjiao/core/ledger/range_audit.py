"""The whole-log audit split over leaf ranges and merged into the same report.

`audit_log` holds every leaf hash in one process. Here the log is cut into ranges of ``2**level``
leaves (aligned, so each full range is one perfect subtree); `audit_leaf_range` checks one range
on its own: its records against its leaf hashes, its part of the persisted node cache, its
subtree root, and the root of every signed size that ends inside it. `merge_range_audits` builds
the few tree levels above the ranges from their roots and gives the `LogAuditReport` that
`audit_log` (records given) or `audit_tree` (records not given) gives on the whole log: same
root, altered leaves, head failures in the same order and mismatched nodes.

Why it is exact: the root of the first ``s`` leaves is the right fold of the perfect subtrees of
``[0, s)``, largest first (`perfect_subtrees`). With ``s = q * 2**level + r``, those covering
``[0, q * 2**level)`` are made of whole ranges, and the rest fold to the hash of the subtree
``[q * 2**level, s)``, inside range ``q``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from chanjiao.core.ledger.audit import HeadFailure, LogAuditReport, _recompute_leaf_hashes
from chanjiao.core.ledger.hashing import EMPTY_ROOT, as_hash_array, hash_children, hash_leaf_inputs
from chanjiao.core.ledger.heads import SignedTreeHead, verify_tree_head
from chanjiao.core.ledger.proofs import root_hash_at, subtree_hash
from chanjiao.core.ledger.ranges import NodeId, perfect_subtrees
from chanjiao.core.ledger.store import DEFAULT_LEVEL_STRIDE, ArrayHashStore


@dataclass(frozen=True)
class RangeAudit:
    """What `audit_leaf_range` found in leaves ``[start, end)``.

    Attributes
    ----------
    start, end : int
    root : bytes
        Hash of the subtree ``[start, end)``.
    altered_leaves : ndarray of int
        Leaf indices (of the whole log) whose record no longer hashes to the recorded hash.
    prefix_roots : dict of int to bytes
        For each signed size ``s`` with ``start < s <= end``: the hash of ``[start, s)``.
    mismatched_nodes : list of (level, index)
        Cached nodes of this range that differ from the recomputed tree.
    """

    start: int
    end: int
    root: bytes
    altered_leaves: np.ndarray
    prefix_roots: dict[int, bytes] = field(default_factory=dict)
    mismatched_nodes: list[NodeId] = field(default_factory=list)


def check_range_level(range_level: int, level_stride: int) -> None:
    """Ranges must be whole stored levels so a range's cached nodes are its own store's nodes."""
    if range_level < 1 or range_level % level_stride:
        raise ValueError(f"range_level must be a positive multiple of the level stride {level_stride}")


def audit_leaf_range(
    start: int,
    leaf_hashes: object,
    *,
    records: Iterable[Mapping[str, Any] | None] | None = None,
    leaf_inputs: Sequence[bytes] | None = None,
    signed_sizes: Sequence[int] = (),
    stored_nodes: Iterable[tuple[int, int, bytes]] = (),
    level_stride: int = DEFAULT_LEVEL_STRIDE,
) -> RangeAudit:
    """Audit leaves ``[start, start + len(leaf_hashes))`` on their own.

    Parameters
    ----------
    start : int
        First leaf; a multiple of the range width (a power of two at least the number of leaves).
    leaf_hashes : (n, 32) uint8 array or sequence of 32-byte bytes
    records : iterable of mapping or None, optional
        The range's leaf documents as in `audit_log`, serialised and hashed here.
    leaf_inputs : sequence of bytes, optional
        Or the range's stored leaf inputs (serialised documents), hashed here. Neither given:
        nothing is checked against the leaf hashes.
    signed_sizes : sequence of int
        Signed tree sizes; those ending inside the range get their prefix root.
    stored_nodes : iterable of (level, index, hash)
        Cached nodes that lie inside the range (levels of the whole log).
    level_stride : int
    """
    recorded = as_hash_array(leaf_hashes, name="leaf_hashes")
    width = len(recorded)
    end = start + width
    store = ArrayHashStore.from_leaf_hashes(recorded, level_stride=level_stride)
    altered = np.empty(0, dtype=np.intp)
    if records is not None and leaf_inputs is not None:
        raise ValueError("give records or leaf_inputs, not both")
    if leaf_inputs is not None:
        if len(leaf_inputs) != width:
            raise ValueError(f"got {len(leaf_inputs)} leaf inputs for {width} leaf hashes")
        recomputed = hash_leaf_inputs(leaf_inputs)
        altered = start + np.flatnonzero(np.any(recomputed != recorded, axis=1))
    elif records is not None:
        recomputed = _recompute_leaf_hashes(records, width)
        altered = start + np.flatnonzero(np.any(recomputed != recorded, axis=1))
    mismatched = []
    for level, index, digest in stored_nodes:
        try:
            expected = store.read_nodes([(level, index - (start >> level))])[0]
        except ValueError:
            expected = None
        if expected != bytes(digest):
            mismatched.append((level, index))
    return RangeAudit(
        start=start,
        end=end,
        root=root_hash_at(store, width),
        altered_leaves=altered,
        prefix_roots={
            size: root_hash_at(store, size - start) for size in signed_sizes if start < size <= end
        },
        mismatched_nodes=mismatched,
    )


def range_of_node(level: int, index: int, range_level: int) -> int | None:
    """The range holding cached node ``(level, index)``, or None for a node above the ranges."""
    return (index << level) >> range_level if level <= range_level else None


class _RangeTree:
    """The tree above the ranges: its leaves are the roots of the full ranges."""

    def __init__(self, parts: Sequence[RangeAudit], range_level: int, level_stride: int):
        self.range_level = range_level
        self.width = 1 << range_level
        full_roots = [part.root for part in parts if part.end - part.start == self.width]
        self.store = ArrayHashStore.from_leaf_hashes(
            as_hash_array(full_roots, name="range roots") if full_roots else np.empty((0, 32), np.uint8),
            level_stride=level_stride,
        )
        self.parts = parts

    def root_at(self, size: int) -> bytes:
        if size == 0:
            return EMPTY_ROOT
        full, rest = divmod(size, self.width)
        pieces = [
            subtree_hash(self.store, index << level, (index + 1) << level)
            for level, index in perfect_subtrees(0, full)
        ]
        if rest:
            last = self.parts[full]
            pieces.append(last.root if size == last.end else last.prefix_roots[size])
        folded = pieces[-1]
        for piece in reversed(pieces[:-1]):
            folded = hash_children(piece, folded)
        return folded

    def node(self, level: int, index: int) -> bytes | None:
        try:
            return self.store.read_nodes([(level - self.range_level, index)])[0]
        except ValueError:
            return None


def merge_range_audits(
    parts: Sequence[RangeAudit],
    heads: Sequence[SignedTreeHead],
    public_key: Ed25519PublicKey,
    *,
    range_level: int,
    stored_nodes: Iterable[tuple[int, int, bytes]] = (),
    level_stride: int = DEFAULT_LEVEL_STRIDE,
) -> LogAuditReport:
    """The `LogAuditReport` of the whole log from its ranges' audits, in leaf order.

    Parameters
    ----------
    parts : sequence of RangeAudit
        One per range of ``2**range_level`` leaves, in order (the last may be shorter), each
        given the signed sizes of ``heads`` and the cached nodes `range_of_node` assigns to it.
    heads : sequence of SignedTreeHead
    public_key : Ed25519PublicKey
    range_level : int
    stored_nodes : iterable of (level, index, hash)
        The cached nodes above the ranges (those `range_of_node` gives None), and any that no
        range holds (beyond the last leaf): they are mismatched.
    level_stride : int
    """
    check_range_level(range_level, level_stride)
    tree = _RangeTree(parts, range_level, level_stride)
    tree_size = parts[-1].end if parts else 0
    failures = []
    for signed in heads:
        head = signed.head
        if not verify_tree_head(public_key, head, signed.signature):
            reason = "signature does not verify with the log's public key"
        elif head.tree_size > tree_size:
            reason = f"signed tree size {head.tree_size} exceeds the {tree_size} leaves in the log"
        elif tree.root_at(head.tree_size) != head.root_hash:
            reason = "signed root hash differs from the root recomputed from the leaf hashes"
        else:
            continue
        failures.append(HeadFailure(head.tree_size, head.timestamp_ms, reason))
    mismatched = [node for part in parts for node in part.mismatched_nodes]
    mismatched += [
        (level, index) for level, index, digest in stored_nodes if tree.node(level, index) != bytes(digest)
    ]
    altered = [part.altered_leaves for part in parts]
    return LogAuditReport(
        tree_size=tree_size,
        root_hash=tree.root_at(tree_size),
        altered_leaves=np.concatenate(altered) if altered else np.empty(0, dtype=np.intp),
        heads_checked=len(heads),
        head_failures=tuple(failures),
        mismatched_nodes=tuple(sorted(mismatched)),
    )
