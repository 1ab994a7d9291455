"""Education resources colleges publish: courses, shareable equipment and facilities with
bookings, and cooperation project calls."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    THEORY = "theory", _("Theory")
    PRACTICE = "practice", _("Practice")
    INTEGRATED = "integrated", _("Theory and practice integrated")


class Course(models.Model):
    """A course of a program (kept minimal: curriculum design builds on it)."""

    program = models.ForeignKey(
        "registry.Program", verbose_name=_("program"), on_delete=models.CASCADE, related_name="courses"
    )
    code = models.CharField(_("course code"), max_length=20, blank=True)
    name = models.CharField(_("course"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CourseKind.choices, default=CourseKind.INTEGRATED
    )
    hours = models.PositiveSmallIntegerField(
        _("hours"), default=32, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    semester = models.PositiveSmallIntegerField(
        _("semester"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    co_developer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("co-developed with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="co_developed_courses",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["program", "semester", "name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="unique_course_per_program")]

    def __str__(self) -> str:
        return self.name


class ResourceKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Shareable equipment")
    FACILITY = "facility", _("Training facility")


class SharedResource(models.Model):
    """Equipment or a training facility a college lends to enterprises and other schools."""

    owner = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="shared_resources",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (people or work stations)"), null=True, blank=True)
    daily_fee = models.DecimalField(
        _("fee per day (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    available = models.BooleanField(_("open for booking"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    """A request to use a resource for whole days, start and end inclusive."""

    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="bookings")
    requester = models.ForeignKey(
        "registry.Organisation", verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        indexes = [models.Index(fields=["resource", "status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start_date}–{self.end_date}"


class CallKind(models.TextChoices):
    JOINT_RD = "joint_rd", _("Joint R&D project")
    ORDER_CLASS = "order_class", _("Order class")
    TRAINING_BASE = "training_base", _("Co-built training base")
    CURRICULUM = "curriculum", _("Co-developed curriculum")
    APPRENTICESHIP = "apprenticeship", _("Modern apprenticeship")
    FACULTY = "faculty", _("Faculty exchange")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CooperationCall(models.Model):
    """A college's call for cooperation projects that enterprises (and schools) answer."""

    school = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="cooperation_calls",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CallKind.choices)
    description = models.TextField(_("description"))
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=8, choices=CallStatus.choices, default=CallStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CallResponse(models.Model):
    call = models.ForeignKey(CooperationCall, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE, related_name="+")
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["call", "organisation"], name="unique_call_response")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.call}"
