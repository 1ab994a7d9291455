"""Tamper-evident record log: an RFC 6962 / RFC 9162 Merkle log, pure and storage-agnostic.

Records are serialised canonically (`canonical`), hashed into leaves (``SHA-256(0x00 || input)``,
interior nodes ``SHA-256(0x01 || left || right)``), and the log's state is published as Ed25519
signed tree heads (`heads`). Inclusion and consistency proofs are generated from a `HashStore`
(`store`, `proofs`) and checked by verifiers that need nothing but the hashes (`verify`);
`audit` verifies a whole log. The storage layout the platform persists is documented in
`chanjiao.core.ledger.store`.

Why our own RFC 6962 code rather than pymerkle
----------------------------------------------
pymerkle 7.0.0 was evaluated as the engine, with a storage backend of ours:

- Hashing fits: with its defaults (SHA-256, "security" prefixes) its roots equal RFC 6962 roots
  and its inclusion paths, minus the leaf it puts first, are RFC 6962 audit paths (the tests
  check both for every size up to 37).
- Proof formats do not: its proofs are its own objects with 1-based indices, a "rule" bit list
  and, for consistency, a "subset" bit list over a different path (for sizes 2 to 5 it sends 4
  hashes where RFC 9162 sends 2). It can neither emit nor check the RFC 6962 consistency proofs
  that the API publishes and that external verifiers and the CT/Trillian test vectors use, so an
  RFC implementation would be needed next to it anyway.
- Storage and speed do not: a backend supplies leaves (``_get_leaves(offset, width)``) and
  pymerkle hashes every power-of-two subtree it needs from its leaves, caching results only in
  an in-process LRU. Every web worker starts cold and the first proof reads and hashes half the
  log: its SQLite backend took 0.9 s per cold inclusion proof at 2**20 leaves (extrapolated,
  about 9 s at 10,000,000), against a 5 ms target. Overriding its subroot cache with persisted
  nodes would leave pymerkle doing nothing but index arithmetic. It also serialises all calls
  behind one in-process lock, and its base class appends leaf by leaf.

So the log is our own RFC 6962 code: a few hundred lines checked against every transparency-dev
test vector, proofs served from persisted complete-subtree hashes in a few hundred
microseconds, one batched read per proof. pymerkle remains a cross-check in the tests
(tests/core/ledger/test_against_pymerkle.py: same roots and audit paths).
"""

from chanjiao.core.ledger.audit import HeadFailure, LogAuditReport, audit_log, audit_tree
from chanjiao.core.ledger.canonical import (
    LEAF_SCHEMA_VERSION,
    canonical_json,
    leaf_hash,
    leaf_input,
    leaf_input_with_content,
    ledger_leaf_input,
    ledger_record,
)
from chanjiao.core.ledger.hashing import EMPTY_ROOT, HASH_SIZE, hash_children, hash_leaf, hash_leaf_inputs
from chanjiao.core.ledger.heads import (
    SignedTreeHead,
    TreeHead,
    encode_public_key,
    load_private_key,
    load_public_key,
    sign_tree_head,
    verify_tree_head,
)
from chanjiao.core.ledger.proofs import (
    consistency_proof,
    inclusion_proof,
    root_from_leaf_hashes,
    root_hash,
    root_hash_at,
    subtree_consistency_proof,
    subtree_hash,
    subtree_inclusion_proof,
)
from chanjiao.core.ledger.store import (
    DEFAULT_LEVEL_STRIDE,
    ArrayHashStore,
    HashStore,
    NodeRun,
    nodes_completed_by_append,
)
from chanjiao.core.ledger.verify import (
    verify_consistency,
    verify_inclusion,
    verify_subtree_consistency,
    verify_subtree_inclusion,
)

__all__ = [
    "DEFAULT_LEVEL_STRIDE",
    "EMPTY_ROOT",
    "HASH_SIZE",
    "LEAF_SCHEMA_VERSION",
    "ArrayHashStore",
    "HashStore",
    "HeadFailure",
    "LogAuditReport",
    "NodeRun",
    "SignedTreeHead",
    "TreeHead",
    "audit_log",
    "audit_tree",
    "canonical_json",
    "consistency_proof",
    "encode_public_key",
    "hash_children",
    "hash_leaf",
    "hash_leaf_inputs",
    "inclusion_proof",
    "leaf_hash",
    "leaf_input",
    "leaf_input_with_content",
    "ledger_leaf_input",
    "ledger_record",
    "load_private_key",
    "load_public_key",
    "nodes_completed_by_append",
    "root_from_leaf_hashes",
    "root_hash",
    "root_hash_at",
    "sign_tree_head",
    "subtree_consistency_proof",
    "subtree_hash",
    "subtree_inclusion_proof",
    "verify_consistency",
    "verify_inclusion",
    "verify_subtree_consistency",
    "verify_subtree_inclusion",
    "verify_tree_head",
]
