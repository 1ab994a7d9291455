"""Co-developed curriculum: job and skill standards, assessment criteria, the design of each
course (practical hours, co-developers, standards), its revision history and enterprises'
change requests.

Courses themselves are the docking app's education resources (`docking.Course`): a school
publishes them there; this app keeps the richer curriculum record about each one.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardKind(models.TextChoices):
    JOB = "job", _("Job standard")
    SKILL = "skill", _("Skill standard")


class JobStandard(models.Model):
    """A job or skill standard an industry association publishes."""

    association = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="job_standards",
    )
    code = models.CharField(_("standard number"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=StandardKind.choices, default=StandardKind.JOB)
    occupation = models.ForeignKey(
        "registry.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    skill_level = models.PositiveSmallIntegerField(
        _("skill level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("National vocational skill level: 5 (entry) to 1 (senior technician)."),
    )
    published_on = models.DateField(_("published on"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["association", "code"], name="unique_standard_per_association")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AssessmentCriterion(models.Model):
    """One assessable requirement a standard sets, with the score that meets it."""

    standard = models.ForeignKey(JobStandard, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("clause"), max_length=20)
    text = models.CharField(_("requirement"), max_length=300)
    pass_score = models.PositiveSmallIntegerField(
        _("pass score"), default=60, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["standard", "code"]
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="unique_criterion_clause")]

    def __str__(self) -> str:
        return f"{self.standard.code} {self.code} {self.text}"


class CourseDesign(models.Model):
    """What the curriculum record adds to a published course."""

    course = models.OneToOneField(
        "docking.Course", primary_key=True, on_delete=models.CASCADE, related_name="design"
    )
    practical_hours = models.PositiveSmallIntegerField(_("practical hours"))
    standards = models.ManyToManyField(
        JobStandard, verbose_name=_("standards assessed"), blank=True, related_name="courses"
    )
    criteria = models.ManyToManyField(
        AssessmentCriterion, verbose_name=_("assessment criteria"), blank=True, related_name="courses"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.course} v{self.version}"


class CourseCoDeveloper(models.Model):
    """An organisation (usually an enterprise) that co-develops a course, with its mentors."""

    course = models.ForeignKey("docking.Course", on_delete=models.CASCADE, related_name="co_developers")
    organisation = models.ForeignKey(
        "registry.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    mentors = models.ManyToManyField(
        "registry.Teacher", verbose_name=_("mentors"), blank=True, related_name="co_developed_courses"
    )
    contribution = models.CharField(_("contribution"), max_length=300, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["course", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "organisation"], name="unique_course_co_developer")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.course}"


class CourseRevision(models.Model):
    """One revision of a course: what changed, when, and the hours after it."""

    course = models.ForeignKey("docking.Course", on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveSmallIntegerField(_("version"))
    revised_on = models.DateField(_("revised on"))
    summary = models.CharField(_("what changed"), max_length=300)
    hours = models.PositiveSmallIntegerField(_("hours"))
    practical_hours = models.PositiveSmallIntegerField(_("practical hours"))
    with_enterprise = models.BooleanField(
        _("co-developed with an enterprise"),
        default=False,
        help_text=_("Set when the revision was made while an enterprise co-developed the course."),
    )
    change_request = models.ForeignKey(
        "tracking.CourseChangeRequest",
        verbose_name=_("change request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "-version"]
        constraints = [models.UniqueConstraint(fields=["course", "version"], name="unique_course_version")]
        indexes = [models.Index(fields=["revised_on"])]

    def __str__(self) -> str:
        return f"{self.course} v{self.version} ({self.revised_on})"


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted, being prepared")
    REJECTED = "rejected", _("Rejected")
    TAUGHT = "taught", _("Taught")


class CourseChangeRequest(models.Model):
    """An enterprise asks a program to change or add a course; its age runs until it is taught."""

    program = models.ForeignKey(
        "registry.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="course_change_requests",
    )
    course = models.ForeignKey(
        "docking.Course",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_requests",
        help_text=_("The course to change; empty for a new course or module."),
    )
    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="course_change_requests",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what is needed and why"))
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeRequestStatus.choices, default=ChangeRequestStatus.OPEN
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    taught_on = models.DateField(_("first taught on"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return self.title

    def age_days(self, today) -> int:
        """Days from the request until it was taught (or rejected), or until ``today`` while pending."""
        end = self.taught_on or (self.decided_on if self.status == ChangeRequestStatus.REJECTED else None)
        return ((end or today) - self.requested_on).days
