"""Signed tree heads: Ed25519 signatures over (tree size, root hash, timestamp).

Signed bytes
------------
The signature covers the 50-byte ``TreeHeadSignature`` structure of RFC 6962 section 3.5,
big-endian::

    offset  size  field
    0       1     version         0 (v1)
    1       1     signature_type  1 (tree_hash)
    2       8     timestamp       milliseconds since 1970-01-01T00:00:00Z, uint64
    10      8     tree_size       uint64
    18      32    sha256_root_hash

The signature is a 64-byte Ed25519 signature (RFC 8032) over exactly these bytes. Keys are read
from PEM (PKCS#8 private, SubjectPublicKeyInfo public) or from the base64 text of the raw
32-byte key.
"""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from chanjiao.core.ledger.hashing import HASH_SIZE

HEAD_VERSION = 0
HEAD_SIGNATURE_TYPE = 1
HEAD_SIZE = 2 + 8 + 8 + HASH_SIZE
SIGNATURE_SIZE = 64
_HEAD_PREFIX = struct.Struct(">BBQQ")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_UINT64 = (1 << 64) - 1


@dataclass(frozen=True)
class TreeHead:
    """The state of the log at one moment: size, root hash and timestamp (milliseconds, UTC).

    Examples
    --------
    >>> head = TreeHead(tree_size=3, root_hash=bytes(32), timestamp_ms=1_700_000_000_000)
    >>> len(head.to_bytes()), TreeHead.from_bytes(head.to_bytes()) == head
    (50, True)
    """

    tree_size: int
    root_hash: bytes
    timestamp_ms: int

    def __post_init__(self) -> None:
        for name in ("tree_size", "timestamp_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_UINT64:
                raise ValueError(f"{name} must be an int between 0 and 2**64 - 1, got {value!r}")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise ValueError(f"root_hash must be {HASH_SIZE} bytes")

    @property
    def timestamp(self) -> datetime:
        """The timestamp as a UTC datetime."""
        return _EPOCH + timedelta(milliseconds=self.timestamp_ms)

    def to_bytes(self) -> bytes:
        """The 50 signed bytes (RFC 6962 ``TreeHeadSignature``; layout in the module docstring)."""
        return (
            _HEAD_PREFIX.pack(HEAD_VERSION, HEAD_SIGNATURE_TYPE, self.timestamp_ms, self.tree_size)
            + self.root_hash
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> TreeHead:
        """Parse the 50 signed bytes; ``ValueError`` if they are not a version-1 tree head."""
        if not isinstance(data, bytes | bytearray | memoryview) or len(data) != HEAD_SIZE:
            raise ValueError(f"a tree head is {HEAD_SIZE} bytes")
        data = bytes(data)
        version, signature_type, timestamp_ms, tree_size = _HEAD_PREFIX.unpack_from(data)
        if (version, signature_type) != (HEAD_VERSION, HEAD_SIGNATURE_TYPE):
            raise ValueError(f"not a v1 tree head: version {version}, signature type {signature_type}")
        return cls(tree_size=tree_size, root_hash=data[_HEAD_PREFIX.size :], timestamp_ms=timestamp_ms)


@dataclass(frozen=True)
class SignedTreeHead:
    """A tree head with its Ed25519 signature.

    Examples
    --------
    >>> head = TreeHead(tree_size=0, root_hash=bytes(32), timestamp_ms=0)
    >>> signed = SignedTreeHead(head=head, signature=bytes(64))
    >>> SignedTreeHead.from_dict(signed.to_dict()) == signed
    True
    """

    head: TreeHead
    signature: bytes

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: sizes and milliseconds as numbers, hash and signature as base64."""
        return {
            "tree_size": self.head.tree_size,
            "root_hash": base64.b64encode(self.head.root_hash).decode("ascii"),
            "timestamp": self.head.timestamp_ms,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SignedTreeHead:
        """Parse the `to_dict` form; ``ValueError`` naming the field that is wrong."""
        if not isinstance(data, dict):
            raise ValueError("a signed tree head must be a JSON object")
        missing = {"tree_size", "root_hash", "timestamp", "signature"} - set(data)
        if missing:
            raise ValueError(f"signed tree head lacks {sorted(missing)}")
        head = TreeHead(
            tree_size=data["tree_size"],
            root_hash=_decode_base64(data["root_hash"], "root_hash"),
            timestamp_ms=data["timestamp"],
        )
        return cls(head=head, signature=_decode_base64(data["signature"], "signature"))


def _decode_base64(text: object, name: str) -> bytes:
    if not isinstance(text, str | bytes):
        raise ValueError(f"{name} must be base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"{name} is not valid base64") from error


def _timestamp_ms(timestamp: datetime | int) -> int:
    if isinstance(timestamp, datetime):
        if timestamp.tzinfo is None or timestamp.utcoffset() is None:
            raise ValueError("timestamp must be timezone-aware")
        return (timestamp - _EPOCH) // timedelta(milliseconds=1)
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise ValueError(
            f"timestamp must be a datetime or milliseconds as int, got {type(timestamp).__name__}"
        )
    return timestamp


def sign_tree_head(
    private_key: Ed25519PrivateKey, tree_size: int, root_hash: bytes, timestamp: datetime | int
) -> SignedTreeHead:
    """Sign (tree size, root hash, timestamp) with the log's Ed25519 key.

    Parameters
    ----------
    private_key : Ed25519PrivateKey
        See `load_private_key`.
    tree_size : int
    root_hash : bytes
        32-byte root of the tree of ``tree_size``.
    timestamp : datetime or int
        Timezone-aware datetime (truncated to whole milliseconds) or milliseconds since the epoch.

    Returns
    -------
    SignedTreeHead

    Examples
    --------
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> signed = sign_tree_head(key, 5, bytes(32), 1_700_000_000_000)
    >>> verify_tree_head(key.public_key(), signed.head, signed.signature)
    True
    """
    if not isinstance(private_key, Ed25519PrivateKey):
        raise ValueError("private_key must be an Ed25519 private key (see load_private_key)")
    head = TreeHead(tree_size=tree_size, root_hash=root_hash, timestamp_ms=_timestamp_ms(timestamp))
    return SignedTreeHead(head=head, signature=private_key.sign(head.to_bytes()))


def verify_tree_head(public_key: Ed25519PublicKey, head: TreeHead | bytes, signature: bytes) -> bool:
    """Check the signature of a tree head (a `TreeHead` or its 50 signed bytes).

    Parameters
    ----------
    public_key : Ed25519PublicKey
        The log's published key (see `load_public_key`).
    head : TreeHead or bytes
    signature : bytes
        64-byte Ed25519 signature.

    Returns
    -------
    bool
        False for a wrong signature or bytes that are not a tree head.

    Examples
    --------
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> signed = sign_tree_head(key, 5, bytes(32), 0)
    >>> verify_tree_head(key.public_key(), signed.head, bytes(64))
    False
    """
    if not isinstance(public_key, Ed25519PublicKey):
        raise ValueError("public_key must be an Ed25519 public key (see load_public_key)")
    if not isinstance(signature, bytes | bytearray | memoryview):
        raise ValueError(f"signature must be bytes, got {type(signature).__name__}")
    if isinstance(head, TreeHead):
        signed_bytes = head.to_bytes()
    elif isinstance(head, bytes | bytearray | memoryview):
        signed_bytes = bytes(head)
        try:
            TreeHead.from_bytes(signed_bytes)
        except ValueError:
            return False
    else:
        raise ValueError(f"head must be a TreeHead or its bytes, got {type(head).__name__}")
    if len(signature) != SIGNATURE_SIZE:
        return False
    try:
        public_key.verify(bytes(signature), signed_bytes)
    except InvalidSignature:
        return False
    return True


def _key_bytes(text: str | bytes, kind: str) -> tuple[bool, bytes]:
    """(is_pem, payload) of key text: PEM as given, raw keys base64-decoded to 32 bytes."""
    if isinstance(text, str):
        text = text.encode("ascii", errors="replace")
    if not isinstance(text, bytes):
        raise ValueError(f"{kind} key must be PEM or base64 text")
    text = text.strip()
    if text.startswith(b"-----BEGIN"):
        return True, text
    raw = _decode_base64(text, f"{kind} key")
    if len(raw) != 32:
        raise ValueError(f"a raw Ed25519 {kind} key is 32 bytes, got {len(raw)}")
    return False, raw


def load_private_key(text: str | bytes) -> Ed25519PrivateKey:
    """Read an Ed25519 private key from unencrypted PKCS#8 PEM or base64 of the raw 32-byte key.

    Examples
    --------
    >>> load_private_key(base64.b64encode(bytes(32)).decode()).public_key() is not None
    True
    """
    is_pem, payload = _key_bytes(text, "private")
    if not is_pem:
        return Ed25519PrivateKey.from_private_bytes(payload)
    try:
        key = serialization.load_pem_private_key(payload, password=None)
    except (TypeError, ValueError) as error:
        raise ValueError(f"cannot read the private key PEM: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"the private key is {type(key).__name__}, not Ed25519")
    return key


def load_public_key(text: str | bytes) -> Ed25519PublicKey:
    """Read an Ed25519 public key from SubjectPublicKeyInfo PEM or base64 of the raw 32-byte key.

    Examples
    --------
    >>> published = encode_public_key(Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key())
    >>> encode_public_key(load_public_key(published)) == published
    True
    """
    is_pem, payload = _key_bytes(text, "public")
    if not is_pem:
        return Ed25519PublicKey.from_public_bytes(payload)
    try:
        key = serialization.load_pem_public_key(payload)
    except ValueError as error:
        raise ValueError(f"cannot read the public key PEM: {error}") from error
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"the public key is {type(key).__name__}, not Ed25519")
    return key


def encode_public_key(public_key: Ed25519PublicKey, *, pem: bool = False) -> str:
    """Text to publish a public key: base64 of the raw 32 bytes, or SubjectPublicKeyInfo PEM.

    Examples
    --------
    >>> encode_public_key(Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key())
    'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik='
    """
    if not isinstance(public_key, Ed25519PublicKey):
        raise ValueError("public_key must be an Ed25519 public key")
    if pem:
        return public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")
