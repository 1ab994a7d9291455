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
    >>> from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    >>> from chanjiao.core.ledger import audit_tree, hash_leaf_inputs, root_from_leaf_hashes, sign_tree_head
    >>> hashes = hash_leaf_inputs([bytes([i]) for i in range(40)])
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> heads = [sign_tree_head(key, size, root_from_leaf_hashes(hashes[:size]), 0) for size in (7, 16, 40)]
    >>> report = audit_log_in_ranges(None, hashes, heads, key.public_key(), range_level=4)
    >>> report.ok, report.root_hash == audit_tree(hashes, heads, key.public_key()).root_hash
    (True, True)
    """
    check_range_level(range_level, level_stride)
    recorded = as_hash_array(leaf_hashes, name="leaf_hashes")
    tree_size = len(recorded)
    if records is not None and len(records) > tree_size:
        raise ValueError(f"more records than the {tree_size} leaves of the log")
    width = 1 << range_level
    starts = range(0, tree_size, width)
    sizes = sorted({signed.head.tree_size for signed in heads})
    in_range: dict[int, list[tuple[int, int, bytes]]] = defaultdict(list)
    above: list[tuple[int, int, bytes]] = []
    for level, index, digest in stored_nodes:
        number = range_of_node(level, index, range_level)
        if number is None or number >= len(starts):
            above.append((level, index, digest))
        else:
            in_range[number].append((level, index, digest))
    tasks = [
        partial(
            audit_leaf_range,
            start,
            recorded[start : start + width],
            records=None if records is None else list(records[start : start + width]),
            leaf_inputs=None if leaf_inputs is None else list(leaf_inputs[start : start + width]),
            signed_sizes=[size for size in sizes if start < size <= start + width],
            stored_nodes=in_range[number],
            level_stride=level_stride,
        )
        for number, start in enumerate(starts)
    ]
    if client is None:
        parts = [task() for task in tasks]
    else:
        parts = client.gather([client.submit(task, pure=False) for task in tasks])
    return merge_range_audits(
        parts, heads, public_key, range_level=range_level, stored_nodes=above, level_stride=level_stride
    )
