"""Root hashes and proofs (RFC 9162 section 2.1) computed from a `HashStore`.

Each function plans the leaf ranges it needs (`chanjiao.core.ledger.ranges`), reads every stored
hash those ranges need in one ``read_nodes`` call, then hashes. Proofs come out in RFC 6962 form:
a list of 32-byte hashes, bottom-up, with 0-based leaf indices.
"""

from __future__ import annotations

from collections.abc import Sequence

from chanjiao.core.ledger.hashing import EMPTY_ROOT, as_hash_array, hash_children, hash_leaf_inputs
from chanjiao.core.ledger.ranges import (
    LeafRange,
    NodeId,
    inclusion_path,
    is_valid_subtree,
    perfect_subtrees,
    require_int,
    subtree_consistency_path,
)
from chanjiao.core.ledger.store import ArrayHashStore, HashStore, read_hashes


def _check_subtree(start: int, end: int) -> None:
    if not is_valid_subtree(start, end):
        raise ValueError(
            f"[{start}, {end}) is not a subtree: it must be non-empty and start at a multiple of "
            "the smallest power of two not below its width"
        )


def _perfect_hash(children: list[bytes]) -> bytes:
    """Hash of a perfect subtree from its power-of-two list of descendants on one level."""
    while len(children) > 1:
        children = [hash_children(children[i], children[i + 1]) for i in range(0, len(children), 2)]
    return children[0]


def _range_hashes(store: HashStore, ranges: Sequence[LeafRange]) -> list[bytes]:
    """``MTH(D[start:end])`` of each subtree, reading all stored hashes they need at once."""
    stride = store.level_stride
    position_of: dict[NodeId, int] = {}
    plans = []
    for start, end in ranges:
        plan = []
        for level, index in perfect_subtrees(start, end):
            stored_level = level - level % stride
            span = 1 << (level - stored_level)
            stored_ids = [
                (stored_level, stored_index) for stored_index in range(index * span, (index + 1) * span)
            ]
            for node_id in stored_ids:
                position_of.setdefault(node_id, len(position_of))
            plan.append(stored_ids)
        plans.append(plan)
    stored = read_hashes(store, list(position_of))
    hashes = []
    for plan in plans:
        perfect = [
            _perfect_hash([stored[position_of[node_id]] for node_id in stored_ids]) for stored_ids in plan
        ]
        # A subtree's hash is the right fold of its perfect subtrees, largest first.
        folded = perfect[-1]
        for left in reversed(perfect[:-1]):
            folded = hash_children(left, folded)
        hashes.append(folded)
    return hashes


def subtree_hash(store: HashStore, start: int, end: int) -> bytes:
    """Hash ``MTH(D[start:end])`` of the subtree ``[start, end)``.

    Parameters
    ----------
    store : HashStore
        Holds at least ``end`` leaves.
    start, end : int
        A subtree (see `chanjiao.core.ledger.ranges.is_valid_subtree`).

    Returns
    -------
    bytes

    Examples
    --------
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c", b"d"]))
    >>> subtree_hash(store, 2, 4) == hash_children(*store.read_nodes([(0, 2), (0, 3)]))
    True
    """
    start, end = require_int(start, "start"), require_int(end, "end")
    _check_subtree(start, end)
    return _range_hashes(store, [(start, end)])[0]


def root_hash_at(store: HashStore, tree_size: int) -> bytes:
    """Root hash of the first ``tree_size`` leaves of the store (``SHA-256("")`` for 0).

    Parameters
    ----------
    store : HashStore
        Holds at least ``tree_size`` leaves.
    tree_size : int

    Returns
    -------
    bytes

    Examples
    --------
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b""]))
    >>> root_hash_at(store, 1).hex()[:16], root_hash_at(store, 0).hex()[:16]
    ('6e340b9cffb37a98', 'e3b0c44298fc1c14')
    """
    tree_size = require_int(tree_size, "tree_size")
    if tree_size == 0:
        return EMPTY_ROOT
    return subtree_hash(store, 0, tree_size)


def subtree_inclusion_proof(store: HashStore, index: int, start: int, end: int) -> list[bytes]:
    """Audit path of leaf ``index`` in the subtree ``[start, end)``, bottom-up.

    Parameters
    ----------
    store : HashStore
    index : int
        0-based leaf index, ``start <= index < end``.
    start, end : int
        A subtree.

    Returns
    -------
    list of bytes

    Examples
    --------
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c", b"d"]))
    >>> subtree_inclusion_proof(store, 3, 2, 4) == store.read_nodes([(0, 2)])
    True
    """
    index = require_int(index, "index")
    start, end = require_int(start, "start"), require_int(end, "end")
    _check_subtree(start, end)
    if not start <= index < end:
        raise ValueError(f"leaf index {index} is not in [{start}, {end})")
    return _range_hashes(store, inclusion_path(index, start, end))


def inclusion_proof(store: HashStore, index: int, tree_size: int) -> list[bytes]:
    """RFC 6962 inclusion proof (audit path) of leaf ``index`` in the tree of ``tree_size``.

    Parameters
    ----------
    store : HashStore
        Holds at least ``tree_size`` leaves.
    index : int
        0-based leaf index.
    tree_size : int
        Size of the tree (signed head) the proof is for.

    Returns
    -------
    list of bytes
        Sibling hashes from the leaf up to the root's child.

    Examples
    --------
    >>> from chanjiao.core.ledger.verify import verify_inclusion
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c"]))
    >>> proof = inclusion_proof(store, 1, 3)
    >>> verify_inclusion(store.read_nodes([(0, 1)])[0], 1, 3, proof, root_hash_at(store, 3))
    True
    """
    index, tree_size = require_int(index, "index"), require_int(tree_size, "tree_size")
    if not 0 <= index < tree_size:
        raise ValueError(f"leaf index {index} is not in a tree of {tree_size} leaves")
    return subtree_inclusion_proof(store, index, 0, tree_size)


def subtree_consistency_proof(store: HashStore, start: int, end: int, tree_size: int) -> list[bytes]:
    """Proof that the subtree ``[start, end)`` is part of the tree of ``tree_size``.

    Parameters
    ----------
    store : HashStore
    start, end : int
        A subtree with ``end <= tree_size``.
    tree_size : int

    Returns
    -------
    list of bytes

    Examples
    --------
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c"]))
    >>> subtree_consistency_proof(store, 2, 3, 3) == [subtree_hash(store, 0, 2)]
    True
    """
    start, end = require_int(start, "start"), require_int(end, "end")
    tree_size = require_int(tree_size, "tree_size")
    _check_subtree(start, end)
    if end > tree_size:
        raise ValueError(f"subtree [{start}, {end}) does not fit in a tree of {tree_size} leaves")
    return _range_hashes(store, subtree_consistency_path(start, end, tree_size))


def consistency_proof(store: HashStore, size1: int, size2: int) -> list[bytes]:
    """RFC 6962 consistency proof between the trees of ``size1`` and ``size2`` leaves.

    Parameters
    ----------
    store : HashStore
        Holds at least ``size2`` leaves.
    size1, size2 : int
        ``0 < size1 <= size2``; empty when the sizes are equal.

    Returns
    -------
    list of bytes

    Examples
    --------
    >>> from chanjiao.core.ledger.verify import verify_consistency
    >>> store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs([b"a", b"b", b"c", b"d", b"e"]))
    >>> proof = consistency_proof(store, 3, 5)
    >>> verify_consistency(3, 5, proof, root_hash_at(store, 3), root_hash_at(store, 5))
    True
    """
    size1, size2 = require_int(size1, "size1"), require_int(size2, "size2")
    if not 0 < size1 <= size2:
        raise ValueError(f"a consistency proof needs 0 < size1 <= size2, got {size1} and {size2}")
    return subtree_consistency_proof(store, 0, size1, size2)


def root_from_leaf_hashes(leaf_hashes: object) -> bytes:
    """Root hash of a whole log given its leaf hashes (about n SHA-256 calls, no per-leaf objects).

    Parameters
    ----------
    leaf_hashes : (n, 32) uint8 array or sequence of 32-byte bytes

    Returns
    -------
    bytes

    Examples
    --------
    >>> root_from_leaf_hashes(hash_leaf_inputs([b""])).hex()[:16]
    '6e340b9cffb37a98'
    """
    store = ArrayHashStore.from_leaf_hashes(as_hash_array(leaf_hashes, name="leaf_hashes"))
    return root_hash_at(store, store.tree_size)


def root_hash(leaves: Sequence[bytes]) -> bytes:
    """RFC 6962 Merkle tree hash of a list of leaf *inputs* (each hashed with the 0x00 prefix).

    Parameters
    ----------
    leaves : list of bytes
        Leaf inputs in log order.

    Returns
    -------
    bytes
        The 32-byte root; ``SHA-256("")`` for no leaves.

    Examples
    --------
    >>> root_hash([]).hex()[:16]
    'e3b0c44298fc1c14'
    >>> root_hash([b"", b"\\x00"]).hex()[:16]
    'fac54203e7cc696c'
    """
    if isinstance(leaves, bytes | bytearray | memoryview | str):
        raise ValueError("leaves must be a list of bytes, not a single bytes or str value")
    try:
        leaf_list = list(leaves)
    except TypeError as error:
        raise ValueError(f"leaves must be a list of bytes, got {type(leaves).__name__}") from error
    for position, leaf in enumerate(leaf_list):
        if not isinstance(leaf, bytes | bytearray | memoryview):
            raise ValueError(f"leaves[{position}] must be bytes, got {type(leaf).__name__}")
    return root_from_leaf_hashes(hash_leaf_inputs(leaf_list))
