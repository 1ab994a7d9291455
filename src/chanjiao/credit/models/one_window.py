"""One-window applications: one form, reviewed in parallel by education, taxation and industry."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.credit.models.records import MONEY

ONE_WINDOW_SUBSIDIES = (
    ("training_subsidy", _("Practical training subsidy")),
    ("apprenticeship_subsidy", _("Modern apprenticeship subsidy")),
    ("equipment_subsidy", _("Shared training equipment subsidy")),
    ("rd_subsidy", _("Joint R&D subsidy")),
)
"""Incentives that always need an application; automatic incentives an enterprise has not been
granted can also be applied for."""


class Department(models.TextChoices):
    EDUCATION = "education", _("Education")
    TAXATION = "taxation", _("Taxation")
    INDUSTRY = "industry", _("Industry and information technology")


class ApplicationStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Application(models.Model):
    """An enterprise's application for an incentive it does not get automatically.

    The claimed figures are checked against the platform's records for ``year`` when submitted.
    """

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="one_window_applications",
    )
    incentive = models.CharField(_("incentive applied for"), max_length=60)
    year = models.PositiveSmallIntegerField(
        _("year the claims are for"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    claimed_hosted_students = models.PositiveIntegerField(
        _("students hosted (interns + apprentices)"), default=0
    )
    claimed_rd_spending = models.DecimalField(_("R&D spending (yuan)"), default=0, **MONEY)
    claimed_technical_needs_solved = models.PositiveIntegerField(_("technical needs solved"), default=0)
    claimed_equipment_contributed = models.DecimalField(_("equipment contributed (yuan)"), default=0, **MONEY)
    statement = models.TextField(_("statement"), blank=True)
    policy = models.ForeignKey(
        "credit.PolicyVersion", verbose_name=_("policy version"), on_delete=models.PROTECT, related_name="+"
    )
    automatic_passed = models.BooleanField(_("automatic checks passed"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.UNDER_REVIEW,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.incentive_title} {self.year}"

    @property
    def incentive_title(self) -> str:
        """The incentive's name: a subsidy's label, or the title of the policy's incentive rule."""
        subsidies = dict(ONE_WINDOW_SUBSIDIES)
        if self.incentive in subsidies:
            return str(subsidies[self.incentive])
        rules = self.policy.policy.incentives.rules
        return next((rule.title for rule in rules if rule.key == self.incentive), self.incentive)


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DepartmentReview(models.Model):
    """One department's automatic checks (stored at submission) and its officer's decision."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    department = models.CharField(_("department"), max_length=10, choices=Department.choices)
    automatic_passed = models.BooleanField(_("automatic checks passed"))
    checks = models.JSONField(_("automatic checks"), default=list)
    decision = models.CharField(
        _("decision"), max_length=8, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "department"]
        constraints = [
            models.UniqueConstraint(fields=["application", "department"], name="unique_review_per_department")
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_department_display()}"
