"""Technology equity stakes with their yearly performance, and benefit-sharing tables."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.credit.models.records import MONEY


class EquityStake(models.Model):
    """An enterprise's technology equity in a venture (an industrial college, a training base)
    from appraised equipment and technology contributions."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="equity_stakes",
    )
    venture = models.CharField(_("venture"), max_length=150)
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    other_capital = models.DecimalField(_("other capital of the venture (yuan)"), **MONEY)
    contributions = models.ManyToManyField(
        "credit.Contribution", verbose_name=_("appraised contributions"), related_name="equity_stakes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enterprise", "venture"]

    def __str__(self) -> str:
        return f"{self.enterprise} in {self.venture}"


class EquityPerformance(models.Model):
    """A year's skill-certification pass rate and technology-transfer income for a stake."""

    stake = models.ForeignKey(EquityStake, on_delete=models.CASCADE, related_name="performance")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    certification_pass_rate = models.DecimalField(
        _("skill-certification pass rate (0–1)"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    transfer_income = models.DecimalField(_("technology-transfer income (yuan)"), **MONEY)

    class Meta:
        ordering = ["stake", "year"]
        constraints = [models.UniqueConstraint(fields=["stake", "year"], name="unique_equity_year")]

    def __str__(self) -> str:
        return f"{self.stake} {self.year}"


class EquityHistory(models.Model):
    """The stake's share history as computed under one policy version."""

    stake = models.ForeignKey(EquityStake, on_delete=models.CASCADE, related_name="histories")
    policy = models.ForeignKey(
        "credit.PolicyVersion", verbose_name=_("policy version"), on_delete=models.PROTECT, related_name="+"
    )
    initial_share = models.DecimalField(_("initial share"), max_digits=5, decimal_places=4)
    final_share = models.DecimalField(_("current share"), max_digits=5, decimal_places=4)
    result = models.JSONField(_("history"), default=dict)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.stake}: {self.final_share} (policy v{self.policy.version})"


class SharingMethod(models.TextChoices):
    PROPORTIONAL = "proportional", _("In proportion to recorded contributions")
    SHAPLEY = "shapley", _("Shapley value (contributions interact)")


class SharingStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting signatures")
    SIGNED = "signed", _("Signed by every party")


class BenefitSharing(models.Model):
    """How the benefit of a joint R&D result is shared; every party signs the table."""

    title = models.CharField(_("joint R&D result"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    total = models.DecimalField(_("benefit to share (yuan)"), **MONEY)
    method = models.CharField(_("method"), max_length=12, choices=SharingMethod.choices)
    coalition_values = models.JSONField(
        _("value each group of parties would produce alone"), default=list, blank=True
    )
    table = models.JSONField(_("share table"), default=dict)
    status = models.CharField(
        _("status"), max_length=6, choices=SharingStatus.choices, default=SharingStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class BenefitParty(models.Model):
    sharing = models.ForeignKey(BenefitSharing, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "registry.Organisation", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.DecimalField(_("recorded contribution"), default=0, **MONEY)
    contribution_note = models.CharField(_("what the contribution is"), max_length=200, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        ordering = ["sharing", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["sharing", "organisation"], name="unique_benefit_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.sharing}"
