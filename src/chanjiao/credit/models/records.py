"""Records the credit file counts that belong to this app: contributions, insurance, incidents."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class ContributionKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    TECHNOLOGY = "technology", _("Technology")
    FUNDS = "funds", _("Funds")


class Contribution(models.Model):
    """Equipment, technology or funds an enterprise contributed to a school or carrier, with the
    value a third party appraised (funds are valued at their amount)."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="credit_contributions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ContributionKind.choices)
    description = models.CharField(_("description"), max_length=200)
    recipient = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("recipient school or organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_contributions_received",
    )
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contributed_on = models.DateField(_("contributed on"))
    appraised_value = models.DecimalField(_("appraised value (yuan)"), **MONEY)
    appraiser = models.CharField(_("third-party appraiser"), max_length=120)
    appraisal_reference = models.CharField(_("appraisal report number"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contributed_on", "pk"]
        indexes = [models.Index(fields=["enterprise", "contributed_on"])]

    def __str__(self) -> str:
        return f"{self.description} ({self.enterprise})"


class InsuranceCover(models.Model):
    """An enterprise's industry–education comprehensive insurance for one policy year."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="insurance_covers",
    )
    year = models.PositiveSmallIntegerField(
        _("policy year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    insurer = models.CharField(_("insurer"), max_length=120)
    policy_number = models.CharField(_("policy number"), max_length=60, blank=True)
    premium = models.DecimalField(_("premium (yuan)"), **MONEY)
    insured_people = models.PositiveIntegerField(_("students and apprentices insured"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="unique_insurance_cover_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"


class InsuranceClaim(models.Model):
    """A claim paid under a cover: an accident or injury during training or placement."""

    cover = models.ForeignKey(
        InsuranceCover, verbose_name=_("cover"), on_delete=models.CASCADE, related_name="claims"
    )
    occurred_on = models.DateField(_("occurred on"))
    description = models.CharField(_("description"), max_length=300)
    paid = models.DecimalField(_("amount paid (yuan)"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.cover}: {self.description}"


class IncidentKind(models.TextChoices):
    DISPUTE = "dispute", _("Dispute")
    BREACH = "breach", _("Breach of agreement")


class Incident(models.Model):
    """A dispute or a breach of agreement found against an enterprise, recorded by an officer."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="credit_incidents",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IncidentKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("description"))
    counterparty = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("counterparty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agreement = models.ForeignKey(
        "governance.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "pk"]
        indexes = [models.Index(fields=["enterprise", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.enterprise} {self.occurred_on}"
