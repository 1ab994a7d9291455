"""Cross-check with pymerkle 7 (RFC 6962 hashing, ``security=True``) on logs of 1 to 33 leaves:
the same roots, the same audit paths, and pymerkle's verifier accepts our roots."""

import numpy as np
import pytest
from pymerkle import InmemoryTree
from pymerkle import verify_consistency as pymerkle_verify_consistency
from pymerkle import verify_inclusion as pymerkle_verify_inclusion

from chanjiao.core.ledger import (
    ArrayHashStore,
    consistency_proof,
    hash_leaf,
    inclusion_proof,
    root_hash,
    root_hash_at,
    verify_consistency,
)

SIZES = range(1, 34)


@pytest.fixture(scope="module")
def logs():
    rng = np.random.default_rng(6962)
    entries = [rng.bytes(int(rng.integers(0, 40))) for _ in range(max(SIZES))]
    theirs = InmemoryTree(algorithm="sha256")
    for entry in entries:
        theirs.append_entry(entry)
    ours = ArrayHashStore()
    ours.append(np.frombuffer(b"".join(hash_leaf(e) for e in entries), dtype=np.uint8).reshape(-1, 32))
    return entries, theirs, ours


@pytest.mark.parametrize("size", SIZES)
def test_roots_match(logs, size):
    entries, theirs, ours = logs

    assert root_hash(entries[:size]) == theirs.get_root(size) == root_hash_at(ours, size)


@pytest.mark.parametrize("size", SIZES)
def test_audit_paths_match(logs, size):
    entries, theirs, ours = logs
    root = root_hash_at(ours, size)
    for index in range(size):
        theirs_proof = theirs.prove_inclusion(index + 1, size)  # 1-based; its path starts with the leaf

        assert theirs_proof.path == [hash_leaf(entries[index]), *inclusion_proof(ours, index, size)]
        pymerkle_verify_inclusion(hash_leaf(entries[index]), root, theirs_proof)  # raises on failure


@pytest.mark.parametrize("size", SIZES)
def test_both_consistency_proofs_hold_between_our_roots(logs, size):
    _entries, theirs, ours = logs
    for prior in range(1, size + 1):
        old, new = root_hash_at(ours, prior), root_hash_at(ours, size)

        assert verify_consistency(prior, size, consistency_proof(ours, prior, size), old, new)
        pymerkle_verify_consistency(old, new, theirs.prove_consistency(prior, size))  # raises on failure
