"""Evaluation and early warning: schemes, cycles, annual returns, evaluations and their results.

A *scheme* is what an officer edits (framework, weights, thresholds) for one kind of unit in a
region; a *cycle* is one year's annual monitoring or three-yearly two-track evaluation under a
scheme; an *evaluation* is one run of a cycle and stores the exact configuration and raw inputs
it used, so it can be reproduced.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.registry.models import Zone
from chanjiao.web import formats


class UnitKind(models.TextChoices):
    CARRIER = "carrier", _("Carrier")
    COLLEGE = "college", _("College")
    ENTERPRISE = "enterprise", _("Enterprise (as partner)")
    REGION = "region", _("Region (district)")


class CycleKind(models.TextChoices):
    ANNUAL = "annual", _("Annual monitoring")
    TRIENNIAL = "triennial", _("Three-yearly two-track evaluation")


class WeightingMethod(models.TextChoices):
    FRAMEWORK = "framework", _("As set in the framework")
    EQUAL = "equal", _("Equal weights")
    AHP = "ahp", _("Expert judgement (AHP)")
    ENTROPY = "entropy", _("Entropy weight method")
    REGIONAL = "regional", _("Regional weight set")


class MissingData(models.TextChoices):
    MEAN = "mean", _("Impute the indicator mean")
    MEDIAN = "median", _("Impute the indicator median")
    EXCLUDE = "exclude", _("Exclude incomplete units")


class OutlierMethod(models.TextChoices):
    SKEW_KURTOSIS = "skew_kurtosis", _("Winsorise when skewness > 2 and kurtosis > 3.5")
    NONE = "none", _("No outlier treatment")


class Normalisation(models.TextChoices):
    MINMAX = "minmax", _("Min-max (0-100)")
    ZSCORE = "zscore", _("z-score (50 ± 10)")
    DISTANCE_TO_TARGET = "distance_to_target", _("Distance to target (0-100)")
    RANK = "rank", _("Percentile rank (0-100)")


class Aggregation(models.TextChoices):
    ARITHMETIC = "arithmetic", _("Arithmetic mean")
    GEOMETRIC = "geometric", _("Geometric mean")


class Scheme(models.Model):
    """The evaluation settings an officer edits for one kind of unit in one region."""

    name = models.CharField(_("name"), max_length=120)
    unit_kind = models.CharField(_("units evaluated"), max_length=10, choices=UnitKind.choices)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    framework = models.JSONField(_("indicator framework"))
    weighting_method = models.CharField(
        _("weighting"), max_length=10, choices=WeightingMethod.choices, default=WeightingMethod.FRAMEWORK
    )
    ahp_judgements = models.JSONField(_("AHP judgements"), default=dict, blank=True)
    zone = models.CharField(_("zone of the regional weight set"), max_length=10, choices=Zone.choices)
    regional_weight_sets = models.JSONField(_("regional weight sets"))
    missing = models.CharField(
        _("missing data"), max_length=10, choices=MissingData.choices, default=MissingData.MEAN
    )
    outliers = models.CharField(
        _("outliers"), max_length=14, choices=OutlierMethod.choices, default=OutlierMethod.SKEW_KURTOSIS
    )
    normalisation = models.CharField(
        _("normalisation"), max_length=20, choices=Normalisation.choices, default=Normalisation.MINMAX
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.ARITHMETIC
    )
    light_policy = models.JSONField(_("light thresholds"))
    red_deadline_days = models.PositiveSmallIntegerField(
        _("days to rectify a red light"), default=90, validators=[MinValueValidator(1)]
    )
    yellow_deadline_days = models.PositiveSmallIntegerField(
        _("days of supervision for a yellow light"), default=180, validators=[MinValueValidator(1)]
    )
    monitoring_weight = models.FloatField(
        _("two-track: weight of the monitoring index"), default=0.4, validators=[MinValueValidator(0.0)]
    )
    onsite_weight = models.FloatField(
        _("two-track: weight of the on-site evaluation"), default=0.3, validators=[MinValueValidator(0.0)]
    )
    tracking_weight = models.FloatField(
        _("two-track: weight of graduate tracking"), default=0.3, validators=[MinValueValidator(0.0)]
    )
    monte_carlo_draws = models.PositiveIntegerField(
        _("Monte Carlo draws"), default=1000, validators=[MinValueValidator(20), MaxValueValidator(20000)]
    )
    weight_noise = models.FloatField(
        _("weight perturbation (±)"),
        default=0.25,
        validators=[MinValueValidator(0.0), MaxValueValidator(0.95)],
    )
    random_seed = models.PositiveIntegerField(_("random seed"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region_id", "unit_kind", "name"]

    def __str__(self) -> str:
        return self.name


class Cycle(models.Model):
    """One year's evaluation under a scheme."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="cycles"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CycleKind.choices, default=CycleKind.ANNUAL)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "scheme__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind", "year"], name="unique_cycle_per_scheme_year")
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A unit of a two-track cycle given to a third-party evaluator, with the on-site score."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    unit_kind = models.CharField(max_length=10, choices=UnitKind.choices)
    unit_id = models.PositiveIntegerField()
    unit_name = models.CharField(_("unit"), max_length=150)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    onsite_score = models.DecimalField(
        _("on-site score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "unit_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "unit_kind", "unit_id"], name="unique_assignment_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} → {self.evaluator}"


def _count(label) -> models.PositiveIntegerField:
    """A figure of an annual return: a whole number, left empty when the unit did not report it."""
    return models.PositiveIntegerField(label, null=True, blank=True)


def _amount(label) -> models.DecimalField:
    """An amount of an annual return (10k yuan), left empty when the unit did not report it."""
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )


class AnnualReturn(models.Model):
    """Raw yearly figures a unit reports in its annual statistical return.

    Only counts and amounts, never rates or scores: the indicators are computed from them (and
    from platform records, which take precedence as they arrive). Blank means not reported.
    """

    unit_kind = models.CharField(_("unit kind"), max_length=10, choices=UnitKind.choices)
    unit_id = models.PositiveIntegerField(_("unit id"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    partner_enterprises = _count(_("partner enterprises"))
    active_partner_enterprises = _count(_("partner enterprises active in the year"))
    enterprise_education_spending = _amount(_("enterprise vocational-education spending (10k yuan)"))
    voting_seats = _count(_("voting seats on the council"))
    enterprise_voting_seats = _count(_("voting seats held by enterprises"))
    programmes = _count(_("programmes offered"))
    curriculum_revisions = _count(_("curriculum revisions co-developed with enterprises"))
    practical_course_hours = _count(_("practical course hours"))
    total_course_hours = _count(_("all course hours"))
    full_time_teachers = _count(_("full-time teachers"))
    dual_qualified_teachers = _count(_("dual-qualified full-time teachers"))
    key_equipment_items = _count(_("key equipment items invested"))
    key_equipment_failed = _count(_("key equipment items idle, unusable or withdrawn"))
    graduates = _count(_("graduates"))
    graduates_employed = _count(_("graduates employed six months after graduation"))
    graduates_counterpart_employed = _count(_("employed graduates in an occupation matching their programme"))
    median_starting_salary = _count(_("median starting salary (yuan per month)"))
    reference_starting_salary = _count(
        _("median starting salary of non-cooperative institutions (yuan per month)")
    )
    certification_candidates = _count(_("students sitting a skill-level certification"))
    certification_passed = _count(_("students passing it"))
    graduates_placed_with_partners = _count(_("graduates placed in partner enterprises"))
    graduates_retained = _count(_("of them, still employed there 12 months later"))
    technical_needs = _count(_("enterprise technical needs received"))
    technical_needs_solved = _count(_("technical needs solved and accepted"))
    achievement_transfer_income = _amount(_("achievement transfer income (10k yuan)"))
    patents_granted = _count(_("patents granted with a partner"))
    interns_hosted = _count(_("students hosted in placements"))
    satisfaction_1 = _count(_("satisfaction answers: 1 (very dissatisfied)"))
    satisfaction_2 = _count(_("satisfaction answers: 2"))
    satisfaction_3 = _count(_("satisfaction answers: 3"))
    satisfaction_4 = _count(_("satisfaction answers: 4"))
    satisfaction_5 = _count(_("satisfaction answers: 5 (very satisfied)"))
    tracked_graduates = _count(_("graduates of the last five cohorts tracked"))
    tracked_promoted = _count(_("of them, promoted"))
    tracked_stable = _count(_("of them, with the same employer for 3+ years"))
    tracked_innovating = _count(_("of them, with an innovation (patent, award, start-up)"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-year", "unit_kind", "unit_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kind", "unit_id", "year"], name="unique_return_per_unit_year"
            )
        ]
        indexes = [models.Index(fields=["unit_kind", "year"])]

    def __str__(self) -> str:
        return f"{self.get_unit_kind_display()} #{self.unit_id} {self.year}"


class UncertaintyStatus(models.TextChoices):
    PENDING = "pending", _("Queued")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Not enough units")
    FAILED = "failed", _("Failed")


class Evaluation(models.Model):
    """One run of a cycle: the exact configuration, the inputs and a result per unit."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="evaluations")
    config = models.JSONField()
    unit_count = models.PositiveIntegerField(default=0)
    colour_counts = models.JSONField(default=dict)
    uncertainty_status = models.CharField(
        max_length=10, choices=UncertaintyStatus.choices, default=UncertaintyStatus.PENDING
    )
    uncertainty_job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sensitivity = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cycle} ({formats.local_datetime(self.created_at)})"


class Colour(models.TextChoices):
    RED = "red", _("Red")
    YELLOW = "yellow", _("Yellow")
    GREEN = "green", _("Green")
    GREY = "grey", _("Not rated")


class UnitResult(models.Model):
    """A unit's scorecard in one evaluation: raw inputs with their sources, scores, light, ranks."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    unit_kind = models.CharField(max_length=10, choices=UnitKind.choices)
    unit_id = models.PositiveIntegerField()
    unit_name = models.CharField(_("unit"), max_length=150)
    region = models.ForeignKey(
        "registry.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    colour = models.CharField(_("light"), max_length=6, choices=Colour.choices)
    sentence = models.TextField(_("reason"))
    light = models.JSONField(default=dict)
    inputs = models.JSONField(default=dict)
    raw = models.JSONField(default=list)  # the inputs' values in framework column order, for re-runs
    normalised = models.JSONField(default=dict)
    dimension_scores = models.JSONField(default=dict)
    imputed = models.JSONField(default=list)
    median_rank = models.FloatField(_("median rank"), null=True, blank=True)
    rank_low = models.FloatField(_("rank interval from"), null=True, blank=True)
    rank_high = models.FloatField(_("rank interval to"), null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "position"], name="unique_result_position")
        ]
        indexes = [
            models.Index(fields=["unit_kind", "unit_id"]),
            models.Index(fields=["evaluation", "colour"]),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.get_colour_display()}"
