import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chanjiao.core.ledger import (
    canonical_json,
    hash_leaf,
    leaf_hash,
    leaf_input,
    leaf_input_with_content,
    ledger_record,
)

MOMENT = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)


def _record(**overrides):
    fields = {
        "record_type": "equipment_contribution",
        "record_id": 42,
        "actor": "enterprise:7",
        "recorded_at": MOMENT,
        "content": {
            "equipment": "五轴加工中心",
            "value": Decimal("1280000.00"),
            "delivered_on": date(2025, 2, 27),
        },
    }
    return ledger_record(**{**fields, **overrides})


def test_canonical_json_sorts_keys_and_drops_whitespace():
    # given nested mappings with unsorted keys
    value = {"b": {"z": 1, "a": [True, None]}, "a": "x", "C": 0.5}
    # when serialised
    # then keys are sorted by code point and there is no whitespace
    assert canonical_json(value) == b'{"C":0.5,"a":"x","b":{"a":[true,null],"z":1}}'


def test_canonical_json_writes_non_ascii_as_utf8():
    # given Chinese text
    # when serialised
    # then it is written as UTF-8, not \\u escapes
    assert canonical_json({"名称": "产教融合"}) == '{"名称":"产教融合"}'.encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.50"), b'"1234.50"'),
        (Decimal("1E+3"), b'"1000"'),
        (Decimal("-0.001"), b'"-0.001"'),
        (datetime(2025, 3, 1, 16, 30, tzinfo=timezone(timedelta(hours=8))), b'"2025-03-01T08:30:00Z"'),
        (datetime(2025, 3, 1, 8, 30, 0, 120, tzinfo=UTC), b'"2025-03-01T08:30:00.000120Z"'),
        (date(2025, 3, 1), b'"2025-03-01"'),
        (time(9, 5), b'"09:05:00"'),
        (time(9, 5, 1, 500000), b'"09:05:01.500000"'),
        (UUID("12345678-1234-5678-1234-567812345678"), b'"12345678-1234-5678-1234-567812345678"'),
        (2**80, b"1208925819614629174706176"),
        (0.1, b"0.1"),
        (1e20, b"1e+20"),
        (-0.0, b"-0.0"),
        ((1, "a"), b'[1,"a"]'),
        (None, b"null"),
    ],
)
def test_canonical_json_documented_conversions(value, expected):
    # given a value of a type with a documented conversion
    # when serialised
    # then it takes the documented form
    assert canonical_json(value) == expected


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"a": datetime(2025, 3, 1)}, r"\$\.a"),
        ({"a": [float("nan")]}, r"\$\.a\[0\]"),
        ({"a": float("inf")}, r"\$\.a"),
        ({"a": Decimal("NaN")}, r"\$\.a"),
        ({"a": {1, 2}}, r"\$\.a"),
        ({"a": b"raw"}, r"\$\.a"),
        ({1: "int key"}, r"\$"),
        ({"a": time(9, tzinfo=UTC)}, r"\$\.a"),
        ({"a": object()}, r"\$\.a"),
    ],
)
def test_values_without_a_canonical_form_are_refused_with_their_place(value, where):
    # given a value that has no canonical form
    # when serialised
    # then a ValueError names where it sits
    with pytest.raises(ValueError, match=where):
        canonical_json(value)


def test_lone_surrogates_are_refused():
    # given text that is not valid Unicode
    # when serialised
    # then a ValueError says so
    with pytest.raises(ValueError, match="Unicode"):
        canonical_json({"a": "\ud800"})


def test_ledger_record_is_plain_json_with_schema_version():
    # given the fields of a record
    # when the leaf document is built
    document = _record()
    # then it is plain JSON data with the schema version, and its canonical bytes are fixed
    assert document == {
        "schema_version": 1,
        "record_type": "equipment_contribution",
        "record_id": 42,
        "actor": "enterprise:7",
        "recorded_at": "2025-03-01T08:30:00Z",
        "content": {"equipment": "五轴加工中心", "value": "1280000.00", "delivered_on": "2025-02-27"},
    }
    assert (
        leaf_input(document)
        == (
            '{"actor":"enterprise:7","content":{"delivered_on":"2025-02-27","equipment":"五轴加工中心",'
            '"value":"1280000.00"},"record_id":42,"record_type":"equipment_contribution",'
            '"recorded_at":"2025-03-01T08:30:00Z","schema_version":1}'
        ).encode()
    )


def test_a_salted_record_is_schema_2_and_its_hash_depends_on_the_salt():
    # given the same record logged with two salts
    first, second = _record(salt="0" * 32), _record(salt="f" * 32)
    # when their leaf inputs are computed
    # then both are schema 2 with the salt, and the hashes differ although the content is the same
    assert first["schema_version"] == 2 and first["salt"] == "0" * 32
    assert leaf_input(first).endswith(b'"salt":"' + b"0" * 32 + b'","schema_version":2}')
    assert leaf_hash(first) != leaf_hash(second)
    # and a changed content keeps the salt in place
    changed = leaf_input_with_content(leaf_input(first), {"value": "1.00"})
    assert changed == leaf_input(_record(salt="0" * 32, content={"value": "1.00"}))


def test_exported_json_re_serialises_to_the_same_leaf_hash():
    # given a record exported as JSON text and parsed back by a verifier
    document = _record()
    exported = json.loads(json.dumps(document, indent=2))
    # when the verifier computes the leaf hash
    # then it is the log's leaf hash
    assert leaf_hash(exported) == leaf_hash(document) == hash_leaf(leaf_input(document))


def test_any_content_change_changes_the_leaf_hash():
    # given a record and a copy with one field changed
    original, changed = _record(), _record(content={"value": Decimal("1280000.01")})
    # when both are hashed
    # then the hashes differ
    assert leaf_hash(original) != leaf_hash(changed)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"record_type": ""}, "record_type"),
        ({"record_id": True}, "record_id"),
        ({"record_id": 1.5}, "record_id"),
        ({"actor": 7}, "actor"),
        ({"recorded_at": "2025-03-01"}, "recorded_at"),
        ({"recorded_at": datetime(2025, 3, 1)}, "time zone"),
        ({"content": ["not", "a", "mapping"]}, "content"),
    ],
)
def test_ledger_record_rejects_bad_fields(fields, message):
    # given one malformed field
    # when the leaf document is built
    # then a ValueError names it
    with pytest.raises(ValueError, match=message):
        _record(**fields)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc.pop("actor"), "missing \\['actor'\\]"),
        (lambda doc: doc.update(extra=1), "unexpected \\['extra'\\]"),
        (lambda doc: doc.update(schema_version=3), "schema_version 3"),
        (lambda doc: doc.update(schema_version=1.0), "schema_version 1.0"),
        (lambda doc: doc.update(schema_version=2), "schema 2: missing \\['salt'\\]"),
        (lambda doc: doc.update(salt="ab"), "unexpected \\['salt'\\]"),
        (lambda doc: doc.update(schema_version=2, salt=""), "salt must be a non-empty string"),
    ],
)
def test_leaf_input_checks_the_schema(change, message):
    # given a leaf document that does not follow schema 1
    document = _record()
    change(document)
    # when its leaf input is computed
    # then a ValueError explains what differs
    with pytest.raises(ValueError, match=message):
        leaf_input(document)


_unicode = st.text(st.characters(exclude_categories=("Cs",)))
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _unicode
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.datetimes(timezones=st.just(UTC))
    | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_unicode, children, max_size=4),
    max_leaves=12,
)


@given(_json_values)
def test_canonical_json_is_a_fixed_point_of_parsing(value):
    # given any serialisable value
    encoded = canonical_json(value)
    # when its canonical bytes are parsed and serialised again
    # then the bytes are identical, so exported records verify after a JSON round trip
    assert canonical_json(json.loads(encoded)) == encoded
