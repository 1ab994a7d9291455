"""Request and response schemas of the registry API."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from chanjiao.accounts import access


class RegionOut(Schema):
    id: int
    name: str
    full_name: str
    level: int
    zone: str
    parent_id: int | None


class OccupationOut(Schema):
    code: str
    level: int
    name: str
    definition: str
    parent_id: str | None


class OrganisationOut(Schema):
    id: int
    kind: str
    name: str
    credit_code: str | None
    region_id: int
    address: str
    website: str
    description: str
    size: str
    ownership: str
    industry: str
    employees: int | None
    certified_integration_enterprise: bool
    school_level: str
    revenue: Decimal | None = Field(
        None, description="Private: only the enterprise itself and officers in scope."
    )
    rd_spending: Decimal | None = Field(None, description="Private, like revenue.")

    @staticmethod
    def resolve_revenue(obj, context):
        return obj.revenue if _private_visible(obj, context) else None

    @staticmethod
    def resolve_rd_spending(obj, context):
        return obj.rd_spending if _private_visible(obj, context) else None


def _private_visible(obj, context) -> bool:
    """Whether the reader may see the organisation's private figures: read with the list's rows
    (``private_visible``), or asked of the policy for one organisation."""
    known = getattr(obj, "private_visible", None)
    return (
        known
        if known is not None
        else access.allows(context["request"].user, access.Action.VIEW_PRIVATE, obj)
    )


class OrganisationIn(Schema):
    kind: str | None = None
    name: str | None = None
    credit_code: str | None = None
    region: int | None = None
    address: str | None = None
    website: str | None = None
    description: str | None = None
    size: str | None = None
    ownership: str | None = None
    industry: str | None = None
    employees: int | None = None
    revenue: Decimal | None = None
    rd_spending: Decimal | None = None
    certified_integration_enterprise: bool | None = None
    school_level: str | None = None


class CrosswalkEntry(Schema):
    occupation: str = Field(..., description="CSCO 2022 code, e.g. 6-18-01-01")
    weight: float = Field(1.0, ge=0, le=1)


class ProgramYearIn(Schema):
    enrolment: int
    expected_graduates: int


class ProgramYearOut(ProgramYearIn):
    year: int


class ProgramOut(Schema):
    id: int
    school_id: int
    code: str
    name: str
    capacity: int
    duration_years: int
    description: str
    crosswalk: list[CrosswalkEntry]
    years: list[ProgramYearOut]

    @staticmethod
    def resolve_crosswalk(obj):
        return [{"occupation": e.occupation_id, "weight": e.weight} for e in obj.crosswalk.all()]

    @staticmethod
    def resolve_years(obj):
        return list(obj.years.all())


class ProgramIn(Schema):
    school: int | None = None
    code: str | None = None
    name: str | None = None
    capacity: int | None = None
    duration_years: int | None = None
    description: str | None = None


class MemberOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    kind: str
    role: str
    council_seats: int
    joined_on: date | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_kind(obj):
        return obj.organisation.kind


class MemberIn(Schema):
    organisation: int
    role: str = "member"
    council_seats: int = 0
    joined_on: date | None = None


class CarrierOut(Schema):
    id: int
    name: str
    kind: str
    carrier_class: str
    region_id: int
    lead_id: int
    governance_body: str
    legal_personality: bool
    start_date: date | None
    status: str
    description: str


class CarrierIn(Schema):
    name: str | None = None
    kind: str | None = None
    region: int | None = None
    lead: int | None = None
    governance_body: str | None = None
    legal_personality: bool | None = None
    start_date: date | None = None
    status: str | None = None
    description: str | None = None


class StudentOut(Schema):
    id: int
    student_no: str
    name: str
    gender: str
    school_id: int
    program_id: int
    year: int
    home_region_id: int | None
    skills: list[str]
    certificates: list[str]


class StudentIn(Schema):
    student_no: str | None = None
    name: str | None = None
    gender: str | None = None
    school: int | None = None
    program: int | None = None
    year: int | None = None
    home_region: int | None = None
    skills: list[str] | None = None
    certificates: list[str] | None = None


class TeacherOut(Schema):
    id: int
    name: str
    kind: str
    organisation_id: int
    title: str
    dual_qualified: bool
    expertise: str


class TeacherIn(Schema):
    name: str | None = None
    kind: str | None = None
    organisation: int | None = None
    title: str | None = None
    dual_qualified: bool | None = None
    expertise: str | None = None


class SearchQuery(Schema):
    q: str | None = None
    region: int | None = Field(None, description="Region id: this region and everything below it")


class RegionQuery(Schema):
    q: str | None = None
    level: int | None = None
    zone: str | None = None
    parent: int | None = None


class OccupationQuery(Schema):
    q: str | None = None
    level: int | None = None
    parent: str | None = None


class OrganisationQuery(SearchQuery):
    kind: str | None = None
    size: str | None = None
    ownership: str | None = None
    industry: str | None = None
    school_level: str | None = None
    certified_integration_enterprise: bool | None = None


class ProgramQuery(SearchQuery):
    school: int | None = None
    occupation: str | None = None


class CarrierQuery(SearchQuery):
    kind: str | None = None
    carrier_class: str | None = None
    status: str | None = None
    lead: int | None = None
    member: int | None = None


class StudentQuery(SearchQuery):
    school: int | None = None
    program: int | None = None
    year: int | None = None


class TeacherQuery(SearchQuery):
    kind: str | None = None
    organisation: int | None = None
    dual_qualified: bool | None = None
