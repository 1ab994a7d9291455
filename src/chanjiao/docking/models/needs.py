"""Technical (R&D) needs of enterprises and the consortium lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.registry.models import CarrierKind, Industry

CONSORTIUM_KINDS = (CarrierKind.MUNICIPAL_CONSORTIUM, CarrierKind.INDUSTRY_COMMUNITY)


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched with experts")
    IN_PROGRESS = "in_progress", _("In progress")
    SOLVED = "solved", _("Solved")
    ABANDONED = "abandoned", _("Abandoned")


# Where each status may go next; solved and abandoned are final.
NEED_TRANSITIONS = {
    NeedStatus.OPEN: (NeedStatus.MATCHED, NeedStatus.ABANDONED),
    NeedStatus.MATCHED: (NeedStatus.IN_PROGRESS, NeedStatus.OPEN, NeedStatus.ABANDONED),
    NeedStatus.IN_PROGRESS: (NeedStatus.SOLVED, NeedStatus.ABANDONED),
    NeedStatus.SOLVED: (),
    NeedStatus.ABANDONED: (),
}


class TechnicalNeed(models.Model):
    """An R&D problem an enterprise wants solved with colleges' experts."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="technical_needs",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    field = models.CharField(_("technical field"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=2, choices=Industry.choices, blank=True)
    budget = models.DecimalField(
        _("budget (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("wanted by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN, db_index=True
    )
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("consortium list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technology_needs",
        help_text=_(
            "List this need among the technology needs of a consortium your organisation belongs to."
        ),
    )
    experts = models.ManyToManyField("registry.Teacher", through="NeedExpert", related_name="technical_needs")
    outcome = models.TextField(_("outcome"), blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["enterprise", "status"])]

    def __str__(self) -> str:
        return self.title


class NeedExpert(models.Model):
    need = models.ForeignKey(TechnicalNeed, on_delete=models.CASCADE, related_name="expert_links")
    expert = models.ForeignKey("registry.Teacher", on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["need", "expert__name"]
        constraints = [models.UniqueConstraint(fields=["need", "expert"], name="unique_need_expert")]

    def __str__(self) -> str:
        return f"{self.expert} on {self.need}"


class ConsortiumProduct(models.Model):
    """A core product on a consortium's list (the other two lists are postings and needs)."""

    consortium = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("consortium"),
        on_delete=models.CASCADE,
        related_name="core_products",
    )
    name = models.CharField(_("product"), max_length=150)
    producer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consortium", "name"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "name"], name="unique_consortium_product")
        ]

    def __str__(self) -> str:
        return self.name
