"""Placements of students into internships, apprenticeships, order classes and jobs.

A placement is created by a matching round or entered directly by the student's school; the
rest of the platform (training records, assessments, conversion to employment, credit and
evaluation indicators) builds on it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementKind(models.TextChoices):
    INTERNSHIP = "internship", _("Internship")
    APPRENTICESHIP = "apprenticeship", _("Modern apprenticeship")
    ORDER_CLASS = "order_class", _("Order class")
    JOB = "job", _("Job")


class InternshipStage(models.TextChoices):
    COGNITIVE = "cognitive", _("Cognitive internship")
    SHADOWING = "shadowing", _("Shadowing internship")
    POST = "post", _("Post internship")


class PlacementStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated early")


class PlacementSource(models.TextChoices):
    ROUND = "round", _("Matching round")
    DIRECT = "direct", _("Entered directly")


class Placement(models.Model):
    student = models.ForeignKey(
        "registry.Student", verbose_name=_("student"), on_delete=models.CASCADE, related_name="placements"
    )
    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlacementKind.choices, default=PlacementKind.INTERNSHIP
    )
    stage = models.CharField(
        _("internship stage"), max_length=10, choices=InternshipStage.choices, blank=True
    )
    occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACCEPTED
    )
    source = models.CharField(
        _("source"), max_length=8, choices=PlacementSource.choices, default=PlacementSource.DIRECT
    )
    round = models.ForeignKey(
        "matching.MatchingRound",
        verbose_name=_("matching round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "student__name"]
        indexes = [models.Index(fields=["enterprise", "year"]), models.Index(fields=["student", "year"])]

    def __str__(self) -> str:
        return f"{self.student} → {self.enterprise} ({self.year})"
