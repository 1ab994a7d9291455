"""The region's policy configuration: one row per version, never changed once written."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings as django_settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.core.credit import Policy


class PolicyVersion(models.Model):
    """Version ``version`` of a region's policy. An edit writes a new row; old rows stay, so every
    result that points to a version can still be explained with the rules it was computed by.

    ``settings`` is the JSON form of :class:`chanjiao.core.credit.Policy`; ``finance_tier`` names
    the region's local finance tier, one of the tiers in the policy's insurance settings.
    """

    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"))
    settings = models.JSONField(_("settings"))
    finance_tier = models.CharField(_("local finance tier"), max_length=40)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["region", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["region", "version"], name="unique_policy_version_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.region} v{self.version}"

    @cached_property
    def policy(self) -> Policy:
        return Policy.from_dict(self.settings)
