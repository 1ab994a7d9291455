"""Learning records from virtual simulation and online course platforms (xAPI statements)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class XapiSource(models.Model):
    """A virtual carrier's platform that posts xAPI statements.

    Statements name the learner by ``account`` (``homePage`` is this source's home page,
    ``name`` the student number) or by ``mbox`` (the student's e-mail address); learners are
    looked up among the students of the carrier's member schools.
    """

    carrier = models.OneToOneField(
        "registry.Carrier", verbose_name=_("carrier"), on_delete=models.CASCADE, related_name="xapi_source"
    )
    home_page = models.URLField(_("platform home page"), unique=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["carrier__name"]

    def __str__(self) -> str:
        return f"{self.carrier} ({self.home_page})"


class XapiStatement(models.Model):
    """One stored statement: the fields the platform counts, and the statement as received."""

    statement_id = models.UUIDField(unique=True)
    source = models.ForeignKey(XapiSource, on_delete=models.CASCADE, related_name="statements")
    student = models.ForeignKey("registry.Student", on_delete=models.CASCADE, related_name="xapi_statements")
    verb = models.CharField(_("verb"), max_length=300)
    verb_display = models.CharField(_("verb (display)"), max_length=100, blank=True)
    activity = models.CharField(_("activity"), max_length=500)
    activity_name = models.CharField(_("activity name"), max_length=200, blank=True)
    success = models.BooleanField(_("success"), null=True)
    completion = models.BooleanField(_("completion"), null=True)
    score_scaled = models.FloatField(_("scaled score"), null=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True)
    timestamp = models.DateTimeField(_("time"))
    stored = models.DateTimeField(auto_now_add=True)
    raw = models.JSONField()

    class Meta:
        ordering = ["-timestamp"]
        indexes = [
            models.Index(fields=["student", "timestamp"]),
            models.Index(fields=["source", "timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.student} {self.verb_display or self.verb} {self.activity_name or self.activity}"
