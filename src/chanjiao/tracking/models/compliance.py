"""Internship compliance records: a placement's three-party agreement (pay, liability insurance,
the post's staff and each party's signature) and the concerns a student reports to the school."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class InternshipAgreement(models.Model):
    """The three-party internship agreement (实习协议) of a placement: school, enterprise, and the
    student or, for a minor, the guardian. Each party's signature is the date it signed."""

    placement = models.OneToOneField(
        "matching.Placement", primary_key=True, on_delete=models.CASCADE, related_name="internship_agreement"
    )
    monthly_pay = models.DecimalField(_("intern's monthly pay (yuan)"), null=True, blank=True, **MONEY)
    post_wage = models.DecimalField(_("monthly wage of the same post (yuan)"), null=True, blank=True, **MONEY)
    post_staff = models.PositiveIntegerField(
        _("staff on the same post"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    insurer = models.CharField(_("liability insurer"), max_length=120, blank=True)
    insurance_policy_no = models.CharField(_("insurance policy number"), max_length=60, blank=True)
    insured_from = models.DateField(_("insured from"), null=True, blank=True)
    insured_to = models.DateField(_("insured to"), null=True, blank=True)
    school_signed_on = models.DateField(_("school signed on"), null=True, blank=True)
    enterprise_signed_on = models.DateField(_("enterprise signed on"), null=True, blank=True)
    student_signed_on = models.DateField(_("student or guardian signed on"), null=True, blank=True)
    guardian_name = models.CharField(_("guardian who signed (for a minor)"), max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["placement"]

    def __str__(self) -> str:
        return str(self.placement)

    @property
    def signed_on(self):
        """The day the last party signed (``None`` while a party has not)."""
        days = (self.school_signed_on, self.enterprise_signed_on, self.student_signed_on)
        return None if None in days else max(days)


class ConcernTopic(models.TextChoices):
    HOURS = "hours", _("Working hours, night shifts or holidays")
    PAY = "pay", _("Pay")
    SAFETY = "safety", _("Safety or insurance")
    TREATMENT = "treatment", _("Treatment at the enterprise")
    MISMATCH = "mismatch", _("Work unrelated to my program")
    OTHER = "other", _("Other")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered by the school")


class InternshipConcern(models.Model):
    """A problem a student reports confidentially to their school: the host enterprise never
    sees it."""

    placement = models.ForeignKey(
        "matching.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="concerns"
    )
    topic = models.CharField(_("topic"), max_length=10, choices=ConcernTopic.choices)
    description = models.TextField(_("what happened"))
    status = models.CharField(
        _("status"), max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    response = models.TextField(_("school's answer"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.placement}: {self.topic}"
