"""Index arithmetic of RFC 6962 trees: which leaf ranges make up a proof.

Everything here works on leaf positions only, never on hashes, so that proof generation can first
plan which stored hashes it needs, fetch them in one round trip, and only then hash.

A *subtree* ``[start, end)`` (RFC 9162 terms, generalised as in the Merkle Tree Certificates
draft) is a non-empty leaf range whose ``start`` is a multiple of the smallest power of two not
below ``end - start``. Its hash is ``MTH(D[start:end])`` and every node of an RFC 6962 tree,
including the ephemeral right-border nodes of a tree whose size is not a power of two, is the
hash of such a range. A *perfect* subtree has a power-of-two width and is identified by
``(level, index)``: it covers leaves ``[index * 2**level, (index + 1) * 2**level)``.
"""

from __future__ import annotations

# RFC 6962 encodes tree sizes and leaf indices as uint64.
MAX_TREE_SIZE = (1 << 64) - 1

LeafRange = tuple[int, int]
NodeId = tuple[int, int]


def require_int(value: object, name: str) -> int:
    """Return ``value`` if it is an int (not a bool), else raise ``ValueError`` naming it.

    Examples
    --------
    >>> require_int(3, "tree_size")
    3
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an int, got {type(value).__name__}")
    return value


def largest_power_of_two_below(width: int) -> int:
    """The split point ``k`` of RFC 6962: the largest power of two strictly less than ``width``.

    Parameters
    ----------
    width : int
        Number of leaves, at least 2.

    Returns
    -------
    int
        ``k`` with ``k < width <= 2 * k``.

    Examples
    --------
    >>> largest_power_of_two_below(5), largest_power_of_two_below(8)
    (4, 4)
    """
    return 1 << ((width - 1).bit_length() - 1)


def is_valid_subtree(start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a subtree: non-empty and aligned to its width rounded up.

    Parameters
    ----------
    start, end : int
        First leaf and one past the last leaf.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_valid_subtree(0, 3), is_valid_subtree(4, 6), is_valid_subtree(2, 5)
    (True, True, False)
    """
    if not 0 <= start < end <= MAX_TREE_SIZE:
        return False
    width_rounded_up = 1 << (end - start - 1).bit_length()
    return start % width_rounded_up == 0


def perfect_subtrees(start: int, end: int) -> list[NodeId]:
    """Split a subtree into perfect subtrees, largest (leftmost) first.

    The hash of the subtree is the right fold of their hashes:
    ``H(n0, H(n1, ... H(n_{m-2}, n_{m-1})))``.

    Parameters
    ----------
    start, end : int
        A valid subtree (see `is_valid_subtree`).

    Returns
    -------
    list of (level, index)

    Examples
    --------
    >>> perfect_subtrees(0, 7)
    [(2, 0), (1, 2), (0, 6)]
    """
    nodes = []
    while start < end:
        level = (end - start).bit_length() - 1
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def inclusion_path(index: int, start: int, end: int) -> list[LeafRange]:
    """Leaf ranges whose hashes form the audit path of leaf ``index`` in subtree ``[start, end)``.

    This is RFC 9162 ``PATH(m, D[n])`` (section 2.1.3.1) on positions: the path is ordered from
    the leaf's sibling up to the child of the root.

    Parameters
    ----------
    index : int
        Leaf index, ``start <= index < end``.
    start, end : int
        A valid subtree; ``(0, tree_size)`` for an ordinary inclusion proof.

    Returns
    -------
    list of (start, end)

    Examples
    --------
    >>> inclusion_path(5, 0, 8)
    [(4, 5), (6, 8), (0, 4)]
    """
    path = []
    while end - start > 1:
        split = start + largest_power_of_two_below(end - start)
        if index < split:
            path.append((split, end))
            end = split
        else:
            path.append((start, split))
            start = split
    path.reverse()
    return path


def subtree_consistency_path(start: int, end: int, tree_size: int) -> list[LeafRange]:
    """Leaf ranges whose hashes prove subtree ``[start, end)`` sits in the tree of ``tree_size``.

    With ``start == 0`` this is the RFC 9162 consistency proof ``PROOF(end, D[tree_size])``
    (section 2.1.4.1); in general it is ``SUBTREE_PROOF`` of the Merkle Tree Certificates
    draft. Ordered bottom-up like the RFC.

    Parameters
    ----------
    start, end : int
        A valid subtree with ``end <= tree_size``.
    tree_size : int
        Size of the larger tree.

    Returns
    -------
    list of (start, end)

    Examples
    --------
    >>> subtree_consistency_path(0, 3, 8)
    [(2, 3), (3, 4), (0, 2), (4, 8)]
    """
    low, high = 0, tree_size
    # Whether the verifier already holds the hash of the range we are descending into.
    hash_is_known = True
    path = []
    while (start, end) != (low, high):
        split = low + largest_power_of_two_below(high - low)
        if end <= split:
            path.append((split, high))
            high = split
        elif split <= start:
            path.append((low, split))
            low = split
        else:
            # A valid subtree that straddles the split starts at `low`: its left part is the whole
            # left child, which the verifier cannot know, so the right part's hash is sent too.
            path.append((low, split))
            low = start = split
            hash_is_known = False
    if not hash_is_known:
        path.append((low, high))
    path.reverse()
    return path
