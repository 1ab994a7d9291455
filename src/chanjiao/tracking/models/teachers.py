"""Evidence behind dual-qualified status, teachers' enterprise practice, and the teaching hours
of college teachers, enterprise mentors and part-time enterprise experts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chanjiao.registry.models import TeacherKind

# Enterprise people who mentor interns and co-develop courses (registry teacher kinds).
MENTOR_KINDS: tuple[str, ...] = (str(TeacherKind.MENTOR), str(TeacherKind.PART_TIME))


class CertificateKind(models.TextChoices):
    QUALIFICATION = "qualification", _("Vocational qualification")
    SKILL_LEVEL = "skill_level", _("Vocational skill level")
    PROFESSIONAL_TITLE = "professional_title", _("Industry professional title")
    INDUSTRY = "industry", _("Industry or vendor certificate")


class TeacherCertificate(models.Model):
    teacher = models.ForeignKey("registry.Teacher", on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    name = models.CharField(_("certificate"), max_length=150)
    issuer = models.CharField(_("issued by"), max_length=150, blank=True)
    number = models.CharField(_("certificate number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        ordering = ["teacher", "-issued_on"]

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class EnterprisePractice(models.Model):
    """A college teacher's practice placement in an enterprise (counted in days worked there)."""

    teacher = models.ForeignKey("registry.Teacher", on_delete=models.CASCADE, related_name="practices")
    enterprise = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="teacher_practices",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    days = models.PositiveSmallIntegerField(_("days worked"), validators=[MinValueValidator(1)])
    tasks = models.CharField(_("tasks"), max_length=300, blank=True)

    class Meta:
        ordering = ["teacher", "-start_date"]
        indexes = [models.Index(fields=["enterprise", "start_date"])]

    def __str__(self) -> str:
        return f"{self.teacher} @ {self.enterprise} {self.start_date}"


class TeachingAssignment(models.Model):
    """Hours a teacher, mentor or part-time expert teaches in a program in a school year."""

    teacher = models.ForeignKey("registry.Teacher", on_delete=models.CASCADE, related_name="assignments")
    program = models.ForeignKey(
        "registry.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="assignments"
    )
    course = models.ForeignKey(
        "docking.Course",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.PositiveSmallIntegerField(
        _("teaching hours"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )

    class Meta:
        ordering = ["-year", "program", "teacher"]
        indexes = [models.Index(fields=["program", "year"])]

    def __str__(self) -> str:
        return f"{self.teacher} · {self.program} · {self.year}"


class DualQualifiedReview(models.Model):
    """A check of a college teacher's evidence; the latest review sets the dual-qualified flag."""

    teacher = models.ForeignKey("registry.Teacher", on_delete=models.CASCADE, related_name="dual_reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    qualified = models.BooleanField(_("dual-qualified"))
    valid_certificates = models.PositiveSmallIntegerField(_("valid certificates"))
    practice_days = models.PositiveIntegerField(_("enterprise practice days in the last five years"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["teacher", "-reviewed_on", "-id"]
        get_latest_by = "reviewed_on"

    def __str__(self) -> str:
        return f"{self.teacher} {self.reviewed_on}: {self.qualified}"
