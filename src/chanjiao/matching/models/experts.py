"""Expert matching: an enterprise invites teachers and researchers to its technical need."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the expert")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the enterprise")
    LAPSED = "lapsed", _("Lapsed: the need was matched")


class ExpertInvitation(models.Model):
    need = models.ForeignKey(
        "docking.TechnicalNeed",
        verbose_name=_("technical need"),
        on_delete=models.CASCADE,
        related_name="expert_invitations",
    )
    expert = models.ForeignKey(
        "registry.Teacher",
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="need_invitations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    message = models.TextField(_("message"), blank=True)
    score = models.FloatField(_("match score"), null=True, blank=True)
    reasons = models.JSONField(_("why this expert"), default=list, blank=True)
    response_note = models.CharField(_("answer"), max_length=300, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["need", "expert"], name="unique_need_invitation")]

    def __str__(self) -> str:
        return f"{self.expert} ← {self.need}"
