"""Where the tree's hashes live: the storage layout, its reader protocol and an in-memory store.

Storage layout
--------------
A log of ``n`` leaves is persisted as two append-only tables of 32-byte hashes:

``leaf (index, hash)``
    Level 0: the leaf hash of every entry, ``index`` 0 to ``n - 1``.
``node (level, index, hash)``
    The hash of every *complete* (perfect) subtree at the stored levels: levels that are
    positive multiples of ``level_stride`` (4 by default: 4, 8, 12, ...). Node ``(level, index)``
    covers leaves ``[index * 2**level, (index + 1) * 2**level)``; at ``level`` there are
    ``n >> level`` of them. Primary key ``(level, index)``.

A complete subtree never changes once its last leaf is in, so both tables are append-only and a
node serves proofs against every later tree size. With stride 4 the node table holds about
``n / 15`` rows (7 % of the leaf table). Any complete subtree at level ``l`` is the hash of at
most ``2**(l % stride)`` (8 for stride 4) stored nodes of level ``l - l % stride``, so a proof in
a log of 10,000,000 leaves needs about a hundred stored hashes, fetched in a single read, and a
few hundred SHA-256 operations. An append of ``k`` leaves adds the nodes that
`nodes_completed_by_append` returns, reading fewer than ``2**stride`` stored hashes per level;
appends must be serialised (one writer at a time, e.g. a row lock on the log) because each one
builds on the tree size and nodes the previous one left.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from chanjiao.core.ledger.hashing import HASH_SIZE, as_hash_array, hash_pairs
from chanjiao.core.ledger.ranges import NodeId

DEFAULT_LEVEL_STRIDE = 4


class HashStore(Protocol):
    """Read access to a persisted tree (see the module docstring for the layout).

    ``read_nodes`` receives ``(level, index)`` pairs with ``level`` 0 (leaf hashes, from the
    leaf table) or a multiple of ``level_stride`` (from the node table) and returns their
    32-byte hashes in the same order, raising ``ValueError`` for a node that is not stored. A
    database-backed store answers one call with one query per table.
    """

    @property
    def level_stride(self) -> int: ...

    def read_nodes(self, node_ids: Sequence[NodeId]) -> Sequence[bytes]: ...


@dataclass(frozen=True)
class NodeRun:
    """Consecutive new complete nodes of one stored level, ready to be persisted.

    Attributes
    ----------
    level : int
        Stored level (a positive multiple of the store's ``level_stride``).
    first_index : int
        Index of the first node in the run.
    hashes : numpy.ndarray
        ``(k, 32)`` uint8 array; row ``i`` is node ``(level, first_index + i)``.
    """

    level: int
    first_index: int
    hashes: np.ndarray

    def rows(self) -> Iterator[tuple[int, int, bytes]]:
        """``(level, index, hash)`` for every node of the run, e.g. for a bulk insert.

        Examples
        --------
        >>> run = NodeRun(level=4, first_index=2, hashes=np.zeros((1, 32), dtype=np.uint8))
        >>> [(level, index, len(digest)) for level, index, digest in run.rows()]
        [(4, 2, 32)]
        """
        for offset, digest in enumerate(self.hashes):
            yield self.level, self.first_index + offset, digest.tobytes()


def _check_stride(level_stride: object) -> int:
    if isinstance(level_stride, bool) or not isinstance(level_stride, int) or level_stride < 1:
        raise ValueError(f"level_stride must be a positive int, got {level_stride!r}")
    return level_stride


def read_hashes(store: HashStore, node_ids: Sequence[NodeId]) -> list[bytes]:
    """Read stored hashes, checking that the store answered with one 32-byte hash per node.

    Examples
    --------
    >>> read_hashes(ArrayHashStore.from_leaf_hashes([bytes(32)]), [(0, 0)]) == [bytes(32)]
    True
    """
    if not node_ids:
        return []
    hashes = list(store.read_nodes(node_ids))
    if len(hashes) != len(node_ids):
        raise ValueError(f"store returned {len(hashes)} hashes for {len(node_ids)} nodes")
    for digest in hashes:
        if not isinstance(digest, bytes) or len(digest) != HASH_SIZE:
            raise ValueError(f"store returned a value that is not a {HASH_SIZE}-byte hash")
    return hashes


def nodes_completed_by_append(store: HashStore, tree_size: int, new_leaf_hashes: object) -> list[NodeRun]:
    """The stored-level nodes that appending ``new_leaf_hashes`` to a tree of ``tree_size`` completes.

    Call it inside the transaction that appends the leaves, then persist the returned runs next
    to the leaves; the store must hold the tree of ``tree_size`` (it is read for the fewer than
    ``2**level_stride`` existing children of each new node).

    Parameters
    ----------
    store : HashStore
        The tree before the append.
    tree_size : int
        Number of leaves before the append.
    new_leaf_hashes : (k, 32) uint8 array or sequence of 32-byte bytes
        Leaf hashes being appended, in order.

    Returns
    -------
    list of NodeRun
        One run per stored level that gains nodes, lowest level first.

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf_inputs
    >>> store = ArrayHashStore(level_stride=2)
    >>> runs = nodes_completed_by_append(store, 0, hash_leaf_inputs([b"a", b"b", b"c", b"d", b"e"]))
    >>> [(run.level, run.first_index, len(run.hashes)) for run in runs]
    [(2, 0, 1)]
    """
    stride = _check_stride(store.level_stride)
    new_leaves = as_hash_array(new_leaf_hashes, name="new_leaf_hashes")
    old_size, new_size = tree_size, tree_size + len(new_leaves)
    runs = []
    # The newest nodes of the level below: they start right after the complete nodes it had.
    child_level, child_first_new, child_new = 0, old_size, new_leaves
    level = stride
    while (new_size >> level) > (old_size >> level):
        first, stop = old_size >> level, new_size >> level
        child_first, child_stop = first << stride, stop << stride
        stored_ids = [(child_level, i) for i in range(child_first, child_first_new)]
        stored_children = as_hash_array(read_hashes(store, stored_ids), name="stored hashes")
        children = np.concatenate([stored_children, child_new[: child_stop - child_first_new]])
        for _ in range(stride):
            children = hash_pairs(children)
        runs.append(NodeRun(level=level, first_index=first, hashes=children))
        child_level, child_first_new, child_new = level, first, children
        level += stride
    return runs


class ArrayHashStore:
    """In-memory `HashStore` on numpy arrays: for audits, tests, benchmarks and exported logs.

    Parameters
    ----------
    level_stride : int, default 4
        Stored node levels are the positive multiples of this stride.

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf_inputs
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c"]))
    >>> store.tree_size, len(store.read_nodes([(0, 2)])[0])
    (3, 32)
    """

    def __init__(self, level_stride: int = DEFAULT_LEVEL_STRIDE) -> None:
        self._level_stride = _check_stride(level_stride)
        # _levels[j] holds the complete nodes of level j * level_stride; _levels[0] the leaves.
        self._levels: list[np.ndarray] = [np.empty((0, HASH_SIZE), dtype=np.uint8)]

    @classmethod
    def from_leaf_hashes(
        cls, leaf_hashes: object, level_stride: int = DEFAULT_LEVEL_STRIDE
    ) -> ArrayHashStore:
        """Build the store of a whole log from its leaf hashes in one pass (about n SHA-256 calls).

        Examples
        --------
        >>> ArrayHashStore.from_leaf_hashes(np.zeros((20, 32), dtype=np.uint8)).tree_size
        20
        """
        store = cls(level_stride)
        store.append(leaf_hashes)
        return store

    @property
    def level_stride(self) -> int:
        return self._level_stride

    @property
    def tree_size(self) -> int:
        return len(self._levels[0])

    @property
    def leaf_hashes(self) -> np.ndarray:
        """All leaf hashes as a read-only ``(n, 32)`` view."""
        view = self._levels[0].view()
        view.flags.writeable = False
        return view

    def append(self, leaf_hashes: object) -> list[NodeRun]:
        """Append leaf hashes; returns the node runs the append completed.

        Each call copies the arrays it grows, so append in batches rather than one leaf at a time.

        Examples
        --------
        >>> store = ArrayHashStore(level_stride=1)
        >>> [run.level for run in store.append(np.zeros((4, 32), dtype=np.uint8))]
        [1, 2]
        """
        new_leaves = as_hash_array(leaf_hashes, name="leaf_hashes")
        runs = nodes_completed_by_append(self, self.tree_size, new_leaves)
        self._levels[0] = np.concatenate([self._levels[0], new_leaves])
        for run in runs:
            position = run.level // self._level_stride
            if position == len(self._levels):
                self._levels.append(np.empty((0, HASH_SIZE), dtype=np.uint8))
            self._levels[position] = np.concatenate([self._levels[position], run.hashes])
        return runs

    def read_nodes(self, node_ids: Sequence[NodeId]) -> list[bytes]:
        """Hashes of stored nodes ``(level, index)``; level 0 are the leaf hashes.

        Examples
        --------
        >>> store = ArrayHashStore.from_leaf_hashes(np.zeros((2, 32), dtype=np.uint8))
        >>> store.read_nodes([(0, 1)]) == [bytes(32)]
        True
        """
        hashes = []
        for level, index in node_ids:
            position, misaligned = divmod(level, self._level_stride)
            if (
                misaligned
                or not 0 <= position < len(self._levels)
                or not 0 <= index < len(self._levels[position])
            ):
                raise ValueError(f"node (level {level}, index {index}) is not stored")
            hashes.append(self._levels[position][index].tobytes())
        return hashes
