from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.core.ledger import (
    ArrayHashStore,
    audit_log,
    leaf_hash,
    ledger_record,
    root_hash_at,
    sign_tree_head,
)

START = datetime(2025, 1, 1, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _records(count: int) -> list[dict]:
    return [
        ledger_record(
            record_type="placement_completion",
            record_id=number,
            actor=f"school:{number % 3}",
            recorded_at=START + timedelta(hours=number),
            content={"student": f"S{number}", "completed": number % 2 == 0},
        )
        for number in range(count)
    ]


def _log(count: int = 50, head_sizes=(10, 33, 50)):
    records = _records(count)
    leaf_hashes = np.frombuffer(b"".join(leaf_hash(record) for record in records), dtype=np.uint8).reshape(
        -1, 32
    )
    store = ArrayHashStore.from_leaf_hashes(leaf_hashes)
    heads = [
        sign_tree_head(KEY, size, root_hash_at(store, size), START + timedelta(days=size))
        for size in head_sizes
    ]
    return records, leaf_hashes.copy(), heads, store


def test_an_untouched_log_passes():
    # given a log of 50 records with three signed heads
    records, leaf_hashes, heads, store = _log()
    # when it is audited
    report = audit_log(leaf_hashes, records, heads, KEY.public_key())
    # then every check passes
    assert report.ok
    assert report.tree_size == 50
    assert report.root_hash == root_hash_at(store, 50)
    assert report.heads_checked == 3
    assert report.first_altered_leaf is None


def test_records_edited_behind_the_log_are_reported_by_leaf_index():
    # given records 17 and 40 edited directly, leaf hashes untouched
    records, leaf_hashes, heads, _ = _log()
    records[17]["content"]["completed"] = True
    records[40]["actor"] = "school:9"
    # when the log is audited
    report = audit_log(leaf_hashes, records, heads, KEY.public_key())
    # then exactly those leaves are reported and the heads still hold
    assert not report.ok
    assert report.first_altered_leaf == 17
    assert report.altered_leaves.tolist() == [17, 40]
    assert report.head_failures == ()


def test_missing_and_unserialisable_records_count_as_altered():
    # given record 3 deleted, record 5 holding a naive datetime, and the last two not supplied
    records, leaf_hashes, heads, _ = _log()
    records[3] = None
    records[5]["content"]["at"] = datetime(2025, 1, 1)
    # when the log is audited
    report = audit_log(leaf_hashes, records[:48], heads, KEY.public_key())
    # then all four leaves are reported
    assert report.altered_leaves.tolist() == [3, 5, 48, 49]


def test_a_rewritten_leaf_hash_breaks_the_heads_that_cover_it():
    # given record 20 edited and its leaf hash rewritten to match
    records, leaf_hashes, heads, _ = _log()
    records[20]["content"]["student"] = "S999"
    leaf_hashes[20] = np.frombuffer(leaf_hash(records[20]), dtype=np.uint8)
    # when the log is audited
    report = audit_log(leaf_hashes, records, heads, KEY.public_key())
    # then records match their leaves but the heads of sizes 33 and 50 no longer hold
    assert report.first_altered_leaf is None
    assert [(failure.tree_size, failure.reason) for failure in report.head_failures] == [
        (33, "signed root hash differs from the root recomputed from the leaf hashes"),
        (50, "signed root hash differs from the root recomputed from the leaf hashes"),
    ]


def test_forged_and_oversized_heads_are_reported():
    # given a head signed by another key and a genuine head larger than the log
    records, leaf_hashes, heads, store = _log()
    forged = sign_tree_head(Ed25519PrivateKey.from_private_bytes(bytes(32)), 10, heads[0].head.root_hash, 0)
    oversized = sign_tree_head(KEY, 51, root_hash_at(store, 50), 0)
    # when the log is audited with them
    report = audit_log(leaf_hashes, records, [*heads, forged, oversized], KEY.public_key())
    # then both are reported with their reason
    assert [(failure.tree_size, failure.reason) for failure in report.head_failures] == [
        (10, "signature does not verify with the log's public key"),
        (51, "signed tree size 51 exceeds the 50 leaves in the log"),
    ]


def test_tampered_cache_nodes_are_reported():
    # given the persisted level-4 nodes of the log, one of them altered
    records, leaf_hashes, heads, store = _log()
    rows = [(4, index, digest) for index, digest in enumerate(store.read_nodes([(4, 0), (4, 1), (4, 2)]))]
    rows[1] = (4, 1, bytes(32))
    # when the log is audited with the cache rows, plus one row that should not exist
    report = audit_log(leaf_hashes, records, heads, KEY.public_key(), stored_nodes=[*rows, (4, 3, bytes(32))])
    # then the altered and the spurious node are reported
    assert report.mismatched_nodes == ((4, 1), (4, 3))
    assert not report.ok


def test_more_records_than_leaves_is_a_caller_error():
    # given one record too many
    records, leaf_hashes, heads, _ = _log()
    # when the log is audited
    # then a ValueError says so
    with pytest.raises(ValueError, match="more records"):
        audit_log(leaf_hashes, [*records, records[0]], heads, KEY.public_key())


def test_an_empty_log_with_its_empty_head_passes():
    # given no leaves and a signed head of the empty tree
    empty = np.empty((0, 32), dtype=np.uint8)
    head = sign_tree_head(KEY, 0, root_hash_at(ArrayHashStore(), 0), 0)
    # when audited
    report = audit_log(empty, [], [head], KEY.public_key())
    # then it passes
    assert report.ok
