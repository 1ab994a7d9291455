"""Matching rounds: seats from published postings, eligible students, rank-order lists on both
sides, runs of student-proposing deferred acceptance, offers and the post-round scramble."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models.placements import InternshipStage, PlacementKind


class RoundStatus(models.TextChoices):
    RANKING = "ranking", _("Ranking")
    MATCHED = "matched", _("Matched, not yet published")
    PUBLISHED = "published", _("Results published")
    SCRAMBLE = "scramble", _("Scramble for open seats")
    CLOSED = "closed", _("Closed")


class RegionRule(models.TextChoices):
    ANYWHERE = "anywhere", _("Anywhere in the round's region")
    PROVINCE = "province", _("Same province as the seat")
    CITY = "city", _("Same city as the seat")
    DISTRICT = "district", _("Same district as the seat")


# The stages as plain strings, for code that compares and passes them around.
MAIN, SCRAMBLE = "main", "scramble"


class Stage(models.TextChoices):
    MAIN = MAIN, _("Main round")
    SCRAMBLE = SCRAMBLE, _("Scramble")


class RankingMode(models.TextChoices):
    DERIVED = "derived", _("Derived from the documented score")
    ENTERED = "entered", _("Entered by the enterprise")


class MatchingRound(models.Model):
    """A placement round run by a coordinator: an education bureau or a school's cooperation office."""

    name = models.CharField(_("name"), max_length=150)
    organiser = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="matching_rounds",
    )
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    kinds = models.JSONField(_("posting kinds"), default=list)
    stage = models.CharField(
        _("internship stage"), max_length=10, choices=InternshipStage.choices, blank=True
    )
    cohort_from = models.PositiveSmallIntegerField(_("entry year from"))
    cohort_to = models.PositiveSmallIntegerField(_("entry year to"))
    schools = models.ManyToManyField(
        "registry.Organisation", verbose_name=_("participating schools"), blank=True, related_name="+"
    )
    region_rule = models.CharField(
        _("region rule"), max_length=10, choices=RegionRule.choices, default=RegionRule.ANYWHERE
    )
    min_program_fit = models.FloatField(
        _("minimum program fit"),
        default=0.25,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Share of CSCO levels a student's program must share with a seat's occupation."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("choices per student"), default=10, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    ranking_opens = models.DateTimeField(_("ranking opens"))
    ranking_closes = models.DateTimeField(_("ranking closes"))
    starts_on = models.DateField(_("placements start"))
    ends_on = models.DateField(_("placements end"))
    lottery_seed = models.PositiveBigIntegerField(
        _("lottery seed"),
        null=True,
        blank=True,
        help_text=_("Leave empty to draw one when the round runs; it is recorded either way."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.RANKING, db_index=True
    )
    early_run_reason = models.TextField(
        _("why it ran before ranking closed"),
        blank=True,
        editable=False,
        help_text=_(
            "The organiser's written reason for running the round while its ranking window was open."
        ),
    )
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cohort_from__lte=models.F("cohort_to")), name="round_cohort_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(ranking_opens__lt=models.F("ranking_closes")), name="round_window_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__lte=models.F("ends_on")), name="round_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoundPosition(models.Model):
    """The seats of one published posting in a round."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="positions")
    posting = models.ForeignKey(
        "docking.Posting", verbose_name=_("posting"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "registry.Organisation", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=PlacementKind.choices)
    occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    capacity = models.PositiveIntegerField(_("seats"), validators=[MaxValueValidator(100_000)])
    min_study_year = models.PositiveSmallIntegerField(
        _("minimum year of study"), default=0, validators=[MaxValueValidator(6)]
    )
    certificates_required = models.BooleanField(
        _("certificates required"),
        default=False,
        help_text=_("Required: students without them are not eligible. Otherwise they count in the score."),
    )
    ranking_mode = models.CharField(
        _("ranking"), max_length=8, choices=RankingMode.choices, default=RankingMode.DERIVED
    )
    ranking_confirmed_at = models.DateTimeField(_("ranking confirmed"), null=True, blank=True)
    seats_filled = models.PositiveIntegerField(_("seats filled"), default=0)
    unfilled_reason = models.CharField(_("why seats stayed open"), max_length=32, blank=True)

    class Meta:
        ordering = ["round", "enterprise__name", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "posting"], name="unique_round_posting"),
        ]
        indexes = [models.Index(fields=["round", "enterprise"])]

    def __str__(self) -> str:
        return f"{self.title} · {self.enterprise}"


class RoundStudent(models.Model):
    """A student eligible to take part in a round, with the outcome of its latest run."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="participants")
    student = models.ForeignKey(
        "registry.Student", verbose_name=_("student"), on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(_("list submitted"), null=True, blank=True)
    scramble_submitted_at = models.DateTimeField(_("scramble list submitted"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, blank=True)

    class Meta:
        ordering = ["round", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "student"], name="unique_round_student")]

    def __str__(self) -> str:
        return f"{self.student} in {self.round}"


class StudentChoice(models.Model):
    """One line of a student's rank-order list (1 = most wanted)."""

    participant = models.ForeignKey(RoundStudent, on_delete=models.CASCADE, related_name="choices")
    position = models.ForeignKey(RoundPosition, on_delete=models.CASCADE, related_name="choices")
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.MAIN)
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        ordering = ["participant", "stage", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "stage", "position"], name="unique_choice_position"
            ),
            models.UniqueConstraint(fields=["participant", "stage", "rank"], name="unique_choice_rank"),
        ]
        indexes = [models.Index(fields=["position", "stage"])]

    def __str__(self) -> str:
        return f"{self.participant} #{self.rank}: {self.position}"


class CandidateRank(models.Model):
    """An enterprise's entered rank of a candidate (1 = best), or its refusal of the candidate."""

    position = models.ForeignKey(RoundPosition, on_delete=models.CASCADE, related_name="candidate_ranks")
    participant = models.ForeignKey(RoundStudent, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    excluded = models.BooleanField(_("not acceptable"), default=False)

    class Meta:
        ordering = ["position", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["position", "participant"], name="unique_candidate_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.participant} {self.rank or '—'}"


class RoundRun(models.Model):
    """One run of the matching: the recorded lottery, the report and the arrays explanations read."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="runs")
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.MAIN)
    lottery_seed = models.PositiveBigIntegerField(_("lottery seed"))
    lottery_digest = models.CharField(_("lottery digest (SHA-256)"), max_length=64)
    report = models.JSONField(default=dict)
    arrays = models.BinaryField()
    seconds = models.FloatField(default=0.0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.round} {self.stage} run {self.pk}"


class Response(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Offer(models.Model):
    """A match published to both parties; accepted by both, it becomes an accepted placement."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="offers")
    run = models.ForeignKey(RoundRun, on_delete=models.CASCADE, related_name="offers")
    participant = models.ForeignKey(RoundStudent, on_delete=models.CASCADE, related_name="offers")
    position = models.ForeignKey(RoundPosition, on_delete=models.CASCADE, related_name="offers")
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.MAIN)
    choice_number = models.PositiveSmallIntegerField(_("choice"))
    student_response = models.CharField(
        _("student"), max_length=8, choices=Response.choices, default=Response.PENDING
    )
    enterprise_response = models.CharField(
        _("enterprise"), max_length=8, choices=Response.choices, default=Response.PENDING
    )
    student_responded_at = models.DateTimeField(null=True, blank=True)
    enterprise_responded_at = models.DateTimeField(null=True, blank=True)
    placement = models.OneToOneField(
        "matching.Placement", null=True, blank=True, on_delete=models.SET_NULL, related_name="offer"
    )

    class Meta:
        ordering = ["round", "position", "participant"]
        indexes = [models.Index(fields=["round", "stage"])]

    @property
    def declined(self) -> bool:
        return Response.DECLINED in (self.student_response, self.enterprise_response)

    def __str__(self) -> str:
        return f"{self.participant.student} → {self.position}"
