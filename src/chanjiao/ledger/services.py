"""Every write to the log: appends, one writer at a time, and signed tree heads.

Capabilities call `record_change` right after they create or change a record, inside their
own transaction, so the record and its leaf commit together or not at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core import ledger as core
from chanjiao.ledger.keys import public_key_base64, signing_key
from chanjiao.ledger.models import LOG_STATE_ID, Leaf, LedgerEntry, LogState, Node, SignedHead
from chanjiao.ledger.partitions import ensure_leaf_partitions
from chanjiao.ledger.records import all_record_types, changes_record_type, get_record_type
from chanjiao.ledger.store import DatabaseHashStore, insert_rows

SALT_BYTES = 16  # 128 random bits, 32 hex digits


@dataclass(frozen=True)
class RecordChange:
    """One record to append: its type, id and current content."""

    record_type: str
    record_id: Any
    content: Mapping[str, Any]


def actor_name(actor: User | None) -> str | None:
    """How a leaf names who made the change; None for the platform itself."""
    if actor is None or not actor.pk:
        return None
    return f"user:{actor.username}"


def _locked_state() -> LogState:
    """The log-state row, locked until the transaction ends (SELECT ... FOR UPDATE on PostgreSQL;
    on SQLite the IMMEDIATE transaction already holds the database's write lock)."""
    LogState.objects.get_or_create(pk=LOG_STATE_ID)
    return LogState.objects.select_for_update().get(pk=LOG_STATE_ID)


@transaction.atomic
def append_records(*, changes: Sequence[RecordChange], actor: User | None) -> list[Leaf]:
    """Append records as consecutive leaves, with the subtree nodes they complete.

    Parameters
    ----------
    changes : sequence of RecordChange
        Records of declared types, in the order they are to be logged.
    actor : User or None
        Who made the changes (None: the platform).

    Returns
    -------
    list of Leaf
        The new leaves, in order.
    """
    if not changes:
        return []
    state = _locked_state()
    # The time is taken under the lock, so leaf times never run backwards.
    recorded_at = timezone.now()
    who = actor_name(actor)
    first_index = state.tree_size
    prepared = []  # (record type, record id, salt, leaf input)
    for change in changes:
        record_type = get_record_type(change.record_type)
        record_id = record_type.record_id(change.record_id)
        # A new salt for every version: one version shown to someone must not help guess another.
        salt = secrets.token_hex(SALT_BYTES) if record_type.salted else None
        document = core.ledger_leaf_input(
            record_type=record_type.name,
            record_id=record_id,
            actor=who,
            recorded_at=recorded_at,
            content=change.content,
            salt=salt,
        )
        prepared.append((record_type.name, str(record_id), salt, document))
    leaf_hashes = core.hash_leaf_inputs([document for *_, document in prepared])
    leaves = [
        Leaf(
            leaf_index=first_index + offset,
            leaf_hash=digest.tobytes(),
            record_type=kind,
            record_id=record_id,
            actor=who,
            recorded_at=recorded_at,
            salt=salt,
            document=document.decode("utf-8"),
        )
        for offset, ((kind, record_id, salt, document), digest) in enumerate(
            zip(prepared, leaf_hashes, strict=True)
        )
    ]
    store = DatabaseHashStore()
    runs = core.nodes_completed_by_append(store, first_index, leaf_hashes)
    ensure_leaf_partitions(first_index + len(leaves))
    insert_rows(
        Leaf,
        ["leaf_index", "leaf_hash", "record_type", "record_id", "actor", "recorded_at", "salt", "document"],
        [
            (
                leaf.leaf_index,
                leaf.leaf_hash,
                leaf.record_type,
                leaf.record_id,
                who,
                recorded_at,
                leaf.salt,
                leaf.document,
            )
            for leaf in leaves
        ],
    )
    insert_rows(Node, ["level", "node_index", "node_hash"], [row for run in runs for row in run.rows()])
    latest = {(leaf.record_type, leaf.record_id): leaf.leaf_index for leaf in leaves}
    insert_rows(
        LedgerEntry,
        ["record_type", "record_id", "leaf"],
        [(kind, record_id, index) for (kind, record_id), index in latest.items()],
        upsert=(["record_type", "record_id"], ["leaf"]),
    )
    state.tree_size = first_index + len(leaves)
    state.root_hash = core.root_hash_at(store, state.tree_size)
    state.save(update_fields=["tree_size", "root_hash", "updated_at"])
    return leaves


def append_record(
    *, record_type: str, record_id: Any, content: Mapping[str, Any], actor: User | None
) -> Leaf:
    """Append one record (see `append_records`)."""
    change = RecordChange(record_type=record_type, record_id=record_id, content=content)
    return append_records(changes=[change], actor=actor)[0]


def record_change(*, instance: Any, actor: User | None, record_type: str | None = None) -> Leaf | None:
    """Log a record's state after a write: the one line every service that writes a record adds.

    The content is read back from the database with the record type's reader, exactly as the
    verification will read it. Without ``record_type`` the model's own record type is used and
    models the log does not keep give None.
    """
    kind = get_record_type(record_type) if record_type else changes_record_type(type(instance))
    if kind is None:
        return None
    if not isinstance(instance, kind.model):
        raise ValueError(f"a {kind.name} record is a {kind.model.__name__}, not a {type(instance).__name__}")
    content = kind.content_of(instance.pk)
    if content is None:
        raise ValueError(f"{kind.name} {instance.pk} is not in the database")
    return append_record(record_type=kind.name, record_id=instance.pk, content=content, actor=actor)


def record_existing(
    *,
    actor: User | None = None,
    batch_size: int = 2000,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, int]:
    """Log every record of a declared type that has no leaf yet (records made before the log,
    or by bulk loaders such as the demo generator). Returns the number logged per type."""
    logged: dict[str, int] = {}
    for kind in all_record_types():
        known = set(LedgerEntry.objects.filter(record_type=kind.name).values_list("record_id", flat=True))
        batch: list[RecordChange] = []
        count = 0
        for pk, content in kind.read_contents(kind.model.objects.all()):
            if str(pk) in known:
                continue
            batch.append(RecordChange(record_type=kind.name, record_id=pk, content=content))
            if len(batch) == batch_size:
                count += len(append_records(changes=batch, actor=actor))
                batch = []
                if progress is not None:
                    progress(count, count, f"{kind.name}: {count}")
        count += len(append_records(changes=batch, actor=actor))
        logged[kind.name] = count
    return logged


@transaction.atomic
def sign_tree_head(*, actor: User | None) -> SignedHead:
    """Sign the log's current size and root with the configured key and keep the head.

    The root is recomputed from the stored hashes and must equal the one the appends left,
    otherwise nothing is signed.
    """
    state = LogState.objects.filter(pk=LOG_STATE_ID).first()
    tree_size = state.tree_size if state is not None else 0
    root = core.root_hash_at(DatabaseHashStore(), tree_size)
    if state is not None and bytes(state.root_hash) != root:
        raise ValueError(
            "The log's recorded root differs from the root of its stored hashes; nothing was signed. "
            "Run `chanjiao ledger verify`."
        )
    signed = core.sign_tree_head(signing_key(), tree_size, root, timezone.now())
    head = SignedHead.objects.create(
        tree_size=tree_size,
        root_hash=root,
        timestamp_ms=signed.head.timestamp_ms,
        signature=signed.signature,
        public_key=public_key_base64(),
        signed_by=actor if actor is not None and actor.pk else None,
    )
    if actor is not None:
        record_activity(actor=actor, verb="sign_tree_head", target=head, summary=f"tree size {tree_size}")
    return head


def sign_tree_head_if_grown(*, actor: User | None) -> SignedHead | None:
    """Sign a head unless the latest one already covers the whole log (then None)."""
    covered = SignedHead.objects.first()
    state = LogState.objects.filter(pk=LOG_STATE_ID).first()
    if covered is not None and covered.tree_size == (state.tree_size if state is not None else 0):
        return None
    return sign_tree_head(actor=actor)
