"""Rectification after a light: a red light opens a case with a deadline, a yellow light opens
supervision with an expert consultation; the unit responds, the officer closes or escalates."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.evaluation.models.evaluation import UnitKind, UnitResult


class CaseKind(models.TextChoices):
    RECTIFICATION = "rectification", _("Rectification (red light)")
    SUPERVISION = "supervision", _("Supervision (yellow light)")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESPONDED = "responded", _("Responded")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class RectificationCase(models.Model):
    result = models.ForeignKey(
        UnitResult, verbose_name=_("evaluation result"), on_delete=models.PROTECT, related_name="cases"
    )
    unit_kind = models.CharField(max_length=10, choices=UnitKind.choices)
    unit_id = models.PositiveIntegerField()
    unit_name = models.CharField(_("unit"), max_length=150)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("scheme region"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=14, choices=CaseKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    reasons = models.TextField(_("reasons"))
    deadline = models.DateField(_("deadline"))
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    expert_name = models.CharField(_("consulted expert"), max_length=100, blank=True)
    consulted_on = models.DateField(_("consulted on"), null=True, blank=True)
    expert_advice = models.TextField(_("expert advice"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    fund_amount = models.DecimalField(
        _("special rectification fund (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    fund_note = models.CharField(_("fund purpose"), max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["unit_kind", "unit_id"]), models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.unit_name}"

    @property
    def is_overdue(self) -> bool:
        return self.status != CaseStatus.CLOSED and self.deadline < timezone.localdate()


class CaseStep(models.TextChoices):
    OPENED = "opened", _("Opened")
    CONSULTED = "consulted", _("Expert consulted")
    RESPONDED = "responded", _("Unit responded")
    ESCALATED = "escalated", _("Escalated")
    FUNDED = "funded", _("Fund granted")
    CLOSED = "closed", _("Closed")


class CaseEvent(models.Model):
    """The case's trail: opened, consultation, responses, escalations, fund, closing."""

    case = models.ForeignKey(RectificationCase, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(_("step"), max_length=20, choices=CaseStep.choices)
    note = models.TextField(blank=True)
    actions = models.TextField(_("actions taken"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="evaluation/evidence/%Y/", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.verb}"
