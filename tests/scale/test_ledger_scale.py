"""The ledger audit over leaf ranges on the workers gives the whole-log report."""

from datetime import UTC, datetime, timedelta

import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.core.ledger import (
    ArrayHashStore,
    audit_log,
    leaf_hash,
    ledger_record,
    root_hash_at,
    sign_tree_head,
)
from chanjiao.scale.ledger import audit_log_in_ranges

START = datetime(2025, 1, 1, tzinfo=UTC)
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def test_the_ranges_audited_on_two_workers_give_the_verdict_of_one_process(client):
    # given: a log of 700 leaves with one record edited and a head signed over a wrong root
    records = [
        ledger_record(
            record_type="hours",
            record_id=n,
            actor=None,
            recorded_at=START + timedelta(minutes=n),
            content={"hours": n},
        )
        for n in range(700)
    ]
    hashes = np.frombuffer(b"".join(leaf_hash(record) for record in records), dtype=np.uint8).reshape(-1, 32)
    store = ArrayHashStore.from_leaf_hashes(hashes)
    heads = [sign_tree_head(KEY, size, root_hash_at(store, size), START) for size in (100, 256, 699)]
    heads.append(sign_tree_head(KEY, 300, root_hash_at(store, 299), START))
    nodes = [(4, index, store.read_nodes([(4, index)])[0]) for index in range(700 >> 4)]
    records[500] = {**records[500], "content": {"hours": -1}}
    # when
    merged = audit_log_in_ranges(
        client, hashes, heads, KEY.public_key(), records=records, stored_nodes=nodes, range_level=8
    )
    # then
    whole = audit_log(hashes, records, heads, KEY.public_key(), stored_nodes=nodes)
    assert merged.altered_leaves.tolist() == whole.altered_leaves.tolist() == [500]
    assert merged.head_failures == whole.head_failures
    assert [failure.tree_size for failure in merged.head_failures] == [300]
    assert (merged.root_hash, merged.mismatched_nodes, merged.ok) == (
        whole.root_hash,
        whole.mismatched_nodes,
        False,
    )
