"""Columns of the leaves list and its Excel export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column

LEAF_COLUMNS: list[Column] = [
    (_("Leaf"), lambda leaf: leaf.leaf_index),
    (_("Record type"), lambda leaf: leaf.record_type),
    (_("Record id"), lambda leaf: leaf.record_id),
    (_("Actor"), lambda leaf: leaf.actor or _("platform")),
    (_("Recorded at"), lambda leaf: timezone.localtime(leaf.recorded_at).replace(tzinfo=None)),
    (_("Leaf hash (hex)"), lambda leaf: bytes(leaf.leaf_hash).hex()),
]
