import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.core.ledger import (
    SignedTreeHead,
    TreeHead,
    encode_public_key,
    load_private_key,
    load_public_key,
    sign_tree_head,
    verify_tree_head,
)

SEED = bytes(range(32))
KEY = Ed25519PrivateKey.from_private_bytes(SEED)
ROOT = bytes.fromhex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")


def test_signed_bytes_follow_the_rfc6962_tree_head_layout():
    # given a head of 8 leaves at 1,700,000,000,123 ms
    head = TreeHead(tree_size=8, root_hash=ROOT, timestamp_ms=1_700_000_000_123)
    # when it is encoded
    encoded = head.to_bytes()
    # then it is version 0, type 1, uint64 timestamp, uint64 size, root (big-endian, 50 bytes)
    assert encoded == bytes([0, 1]) + (1_700_000_000_123).to_bytes(8, "big") + (8).to_bytes(8, "big") + ROOT
    assert TreeHead.from_bytes(encoded) == head


def test_signing_and_verifying_a_head():
    # given the log key and a timezone-aware timestamp
    moment = datetime(2025, 3, 1, 16, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=8)))
    # when the head is signed
    signed = sign_tree_head(KEY, 8, ROOT, moment)
    # then the timestamp is whole UTC milliseconds and the signature verifies with the public key only
    assert signed.head.timestamp_ms == 1_740_816_000_999
    assert signed.head.timestamp == datetime(2025, 3, 1, 8, 0, 0, 999_000, tzinfo=UTC)
    assert len(signed.signature) == 64
    assert verify_tree_head(KEY.public_key(), signed.head, signed.signature)
    assert verify_tree_head(KEY.public_key(), signed.head.to_bytes(), signed.signature)


def test_a_head_signed_by_another_key_or_for_another_state_is_rejected():
    # given a signed head
    signed = sign_tree_head(KEY, 8, ROOT, 1_000)
    other_key = Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key()
    # when it is verified with another key, or its signature is applied to a different head
    # then verification fails
    assert not verify_tree_head(other_key, signed.head, signed.signature)
    assert not verify_tree_head(KEY.public_key(), TreeHead(9, ROOT, 1_000), signed.signature)
    assert not verify_tree_head(KEY.public_key(), TreeHead(8, ROOT, 1_001), signed.signature)
    assert not verify_tree_head(KEY.public_key(), signed.head, signed.signature[:63])
    assert not verify_tree_head(KEY.public_key(), signed.head.to_bytes()[:49], signed.signature)


@pytest.mark.parametrize(
    "fields",
    [
        {"tree_size": -1, "root_hash": ROOT, "timestamp_ms": 0},
        {"tree_size": 2**64, "root_hash": ROOT, "timestamp_ms": 0},
        {"tree_size": 1, "root_hash": ROOT[:31], "timestamp_ms": 0},
        {"tree_size": 1, "root_hash": ROOT.hex(), "timestamp_ms": 0},
        {"tree_size": 1, "root_hash": ROOT, "timestamp_ms": 1.5},
        {"tree_size": True, "root_hash": ROOT, "timestamp_ms": 0},
    ],
)
def test_tree_head_refuses_out_of_range_fields(fields):
    # given a field outside its encoding
    # when the head is built
    # then a ValueError says which
    with pytest.raises(ValueError):
        TreeHead(**fields)


@pytest.mark.parametrize("timestamp", [datetime(2025, 3, 1), 1.5, "2025-03-01"])
def test_sign_tree_head_refuses_ambiguous_timestamps(timestamp):
    # given a naive datetime or a non-integer timestamp
    # when a head is signed
    # then a ValueError says so
    with pytest.raises(ValueError, match="timestamp"):
        sign_tree_head(KEY, 1, ROOT, timestamp)


def test_from_bytes_refuses_other_versions():
    # given the bytes of a head with version 1 instead of 0
    encoded = bytes([1]) + TreeHead(1, ROOT, 0).to_bytes()[1:]
    # when parsed
    # then a ValueError names the version
    with pytest.raises(ValueError, match="version 1"):
        TreeHead.from_bytes(encoded)


def test_signed_head_round_trips_through_its_json_form():
    # given a signed head
    signed = sign_tree_head(KEY, 8, ROOT, 1_700_000_000_000)
    # when written to its JSON form and read back
    data = signed.to_dict()
    # then nothing is lost and hashes are base64
    assert data["root_hash"] == base64.b64encode(ROOT).decode()
    assert data["tree_size"] == 8 and data["timestamp"] == 1_700_000_000_000
    assert SignedTreeHead.from_dict(data) == signed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"tree_size": 1, "timestamp": 0, "signature": ""}, "root_hash"),
        ({"tree_size": 1, "root_hash": "not base64!", "timestamp": 0, "signature": ""}, "root_hash"),
        ({"tree_size": 1, "root_hash": 5, "timestamp": 0, "signature": ""}, "root_hash"),
        ([], "JSON object"),
    ],
)
def test_signed_head_json_errors_name_the_field(data, message):
    # given malformed JSON for a signed head
    # when it is read
    # then the error names the field
    with pytest.raises(ValueError, match=message):
        SignedTreeHead.from_dict(data)


def test_keys_load_from_pem_and_from_raw_base64():
    # given the same key pair as PEM and as base64 of the raw 32 bytes
    private_pem = KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    private_base64 = base64.b64encode(SEED).decode()
    public_pem = encode_public_key(KEY.public_key(), pem=True)
    public_base64 = encode_public_key(KEY.public_key())
    signed = sign_tree_head(load_private_key(private_pem), 3, ROOT, 0)
    # when each form is loaded
    # then they are the same keys
    assert sign_tree_head(load_private_key(f"  {private_base64}\n"), 3, ROOT, 0) == signed
    assert public_pem.startswith("-----BEGIN PUBLIC KEY-----")
    for text in (public_pem, public_base64, public_base64.encode()):
        assert verify_tree_head(load_public_key(text), signed.head, signed.signature)


def test_loading_keys_of_the_wrong_kind_or_size_fails_clearly():
    # given an ECDSA key, a 31-byte raw key, garbage and an encrypted PEM
    ec_key = generate_private_key(SECP256R1())
    ec_private = ec_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ec_public = ec_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    encrypted = KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    # when they are loaded
    # then each fails with a ValueError that says why
    with pytest.raises(ValueError, match="not Ed25519"):
        load_private_key(ec_private)
    with pytest.raises(ValueError, match="not Ed25519"):
        load_public_key(ec_public)
    with pytest.raises(ValueError, match="32 bytes"):
        load_private_key(base64.b64encode(bytes(31)))
    with pytest.raises(ValueError, match="base64"):
        load_public_key("not a key")
    with pytest.raises(ValueError, match="private key PEM"):
        load_private_key(encrypted)


def test_verify_tree_head_wants_key_objects():
    # given a public key passed as text
    signed = sign_tree_head(KEY, 1, ROOT, 0)
    # when verification is attempted
    # then a ValueError points to load_public_key
    with pytest.raises(ValueError, match="load_public_key"):
        verify_tree_head(encode_public_key(KEY.public_key()), signed.head, signed.signature)
    with pytest.raises(ValueError, match="load_private_key"):
        sign_tree_head("key", 1, ROOT, 0)
