"""Pre-aggregated supply–demand tables, refreshed as a whole by a background job, and the
program adjustment advice with its workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.web import formats


class DemandCell(models.Model):
    """Seats posted per occupation (as coded), region (as posted) and month.

    The tables here are rebuilt as a whole from postings and programs, so their references to
    reference data carry no database constraint (cheaper bulk writes, nothing to cascade). The
    monthly chart of one occupation reads this table by occupation."""

    occupation = models.ForeignKey(
        "registry.Occupation", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    seats = models.PositiveIntegerField()
    postings = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["occupation"])]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.region_id} {self.year}-{self.month:02d}: {self.seats}"


class RegionMonth(models.Model):
    """Seats posted per month in a region and everything below it, all occupations together:
    the dashboard's default monthly chart without reading the monthly cells."""

    region = models.ForeignKey(
        "registry.Region", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    seats = models.PositiveIntegerField()
    postings = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["region", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}-{self.month:02d}: {self.seats}"


class SupplyDemandCell(models.Model):
    """Demand and supply of one occupation in one region and year, at one CSCO level.

    ``level`` is the occupation level of the view (1 major group … 4 fine occupation): the row
    holds everything coded to ``occupation`` or below it that the view does not split further.
    ``region`` is a district, city or province and includes everything below it.
    """

    level = models.PositiveSmallIntegerField()
    occupation = models.ForeignKey(
        "registry.Occupation", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    region = models.ForeignKey(
        "registry.Region", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    region_parent = models.ForeignKey(
        "registry.Region", null=True, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    year = models.PositiveSmallIntegerField()
    demand = models.PositiveIntegerField(default=0)
    postings = models.PositiveIntegerField(default=0)
    supply = models.FloatField(default=0.0)
    gap = models.FloatField(default=0.0)
    ratio = models.FloatField(null=True)
    trend = models.FloatField(null=True)
    forecast = models.FloatField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["region", "level", "year"]),
            models.Index(fields=["region_parent", "level", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.region_id} {self.year} (level {self.level}): gap {self.gap:+.0f}"


class SupplyDemandRun(models.Model):
    """One refresh of the tables: when, how long, what it counted, how good the forecast is."""

    started_at = models.DateTimeField()
    seconds = models.FloatField()
    postings = models.PositiveIntegerField()
    demand_cells = models.PositiveIntegerField()
    cells = models.PositiveIntegerField()
    first_year = models.PositiveSmallIntegerField(null=True)
    last_year = models.PositiveSmallIntegerField(null=True)
    uncoded_postings = models.PositiveIntegerField(default=0)
    graduates_without_crosswalk = models.FloatField(default=0.0)
    forecast_alpha = models.FloatField(null=True)
    forecast_beta = models.FloatField(null=True)
    forecast_error = models.FloatField(null=True)
    forecast_mae = models.FloatField(null=True)
    naive_error = models.FloatField(null=True)
    holdout_years = models.PositiveSmallIntegerField(default=0)
    years = models.JSONField(default=list)  # the years the table has, for the dashboard's choices
    regions = models.JSONField(default=list)  # province and city ids the table has rows for
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"{_('supply–demand run')} {formats.local_datetime(self.started_at)}"


class AlignmentScore(models.Model):
    """Cosine between a college's supply and its city's demand over occupations, per year."""

    school = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(
        "registry.Region", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    year = models.PositiveSmallIntegerField()
    score = models.FloatField()
    occupations = models.PositiveIntegerField()
    supply = models.FloatField()
    demand = models.PositiveIntegerField()

    class Meta:
        ordering = ["-year", "-score"]
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="unique_alignment_per_year")]

    def __str__(self) -> str:
        return f"{self.school_id} {self.year}: {self.score:.3f}"


class Recommendation(models.TextChoices):
    EXPAND = "expand", _("Expand")
    KEEP = "keep", _("Keep")
    REDUCE = "reduce", _("Reduce")
    WARN = "warn", _("Warn: candidate to close")


class AdviceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RESPONDED = "responded", _("College responded")
    DECIDED = "decided", _("Decided")


class ResponsePosition(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    PARTLY = "partly", _("Partly agree")


class AdviceDecision(models.TextChoices):
    EXPAND = "expand", _("Expand enrolment")
    KEEP = "keep", _("Keep as is")
    REDUCE = "reduce", _("Reduce enrolment")
    CLOSE = "close", _("Close the program")
    REVIEW = "review", _("Review again next year")


class Advice(models.Model):
    """Advice on one program of a college (``program`` set) or, region-wide, on all programs of
    one catalogue code in a city (``program`` empty). Regenerated while proposed; frozen once
    the college responds or the officer decides."""

    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("labour market"), on_delete=models.PROTECT, related_name="+"
    )
    school = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    program = models.ForeignKey(
        "registry.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="advice",
    )
    program_code = models.CharField(_("program code"), max_length=12)
    program_name = models.CharField(_("program"), max_length=100)
    recommendation = models.CharField(_("recommendation"), max_length=8, choices=Recommendation.choices)
    relative_ratio = models.FloatField(_("relative ratio"), null=True)
    trend = models.FloatField(_("demand trend"), null=True)
    evidence = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.PROPOSED
    )
    response_position = models.CharField(
        _("position"), max_length=10, choices=ResponsePosition.choices, blank=True
    )
    response = models.TextField(_("college response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=AdviceDecision.choices, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "recommendation", "program_name"]
        verbose_name_plural = "advice"
        indexes = [models.Index(fields=["year", "region", "recommendation"])]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"],
                condition=models.Q(program__isnull=False),
                name="unique_program_advice",
            ),
            models.UniqueConstraint(
                fields=["region", "program_code", "year"],
                condition=models.Q(program__isnull=True),
                name="unique_regional_advice",
            ),
        ]

    @property
    def is_regional(self) -> bool:
        return self.program_id is None

    def __str__(self) -> str:
        return f"{self.program_name} {self.year}: {self.recommendation}"
