"""Graduate career tracking for five years after graduation: the destination at graduation,
then a record a year, collected by follow-up forms (token links, no login) and Excel import."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.core.outcomes import SALARY_BANDS

TRACKED_YEARS = 5


class Graduate(models.Model):
    student = models.OneToOneField(
        "registry.Student", primary_key=True, on_delete=models.CASCADE, related_name="graduate"
    )
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), db_index=True)
    cooperating_enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("cooperating enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Host of the graduate's last post internship, apprenticeship or order class."),
    )
    email = models.EmailField(_("e-mail for follow-ups"), blank=True)
    phone = models.CharField(_("mobile for follow-ups"), max_length=20, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-graduation_year", "student__student_no"]

    def __str__(self) -> str:
        return f"{self.student} ({self.graduation_year})"


class Destination(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or own business")
    FLEXIBLE = "flexible", _("Flexible employment")
    FURTHER_STUDY = "further_study", _("Further study")
    MILITARY = "military", _("Military service")
    SEEKING = "seeking", _("Not employed, seeking work")
    NOT_SEEKING = "not_seeking", _("Not employed, not seeking")


WORKING = (Destination.EMPLOYED, Destination.SELF_EMPLOYED, Destination.FLEXIBLE)
OUTSIDE_LABOUR_MARKET = (Destination.FURTHER_STUDY, Destination.MILITARY)

SalaryBandChoices = models.TextChoices(  # type: ignore[misc]
    "SalaryBandChoices",
    [
        (
            band.code.upper(),
            (band.code, f"{band.low:,}–{band.high - 1:,}" if band.high else f"≥ {band.low:,}"),
        )
        for band in SALARY_BANDS
    ],
)


class RecordSource(models.TextChoices):
    FORM = "form", _("Follow-up form")
    IMPORT = "import", _("Excel import")
    ENTRY = "entry", _("Entered by the school")


class CareerRecord(models.Model):
    """Where a graduate stands ``years_after`` years after graduating (0: at graduation)."""

    graduate = models.ForeignKey(Graduate, on_delete=models.CASCADE, related_name="career")
    years_after = models.PositiveSmallIntegerField(
        _("years after graduation"), validators=[MaxValueValidator(TRACKED_YEARS)]
    )
    destination = models.CharField(_("destination"), max_length=14, choices=Destination.choices)
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    employer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("employer (registered)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "registry.Region",
        verbose_name=_("work region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    salary_band = models.CharField(
        _("monthly salary (yuan)"), max_length=12, choices=SalaryBandChoices.choices, blank=True
    )
    promoted = models.BooleanField(_("promoted in the past year"), default=False)
    with_cooperating_enterprise = models.BooleanField(
        _("with the cooperating enterprise"), null=True, blank=True
    )
    patents = models.PositiveSmallIntegerField(_("patents"), default=0)
    awards = models.CharField(_("awards and innovations"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=RecordSource.choices)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["graduate", "years_after"]
        constraints = [
            models.UniqueConstraint(fields=["graduate", "years_after"], name="unique_career_year"),
        ]
        indexes = [models.Index(fields=["years_after", "destination"])]

    def __str__(self) -> str:
        return f"{self.graduate} +{self.years_after}"


class FollowUpWave(models.Model):
    """A school's yearly follow-up: every graduate of the last five cohorts gets a link."""

    school = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="follow_up_waves",
    )
    survey_year = models.PositiveSmallIntegerField(_("survey year"))
    opened_on = models.DateField(_("opened on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-survey_year", "school__name"]
        constraints = [models.UniqueConstraint(fields=["school", "survey_year"], name="unique_wave_per_year")]

    def __str__(self) -> str:
        return f"{self.school} {self.survey_year}"


class FollowUpInvitation(models.Model):
    """One graduate's link in a wave. Only the token's hash is kept: links are shown when issued."""

    wave = models.ForeignKey(FollowUpWave, on_delete=models.CASCADE, related_name="invitations")
    graduate = models.ForeignKey(Graduate, on_delete=models.CASCADE, related_name="invitations")
    years_after = models.PositiveSmallIntegerField(_("years after graduation"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["wave", "graduate"]
        constraints = [models.UniqueConstraint(fields=["wave", "graduate"], name="unique_invitation")]

    def __str__(self) -> str:
        return f"{self.wave} → {self.graduate}"
