"""Committed performance-based funding allocations: the rules used and every line."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.evaluation.models.evaluation import Evaluation, UnitKind


class FundingKind(models.TextChoices):
    INSTITUTIONS = "institutions", _("Institutions (benchmark ± float)")
    REGIONS = "regions", _("Regions (special subsidy)")


class FundingAllocation(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=FundingKind.choices)
    title = models.CharField(_("title"), max_length=150)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    budget = models.DecimalField(_("budget (yuan)"), max_digits=16, decimal_places=2)
    policy = models.JSONField(_("rules"))
    parameters = models.JSONField(_("parameters"), default=dict)
    evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.PROTECT, related_name="funding_allocations"
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-committed_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class FundingLine(models.Model):
    allocation = models.ForeignKey(FundingAllocation, on_delete=models.CASCADE, related_name="lines")
    unit_kind = models.CharField(max_length=10, choices=UnitKind.choices)
    unit_id = models.PositiveIntegerField()
    unit_name = models.CharField(_("unit"), max_length=150)
    base_weight = models.FloatField(_("base weight"))
    benchmark = models.DecimalField(_("benchmark (yuan)"), max_digits=16, decimal_places=2)
    inputs = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=20, blank=True)
    factor = models.FloatField(_("float or multiplier"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["allocation", "unit_name"]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.amount}"
