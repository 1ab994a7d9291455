"""Who may see what of the log (the ledger's part of the one access gate).

- The public key and the signed tree heads are public: they exist to be published.
- Proofs of leaves and consistency proofs hold nothing but hashes: any signed-in user.
- A record's place in the log (leaf index, its leaves, its proof) follows the record's own
  visibility: whoever may see the record may see where it is logged.
- A record's content (its exported JSON) follows the record type's content rule, e.g. an
  organisation's record holds its private revenue and R&D figures.
- Signing a head on demand and verifying the whole log: platform administrators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.ledger.models import Leaf
from chanjiao.ledger.records import RecordType, all_record_types, get_record_type


def can_administer_ledger(user: User) -> bool:
    return user.is_authenticated and user.is_platform_admin


def record_type_or_404(name: str) -> RecordType:
    try:
        return get_record_type(name)
    except ValueError as error:
        raise Http404(str(error)) from None


def access_record(user: User, record_type: str, record_id, *, content: bool = False):
    """``(RecordType, record)`` if the user may see the record (404), and its content (403)."""
    kind = record_type_or_404(record_type)
    record = kind.access(user, record_id)
    if content and not kind.content_readable(user, record):
        raise PermissionDenied(
            _(
                "This record holds figures only its owner and officers in scope may read; its proof "
                "(hashes only) is open to you."
            )
        )
    return kind, record


def visible_leaves(user: User) -> QuerySet[Leaf]:
    """Leaves of records the user may see."""
    if user.is_platform_admin:
        return Leaf.objects.all()
    condition = Q(pk__in=[])
    for kind in all_record_types():
        ids = (
            kind.visible_records(user).order_by().annotate(id_text=Cast("pk", CharField())).values("id_text")
        )
        condition |= Q(record_type=kind.name, record_id__in=ids)
    return Leaf.objects.filter(condition)


def access_leaf(user: User, leaf_index, *, content: bool = False) -> tuple[RecordType, Leaf]:
    """A leaf whose record the user may see (404), with its content (403)."""
    try:
        leaf = Leaf.objects.get(leaf_index=int(leaf_index))
    except (Leaf.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No leaf %(index)s is in the log.") % {"index": leaf_index}) from None
    try:
        kind, _record = access_record(user, leaf.record_type, leaf.record_id, content=content)
    except Http404:
        raise Http404(_("No leaf %(index)s is visible to you.") % {"index": leaf_index}) from None
    return kind, leaf
