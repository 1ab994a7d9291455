"""Computed results: credit assessments, the incentives they grant, exit notices and appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RATING_CHOICES = [(rating, rating) for rating in ("AAA", "AA", "A", "B", "C")]


class CreditAssessment(models.Model):
    """One computation of an enterprise's rating, incentives and exit under one policy version.

        ``records`` keeps the yearly figures the computation read (so the page can show them even after
        the records change); ``result`` keeps the rating's criteria, caps, reasons and paths up;
        ``decisions`` the automatic incentive decisions with their basis; ``insurance`` the yearly insurance statement
    (``None`` without cover). Only the latest assessment of
        an enterprise is ``is_current``; older ones stay, tied to the version they used.
    """

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="credit_assessments",
    )
    policy = models.ForeignKey(
        "credit.PolicyVersion", verbose_name=_("policy version"), on_delete=models.PROTECT, related_name="+"
    )
    as_of_year = models.PositiveSmallIntegerField(_("rated year"))
    first_year = models.PositiveSmallIntegerField(_("first year of the window"))
    rating = models.CharField(_("rating"), max_length=3, choices=RATING_CHOICES, db_index=True)
    earned_rating = models.CharField(_("rating earned before caps"), max_length=3, choices=RATING_CHOICES)
    records = models.JSONField(_("yearly records"), default=list)
    result = models.JSONField(_("rating detail"), default=dict)
    decisions = models.JSONField(_("incentive decisions"), default=list)
    insurance = models.JSONField(_("insurance statement"), null=True, blank=True)
    exit_revoked = models.BooleanField(_("eligibility revoked"), default=False)
    exit_reason = models.CharField(_("exit rule"), max_length=400, blank=True)
    is_current = models.BooleanField(default=True, db_index=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "is_current"])]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.rating} ({self.as_of_year}, policy v{self.policy.version})"


class GrantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    REVOKED = "revoked", _("Revoked")


class IncentiveGrant(models.Model):
    """An incentive granted without application; it ends when a later assessment no longer
    qualifies (lapsed) or when the exit rule revokes eligibility (revoked, with a notice)."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="incentive_grants",
    )
    key = models.CharField(_("incentive"), max_length=60)
    title = models.CharField(_("title"), max_length=120)
    basis = models.JSONField(_("basis"), default=list)
    granted_by = models.ForeignKey(
        CreditAssessment, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="grants"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=GrantStatus.choices, default=GrantStatus.ACTIVE, db_index=True
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    ended_by = models.ForeignKey(
        CreditAssessment,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_grants",
    )
    ended_reason = models.CharField(_("why it ended"), max_length=400, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    notice = models.ForeignKey(
        "credit.ExitNotice",
        verbose_name=_("exit notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_grants",
    )

    class Meta:
        ordering = ["enterprise", "-granted_at", "key"]
        indexes = [models.Index(fields=["enterprise", "status"])]

    def __str__(self) -> str:
        return f"{self.title} → {self.enterprise} ({self.get_status_display()})"


class NoticeStatus(models.TextChoices):
    NOTIFIED = "notified", _("Notified")
    APPEALED = "appealed", _("Appeal under review")
    UPHELD = "upheld", _("Revocation upheld")
    OVERTURNED = "overturned", _("Revocation overturned")


class ExitNotice(models.Model):
    """Notice that the exit rule revoked an enterprise's eligibility, and its appeal.

    An overturned appeal sets the red lights of ``red_light_years`` aside: the credit file no
    longer counts them, and the enterprise is reassessed at once.
    """

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="exit_notices",
    )
    assessment = models.ForeignKey(
        CreditAssessment, verbose_name=_("assessment"), on_delete=models.PROTECT, related_name="notices"
    )
    red_light_years = models.JSONField(_("red-light years"), default=list)
    reason = models.CharField(_("reason"), max_length=400)
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.NOTIFIED, db_index=True
    )
    notified_at = models.DateTimeField(_("notified at"), auto_now_add=True)
    appeal_grounds = models.TextField(_("grounds of appeal"), blank=True)
    appealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-notified_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.get_status_display()}"
