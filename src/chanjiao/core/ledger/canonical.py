"""Canonical serialisation of ledger records: the exact bytes a leaf commits to.

Leaf document (schema version 1)
--------------------------------
Every leaf input is the canonical JSON of one object with exactly these keys::

    {"actor": ..., "content": {...}, "record_id": ..., "record_type": "...",
     "recorded_at": "2025-03-01T08:00:00Z", "schema_version": 1}

``record_type`` names the kind of record (e.g. ``"equipment_contribution"``), ``record_id`` is
its primary key (string or integer), ``actor`` who created or changed it (string, or null for
the platform itself), ``recorded_at`` when, and ``content`` the record's fields. A new schema
version will be introduced rather than the meaning of version 1 ever changing.

Salted leaf document (schema version 2)
---------------------------------------
A record with private fields is logged with one more key, ``"salt"``: random text (32 hex
digits, new for every leaf) and ``"schema_version": 2``. A leaf hash is public, so without the
salt a private value (a revenue) could be found by hashing guesses together with the public
fields; with it, only those who hold the whole document (the salt included) can check it.

Canonical JSON
--------------
- UTF-8, no insignificant whitespace (``,`` and ``:`` separators), non-ASCII characters written
  as themselves, not ``\\u`` escapes.
- Object keys must be strings and are sorted by Unicode code point. Strings are written as
  given (no Unicode normalisation); lone surrogates are rejected.
- ``None`` is ``null``; ``True``/``False`` are ``true``/``false``.
- Integers are written exactly, whatever their size.
- Floats must be finite and are written in Python's shortest round-trip form (``0.1``,
  ``1.0``, ``1e+20``, ``-0.0``). Amounts of money belong in ``Decimal``.
- ``Decimal`` values must be finite and become *strings* in plain positional notation with
  their stored digits kept: ``Decimal("1234.50")`` is ``"1234.50"``, ``Decimal("1E+3")`` is
  ``"1000"``. As strings they survive any JSON reader without rounding.
- ``datetime`` values must be timezone-aware; they are converted to UTC and written as
  ``YYYY-MM-DDTHH:MM:SSZ``, with ``.ffffff`` microseconds only when non-zero.
- ``date`` is ``YYYY-MM-DD``; a ``time`` must be naive and is ``HH:MM:SS`` (``.ffffff`` when
  non-zero).
- ``UUID`` is its lowercase hyphenated string.
- Lists and tuples are arrays. Anything else (sets, bytes, naive datetimes, NaN, other
  objects) raises ``ValueError`` naming where it sits in the record.

Because every conversion lands on a plain JSON value that encodes to itself, the exported JSON
of a record can be parsed and re-serialised by a verifier to exactly the bytes in the log.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from chanjiao.core.ledger.hashing import hash_leaf

LEAF_SCHEMA_VERSION = 1
SALTED_SCHEMA_VERSION = 2
LEAF_DOCUMENT_KEYS = frozenset(
    {"schema_version", "record_type", "record_id", "actor", "recorded_at", "content"}
)
SALTED_DOCUMENT_KEYS = LEAF_DOCUMENT_KEYS | {"salt"}


def _format_datetime(moment: datetime, where: str) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{where}: datetime {moment.isoformat()} has no time zone")
    utc = moment.astimezone(UTC)
    fraction = f".{utc.microsecond:06d}" if utc.microsecond else ""
    return f"{utc:%Y-%m-%dT%H:%M:%S}{fraction}Z"


def _format_time(moment: time, where: str) -> str:
    if moment.tzinfo is not None:
        raise ValueError(f"{where}: a time of day with a time zone is ambiguous; store a datetime")
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return f"{moment:%H:%M:%S}{fraction}"


# Values of exactly these types are already plain: containers copy them without a call (the
# bulk of a record's fields, and most of the cost of serialising millions of records).
_PLAIN_SCALARS = frozenset({str, int, bool, type(None)})


def _plain_mapping(value: Mapping[Any, Any], where: str) -> dict[str, Any]:
    plain = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise ValueError(f"{where}: object key {key!r} is not a string")
        plain[key] = item if type(item) in _PLAIN_SCALARS else _plain(item, f"{where}.{key}")
    return plain


def _plain(value: Any, where: str) -> Any:
    """Convert a value to plain JSON types following the documented rules."""
    if type(value) is dict:  # the common case first: a record's content, a leaf document
        return _plain_mapping(value, where)
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value} is not a finite number")
        return float(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{where}: Decimal {value} is not a finite number")
        return format(value, "f")
    if isinstance(value, datetime):
        return _format_datetime(value, where)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return _format_time(value, where)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Mapping):
        return _plain_mapping(value, where)
    if isinstance(value, list | tuple):
        return [
            item if type(item) in _PLAIN_SCALARS else _plain(item, f"{where}[{position}]")
            for position, item in enumerate(value)
        ]
    raise ValueError(f"{where}: {type(value).__name__} values have no canonical JSON form")


def canonical_json(value: Any) -> bytes:
    """Canonical JSON bytes of a value (rules in the module docstring).

    Parameters
    ----------
    value : JSON-like
        Mappings with string keys, lists, tuples, strings, numbers, booleans, None, Decimal,
        date, time, timezone-aware datetime and UUID values.

    Returns
    -------
    bytes
        UTF-8 encoded canonical JSON.

    Raises
    ------
    ValueError
        For values without a canonical form, naming where they sit.

    Examples
    --------
    >>> from decimal import Decimal
    >>> canonical_json({"b": [1, 2.5, None], "a": Decimal("3.10"), "名": "值"}).decode()
    '{"a":"3.10","b":[1,2.5,null],"名":"值"}'
    """
    plain = _plain(value, "$")
    try:
        text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"text that is not valid Unicode cannot be serialised: {error.reason}") from error


def _ledger_document(
    record_type: str,
    record_id: str | int | UUID,
    actor: str | None,
    recorded_at: datetime,
    content: Mapping[str, Any],
    salt: str | None = None,
) -> dict[str, Any]:
    """The leaf document with its values as given, after checking their types."""
    if not isinstance(record_type, str) or not record_type:
        raise ValueError("record_type must be a non-empty string")
    if isinstance(record_id, bool) or not isinstance(record_id, str | int | UUID):
        raise ValueError(f"record_id must be a string, int or UUID, got {type(record_id).__name__}")
    if actor is not None and not isinstance(actor, str):
        raise ValueError(f"actor must be a string or None, got {type(actor).__name__}")
    if not isinstance(recorded_at, datetime):
        raise ValueError(f"recorded_at must be a datetime, got {type(recorded_at).__name__}")
    if not isinstance(content, Mapping):
        raise ValueError(f"content must be a mapping, got {type(content).__name__}")
    document = {
        "schema_version": LEAF_SCHEMA_VERSION,
        "record_type": record_type,
        "record_id": record_id,
        "actor": actor,
        "recorded_at": recorded_at,
        "content": content,
    }
    if salt is not None:
        if not isinstance(salt, str) or not salt:
            raise ValueError("salt must be a non-empty string")
        document.update(schema_version=SALTED_SCHEMA_VERSION, salt=salt)
    return document


def ledger_record(
    *,
    record_type: str,
    record_id: str | int | UUID,
    actor: str | None,
    recorded_at: datetime,
    content: Mapping[str, Any],
    salt: str | None = None,
) -> dict[str, Any]:
    """The versioned leaf document of one record, in plain JSON values (what the API exports).

    Parameters
    ----------
    record_type : str
        Kind of record, e.g. ``"placement_completion"``.
    record_id : str, int or UUID
        The record's primary key.
    actor : str or None
        Who created or changed it; None for the platform itself.
    recorded_at : datetime
        Timezone-aware moment of the change.
    content : mapping
        The record's fields.
    salt : str, optional
        Random text for a record with private fields (schema version 2).

    Returns
    -------
    dict
        Plain JSON document; ``canonical_json`` of it is the leaf input.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> doc = ledger_record(record_type="training_hours", record_id=7, actor="teacher:12",
    ...                     recorded_at=datetime(2025, 3, 1, 8, tzinfo=timezone.utc), content={"hours": 16})
    >>> doc["recorded_at"], doc["schema_version"]
    ('2025-03-01T08:00:00Z', 1)
    """
    return json.loads(
        canonical_json(_ledger_document(record_type, record_id, actor, recorded_at, content, salt))
    )


def ledger_leaf_input(
    *,
    record_type: str,
    record_id: str | int | UUID,
    actor: str | None,
    recorded_at: datetime,
    content: Mapping[str, Any],
    salt: str | None = None,
) -> bytes:
    """The leaf input of one record: ``leaf_input(ledger_record(...))`` in a single serialisation.

    For writers and verifiers that hash many records: it skips the plain-JSON round trip.

    Parameters
    ----------
    record_type, record_id, actor, recorded_at, content, salt
        As for `ledger_record`.

    Returns
    -------
    bytes
        Canonical JSON of the leaf document.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> fields = dict(record_type="vote", record_id=3, actor=None,
    ...               recorded_at=datetime(2025, 1, 2, tzinfo=timezone.utc), content={"yes": 9})
    >>> ledger_leaf_input(**fields) == leaf_input(ledger_record(**fields))
    True
    """
    return canonical_json(_ledger_document(record_type, record_id, actor, recorded_at, content, salt))


_CONTENT_START = b',"content":'
_CONTENT_END = b',"record_id":'


def leaf_input_with_content(logged: bytes, content: Mapping[str, Any]) -> bytes:
    """The leaf input of the same record (type, id, actor, time) with other content.

    A verifier that holds a record's logged leaf input and its current fields rebuilds the leaf
    input the record has now, serialising only the content (a salt is kept). The keys sort as
    actor, content, record_id, record_type, recorded_at, salt (schema 2), schema_version, so the
    input reads ``{"actor":A,"content":C,"record_id":...}``; quotes inside JSON strings are
    escaped, so the content starts after the first ``,"content":`` (A is a string or null) and
    ends before the last ``,"record_id":`` (only the record id, type, time, salt and version
    follow it).

    Parameters
    ----------
    logged : bytes
        A schema-1 or schema-2 leaf input.
    content : mapping
        The record's content now.

    Returns
    -------
    bytes
        Equal to ``logged`` exactly when the content is unchanged.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> fields = dict(record_type="vote", record_id=3, actor=None, recorded_at=datetime(2025, 1, 2, tzinfo=timezone.utc))
    >>> logged = ledger_leaf_input(content={"yes": 9}, **fields)
    >>> leaf_input_with_content(logged, {"yes": 10}) == ledger_leaf_input(content={"yes": 10}, **fields)
    True
    """
    if not isinstance(logged, bytes) or not logged.startswith(b'{"actor":'):
        raise ValueError("not a schema-1 leaf input: it must start with the actor")
    start, end = logged.find(_CONTENT_START), logged.rfind(_CONTENT_END)
    if start < 0 or end < start:
        raise ValueError("not a schema-1 leaf input: no content before the record id")
    if not isinstance(content, Mapping):
        raise ValueError(f"content must be a mapping, got {type(content).__name__}")
    return logged[: start + len(_CONTENT_START)] + canonical_json(content) + logged[end:]


def leaf_input(record: Mapping[str, Any]) -> bytes:
    """Leaf input of a leaf document: its canonical JSON, after checking the schema.

    Parameters
    ----------
    record : mapping
        A leaf document as built by `ledger_record` or parsed from an export.

    Returns
    -------
    bytes

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> doc = ledger_record(record_type="vote", record_id="a1", actor=None,
    ...                     recorded_at=datetime(2025, 1, 2, tzinfo=timezone.utc), content={})
    >>> leaf_input(doc)[:40]
    b'{"actor":null,"content":{},"record_id":"'
    """
    if not isinstance(record, Mapping):
        raise ValueError(f"a ledger record must be a mapping, got {type(record).__name__}")
    version = record.get("schema_version")
    if type(version) is not int or version not in (LEAF_SCHEMA_VERSION, SALTED_SCHEMA_VERSION):
        raise ValueError(
            f"unsupported schema_version {version!r}; this code reads versions "
            f"{LEAF_SCHEMA_VERSION} and {SALTED_SCHEMA_VERSION}"
        )
    expected = SALTED_DOCUMENT_KEYS if version == SALTED_SCHEMA_VERSION else LEAF_DOCUMENT_KEYS
    keys = set(record)
    if keys != expected:
        missing, unexpected = sorted(expected - keys), sorted(map(str, keys - expected))
        raise ValueError(
            f"ledger record keys differ from schema {version}: missing {missing}, unexpected {unexpected}"
        )
    if version == SALTED_SCHEMA_VERSION and (not isinstance(record["salt"], str) or not record["salt"]):
        raise ValueError("a schema-2 ledger record's salt must be a non-empty string")
    return canonical_json(record)


def leaf_hash(record: Mapping[str, Any]) -> bytes:
    """Leaf hash of a leaf document: ``SHA-256(0x00 || canonical JSON)``.

    Parameters
    ----------
    record : mapping
        A leaf document (see `ledger_record`).

    Returns
    -------
    bytes
        32-byte leaf hash.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> doc = ledger_record(record_type="vote", record_id=1, actor="council:3",
    ...                     recorded_at=datetime(2025, 1, 2, tzinfo=timezone.utc), content={"yes": 9})
    >>> len(leaf_hash(doc))
    32
    """
    return hash_leaf(leaf_input(record))
