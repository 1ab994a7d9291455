"""The registry: regions, occupations, organisations, programs, carriers and people."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    EAST = "east", _("East")
    CENTRAL = "central", _("Central")
    WEST = "west", _("West")
    NORTHEAST = "northeast", _("Northeast")


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    CITY = 2, _("City")
    DISTRICT = 3, _("District / county")


class Region(models.Model):
    """An administrative division. `path` ("/320000/320500/320505/") makes "this region and
    everything below it" one indexed prefix query."""

    id = models.IntegerField(primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    short_name = models.CharField(_("short name"), max_length=40)
    full_name = models.CharField(_("full name"), max_length=120)
    pinyin = models.CharField(max_length=60, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    zone = models.CharField(_("zone"), max_length=10, choices=Zone.choices, blank=True)
    area_code = models.CharField(max_length=8, blank=True)
    path = models.CharField(max_length=40, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """CSCO 2022 occupation at any of its four levels."""

    code = models.CharField(_("code"), max_length=12, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=120)
    definition = models.TextField(_("definition"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    aliases = models.TextField(_("aliases"), blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OrgKind(models.TextChoices):
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    ASSOCIATION = "association", _("Industry association")
    GOVERNMENT = "government", _("Government body")
    RESEARCH = "research", _("Research institute")
    EVALUATOR = "evaluator", _("Evaluation agency")


class OrgStatus(models.TextChoices):
    """An organisation that registered itself is pending until an officer of its region approves it;
    one that leaves the platform is closed (its records stay, its accounts are deactivated)."""

    ACTIVE = "active", _("Active")
    PENDING = "pending", _("Awaiting approval")
    REJECTED = "rejected", _("Registration rejected")
    CLOSED = "closed", _("Left the platform")


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("Large")
    SME = "sme", _("Small or medium")
    MICRO = "micro", _("Micro")


class Ownership(models.TextChoices):
    STATE = "state", _("State-owned")
    PRIVATE = "private", _("Private")
    FOREIGN = "foreign", _("Foreign-invested")
    JOINT = "joint", _("Joint venture")
    COLLECTIVE = "collective", _("Collective")


class Industry(models.TextChoices):
    """Sections of GB/T 4754-2017, the national industry classification."""

    AGRICULTURE = "A", _("Agriculture, forestry, fishing")
    MINING = "B", _("Mining")
    MANUFACTURING = "C", _("Manufacturing")
    UTILITIES = "D", _("Electricity, heat, gas and water")
    CONSTRUCTION = "E", _("Construction")
    TRADE = "F", _("Wholesale and retail")
    LOGISTICS = "G", _("Transport, storage and post")
    HOSPITALITY = "H", _("Accommodation and catering")
    SOFTWARE = "I", _("Information technology and software")
    FINANCE = "J", _("Finance")
    REAL_ESTATE = "K", _("Real estate")
    BUSINESS = "L", _("Leasing and business services")
    RESEARCH = "M", _("Scientific research and technical services")
    ENVIRONMENT = "N", _("Water, environment and public facilities")
    RESIDENT = "O", _("Resident and repair services")
    EDUCATION = "P", _("Education")
    HEALTH = "Q", _("Health and social work")
    CULTURE = "R", _("Culture, sports and entertainment")
    PUBLIC = "S", _("Public administration")


class SchoolLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary vocational")
    HIGHER = "higher", _("Higher vocational")
    UNDERGRADUATE = "undergraduate", _("Vocational undergraduate")


class Organisation(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=OrgKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OrgStatus.choices, default=OrgStatus.ACTIVE, db_index=True
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # Enterprise profile
    size = models.CharField(_("size"), max_length=8, choices=EnterpriseSize.choices, blank=True)
    ownership = models.CharField(_("ownership"), max_length=12, choices=Ownership.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=2, choices=Industry.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    revenue = models.DecimalField(
        _("annual revenue (10k yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rd_spending = models.DecimalField(
        _("annual R&D spending (10k yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    certified_integration_enterprise = models.BooleanField(
        _("certified industry-education integration enterprise"), default=False
    )
    # School profile
    school_level = models.CharField(_("school level"), max_length=14, choices=SchoolLevel.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    """A program (major) of a school."""

    school = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="programs"
    )
    code = models.CharField(_("catalogue code"), max_length=12)
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity per year"), default=0)
    duration_years = models.PositiveSmallIntegerField(
        _("duration (years)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    description = models.TextField(_("description"), blank=True)
    occupations = models.ManyToManyField(Occupation, through="ProgramOccupation", related_name="programs")

    class Meta:
        ordering = ["school__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["school", "code"], name="unique_program_code_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school})"


class ProgramYear(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    enrolment = models.PositiveIntegerField(_("enrolment"), default=0)
    expected_graduates = models.PositiveIntegerField(_("expected graduates"), default=0)

    class Meta:
        ordering = ["program", "year"]
        constraints = [models.UniqueConstraint(fields=["program", "year"], name="unique_program_year")]

    def __str__(self) -> str:
        return f"{self.program} {self.year}"


class ProgramOccupation(models.Model):
    """Crosswalk from a program to the CSCO occupations its graduates enter, with a weight."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="crosswalk")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+")
    weight = models.FloatField(_("weight"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "occupation"], name="unique_program_occupation")
        ]

    def __str__(self) -> str:
        return f"{self.program} → {self.occupation_id} ({self.weight:.2f})"


class CarrierClass(models.TextChoices):
    PHYSICAL = "physical", _("Physical")
    VIRTUAL = "virtual", _("Virtual")
    COMPOSITE = "composite", _("Composite")
    REGIONAL = "regional", _("Regional")


class CarrierKind(models.TextChoices):
    INDUSTRIAL_COLLEGE = "industrial_college", _("Industrial college")
    TRAINING_BASE = "training_base", _("School-enterprise training base")
    JOINT_LAB = "joint_lab", _("Joint lab / R&D centre")
    TRAINING_CENTRE = "training_centre", _("Practical training centre")
    VIRTUAL_SIMULATION = "virtual_simulation", _("Virtual simulation training platform")
    ONLINE_COURSE = "online_course", _("Online course co-construction platform")
    RD_EXCHANGE = "rd_exchange", _("R&D exchange platform")
    COMPOSITE_PLATFORM = "composite_platform", _("Industry-academia-research-application platform")
    PUBLIC_SERVICE = "public_service", _("Regional public service platform")
    MUNICIPAL_CONSORTIUM = "municipal_consortium", _("Municipal industry-education consortium")
    INDUSTRY_COMMUNITY = "industry_community", _("Industry industry-education integration community")


CARRIER_CLASS_OF_KIND: dict[str, str] = {
    "industrial_college": "physical",
    "training_base": "physical",
    "joint_lab": "physical",
    "training_centre": "physical",
    "virtual_simulation": "virtual",
    "online_course": "virtual",
    "rd_exchange": "virtual",
    "composite_platform": "composite",
    "public_service": "regional",
    "municipal_consortium": "regional",
    "industry_community": "regional",
}


class GovernanceBody(models.TextChoices):
    NONE = "none", _("None")
    COUNCIL = "council", _("Council")
    SECRETARIAT = "secretariat", _("Secretariat")
    EXPERT_COMMITTEE = "expert_committee", _("Expert committee")


class CarrierStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Carrier(models.Model):
    """The organisational vehicle of cooperation (载体)."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=24, choices=CarrierKind.choices, db_index=True)
    carrier_class = models.CharField(_("class"), max_length=10, choices=CarrierClass.choices, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="carriers"
    )
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_carriers",
    )
    governance_body = models.CharField(
        _("governance body"), max_length=20, choices=GovernanceBody.choices, default=GovernanceBody.NONE
    )
    legal_personality = models.BooleanField(_("has legal personality"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CarrierStatus.choices, default=CarrierStatus.ACTIVE
    )
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(Organisation, through="CarrierMember", related_name="carriers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def save(self, *args, **kwargs):
        self.carrier_class = CARRIER_CLASS_OF_KIND[CarrierKind(self.kind)]
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_LEAD = "co_lead", _("Co-lead")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class CarrierMember(models.Model):
    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="carrier_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    council_seats = models.PositiveSmallIntegerField(_("council seats"), default=0)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        ordering = ["carrier", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["carrier", "organisation"], name="unique_carrier_member")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.carrier}"


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Student(models.Model):
    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="student_profile"
    )
    student_no = models.CharField(_("student number"), max_length=20)
    name = models.CharField(_("name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    school = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.CASCADE, related_name="students"
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="students"
    )
    year = models.PositiveSmallIntegerField(_("entry year"))
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    certificates = models.JSONField(_("certificates"), default=list, blank=True)

    class Meta:
        ordering = ["school", "student_no"]
        constraints = [
            models.UniqueConstraint(fields=["school", "student_no"], name="unique_student_no_per_school")
        ]
        indexes = [models.Index(fields=["program", "year"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.student_no})"


class TeacherKind(models.TextChoices):
    TEACHER = "teacher", _("College teacher")
    MENTOR = "mentor", _("Enterprise mentor")
    PART_TIME = "part_time", _("Enterprise expert teaching part-time")


class Teacher(models.Model):
    """College teachers and enterprise mentors."""

    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="teacher_profile"
    )
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TeacherKind.choices, default=TeacherKind.TEACHER
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="teachers"
    )
    title = models.CharField(_("title"), max_length=60, blank=True)
    dual_qualified = models.BooleanField(_("dual-qualified"), default=False)
    expertise = models.TextField(_("expertise"), blank=True)

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name
