"""A notice to one user, and which kinds each user has turned off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The kinds as plain strings, for the apps that send notices.
OFFER, RESULT, APPROVAL, DEADLINE, OVERDUE, AGREEMENT = (
    "offer",
    "result",
    "approval",
    "deadline",
    "overdue",
    "agreement",
)


class NoticeKind(models.TextChoices):
    OFFER = OFFER, _("Offers")
    RESULT = RESULT, _("Results")
    APPROVAL = APPROVAL, _("Approvals")
    DEADLINE = DEADLINE, _("Deadlines a week ahead")
    OVERDUE = OVERDUE, _("Overdue cases")
    AGREEMENT = AGREEMENT, _("Expiring agreements")


class Notification(models.Model):
    """One notice. ``title`` is an English message id with ``%(name)s`` placeholders filled from
    ``params`` when shown, so each reader reads it in their own language."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=300)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # the same dated event is noticed once: "<app>:<record>:<event>:<date>"
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="unique_notice_key"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The title in the active language, placeholders filled."""
        try:
            return gettext(self.title) % self.params
        except (KeyError, TypeError, ValueError):
            return gettext(self.title)


class NoticePreference(models.Model):
    """A user's choice for one kind: off, or on without mail. No row: on, and mailed when the
    platform sends mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    enabled = models.BooleanField(_("notify me"), default=True)
    email = models.BooleanField(_("also by mail"), default=True)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_notice_preference")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"
