"""The audit split over leaf ranges gives the report of the whole-log audit, failure for failure."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.core.ledger import (
    ArrayHashStore,
    audit_log,
    audit_tree,
    leaf_hash,
    ledger_record,
    root_hash_at,
    sign_tree_head,
)
from chanjiao.core.ledger.canonical import leaf_input
from chanjiao.core.ledger.range_audit import audit_leaf_range, check_range_level
from chanjiao.scale.ledger import audit_log_in_ranges

START = datetime(2025, 1, 1, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(32))


def make_log(count: int, head_sizes):
    records = [
        ledger_record(
            record_type="placement_completion",
            record_id=number,
            actor=f"school:{number % 3}",
            recorded_at=START + timedelta(hours=number),
            content={"student": f"S{number}", "hours": number},
        )
        for number in range(count)
    ]
    hashes = np.frombuffer(b"".join(leaf_hash(record) for record in records), dtype=np.uint8).reshape(-1, 32)
    store = ArrayHashStore.from_leaf_hashes(hashes)
    heads = [
        sign_tree_head(KEY, size, root_hash_at(store, size), START + timedelta(days=size))
        for size in head_sizes
    ]
    nodes = [
        (level, index, store.read_nodes([(level, index)])[0])
        for level in (4, 8)
        for index in range(count >> level)
    ]
    return records, hashes.copy(), heads, nodes


def assert_same_report(merged, whole):
    assert merged.tree_size == whole.tree_size
    assert merged.root_hash == whole.root_hash
    assert merged.altered_leaves.tolist() == whole.altered_leaves.tolist()
    assert merged.heads_checked == whole.heads_checked
    assert merged.head_failures == whole.head_failures
    assert merged.mismatched_nodes == whole.mismatched_nodes
    assert merged.ok == whole.ok


@pytest.mark.parametrize("count", [1, 16, 37, 300, 512])
@pytest.mark.parametrize("range_level", [4, 8])
def test_a_sound_log_gives_the_same_report_in_ranges(count, range_level):
    # given
    records, hashes, heads, nodes = make_log(count, sorted({1, count // 2 or 1, count}))
    # when
    merged = audit_log_in_ranges(
        None, hashes, heads, KEY.public_key(), records=records, stored_nodes=nodes, range_level=range_level
    )
    # then
    whole = audit_log(hashes, records, heads, KEY.public_key(), stored_nodes=nodes)
    assert whole.ok
    assert_same_report(merged, whole)


def test_every_kind_of_tampering_is_reported_as_in_the_whole_log_audit():
    # given: a record edited, a leaf hash edited, heads signed with another key, of a size the
    # log does not reach and of a wrong root, a cached node edited and one beyond the log
    records, hashes, heads, nodes = make_log(300, (5, 64, 100, 299))
    records[40] = {**records[40], "content": {"student": "S40", "hours": 999}}
    hashes[150, 0] ^= 1
    heads.append(sign_tree_head(OTHER_KEY, 20, heads[0].head.root_hash, START))
    heads.append(sign_tree_head(KEY, 301, heads[0].head.root_hash, START))
    heads.append(sign_tree_head(KEY, 17, heads[0].head.root_hash, START))
    level, index, digest = nodes[3]
    nodes[3] = (level, index, bytes(32))
    nodes.append((4, 40, bytes(32)))
    nodes.append((12, 0, bytes(32)))
    # when
    merged = audit_log_in_ranges(
        None, hashes, heads, KEY.public_key(), records=records, stored_nodes=nodes, range_level=4
    )
    # then
    whole = audit_log(hashes, records, heads, KEY.public_key(), stored_nodes=nodes)
    assert not whole.ok
    assert whole.altered_leaves.tolist() == [40, 150]
    assert [failure.tree_size for failure in whole.head_failures] == [299, 20, 301, 17]
    assert len(whole.mismatched_nodes) >= 4
    assert_same_report(merged, whole)


def test_without_records_the_ranges_give_the_tree_audit():
    # given
    _records, hashes, heads, nodes = make_log(100, (3, 50, 99))
    hashes[70, 5] ^= 4
    # when
    merged = audit_log_in_ranges(None, hashes, heads, KEY.public_key(), stored_nodes=nodes, range_level=4)
    # then
    assert_same_report(merged, audit_tree(hashes, heads, KEY.public_key(), stored_nodes=nodes))


def test_stored_leaf_inputs_are_checked_against_their_hashes():
    # given: the stored serialisations, one of them edited
    records, hashes, heads, _nodes = make_log(40, (40,))
    inputs = [leaf_input(record) for record in records]
    inputs[33] = inputs[33].replace(b"S33", b"S34")
    # when
    report = audit_log_in_ranges(None, hashes, heads, KEY.public_key(), leaf_inputs=inputs, range_level=4)
    # then
    assert report.altered_leaves.tolist() == [33]
    assert report.head_failures == ()


def test_an_empty_log_has_the_empty_root():
    # when
    merged = audit_log_in_ranges(
        None, np.empty((0, 32), np.uint8), [], KEY.public_key(), records=[], range_level=4
    )
    # then
    assert_same_report(merged, audit_log(np.empty((0, 32), np.uint8), [], [], KEY.public_key()))


def test_bad_arguments_are_refused():
    records, hashes, heads, _nodes = make_log(20, (20,))
    with pytest.raises(ValueError, match="multiple of the level stride"):
        check_range_level(6, 4)
    with pytest.raises(ValueError, match="more records than"):
        audit_log_in_ranges(None, hashes[:10], heads, KEY.public_key(), records=records, range_level=4)
    with pytest.raises(ValueError, match="not both"):
        audit_leaf_range(0, hashes[:16], records=records[:16], leaf_inputs=[b""] * 16)
