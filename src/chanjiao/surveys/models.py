"""Questionnaires (constructs, items, the hypothesised model), their distribution by invitation
link, the responses, and stored analyses.

A questionnaire's owner is an organisation (education bureau, school, association or evaluation
agency); its users design, distribute and analyse it. Respondents need no account: each
invitation carries an unguessable token that admits exactly one response. Only the token's hash
is stored: a link is shown once, when it is issued (or issued again).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chanjiao.web import formats

CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z_][A-Za-z0-9_]*$",
    _("Use letters, digits and underscores, starting with a letter (e.g. EP1)."),
)
TOKEN_BYTES = 24  # 192 random bits: 32 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def in_language(chinese: str, english: str) -> str:
    """The Chinese or English text for the active language, falling back to the other."""
    if (get_language() or "").startswith("zh"):
        return chinese or english
    return english or chinese


class TargetGroup(models.TextChoices):
    ENTERPRISE_HR = "enterprise_hr", _("Enterprise HR / technical staff")
    TEACHER = "teacher", _("College teachers / enterprise mentors")
    STUDENT = "student", _("Students / graduates")
    OFFICIAL = "official", _("Government and association officials")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Likert scale")
    CHOICE = "choice", _("Single choice")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")


SCALE_LABELS = {
    5: (_("Strongly disagree"), _("Disagree"), _("Neutral"), _("Agree"), _("Strongly agree")),
    7: (
        _("Strongly disagree"),
        _("Disagree"),
        _("Somewhat disagree"),
        _("Neutral"),
        _("Somewhat agree"),
        _("Agree"),
        _("Strongly agree"),
    ),
}


class QuestionnaireState(models.TextChoices):
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open")
    EXPIRED = "expired", _("Past its closing date")
    CLOSED = "closed", _("Closed by the owner")


class Questionnaire(models.Model):
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    introduction_zh = models.TextField(_("introduction (Chinese)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    owner = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    template = models.CharField(_("template"), max_length=30, blank=True, editable=False)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    scale_points = models.PositiveSmallIntegerField(
        _("Likert points"), choices=[(5, "5"), (7, "7")], default=5
    )
    model_syntax = models.TextField(_("hypothesised model"), blank=True)
    satisfaction_construct = models.ForeignKey(
        "Construct",
        verbose_name=_("satisfaction construct"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its mean per organisation and carrier is the cooperation-satisfaction indicator."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed by the owner at"), null=True, blank=True, editable=False)
    reminder_after_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("An unanswered invitation is due a reminder this many days after the last contact."),
    )
    distributed_outside = models.PositiveIntegerField(
        _("questionnaires distributed outside the platform"),
        default=0,
        help_text=_("Counted as sent, for the response rate of imported answers."),
    )
    max_missing = models.PositiveSmallIntegerField(
        _("unanswered items tolerated"),
        default=0,
        help_text=_("More unanswered items than this makes a response incomplete."),
    )
    straight_lining_run = models.PositiveSmallIntegerField(
        _("straight-lining run"),
        null=True,
        blank=True,
        help_text=_(
            "This many identical answers in a row is straight-lining. Empty: the same answer to every "
            "item; 0: rule off."
        ),
    )
    screen_too_fast = models.BooleanField(_("exclude responses that are too fast"), default=True)
    min_duration_seconds = models.PositiveIntegerField(
        _("minimum duration (seconds)"),
        null=True,
        blank=True,
        help_text=_("Faster is too fast. Empty: a third of the median duration."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.title_zh, self.title_en)

    @property
    def introduction(self) -> str:
        return in_language(self.introduction_zh, self.introduction_en)

    def state(self, now=None):
        """A QuestionnaireState: whether the questionnaire takes responses at ``now``."""
        now = now or timezone.now()
        if self.closed_at is not None:
            return QuestionnaireState.CLOSED
        if self.closes_at is not None and now >= self.closes_at:
            return QuestionnaireState.EXPIRED
        if self.opens_at is not None and now < self.opens_at:
            return QuestionnaireState.SCHEDULED
        return QuestionnaireState.OPEN

    def get_state_display(self) -> str:
        return str(self.state().label)

    def scale_labels(self) -> tuple:
        return SCALE_LABELS[self.scale_points]


class Construct(models.Model):
    """A dimension of the questionnaire, measured by its Likert items."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="constructs")
    code = models.CharField(_("code"), max_length=30, validators=[CODE_VALIDATOR])
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_construct_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def name(self) -> str:
        return in_language(self.name_zh, self.name_en)


class Item(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    construct = models.ForeignKey(
        Construct,
        verbose_name=_("construct"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    code = models.CharField(_("code"), max_length=30, validators=[CODE_VALIDATOR])
    kind = models.CharField(_("kind"), max_length=8, choices=ItemKind.choices, default=ItemKind.LIKERT)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    reverse_keyed = models.BooleanField(
        _("reverse-keyed"), default=False, help_text=_("Worded negatively; recoded before analysis.")
    )
    required = models.BooleanField(_("answer required"), default=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    min_value = models.FloatField(_("smallest number"), null=True, blank=True)
    max_value = models.FloatField(_("largest number"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_item_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return in_language(self.text_zh, self.text_en)

    def option_labels(self) -> list[str]:
        return [in_language(option.get("zh", ""), option.get("en", "")) for option in self.options]


class Invitation(models.Model):
    """A personal link to the questionnaire: one response per token, no account needed. The
    token's hash is kept, never the token; an invitation with no hash has no working link."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    respondent_name = models.CharField(_("respondent"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    started_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["questionnaire", "target_group"])]

    def __str__(self) -> str:
        return self.respondent_name or (str(self.organisation) if self.organisation_id else f"#{self.pk}")


class ResponseSource(models.TextChoices):
    WEB = "web", _("Web form")
    API = "api", _("API")
    IMPORT = "import", _("Imported file")
    SIMULATED = "simulated", _("Simulated (demo)")


class Response(models.Model):
    """One completed questionnaire. ``answers`` maps item codes to what was answered (raw:
    reverse-keyed items are stored as clicked). ``valid`` and the reasons come from the
    questionnaire's screening rules and are recomputed when responses or rules change."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="response"
    )
    source = models.CharField(_("source"), max_length=10, choices=ResponseSource.choices)
    respondent = models.CharField(_("respondent"), max_length=120, blank=True)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices, blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answers = models.JSONField(_("answers"), default=dict)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    valid = models.BooleanField(_("valid"), default=True)
    exclusion_reasons = models.JSONField(_("exclusion reasons"), default=list, blank=True)
    exclusion_detail = models.CharField(_("exclusion detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["questionnaire", "valid"]),
            models.Index(fields=["organisation", "submitted_at"]),
            models.Index(fields=["carrier", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.respondent or f"#{self.pk}"

    @property
    def exclusion_labels(self) -> list[str]:
        """The screening rules the response broke, named."""
        return [str(EXCLUSION_REASONS.get(reason, reason)) for reason in self.exclusion_reasons]


EXCLUSION_REASONS = {
    "incomplete": _("Incomplete"),
    "straight_lining": _("Straight-lining"),
    "too_fast": _("Too fast"),
    "out_of_range": _("Out of range"),
}
"""The screening rules of :func:`chanjiao.core.surveys.screen_responses`, named."""


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to run")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Rotation(models.TextChoices):
    OBLIMIN = "oblimin", _("Oblimin (oblique)")
    PROMAX = "promax", _("Promax (oblique, as in SPSS)")
    VARIMAX = "varimax", _("Varimax (orthogonal)")
    NONE = "none", _("None")


class Analysis(models.Model):
    """One run of the full analysis; ``report`` is the core's JSON report, kept as it was."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="analyses")
    ordinal = models.BooleanField(
        _("ordinal estimation (polychoric correlations)"),
        default=False,
        help_text=_("Recommended for Likert items with few points or skewed answers."),
    )
    rotation = models.CharField(
        _("EFA rotation"), max_length=10, choices=Rotation.choices, default=Rotation.OBLIMIN
    )
    n_factors = models.PositiveSmallIntegerField(
        _("EFA factors"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Empty: one per construct of the model."),
    )
    model_syntax = models.TextField(_("model analysed"), editable=False)
    received = models.PositiveIntegerField(_("responses analysed"), default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING
    )
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "analyses"

    def __str__(self) -> str:
        return f"{self.questionnaire} · {formats.local_datetime(self.created_at)}"

    @property
    def finished(self) -> bool:
        return self.status in {AnalysisStatus.DONE, AnalysisStatus.FAILED}
