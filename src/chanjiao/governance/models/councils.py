"""Councils of carriers, their meetings, the motions put to a vote and the votes cast."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.governance import wording


class Council(models.Model):
    """A carrier's council. Its seats are the carrier members' council seats (registry)."""

    carrier = models.OneToOneField(
        "registry.Carrier", verbose_name=_("carrier"), on_delete=models.PROTECT, related_name="council"
    )
    name = models.CharField(_("name"), max_length=150)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")


class Meeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=150)
    held_on = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=150, blank=True)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.council}: {self.title} ({self.held_on})"


class MotionKind(models.TextChoices):
    PROGRAM_SETTING = "program_setting", _("Program setting")
    CURRICULUM = "curriculum", _("Curriculum")
    USE_OF_FUNDS = "use_of_funds", _("Use of funds")
    OTHER = "other", _("Other business")


class MotionStatus(models.TextChoices):
    OPEN = "open", _("Open for voting")
    CLOSED = "closed", _("Closed")


class Motion(models.Model):
    """A motion voted by the council's member organisations; the result is recorded at closing."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    kind = models.CharField(_("kind"), max_length=16, choices=MotionKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text of the motion"))
    status = models.CharField(
        _("status"), max_length=6, choices=MotionStatus.choices, default=MotionStatus.OPEN, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=10, blank=True)
    rule = models.CharField(_("majority rule"), max_length=12, blank=True)
    seats = models.PositiveIntegerField(_("seats"), default=0)
    present = models.PositiveIntegerField(_("seats present"), default=0)
    yes = models.PositiveIntegerField(_("yes"), default=0)
    no = models.PositiveIntegerField(_("no"), default=0)
    abstain = models.PositiveIntegerField(_("abstain"), default=0)
    reason = models.CharField(_("result"), max_length=400, blank=True)
    policy = models.ForeignKey(
        "credit.PolicyVersion",
        verbose_name=_("policy version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    @property
    def outcome_label(self) -> str:
        return str(wording.OUTCOMES.get(self.outcome, self.outcome))

    @property
    def rule_label(self) -> str:
        return str(wording.RULES.get(self.rule, self.rule))

    @property
    def reason_text(self) -> str:
        """The result in the reader's language."""
        return wording.motion_reason(self)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """A member organisation's vote; it counts for each of the organisation's council seats."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    organisation = models.ForeignKey(
        "registry.Organisation", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)

    class Meta:
        ordering = ["motion", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "organisation"], name="unique_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.choice}"
