"""The ledger core functions the platform added (no database): ledger_leaf_input,
leaf_input_with_content, audit_tree, and the canonical form unchanged by the fast paths."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.ledger import (
    audit_tree,
    canonical_json,
    hash_leaf_inputs,
    leaf_input,
    leaf_input_with_content,
    ledger_leaf_input,
    ledger_record,
    root_from_leaf_hashes,
    sign_tree_head,
)

MOMENT = datetime(2025, 3, 1, 8, 30, 0, 123456, tzinfo=UTC)
# Strings a splice could trip on: the very separators it looks for, quotes, backslashes.
TRICKY = st.sampled_from([',"content":', ',"record_id":', '"', "\\", "}", "企业", ""]) | st.text(max_size=12)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | TRICKY
    | st.decimals(allow_nan=False, allow_infinity=False, places=2),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TRICKY, children, max_size=3),
    max_leaves=8,
)
CONTENTS = st.dictionaries(TRICKY, JSON_VALUES, max_size=5)


@settings(max_examples=200, deadline=None)
@given(content=CONTENTS, actor=st.none() | TRICKY, record_id=st.integers(min_value=0) | TRICKY)
def test_ledger_leaf_input_is_the_leaf_input_of_the_record(content, actor, record_id):
    fields = dict(record_type="hours", record_id=record_id, actor=actor, recorded_at=MOMENT, content=content)

    assert ledger_leaf_input(**fields) == leaf_input(ledger_record(**fields))


@settings(max_examples=200, deadline=None)
@given(
    logged=CONTENTS, current=CONTENTS, actor=st.none() | TRICKY, record_id=st.integers(min_value=0) | TRICKY
)
def test_splicing_content_equals_serialising_the_record_afresh(logged, current, actor, record_id):
    fields = dict(record_type="vote", record_id=record_id, actor=actor, recorded_at=MOMENT)

    spliced = leaf_input_with_content(ledger_leaf_input(content=logged, **fields), current)

    assert spliced == ledger_leaf_input(content=current, **fields)


@pytest.mark.parametrize("logged", [b"", b"[]", b'{"content":{}}', b'{"actor":null}', "text"])
def test_splicing_refuses_what_is_not_a_leaf_input(logged):
    with pytest.raises(ValueError, match="not a schema-1 leaf input"):
        leaf_input_with_content(logged, {})


def test_the_fast_paths_keep_the_canonical_form_and_its_errors():
    value = {"b": [1, True, None, "x", Decimal("1.50"), 2.5], "a": {"z": MOMENT}}

    assert (
        canonical_json(value) == b'{"a":{"z":"2025-03-01T08:30:00.123456Z"},"b":[1,true,null,"x","1.50",2.5]}'
    )
    with pytest.raises(ValueError, match=r"\$\.a: object key 1 is not a string"):
        canonical_json({"a": {1: "x"}})
    with pytest.raises(ValueError, match=r"\$\.b\[1\]: set values have no canonical JSON form"):
        canonical_json({"b": [1, {2}]})


def test_audit_tree_checks_heads_and_nodes_without_records():
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    hashes = hash_leaf_inputs([bytes([n]) for n in range(20)])
    good = sign_tree_head(key, 12, root_from_leaf_hashes(hashes[:12]), 0)
    forged = sign_tree_head(key, 20, bytes(32), 0)

    report = audit_tree(hashes, [good, forged], key.public_key(), stored_nodes=[(4, 0, bytes(32))])

    assert (report.tree_size, report.heads_checked, len(report.altered_leaves)) == (20, 2, 0)
    assert [failure.tree_size for failure in report.head_failures] == [20]
    assert report.mismatched_nodes == ((4, 0),)
    assert report.root_hash == root_from_leaf_hashes(hashes)
