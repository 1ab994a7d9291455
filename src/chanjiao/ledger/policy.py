"""Who may do what with the record log (read by ``chanjiao.accounts.access``).

- The public key and the signed tree heads are public: they exist to be published. Proofs hold
  nothing but hashes: any signed-in user.
- A leaf (one logged version of a record) follows its record's visibility: whoever may see the
  record may see where and when each version was logged, and its hash.
- What a leaf's document shows is judged on that version (`leaf_reading`): a record type may
  keep its content to some (an evaluation's results) and name private fields (an organisation's
  revenue and R&D spending), which those who may see the record's private figures read; others
  read the version's public fields, and the whole document only when the version holds no
  private value.
- Officers follow the log's state on their home page; signing a head on demand and verifying the
  whole log are for platform administrators.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.accounts.access import Actor, Anyone, Where, declare
from chanjiao.accounts.models import User
from chanjiao.ledger.models import Leaf, LogState, SignedHead
from chanjiao.ledger.records import RecordType, all_record_types, get_record_type


def _leaves_of_visible_records(actor: Actor) -> Q:
    # Some record types name their visible records per user (their app's own rule).
    user = User.objects.select_related("organisation__region").get(pk=actor.user_id)
    condition = Q(pk__in=[])
    for kind in all_record_types():
        ids = (
            kind.visible_records(user).order_by().annotate(id_text=Cast("pk", CharField())).values("id_text")
        )
        condition |= Q(record_type=kind.name, record_id__in=ids)
    return condition


def _officers(actor: Actor) -> Q | None:
    return Q() if actor.governs else None


declare(SignedHead, view=[Anyone()], create=[])
declare(
    LogState,
    view=[Anyone()],
    review=[Where(_officers, gettext_lazy("officers"))],
    manage=[],
)
declare(Leaf, view=[Where(_leaves_of_visible_records, gettext_lazy("those who may see its record"))])


def record_type_or_404(name: str) -> RecordType:
    try:
        return get_record_type(name)
    except ValueError as error:
        raise Http404(str(error)) from None


@dataclass(frozen=True)
class LeafReading:
    """What a user may read of one leaf's document: all of it (``whole``: it can be exported and
    checked), the version's public fields (``document`` without the private fields and the
    salt), or nothing (``document`` is None)."""

    document: dict[str, Any] | None
    whole: bool


def leaf_reading(user, kind: RecordType, record, leaf: Leaf) -> LeafReading:
    """Judged on the version the leaf holds, not on the record as it is now: an enterprise that
    blanks its revenue does not open the versions that had one."""
    if not kind.content_readable(user, record):
        return LeafReading(None, False)
    document = json.loads(leaf.document)
    content = document["content"]
    private = [name for name in kind.private_fields if content.get(name) is not None]
    if not private or kind.private_readable(user, record):
        return LeafReading(document, True)
    public = {name: value for name, value in content.items() if name not in kind.private_fields}
    shown = {key: value for key, value in document.items() if key != "salt"}
    return LeafReading({**shown, "content": public}, False)


def record_of_leaf(user, leaf: Leaf) -> tuple[RecordType, Any]:
    """The record type and record of a leaf the user sees (404 when the record is gone)."""
    kind = record_type_or_404(leaf.record_type)
    return kind, kind.access(user, leaf.record_id)


def require_whole(reading: LeafReading) -> None:
    """PermissionDenied (403) unless the user may read (and so export) the whole version."""
    if not reading.whole:
        raise PermissionDenied(
            _(
                "This version holds figures only its owner and officers in scope may read; its proof "
                "(hashes only) is open to you."
            )
        )
