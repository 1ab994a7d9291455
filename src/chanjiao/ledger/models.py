"""Storage of the log in the platform's database (layout: `chanjiao.core.ledger.store`).

``Leaf`` and ``Node`` are the two append-only hash tables of the core layout; a leaf also keeps
the exact bytes it commits to (``document``, canonical JSON) and, as columns for lookups, the
record type, id, actor, time and salt written inside them. ``LogState`` is the single row every append
locks and advances. ``LedgerEntry`` points each record to its latest leaf. ``SignedHead`` keeps
every signed tree head.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.core.ledger import EMPTY_ROOT, SignedTreeHead, TreeHead

LOG_STATE_ID = 1


class LogState(models.Model):
    """The log's size and root. Appends lock this one row, so they run one at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=LOG_STATE_ID, editable=False)
    tree_size = models.BigIntegerField(_("tree size"), default=0)
    root_hash = models.BinaryField(_("root hash"), max_length=32, default=EMPTY_ROOT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("record log")

    def __str__(self) -> str:
        return f"log of {self.tree_size} leaves"


class Leaf(models.Model):
    """Leaf ``leaf_index`` (0-based): the record document and its hash ``SHA-256(0x00 || document)``."""

    leaf_index = models.BigIntegerField(_("leaf index"), primary_key=True)
    leaf_hash = models.BinaryField(_("leaf hash"), max_length=32)
    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.CharField(_("record id"), max_length=64)
    actor = models.CharField(_("actor"), max_length=160, null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    # The random salt written in the document of a record with private fields (schema 2); leaves
    # logged before salting have none (their documents are schema 1 and stay as signed).
    salt = models.CharField(_("salt"), max_length=64, null=True, blank=True)
    document = models.TextField(_("canonical JSON"))

    class Meta:
        ordering = ["leaf_index"]
        verbose_name = _("leaf")
        indexes = [models.Index(fields=["record_type", "record_id", "leaf_index"], name="ledger_leaf_record")]

    def __str__(self) -> str:
        return f"leaf {self.leaf_index}: {self.record_type} {self.record_id}"


class Node(models.Model):
    """A complete subtree at a stored level: covers leaves ``[node_index * 2**level, (node_index + 1) * 2**level)``."""

    pk = models.CompositePrimaryKey("level", "node_index")
    level = models.PositiveSmallIntegerField()
    node_index = models.BigIntegerField()
    node_hash = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        return f"node ({self.level}, {self.node_index})"


class LedgerEntry(models.Model):
    """Where a record stands in the log: its latest leaf."""

    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.CharField(_("record id"), max_length=64)
    leaf = models.ForeignKey(Leaf, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="unique_ledger_entry")
        ]
        verbose_name_plural = "ledger entries"

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} → leaf {self.leaf_id}"


class SignedHead(models.Model):
    """A signed tree head: (tree size, root hash, timestamp) and its Ed25519 signature."""

    tree_size = models.BigIntegerField(_("tree size"), db_index=True)
    root_hash = models.BinaryField(_("root hash"), max_length=32)
    timestamp_ms = models.BigIntegerField(_("timestamp (ms since 1970, UTC)"))
    signature = models.BinaryField(max_length=64)
    public_key = models.CharField(_("public key (base64)"), max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Newest first; ids follow signing order, so the latest head is one primary-key lookup.
        ordering = ["-id"]
        verbose_name = _("signed tree head")

    def __str__(self) -> str:
        return f"signed head of size {self.tree_size}"

    def signed_tree_head(self) -> SignedTreeHead:
        head = TreeHead(
            tree_size=self.tree_size, root_hash=bytes(self.root_hash), timestamp_ms=self.timestamp_ms
        )
        return SignedTreeHead(head=head, signature=bytes(self.signature))
