"""RFC 6962 hashing: leaf hashes, node hashes and their vectorised forms over numpy arrays.

A leaf hash is ``SHA-256(0x00 || leaf input)`` and an interior node hash is
``SHA-256(0x01 || left || right)``; the distinct prefixes stop a leaf from ever being passed off
as an interior node (second-preimage resistance). Arrays of hashes are ``(n, 32)`` ``uint8``
numpy arrays so that millions of them cost 32 bytes each rather than a Python object each.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import sha256

import numpy as np

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = sha256(b"").digest()

# Pairs hashed per numpy round trip: bounds the temporary buffers to ~65 MB whatever the log size.
_PAIRS_PER_CHUNK = 1 << 20


def hash_leaf(leaf_input: bytes) -> bytes:
    """Leaf hash of one leaf input: ``SHA-256(0x00 || leaf_input)``.

    Parameters
    ----------
    leaf_input : bytes
        The bytes stored in the leaf (for ledger records, their canonical serialisation).

    Returns
    -------
    bytes
        The 32-byte leaf hash.

    Examples
    --------
    >>> hash_leaf(b"").hex()
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'
    """
    if not isinstance(leaf_input, bytes | bytearray | memoryview):
        raise ValueError(f"a leaf input must be bytes, got {type(leaf_input).__name__}")
    return sha256(LEAF_PREFIX + bytes(leaf_input)).digest()


def hash_children(left: bytes, right: bytes) -> bytes:
    """Interior node hash: ``SHA-256(0x01 || left || right)``.

    Parameters
    ----------
    left, right : bytes
        The 32-byte hashes of the left and right child.

    Returns
    -------
    bytes
        The 32-byte node hash.

    Examples
    --------
    >>> hash_children(hash_leaf(b""), hash_leaf(b"\\x00")).hex()[:16]
    'fac54203e7cc696c'
    """
    if not (isinstance(left, bytes) and isinstance(right, bytes) and len(left) == len(right) == HASH_SIZE):
        raise ValueError(f"both children must be {HASH_SIZE}-byte hashes")
    return sha256(NODE_PREFIX + left + right).digest()


def hash_leaf_inputs(leaf_inputs: Iterable[bytes]) -> np.ndarray:
    """Leaf hashes of many leaf inputs as an ``(n, 32)`` uint8 array.

    Parameters
    ----------
    leaf_inputs : iterable of bytes
        Leaf inputs in log order.

    Returns
    -------
    numpy.ndarray
        ``(n, 32)`` uint8 array; row ``i`` is ``hash_leaf(leaf_inputs[i])``.

    Examples
    --------
    >>> hash_leaf_inputs([b"", b"\\x00"]).shape
    (2, 32)
    """
    return hashes_from_bytes(b"".join(hash_leaf(leaf_input) for leaf_input in leaf_inputs))


def hashes_from_bytes(concatenated: bytes) -> np.ndarray:
    """View concatenated 32-byte hashes as an ``(n, 32)`` uint8 array.

    Parameters
    ----------
    concatenated : bytes
        ``n * 32`` bytes.

    Returns
    -------
    numpy.ndarray
        ``(n, 32)`` uint8 array (a copy, so it is writable and owns its memory).

    Examples
    --------
    >>> hashes_from_bytes(bytes(64)).shape
    (2, 32)
    """
    if len(concatenated) % HASH_SIZE:
        raise ValueError(f"{len(concatenated)} bytes is not a whole number of {HASH_SIZE}-byte hashes")
    return np.frombuffer(concatenated, dtype=np.uint8).reshape(-1, HASH_SIZE).copy()


def as_hash_array(hashes: object, name: str = "hashes") -> np.ndarray:
    """Validate and convert hashes to a contiguous ``(n, 32)`` uint8 array.

    Parameters
    ----------
    hashes : array-like or sequence of bytes
        An ``(n, 32)`` uint8 array, or a sequence of 32-byte ``bytes``.
    name : str
        Argument name used in error messages.

    Returns
    -------
    numpy.ndarray
        ``(n, 32)`` C-contiguous uint8 array.

    Raises
    ------
    ValueError
        If the input is not ``n`` hashes of 32 bytes.

    Examples
    --------
    >>> as_hash_array([bytes(32), bytes(32)]).shape
    (2, 32)
    """
    if isinstance(hashes, np.ndarray):
        if hashes.dtype != np.uint8 or hashes.ndim != 2 or hashes.shape[1] != HASH_SIZE:
            raise ValueError(
                f"{name} must be an (n, {HASH_SIZE}) uint8 array, got {hashes.dtype} {hashes.shape}"
            )
        return np.ascontiguousarray(hashes)
    if isinstance(hashes, bytes | bytearray | memoryview | str):
        raise ValueError(f"{name} must be a sequence of {HASH_SIZE}-byte hashes, not one bytes or str value")
    try:
        items = list(hashes)  # type: ignore[call-overload]
    except TypeError as error:
        raise ValueError(f"{name} must be an (n, {HASH_SIZE}) uint8 array or a sequence of hashes") from error
    for position, item in enumerate(items):
        if not isinstance(item, bytes | bytearray) or len(item) != HASH_SIZE:
            raise ValueError(f"{name}[{position}] is not a {HASH_SIZE}-byte hash")
    return hashes_from_bytes(b"".join(bytes(item) for item in items))


def hash_pairs(nodes: np.ndarray) -> np.ndarray:
    """Hash adjacent pairs of nodes: row ``i`` of the result is ``H(nodes[2i], nodes[2i+1])``.

    Parameters
    ----------
    nodes : numpy.ndarray
        ``(2m, 32)`` uint8 array of sibling hashes, left child first.

    Returns
    -------
    numpy.ndarray
        ``(m, 32)`` uint8 array of parent hashes.

    Examples
    --------
    >>> leaves = hash_leaf_inputs([b"", b"\\x00"])
    >>> hash_pairs(leaves)[0].tobytes() == hash_children(hash_leaf(b""), hash_leaf(b"\\x00"))
    True
    """
    pair_count = len(nodes) // 2
    if len(nodes) != 2 * pair_count:
        raise ValueError(f"cannot pair an odd number of nodes ({len(nodes)})")
    parents = np.empty((pair_count, HASH_SIZE), dtype=np.uint8)
    record_size = 1 + 2 * HASH_SIZE
    for first in range(0, pair_count, _PAIRS_PER_CHUNK):
        last = min(first + _PAIRS_PER_CHUNK, pair_count)
        # One prefixed 65-byte record per pair, laid out contiguously so hashlib reads slices of
        # a single buffer instead of building a bytes object per node.
        records = np.empty((last - first, record_size), dtype=np.uint8)
        records[:, 0] = NODE_PREFIX[0]
        records[:, 1 : 1 + HASH_SIZE] = nodes[2 * first : 2 * last : 2]
        records[:, 1 + HASH_SIZE :] = nodes[2 * first + 1 : 2 * last : 2]
        buffer = records.tobytes()
        digests = b"".join(
            [
                sha256(buffer[offset : offset + record_size]).digest()
                for offset in range(0, len(buffer), record_size)
            ]
        )
        parents[first:last] = np.frombuffer(digests, dtype=np.uint8).reshape(-1, HASH_SIZE)
    return parents
