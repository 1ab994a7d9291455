"""The ledger audit over leaf ranges on the cluster, merged into the report of one process.

Each range of ``2**range_level`` leaves is audited on a worker (`audit_leaf_range`: records or
stored leaf inputs re-hashed against the leaf hashes, the range's subtree rebuilt, its cached
nodes checked); `merge_range_audits` builds the levels above the ranges from their roots and
checks the signed heads. The report is the one `audit_log` / `audit_tree` gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from distributed import Client

from chanjiao.core.ledger.audit import LogAuditReport
from chanjiao.core.ledger.hashing import as_hash_array
from chanjiao.core.ledger.heads import SignedTreeHead
from chanjiao.core.ledger.range_audit import (
    audit_leaf_range,
    check_range_level,
    merge_range_audits,
    range_of_node,
)
from chanjiao.core.ledger.store import DEFAULT_LEVEL_STRIDE

DEFAULT_RANGE_LEVEL = 16  # 65,536 leaves a task: 2 MB of hashes, well under a second of work


class RangeAuditor:
    """Audits leaves as they stream in: each full range goes to a worker at once (so reading the
    log overlaps hashing it), and `finish` merges the ranges into the whole-log report.

    Parameters
    ----------
    client : distributed.Client or None
        None: ranges are audited in this process, one at a time.
    heads : sequence of SignedTreeHead
    public_key : Ed25519PublicKey
    stored_nodes : iterable of (level, index, hash)
        The persisted node cache.
    range_level : int
        Ranges are ``2**range_level`` leaves; a positive multiple of ``level_stride``.
    level_stride : int
    """

    def __init__(
        self,
        client: Client | None,
        heads: Sequence[SignedTreeHead],
        public_key: Ed25519PublicKey,
        *,
        stored_nodes: Iterable[tuple[int, int, bytes]] = (),
        range_level: int = DEFAULT_RANGE_LEVEL,
        level_stride: int = DEFAULT_LEVEL_STRIDE,
    ) -> None:
        check_range_level(range_level, level_stride)
        self.client, self.heads, self.public_key = client, heads, public_key
        self.range_level, self.level_stride = range_level, level_stride
        self.width = 1 << range_level
        self.sizes = sorted({signed.head.tree_size for signed in heads})
        self.nodes: dict[int | None, list[tuple[int, int, bytes]]] = defaultdict(list)
        for level, index, digest in stored_nodes:
            self.nodes[range_of_node(level, index, range_level)].append((level, index, digest))
        self.parts: list[Any] = []
        self.hashes: list[np.ndarray] = []
        self.pending = 0
        self.records: list[Mapping[str, Any] | None] | None = None
        self.leaf_inputs: list[bytes] | None = None
        self.start = 0

    def add(
        self,
        leaf_hashes: object,
        *,
        records: Sequence[Mapping[str, Any] | None] | None = None,
        leaf_inputs: Sequence[bytes] | None = None,
    ) -> None:
        """Append leaves in log order, with their records or stored leaf inputs (or neither,
        the same choice for every call)."""
        hashes = as_hash_array(leaf_hashes, name="leaf_hashes")
        for given, name in ((records, "records"), (leaf_inputs, "leaf_inputs")):
            if given is not None and len(given) != len(hashes):
                raise ValueError(f"got {len(given)} {name} for {len(hashes)} leaf hashes")
        if records is not None:
            self.records = (self.records or []) + list(records)
        if leaf_inputs is not None:
            self.leaf_inputs = (self.leaf_inputs or []) + list(leaf_inputs)
        self.hashes.append(hashes)
        self.pending += len(hashes)
        while self.pending >= self.width:
            self._submit(self.width)

    def _submit(self, count: int) -> None:
        joined = np.concatenate(self.hashes) if len(self.hashes) > 1 else self.hashes[0]
        chunk, rest = joined[:count], joined[count:]
        self.hashes, self.pending = ([rest] if len(rest) else []), len(rest)
        records, leaf_inputs = self.records, self.leaf_inputs
        if records is not None:
            self.records = records[count:]
        if leaf_inputs is not None:
            self.leaf_inputs = leaf_inputs[count:]
        task = partial(
            audit_leaf_range,
            self.start,
            chunk,
            records=None if records is None else records[:count],
            leaf_inputs=None if leaf_inputs is None else leaf_inputs[:count],
            signed_sizes=[size for size in self.sizes if self.start < size <= self.start + count],
            stored_nodes=self.nodes.pop(len(self.parts), []),
            level_stride=self.level_stride,
        )
        self.parts.append(task() if self.client is None else self.client.submit(task, pure=False))
        self.start += count

    def finish(self) -> LogAuditReport:
        """The whole-log report (`LogAuditReport`, as `audit_log` or `audit_tree` gives it)."""
        if self.pending:
            self._submit(self.pending)
        parts = self.parts if self.client is None else self.client.gather(self.parts)
        # Cached nodes no range held: above the ranges, or beyond the last leaf (mismatched).
        leftover = [node for nodes in self.nodes.values() for node in nodes]
        return merge_range_audits(
            parts,
            self.heads,
            self.public_key,
            range_level=self.range_level,
            stored_nodes=leftover,
            level_stride=self.level_stride,
        )


def audit_log_in_ranges(
    client: Client | None,
    leaf_hashes: object,
    heads: Sequence[SignedTreeHead],
    public_key: Ed25519PublicKey,
    *,
    records: Sequence[Mapping[str, Any] | None] | None = None,
    leaf_inputs: Sequence[bytes] | None = None,
    stored_nodes: Iterable[tuple[int, int, bytes]] = (),
    range_level: int = DEFAULT_RANGE_LEVEL,
    level_stride: int = DEFAULT_LEVEL_STRIDE,
) -> LogAuditReport:
    """`audit_log` (``records`` given), `audit_tree` (neither given) or the stored-input check
        (``leaf_inputs``) of the whole log, range by range on ``client`` (in this process without one).

        Examples
        --------
        >>> from datetime import datetime, timezone
        >>> import numpy as np
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        >>> from chanjiao.core.ledger import audit_tree, hash_leaf_inputs, root_from_leaf_hashes, sign_tree_head
        >>> hashes = hash_leaf_inputs([bytes([i]) for i in range(40)])
        >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
        >>> heads = [sign_tree_head(key, size, root_from_leaf_hashes(hashes[:size]), 0) for size in (7, 16, 40)]
        >>> report = audit_log_in_ranges(None, hashes, heads, key.public_key(), range_level=4)
        >>> report.ok, report.root_hash == audit_tree(hashes, heads, key.public_key()).root_hash
        (True, True)
    """
    recorded = as_hash_array(leaf_hashes, name="leaf_hashes")
    if records is not None:
        records = list(records)
        if len(records) > len(recorded):
            raise ValueError(f"more records than the {len(recorded)} leaves of the log")
        # As in audit_log: leaves without a record count as missing records.
        records += [None] * (len(recorded) - len(records))
    auditor = RangeAuditor(
        client,
        heads,
        public_key,
        stored_nodes=stored_nodes,
        range_level=range_level,
        level_stride=level_stride,
    )
    if len(recorded):
        auditor.add(recorded, records=records, leaf_inputs=leaf_inputs)
    return auditor.finish()
