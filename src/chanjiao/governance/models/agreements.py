"""Cooperation agreements: parties, revisions (the original and every amendment) and signatures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    SCHOOL_ENTERPRISE = "school_enterprise", _("School–enterprise cooperation")
    APPRENTICESHIP = "apprenticeship", _("Modern apprenticeship")
    ORDER_CLASS = "order_class", _("Order class")
    CARRIER = "carrier", _("Carrier co-construction")
    JOINT_RD = "joint_rd", _("Joint R&D")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, awaiting signatures")
    ACTIVE = "active", _("Active")
    RENEWED = "renewed", _("Renewed")
    EXITED = "exited", _("Exited")


class Agreement(models.Model):
    """An agreement between two or more organisations.

    Its terms live in revisions: revision 1 is the original, each later one an amendment or a
    renewal. A revision is *in force* once every party has signed it; the agreement is active from
    the first revision in force until a party exits.
    """

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    parties = models.ManyToManyField("registry.Organisation", through="AgreementParty", related_name="+")
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        db_index=True,
    )
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    exit_reason = models.TextField(_("reason for exit"), blank=True)
    exited_by = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("party that exited"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_rows")
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )

    class Meta:
        ordering = ["agreement", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="unique_agreement_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.agreement}"


class RevisionKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    AMENDMENT = "amendment", _("Amendment")
    RENEWAL = "renewal", _("Renewal")


class AgreementRevision(models.Model):
    """The full terms at one point: mandatory clauses (key → text), other clauses and dates."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    clauses = models.JSONField(_("mandatory clauses"), default=dict)
    other_terms = models.TextField(_("other terms"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    policy = models.ForeignKey(
        "credit.PolicyVersion",
        verbose_name=_("policy version checked against"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_revision")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} r{self.number}"


class AgreementSignature(models.Model):
    revision = models.ForeignKey(AgreementRevision, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(
        "registry.Organisation", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        ordering = ["revision", "signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "organisation"], name="unique_revision_signature")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} signed {self.revision}"
