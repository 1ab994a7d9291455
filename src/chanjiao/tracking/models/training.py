"""Practical training of a placement: mentor and supervising teacher, on- and off-campus training
sessions, daily or weekly logs the mentor approves, assessments against criteria, completion,
post conversion, skill certification exams and remediation plans."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed, requirements met")
    NOT_MET = "not_met", _("Ended, requirements not met")


class PracticalTraining(models.Model):
    """The training record of one placement."""

    placement = models.OneToOneField(
        "matching.Placement", primary_key=True, on_delete=models.CASCADE, related_name="training"
    )
    mentor = models.ForeignKey(
        "registry.Teacher",
        verbose_name=_("enterprise mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_trainings",
    )
    supervisor = models.ForeignKey(
        "registry.Teacher",
        verbose_name=_("supervising teacher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_trainings",
    )
    required_hours = models.PositiveSmallIntegerField(_("required hours"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=TrainingStatus.choices, default=TrainingStatus.IN_PROGRESS
    )
    completed_on = models.DateField(_("ended on"), null=True, blank=True)
    hired = models.BooleanField(_("hired by the enterprise"), null=True, blank=True)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return str(self.placement)


class TrainingSetting(models.TextChoices):
    ON_CAMPUS = "on_campus", _("On campus")
    OFF_CAMPUS = "off_campus", _("Off campus (enterprise)")
    VIRTUAL = "virtual", _("Virtual simulation")


class TrainingSession(models.Model):
    """A practical training record: what was trained, where, for how long."""

    training = models.ForeignKey(PracticalTraining, on_delete=models.CASCADE, related_name="sessions")
    setting = models.CharField(_("setting"), max_length=10, choices=TrainingSetting.choices)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(16)]
    )
    activity = models.CharField(_("activity"), max_length=200)
    carrier = models.ForeignKey(
        "registry.Carrier",
        verbose_name=_("carrier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["training", "date"]

    def __str__(self) -> str:
        return f"{self.date} {self.activity}"


class LogPeriod(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class LogStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the mentor")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class TrainingLog(models.Model):
    """A daily or weekly log the student keeps and the enterprise mentor approves."""

    training = models.ForeignKey(PracticalTraining, on_delete=models.CASCADE, related_name="logs")
    period = models.CharField(_("period"), max_length=6, choices=LogPeriod.choices, default=LogPeriod.WEEKLY)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(84)]
    )
    content = models.TextField(_("work done and learned"))
    night_work = models.BooleanField(_("worked at night (22:00 to 6:00)"), default=False, db_default=False)
    holiday_work = models.BooleanField(_("worked on a statutory holiday"), default=False, db_default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=LogStatus.choices, default=LogStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["training", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["training", "period", "starts_on"], name="unique_log_period"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="log_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.training} {self.starts_on}"


class LogAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Returned for changes")
    REVOKE = "revoke", _("Approval withdrawn")


class LogDecision(models.Model):
    """Each decision on a log, in order: approvals can be withdrawn, always with a reason."""

    log = models.ForeignKey(TrainingLog, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("action"), max_length=8, choices=LogAction.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["log", "at", "id"]

    def __str__(self) -> str:
        return f"{self.log} {self.action}"


class AssessorRole(models.TextChoices):
    MENTOR = "mentor", _("Enterprise mentor")
    TEACHER = "teacher", _("Supervising teacher")


class TrainingAssessment(models.Model):
    """A score against one criterion, by the mentor or by the supervising teacher."""

    training = models.ForeignKey(PracticalTraining, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(
        "tracking.AssessmentCriterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessor_role = models.CharField(_("assessed as"), max_length=8, choices=AssessorRole.choices)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    passed = models.BooleanField(_("meets the criterion"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    assessed_on = models.DateField(_("assessed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["training", "criterion", "assessor_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "criterion", "assessor_role"], name="unique_assessment_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training} {self.criterion.code}: {self.score}"


class CertificationExam(models.Model):
    """A student sitting a vocational skill-level or 1+X certification, passed or not."""

    student = models.ForeignKey(
        "registry.Student", on_delete=models.CASCADE, related_name="certification_exams"
    )
    name = models.CharField(_("certificate"), max_length=150)
    level = models.CharField(_("level"), max_length=40, blank=True)
    issuer = models.CharField(_("issued by"), max_length=150, blank=True)
    exam_date = models.DateField(_("exam date"))
    passed = models.BooleanField(_("passed"))
    certificate_no = models.CharField(_("certificate number"), max_length=60, blank=True)

    class Meta:
        ordering = ["student", "-exam_date"]
        indexes = [models.Index(fields=["exam_date"])]

    def __str__(self) -> str:
        return f"{self.student} {self.name}"


class RemediationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class RemediationPlan(models.Model):
    """Targeted training for a student who does not yet meet the enterprise's requirements."""

    training = models.ForeignKey(
        PracticalTraining, on_delete=models.CASCADE, related_name="remediation_plans"
    )
    reason = models.TextField(_("requirements not met"))
    criteria = models.ManyToManyField(
        "tracking.AssessmentCriterion", verbose_name=_("criteria to meet"), blank=True, related_name="+"
    )
    opened_on = models.DateField(_("opened on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RemediationStatus.choices, default=RemediationStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.training} {self.opened_on}"


class RemediationStep(models.Model):
    plan = models.ForeignKey(RemediationPlan, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField(_("step"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "due_on", "id"]

    def __str__(self) -> str:
        return self.description
