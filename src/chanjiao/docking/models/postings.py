"""Talent demand posted by enterprises, coded to CSCO 2022 occupations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PostingKind(models.TextChoices):
    JOB = "job", _("Job opening")
    INTERNSHIP = "internship", _("Internship seats")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship seats")
    ORDER_CLASS = "order_class", _("Order-class request")


class PostingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class CodeStatus(models.TextChoices):
    UNCODED = "uncoded", _("Not coded")
    SUGGESTED = "suggested", _("Suggested by the coder")
    CONFIRMED = "confirmed", _("Confirmed")
    OVERRIDDEN = "overridden", _("Corrected by hand")


class Posting(models.Model):
    """One posting of talent demand. It counts as demand in the month it was first published."""

    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="postings",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PostingKind.choices, default=PostingKind.JOB)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    skills = models.JSONField(_("required skills"), default=list, blank=True)
    certificates = models.JSONField(_("required certificates"), default=list, blank=True)
    seats = models.PositiveIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    salary_min = models.PositiveIntegerField(_("monthly salary from (yuan)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("monthly salary to (yuan)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PostingStatus.choices, default=PostingStatus.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("consortium list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talent_needs",
        help_text=_("List this posting among the talent needs of a consortium your organisation belongs to."),
    )
    occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("occupation (CSCO 2022)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code_status = models.CharField(
        _("coding"), max_length=10, choices=CodeStatus.choices, default=CodeStatus.UNCODED
    )
    suggested_occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("suggested occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suggested_level = models.CharField(_("suggested level"), max_length=8, blank=True)
    suggested_confidence = models.FloatField(_("confidence"), null=True, blank=True)
    suggested_alternatives = models.JSONField(default=list, blank=True)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    coded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["status", "published_on"]),
            # Covers the supply–demand refresh's grouping (an index-only scan instead of reading
            # every wide posting row) and the drill-downs' occupation filters.
            models.Index(
                fields=["occupation", "region", "published_on", "seats"],
                condition=models.Q(published_on__isnull=False),
                name="posting_demand_cover",
            ),
            models.Index(fields=["enterprise", "status"]),
            models.Index(fields=["updated_at"]),  # how stale the supply–demand table is
            models.Index(fields=["-published_on", "-id"], name="posting_newest_first"),  # list order
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="posting_salary_range_ordered",
            )
        ]

    @property
    def is_public(self) -> bool:
        return self.status != PostingStatus.DRAFT

    def __str__(self) -> str:
        return self.title


class CodingFeedback(models.Model):
    """A person confirmed or corrected a posting's code: what the coder can learn from.

    ``cleaned_title`` is the title as the coder cleans it (noise, places and pay removed), so a
    later title that cleans the same gets the person's code."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="coding_feedback")
    title = models.CharField(_("title"), max_length=200)
    cleaned_title = models.CharField(max_length=200, blank=True, db_index=True)
    description = models.TextField(_("description"), blank=True)
    suggested_code = models.CharField(_("suggested code"), max_length=12, blank=True)
    occupation = models.ForeignKey(
        "registry.Occupation", verbose_name=_("chosen occupation"), on_delete=models.PROTECT, related_name="+"
    )
    overridden = models.BooleanField(_("corrected"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} → {self.occupation_id}"


class CoderModel(models.Model):
    """An occupation coder retrained on the confirmed and corrected codes, saved for every process.

    The background job fits it, pickles it to ``path`` (under ``settings.CODER_DIR``) and records
    the file's SHA-256; a process loads the newest one whose file still has that digest."""

    examples = models.PositiveIntegerField(_("confirmed examples"))
    path = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"coder {self.pk} ({self.examples} examples)"
