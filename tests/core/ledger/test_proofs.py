import base64
import json
from pathlib import Path

import numpy as np
import pytest
from pymerkle import InmemoryTree

from chanjiao.core.ledger import (
    ArrayHashStore,
    consistency_proof,
    hash_children,
    hash_leaf,
    hash_leaf_inputs,
    inclusion_proof,
    root_hash,
    root_hash_at,
    subtree_consistency_proof,
    subtree_hash,
    subtree_inclusion_proof,
)
from chanjiao.core.ledger.ranges import is_valid_subtree

VECTORS = Path(__file__).parents[2] / "data" / "rfc6962"


# Reference definitions written straight from RFC 9162 section 2.1 (recursive, on lists of leaf
# hashes) and the subtree proof of the Merkle Tree Certificates draft, to check the iterative,
# store-backed implementation against.
def _mth(hashes: list[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    split = 1 << ((len(hashes) - 1).bit_length() - 1)
    return hash_children(_mth(hashes[:split]), _mth(hashes[split:]))


def _path(index: int, hashes: list[bytes]) -> list[bytes]:
    if len(hashes) == 1:
        return []
    split = 1 << ((len(hashes) - 1).bit_length() - 1)
    if index < split:
        return _path(index, hashes[:split]) + [_mth(hashes[split:])]
    return _path(index - split, hashes[split:]) + [_mth(hashes[:split])]


def _subtree_subproof(start: int, end: int, hashes: list[bytes], known: bool) -> list[bytes]:
    if (start, end) == (0, len(hashes)):
        return [] if known else [_mth(hashes)]
    split = 1 << ((len(hashes) - 1).bit_length() - 1)
    if end <= split:
        return _subtree_subproof(start, end, hashes[:split], known) + [_mth(hashes[split:])]
    if split <= start:
        return _subtree_subproof(start - split, end - split, hashes[split:], known) + [_mth(hashes[:split])]
    return _subtree_subproof(0, end - split, hashes[split:], False) + [_mth(hashes[:split])]


def _random_leaf_hashes(count: int, seed: int) -> list[bytes]:
    rng = np.random.default_rng(seed)
    return [row.tobytes() for row in rng.integers(0, 256, size=(count, 32), dtype=np.uint8)]


def _happy_paths(kind: str) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted((VECTORS / kind).rglob("happy-path*.json"))]


def _decoded(items: list | None) -> list[bytes]:
    return [base64.b64decode(item) for item in items or []]


def test_inclusion_proofs_reproduce_the_vector_happy_paths(standard_store):
    # given the standard 8-leaf tree and the happy-path inclusion vectors
    cases = _happy_paths("inclusion")
    # when proofs are generated for the same leaves and sizes
    # then they are byte for byte the vectors' proofs
    assert len(cases) == 5
    for case in cases:
        assert inclusion_proof(standard_store, case["leafIdx"], case["treeSize"]) == _decoded(case["proof"])


def test_consistency_proofs_reproduce_the_vector_happy_paths(standard_store):
    # given the standard 8-leaf tree and the happy-path consistency vectors
    cases = _happy_paths("consistency")
    # when proofs are generated for the same sizes
    # then they are byte for byte the vectors' proofs
    assert len(cases) == 5
    for case in cases:
        assert consistency_proof(standard_store, case["size1"], case["size2"]) == _decoded(case["proof"])


def test_subtree_consistency_proofs_reproduce_the_vector_happy_paths(standard_store):
    # given the standard tree and the happy-path subtree consistency vectors
    cases = _happy_paths("subtreeconsistency")
    # when proofs are generated for the same subtrees
    # then they are the vectors' proofs
    assert len(cases) == 5
    for case in cases:
        proof = subtree_consistency_proof(standard_store, case["start"], case["end"], case["size"])
        assert proof == _decoded(case["proof"])


@pytest.mark.parametrize("level_stride", [1, 2, 3, 4])
def test_inclusion_proofs_and_roots_match_the_rfc_definition(level_stride):
    # given trees of every size up to 40 stored with several level strides
    hashes = _random_leaf_hashes(40, seed=1)
    store = ArrayHashStore.from_leaf_hashes(hashes, level_stride=level_stride)
    for size in range(1, 41):
        # when roots and proofs are generated from the store
        # then they equal the recursive RFC 9162 definitions
        assert root_hash_at(store, size) == _mth(hashes[:size])
        for index in range(size):
            assert inclusion_proof(store, index, size) == _path(index, hashes[:size])


@pytest.mark.parametrize("level_stride", [1, 4])
def test_consistency_proofs_match_the_rfc_definition(level_stride):
    # given a 40-leaf store
    hashes = _random_leaf_hashes(40, seed=2)
    store = ArrayHashStore.from_leaf_hashes(hashes, level_stride=level_stride)
    for size2 in range(1, 41):
        for size1 in range(1, size2 + 1):
            # when a consistency proof is generated
            # then it is RFC 9162 PROOF(size1, D[size2])
            assert consistency_proof(store, size1, size2) == _subtree_subproof(0, size1, hashes[:size2], True)


def test_subtree_proofs_match_the_draft_definition():
    # given a 24-leaf store
    hashes = _random_leaf_hashes(24, seed=3)
    store = ArrayHashStore.from_leaf_hashes(hashes, level_stride=2)
    subtrees = [(start, end) for end in range(1, 25) for start in range(end) if is_valid_subtree(start, end)]
    for start, end in subtrees:
        # when subtree hashes and proofs are generated
        # then they match the recursive definitions
        assert subtree_hash(store, start, end) == _mth(hashes[start:end])
        for index in range(start, end):
            assert subtree_inclusion_proof(store, index, start, end) == _path(
                index - start, hashes[start:end]
            )
        for size in range(end, 25):
            assert subtree_consistency_proof(store, start, end, size) == _subtree_subproof(
                start, end, hashes[:size], True
            )


def test_roots_and_audit_paths_agree_with_pymerkle():
    # given 37 leaf inputs appended to pymerkle and to our store
    inputs = [f"record {number}".encode() for number in range(37)]
    reference = InmemoryTree(algorithm="sha256")
    for data in inputs:
        reference.append_entry(data)
    store = ArrayHashStore.from_leaf_hashes(hash_leaf_inputs(inputs))
    for size in range(1, 38):
        # when roots and inclusion proofs are computed by both
        # then the roots agree and pymerkle's path without its leading leaf is our audit path
        assert root_hash_at(store, size) == reference.get_root(size) == root_hash(inputs[:size])
        for index in range(size):
            assert inclusion_proof(store, index, size) == reference.prove_inclusion(index + 1, size).path[1:]


def test_a_proof_reads_the_store_once_and_few_nodes():
    # given a store of 100,000 leaves that counts its reads
    class CountingStore(ArrayHashStore):
        reads: list[int] = []

        def read_nodes(self, node_ids):
            self.reads.append(len(node_ids))
            return super().read_nodes(node_ids)

    store = CountingStore.from_leaf_hashes(
        np.random.default_rng(4).integers(0, 256, (100_000, 32), dtype=np.uint8)
    )
    store.reads = []
    # when one inclusion proof and one consistency proof are generated
    inclusion_proof(store, 54_321, 99_999)
    consistency_proof(store, 77_777, 99_999)
    # then each made a single read of at most 8 stored hashes per proof hash (17 levels)
    assert len(store.reads) == 2
    assert all(count <= 8 * 17 for count in store.reads)


def test_proofs_against_older_sizes_use_the_same_store(standard_store, standard_leaf_inputs):
    # given the 8-leaf store
    # when a proof is requested against the tree of size 5
    proof = inclusion_proof(standard_store, 4, 5)
    # then it is the proof of the 5-leaf tree
    assert proof == [
        root_hash_at(ArrayHashStore.from_leaf_hashes(hash_leaf_inputs(standard_leaf_inputs[:4])), 4)
    ]


@pytest.mark.parametrize(
    ("call", "arguments"),
    [
        (inclusion_proof, (8, 8)),
        (inclusion_proof, (-1, 8)),
        (inclusion_proof, (0, 0)),
        (inclusion_proof, (0, 9)),
        (inclusion_proof, (True, 8)),
        (consistency_proof, (0, 8)),
        (consistency_proof, (5, 4)),
        (consistency_proof, (4, 9)),
        (subtree_inclusion_proof, (1, 2, 4)),
        (subtree_inclusion_proof, (3, 2, 5)),
        (subtree_consistency_proof, (2, 5, 8)),
        (subtree_consistency_proof, (4, 8, 7)),
        (subtree_hash, (1, 3)),
        (root_hash_at, (9,)),
        (root_hash_at, (1.0,)),
    ],
)
def test_impossible_proof_requests_raise_value_error(standard_store, call, arguments):
    # given the 8-leaf store
    # when a proof is asked for a leaf, size or subtree it does not have
    # then a ValueError explains it
    with pytest.raises(ValueError):
        call(standard_store, *arguments)


def test_root_hash_at_size_zero_is_the_empty_root(standard_store):
    # given any store
    # when the root of the empty prefix is asked
    # then it is SHA-256("")
    assert root_hash_at(standard_store, 0) == root_hash([])
    assert hash_leaf(b"") == root_hash_at(standard_store, 1)
