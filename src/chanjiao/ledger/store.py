"""The core `HashStore` on the platform's database, and streaming reads of the whole log."""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.db.models import Q

from chanjiao.core.ledger import DEFAULT_LEVEL_STRIDE
from chanjiao.ledger.models import Leaf, Node

NodeId = tuple[int, int]


class DatabaseHashStore:
    """Leaf and node hashes read from the ``Leaf`` and ``Node`` tables: one query per table per call.

    Reads see what the current transaction sees, so inside an append they include the leaves
    written so far.
    """

    @property
    def level_stride(self) -> int:
        return DEFAULT_LEVEL_STRIDE

    def read_nodes(self, node_ids: Sequence[NodeId]) -> list[bytes]:
        leaf_indices = sorted({index for level, index in node_ids if level == 0})
        node_indices: dict[int, set[int]] = defaultdict(set)
        for level, index in node_ids:
            if level:
                node_indices[level].add(index)
        found: dict[NodeId, bytes] = {}
        if leaf_indices:
            leaves = Leaf.objects.filter(leaf_index__in=leaf_indices).order_by()
            for index, digest in leaves.values_list("leaf_index", "leaf_hash"):
                found[(0, index)] = bytes(digest)
        if node_indices:
            condition = functools.reduce(
                operator.or_,
                (Q(level=level, node_index__in=sorted(indices)) for level, indices in node_indices.items()),
            )
            for level, index, digest in Node.objects.filter(condition).values_list(
                "level", "node_index", "node_hash"
            ):
                found[(level, index)] = bytes(digest)
        try:
            return [found[node_id] for node_id in node_ids]
        except KeyError as error:
            level, index = error.args[0]
            raise ValueError(f"node (level {level}, index {index}) is not stored") from None


LeafRow = tuple[int, bytes, str, str, str]


def leaf_rows(
    *, start: int = 0, stop: int | None = None, chunk_size: int = 20_000
) -> Iterator[list[LeafRow]]:
    """Chunks of ``(leaf_index, leaf_hash, record_type, record_id, document)`` in index order.

    Reads by index ranges rather than one long cursor, so memory stays flat on any database.
    """
    last = Leaf.objects.order_by("-leaf_index").values_list("leaf_index", flat=True).first()
    stop = (last + 1 if last is not None else 0) if stop is None else stop
    for low in range(start, stop, chunk_size):
        rows = (
            Leaf.objects.filter(leaf_index__gte=low, leaf_index__lt=min(low + chunk_size, stop))
            .order_by("leaf_index")
            .values_list("leaf_index", "leaf_hash", "record_type", "record_id", "document")
        )
        yield [
            (index, bytes(digest), kind, record_id, document)
            for index, digest, kind, record_id, document in rows
        ]


def stored_nodes() -> Iterator[tuple[int, int, bytes]]:
    """Every row of the node table as ``(level, index, hash)``."""
    rows = Node.objects.order_by("level", "node_index").values_list("level", "node_index", "node_hash")
    for level, index, digest in rows.iterator(chunk_size=20_000):
        yield level, index, bytes(digest)
