"""Properties of the log over a fixed log of 97 ledger records, for hypothesis-drawn sizes and bytes."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from chanjiao.core.ledger import (
    ArrayHashStore,
    consistency_proof,
    hash_leaf,
    inclusion_proof,
    leaf_hash,
    leaf_input,
    ledger_record,
    root_hash_at,
    sign_tree_head,
    verify_consistency,
    verify_inclusion,
    verify_tree_head,
)

LOG_SIZE = 97
START = datetime(2025, 3, 1, 8, tzinfo=UTC)
RECORDS = [
    ledger_record(
        record_type="training_hours",
        record_id=number,
        actor=f"mentor:{number % 7}",
        recorded_at=START + timedelta(minutes=number),
        content={"student": f"S{number:04d}", "hours": Decimal(number) / 4, "site": "实训基地"},
    )
    for number in range(LOG_SIZE)
]
STORE = ArrayHashStore.from_leaf_hashes([leaf_hash(record) for record in RECORDS])
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _head(size: int):
    return sign_tree_head(KEY, size, root_hash_at(STORE, size), START + timedelta(hours=size))


@st.composite
def _leaf_in_tree(draw):
    size = draw(st.integers(min_value=1, max_value=LOG_SIZE))
    return draw(st.integers(min_value=0, max_value=size - 1)), size


@st.composite
def _two_sizes(draw):
    later = draw(st.integers(min_value=1, max_value=LOG_SIZE))
    return draw(st.integers(min_value=1, max_value=later)), later


def _flip(data: bytes, position: int, mask: int) -> bytes:
    position %= len(data)
    return data[:position] + bytes([data[position] ^ mask]) + data[position + 1 :]


_mask = st.integers(min_value=1, max_value=255)
_position = st.integers(min_value=0, max_value=10_000)


@given(_two_sizes())
def test_any_prefix_head_is_consistent_with_any_later_head(sizes):
    # given two signed heads of the log, the first no larger than the second
    size1, size2 = sizes
    older, newer = _head(size1), _head(size2)
    # when the consistency proof between them is generated
    proof = consistency_proof(STORE, size1, size2)
    # then both signatures and the proof verify
    assert verify_tree_head(KEY.public_key(), older.head, older.signature)
    assert verify_tree_head(KEY.public_key(), newer.head, newer.signature)
    assert verify_consistency(size1, size2, proof, older.head.root_hash, newer.head.root_hash)


@given(_leaf_in_tree())
def test_any_leaf_proof_verifies_against_its_head(leaf):
    # given a record in a tree of some size
    index, size = leaf
    head = _head(size).head
    # when its inclusion proof is generated
    proof = inclusion_proof(STORE, index, size)
    # then the record's re-serialised leaf hash verifies against the head's root
    assert verify_inclusion(leaf_hash(RECORDS[index]), index, size, proof, head.root_hash)


@given(_leaf_in_tree(), _position, _mask)
def test_flipping_any_byte_of_a_record_fails_inclusion(leaf, position, mask):
    # given a record's canonical bytes with one byte flipped
    index, size = leaf
    tampered = _flip(leaf_input(RECORDS[index]), position, mask)
    # when its inclusion is checked with the genuine proof and root
    accepted = verify_inclusion(
        hash_leaf(tampered), index, size, inclusion_proof(STORE, index, size), root_hash_at(STORE, size)
    )
    # then it fails
    assert not accepted


@given(_leaf_in_tree(), _position, _mask)
def test_flipping_any_byte_of_an_inclusion_proof_fails(leaf, position, mask):
    # given a genuine inclusion proof with one byte flipped
    index, size = leaf
    proof = inclusion_proof(STORE, index, size)
    flat = _flip(b"".join(proof), position, mask) if proof else b""
    tampered = [flat[offset : offset + 32] for offset in range(0, len(flat), 32)]
    # when it is checked (single-leaf trees have an empty proof: flip the root instead)
    root = root_hash_at(STORE, size) if proof else _flip(root_hash_at(STORE, size), position, mask)
    # then it fails
    assert not verify_inclusion(leaf_hash(RECORDS[index]), index, size, tampered, root)


@given(_two_sizes(), _position, _mask)
def test_flipping_any_byte_of_a_consistency_proof_or_root_fails(sizes, position, mask):
    # given a genuine consistency proof between two different sizes, and one flipped byte
    size1, size2 = sizes
    proof = consistency_proof(STORE, size1, size2)
    root1, root2 = root_hash_at(STORE, size1), root_hash_at(STORE, size2)
    flat = b"".join(proof) + root1 + root2
    tampered = _flip(flat, position, mask)
    items = [tampered[offset : offset + 32] for offset in range(0, len(tampered), 32)]
    # when the proof is checked with the flipped byte in a proof item or either root
    accepted = verify_consistency(size1, size2, items[:-2], items[-2], items[-1])
    # then it fails
    assert not accepted


@given(st.integers(min_value=0, max_value=LOG_SIZE), _position, _mask, st.booleans())
def test_flipping_any_byte_of_a_signed_head_fails(size, position, mask, flip_signature):
    # given a signed head with one byte of its signed bytes or of its signature flipped
    signed = _head(size)
    head_bytes, signature = signed.head.to_bytes(), signed.signature
    if flip_signature:
        signature = _flip(signature, position, mask)
    else:
        head_bytes = _flip(head_bytes, position, mask)
    # when the signature is checked
    # then it fails
    assert not verify_tree_head(KEY.public_key(), head_bytes, signature)
