import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GOVERNMENT = "government", _("Government officer")
    SCHOOL = "school", _("School cooperation office")
    ENTERPRISE = "enterprise", _("Enterprise")
    ASSOCIATION = "association", _("Industry association")
    EVALUATOR = "evaluator", _("Third-party evaluator")
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher or mentor")
    ADMIN = "admin", _("Platform administrator")


class User(AbstractUser):
    """A person who signs in. Belongs to one organisation and acts in one role."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STUDENT)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    def __str__(self) -> str:
        return self.display_name or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A token for scripts: `Authorization: Bearer <token>`. Only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def new_key() -> str:
        return "cj_" + secrets.token_urlsafe(32)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Activity(models.Model):
    """Who did what: every service that writes records one row."""

    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    summary = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.actor} {self.verb} {self.target_type}#{self.target_id}"
