"""The exported form of one logged record and its check without the server.

Pure: this module uses nothing but `chanjiao.core.ledger`, so ``chanjiao ledger prove`` and any
auditor's script can run it with no database and no trust in the platform.

Record bundle (format ``chanjiao-ledger-record/1``), JSON::

    {"format": "chanjiao-ledger-record/1",
     "record": {...the leaf document...},
     "leaf_index": 12,                       # 0-based
     "leaf_hash": "...",                     # SHA-256(0x00 || canonical JSON of record)
     "tree_size": 40,                        # the tree the audit path leads to
     "audit_path": ["...", ...],             # RFC 6962 inclusion proof, bottom-up
     "signed_tree_head": {"tree_size": 40, "root_hash": "...", "timestamp": 1700000000000,
                          "signature": "..."}}

Hashes are base64 (as in RFC 6962's JSON API) or hex; a reader accepts either (a 32-byte hash
is 44 base64 characters or 64 hex digits). The signed head inside a bundle is a convenience:
a careful verifier checks the record against a head and a public key obtained on its own.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from chanjiao.core.ledger import HASH_SIZE, SignedTreeHead, leaf_hash, verify_inclusion, verify_tree_head

BUNDLE_FORMAT = "chanjiao-ledger-record/1"
ENCODINGS = ("base64", "hex")


def encode_hash(digest: bytes, encoding: str = "base64") -> str:
    """Text form of a hash.

    Examples
    --------
    >>> encode_hash(bytes(32), "hex")[:8], encode_hash(bytes(32))[:8]
    ('00000000', 'AAAAAAAA')
    """
    if encoding == "hex":
        return digest.hex()
    if encoding == "base64":
        return base64.b64encode(digest).decode("ascii")
    raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}, got {encoding!r}")


def decode_hash(text: object, name: str) -> bytes:
    """A 32-byte hash from its base64 or hex text; ``ValueError`` naming the field otherwise.

    Examples
    --------
    >>> decode_hash("00" * 32, "root") == decode_hash("A" * 43 + "=", "root")
    True
    """
    if not isinstance(text, str):
        raise ValueError(f"{name} must be a hash as base64 or hex text")
    try:
        digest = bytes.fromhex(text) if len(text) == 2 * HASH_SIZE else base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{name} is neither base64 nor hex") from None
    if len(digest) != HASH_SIZE:
        raise ValueError(f"{name} is {len(digest)} bytes; a hash is {HASH_SIZE}")
    return digest


def load_json_object(text: str | bytes, what: str) -> dict[str, Any]:
    """Parse JSON that must be an object; ``ValueError`` saying which input is wrong.

    Examples
    --------
    >>> load_json_object('{"a": 1}', "head")
    {'a': 1}
    """
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{what} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be a JSON object")
    return value


def record_bundle(
    *,
    record: Mapping[str, Any],
    leaf_index: int,
    audit_path: Sequence[bytes],
    signed_head: SignedTreeHead,
    encoding: str = "base64",
) -> dict[str, Any]:
    """The bundle that lets anyone check one record against a signed tree head.

    Parameters
    ----------
    record : mapping
        The leaf document (see `chanjiao.core.ledger.ledger_record`).
    leaf_index : int
        0-based index of its leaf.
    audit_path : list of bytes
        Inclusion proof of the leaf in the tree of ``signed_head.head.tree_size`` leaves.
    signed_head : SignedTreeHead
    encoding : {"base64", "hex"}
        Text form of the hashes.

    Returns
    -------
    dict

    Examples
    --------
    >>> from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    >>> from chanjiao.core.ledger import sign_tree_head
    >>> record = {"actor": None, "content": {}, "record_id": 1, "record_type": "vote",
    ...           "recorded_at": "2025-01-02T00:00:00Z", "schema_version": 1}
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> head = sign_tree_head(key, 1, leaf_hash(record), 0)
    >>> bundle = record_bundle(record=record, leaf_index=0, audit_path=[], signed_head=head)
    >>> check_record_bundle(bundle, public_key=key.public_key()).ok
    True
    """
    return {
        "format": BUNDLE_FORMAT,
        "record": dict(record),
        "leaf_index": leaf_index,
        "leaf_hash": encode_hash(leaf_hash(record), encoding),
        "tree_size": signed_head.head.tree_size,
        "audit_path": [encode_hash(digest, encoding) for digest in audit_path],
        "signed_tree_head": signed_head.to_dict(),
    }


@dataclass(frozen=True)
class CheckStep:
    """One step of a record check: ``name`` is record, signature, tree size or inclusion."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class BundleCheck:
    """Outcome of `check_record_bundle`: every step, in order, and the hashes it used."""

    steps: tuple[CheckStep, ...]
    leaf_hash: bytes | None
    leaf_index: int | None
    tree_size: int | None

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)


def _non_negative_int(bundle: Mapping[str, Any], name: str) -> int:
    value = bundle.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"record bundle: {name!r} must be a non-negative integer")
    return value


def check_record_bundle(
    bundle: Mapping[str, Any],
    *,
    public_key: Ed25519PublicKey,
    signed_head: SignedTreeHead | None = None,
) -> BundleCheck:
    """Check one exported record: its hash, the head's signature, and the audit path to the root.

    Parameters
    ----------
    bundle : mapping
        A record bundle (see the module docstring).
    public_key : Ed25519PublicKey
        The log's published key, obtained independently of the bundle.
    signed_head : SignedTreeHead, optional
        The head to check against; by default the one inside the bundle.

    Returns
    -------
    BundleCheck
        Failed steps say what failed; ``ValueError`` only for input that is not a bundle.

    Examples
    --------
    >>> from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    >>> from chanjiao.core.ledger import sign_tree_head
    >>> record = {"actor": None, "content": {"hours": 16}, "record_id": 1, "record_type": "hours",
    ...           "recorded_at": "2025-01-02T00:00:00Z", "schema_version": 1}
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> bundle = record_bundle(record=record, leaf_index=0, audit_path=[],
    ...                        signed_head=sign_tree_head(key, 1, leaf_hash(record), 0))
    >>> bundle["record"]["content"]["hours"] = 40
    >>> [(step.name, step.ok) for step in check_record_bundle(bundle, public_key=key.public_key()).steps]
    [('record', False), ('signature', True), ('tree size', True), ('inclusion', False)]
    """
    if not isinstance(bundle, Mapping):
        raise ValueError("a record bundle must be a JSON object")
    if bundle.get("format") != BUNDLE_FORMAT:
        raise ValueError(f"record bundle: 'format' must be {BUNDLE_FORMAT!r}, got {bundle.get('format')!r}")
    record = bundle.get("record")
    if not isinstance(record, Mapping):
        raise ValueError("record bundle: 'record' must be a JSON object")
    leaf_index = _non_negative_int(bundle, "leaf_index")
    tree_size = _non_negative_int(bundle, "tree_size")
    path = bundle.get("audit_path")
    if not isinstance(path, list):
        raise ValueError("record bundle: 'audit_path' must be a list of hashes")
    audit_path = [decode_hash(item, f"audit_path[{position}]") for position, item in enumerate(path)]
    if signed_head is None:
        head_data = bundle.get("signed_tree_head")
        if not isinstance(head_data, dict):
            raise ValueError("record bundle: 'signed_tree_head' must be a JSON object (or give a head)")
        signed_head = SignedTreeHead.from_dict(head_data)

    steps = []
    try:
        digest: bytes | None = leaf_hash(record)
    except ValueError as error:
        digest = None
        steps.append(CheckStep("record", False, f"the record is not a schema-1 leaf document: {error}"))
    if digest is not None:
        logged = decode_hash(bundle["leaf_hash"], "leaf_hash") if "leaf_hash" in bundle else None
        if logged is not None and logged != digest:
            detail = (
                f"the record hashes to {digest.hex()}, but the log recorded {logged.hex()}: "
                "its content differs from what was logged"
            )
            steps.append(CheckStep("record", False, detail))
        else:
            steps.append(CheckStep("record", True, f"leaf hash SHA-256(0x00 || record) = {digest.hex()}"))
    head = signed_head.head
    signed = verify_tree_head(public_key, head, signed_head.signature)
    steps.append(
        CheckStep(
            "signature",
            signed,
            f"tree head (size {head.tree_size}, root {head.root_hash.hex()}, {head.timestamp:%Y-%m-%d %H:%M:%S} UTC) "
            + ("is signed by the given key" if signed else "is NOT signed by the given key"),
        )
    )
    sizes_match = tree_size == head.tree_size and leaf_index < tree_size
    steps.append(
        CheckStep(
            "tree size",
            sizes_match,
            f"leaf {leaf_index} in a proof for {tree_size} leaves; the head covers {head.tree_size}"
            + ("" if sizes_match else ": fetch the proof for the head's size (tree_size parameter)"),
        )
    )
    included = (
        digest is not None
        and sizes_match
        and verify_inclusion(digest, leaf_index, tree_size, audit_path, head.root_hash)
    )
    steps.append(
        CheckStep(
            "inclusion",
            included,
            f"the audit path of {len(audit_path)} hashes "
            + (
                "leads from the leaf to the signed root"
                if included
                else "does NOT lead from the leaf to the signed root"
            ),
        )
    )
    return BundleCheck(steps=tuple(steps), leaf_hash=digest, leaf_index=leaf_index, tree_size=tree_size)
