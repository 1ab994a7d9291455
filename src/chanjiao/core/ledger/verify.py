"""Proof verification (RFC 9162 sections 2.1.3.2 and 2.1.4.2, and their subtree generalisation).

These functions are what an independent verifier runs: they need nothing but the hashes handed
to them. They never raise on bad data: a wrong size, a proof of the wrong length, a hash of the
wrong length or a mismatching root all give ``False``. Only arguments of the wrong Python type
(a ``str`` where ``bytes`` are expected, a ``float`` index) raise ``ValueError``, because that is
a programming error worth a message rather than a silent "no".
"""

from __future__ import annotations

from collections.abc import Sequence
from hmac import compare_digest

from chanjiao.core.ledger.hashing import EMPTY_ROOT, HASH_SIZE, hash_children
from chanjiao.core.ledger.ranges import MAX_TREE_SIZE, is_valid_subtree, require_int


def _check_bytes(value: object, name: str) -> bytes:
    if not isinstance(value, bytes | bytearray | memoryview):
        raise ValueError(f"{name} must be bytes, got {type(value).__name__}")
    return bytes(value)


def _check_proof(proof: object) -> list[bytes]:
    if not isinstance(proof, list | tuple):
        raise ValueError(f"proof must be a list of bytes, got {type(proof).__name__}")
    return [_check_bytes(item, f"proof[{position}]") for position, item in enumerate(proof)]


def _is_hash(value: bytes) -> bool:
    return len(value) == HASH_SIZE


def _root_from_inclusion_proof(leaf_hash: bytes, index: int, size: int, proof: list[bytes]) -> bytes | None:
    """Root implied by an audit path, or None if the path has the wrong shape (RFC 9162 2.1.3.2)."""
    node_index, last_index = index, size - 1
    node = leaf_hash
    for sibling in proof:
        if last_index == 0:
            return None
        if node_index & 1 or node_index == last_index:
            node = hash_children(sibling, node)
            # On the right border a node without a right sibling is promoted unchanged.
            while not node_index & 1 and node_index != 0:
                node_index >>= 1
                last_index >>= 1
        else:
            node = hash_children(node, sibling)
        node_index >>= 1
        last_index >>= 1
    return node if last_index == 0 else None


def verify_subtree_inclusion(
    leaf_hash: bytes, index: int, start: int, end: int, proof: Sequence[bytes], subtree_root: bytes
) -> bool:
    """Check that ``leaf_hash`` is leaf ``index`` of the subtree ``[start, end)`` with ``subtree_root``.

    Parameters
    ----------
    leaf_hash : bytes
        32-byte leaf hash.
    index : int
        0-based leaf index in the whole log, ``start <= index < end``.
    start, end : int
        The subtree; ``start`` must be a multiple of the smallest power of two not below
        ``end - start``. ``(0, tree_size)`` is the whole tree.
    proof : list of bytes
        Audit path of 32-byte sibling hashes, bottom-up.
    subtree_root : bytes
        32-byte hash of the subtree.

    Returns
    -------
    bool

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf
    >>> left, right = hash_leaf(b"a"), hash_leaf(b"b")
    >>> verify_subtree_inclusion(right, 3, 2, 4, [left], hash_children(left, right))
    True
    """
    leaf_hash = _check_bytes(leaf_hash, "leaf_hash")
    index, start, end = require_int(index, "index"), require_int(start, "start"), require_int(end, "end")
    proof_items = _check_proof(proof)
    subtree_root = _check_bytes(subtree_root, "subtree_root")
    if not is_valid_subtree(start, end) or not start <= index < end:
        return False
    if not _is_hash(leaf_hash) or not all(_is_hash(item) for item in proof_items):
        return False
    computed = _root_from_inclusion_proof(leaf_hash, index - start, end - start, proof_items)
    return computed is not None and compare_digest(computed, subtree_root)


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Check an RFC 6962 inclusion proof (audit path) of leaf ``index`` in the tree of ``tree_size``.

    Parameters
    ----------
    leaf_hash : bytes
        32-byte leaf hash (``SHA-256(0x00 || leaf input)``).
    index : int
        0-based leaf index, ``0 <= index < tree_size``.
    tree_size : int
        Size of the tree whose root is ``root``.
    proof : list of bytes
        Audit path of 32-byte sibling hashes, bottom-up.
    root : bytes
        32-byte root hash of the tree of ``tree_size``.

    Returns
    -------
    bool

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf
    >>> left, right = hash_leaf(b"a"), hash_leaf(b"b")
    >>> verify_inclusion(left, 0, 2, [right], hash_children(left, right))
    True
    >>> verify_inclusion(left, 1, 2, [right], hash_children(left, right))
    False
    """
    return verify_subtree_inclusion(leaf_hash, index, 0, tree_size, proof, root)


def _verify_subtree_consistency(
    start: int, end: int, tree_size: int, proof: list[bytes], subtree_root: bytes, root: bytes
) -> bool:
    """MTC draft "verifying a subtree consistency proof"; RFC 9162 2.1.4.2 when ``start == 0``."""
    # Positions of the subtree's first and last leaf and of the tree's last leaf; shifting all
    # three right by one climbs one level.
    first, last, tree_last = start, end - 1, tree_size - 1
    if last == tree_last:
        while first != last:
            first, last, tree_last = first >> 1, last >> 1, tree_last >> 1
    else:
        while first != last and last & 1:
            first, last, tree_last = first >> 1, last >> 1, tree_last >> 1
    if first == last:
        # The subtree is itself a node of the larger tree: its hash seeds both computations.
        seed, rest = subtree_root, proof
        if rest and not _is_hash(seed):
            return False
    elif proof:
        seed, rest = proof[0], proof[1:]
    else:
        return False
    old_hash = new_hash = seed
    for sibling in rest:
        if tree_last == 0:
            return False
        if last & 1 or last == tree_last:
            if first < last:
                old_hash = hash_children(sibling, old_hash)
            new_hash = hash_children(sibling, new_hash)
            while not last & 1:
                first, last, tree_last = first >> 1, last >> 1, tree_last >> 1
        else:
            new_hash = hash_children(new_hash, sibling)
        first, last, tree_last = first >> 1, last >> 1, tree_last >> 1
    return tree_last == 0 and compare_digest(old_hash, subtree_root) and compare_digest(new_hash, root)


def verify_subtree_consistency(
    start: int, end: int, tree_size: int, proof: Sequence[bytes], subtree_root: bytes, root: bytes
) -> bool:
    """Check that the subtree ``[start, end)`` with ``subtree_root`` is part of the tree with ``root``.

    An empty subtree (``start == end <= tree_size``) is part of every tree: it is accepted with
    an empty proof when ``subtree_root`` is the empty-tree hash. When the subtree is the whole
    tree, no hashing takes place and the proof must be empty and the two roots equal.

    Parameters
    ----------
    start, end : int
        The subtree (see `verify_subtree_inclusion`).
    tree_size : int
        Size of the larger tree, ``end <= tree_size``.
    proof : list of bytes
        32-byte hashes, bottom-up.
    subtree_root, root : bytes
        32-byte hashes of the subtree and of the larger tree.

    Returns
    -------
    bool

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf
    >>> left, right = hash_leaf(b"a"), hash_leaf(b"b")
    >>> verify_subtree_consistency(1, 2, 2, [left], right, hash_children(left, right))
    True
    """
    start, end = require_int(start, "start"), require_int(end, "end")
    tree_size = require_int(tree_size, "tree_size")
    proof_items = _check_proof(proof)
    subtree_root, root = _check_bytes(subtree_root, "subtree_root"), _check_bytes(root, "root")
    if not 0 <= end <= tree_size <= MAX_TREE_SIZE or not all(_is_hash(item) for item in proof_items):
        return False
    if start == end:
        return not proof_items and compare_digest(subtree_root, EMPTY_ROOT)
    if not is_valid_subtree(start, end):
        return False
    return _verify_subtree_consistency(start, end, tree_size, proof_items, subtree_root, root)


def verify_consistency(size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes) -> bool:
    """Check an RFC 6962 consistency proof: the tree of ``size1`` is a prefix of the tree of ``size2``.

    A proof from the empty tree proves nothing and is rejected. For ``size1 == size2`` no hashing
    takes place: the proof must be empty and the roots equal.

    Parameters
    ----------
    size1, size2 : int
        Sizes of the older and newer tree, ``0 < size1 <= size2``.
    proof : list of bytes
        Consistency proof: 32-byte hashes, bottom-up (RFC 9162 section 2.1.4).
    root1, root2 : bytes
        32-byte root hashes of the two trees.

    Returns
    -------
    bool

    Examples
    --------
    >>> from chanjiao.core.ledger.hashing import hash_leaf
    >>> left, right = hash_leaf(b"a"), hash_leaf(b"b")
    >>> verify_consistency(1, 2, [right], left, hash_children(left, right))
    True
    >>> verify_consistency(1, 2, [right], right, hash_children(left, right))
    False
    """
    size1, size2 = require_int(size1, "size1"), require_int(size2, "size2")
    proof_items = _check_proof(proof)
    root1, root2 = _check_bytes(root1, "root1"), _check_bytes(root2, "root2")
    if size1 == 0:
        return False
    return verify_subtree_consistency(0, size1, size2, proof_items, root1, root2)
