"""Graduate tracking endpoints: graduates, career records, follow-ups; outcome figures."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Organisation, OrgKind, Program, Region
from chanjiao.registry.schemas import SearchQuery
from chanjiao.tracking import filters, outcomes
from chanjiao.tracking.forms import clean_payload
from chanjiao.tracking.forms.careers import CareerRecordForm, RegisterGraduatesForm, WaveForm
from chanjiao.tracking.models import TRACKED_YEARS, FollowUpWave, Graduate, RecordSource
from chanjiao.tracking.policy import outcome_scope
from chanjiao.tracking.services import careers as services

router = Router(tags=["graduates and outcomes"])


class CareerOut(Schema):
    years_after: int
    destination: str
    employer_name: str
    employer_id: int | None
    job_title: str
    occupation_id: str | None
    region_id: int | None
    salary_band: str
    promoted: bool
    with_cooperating_enterprise: bool | None
    patents: int
    awards: str
    source: str


class GraduateOut(Schema):
    id: int = Field(..., description="The student id.")
    name: str
    student_no: str
    school_id: int
    program_id: int
    graduation_year: int
    cooperating_enterprise_id: int | None
    career: list[CareerOut]

    @staticmethod
    def resolve_id(obj):
        return obj.pk

    @staticmethod
    def resolve_name(obj):
        return obj.student.name

    @staticmethod
    def resolve_student_no(obj):
        return obj.student.student_no

    @staticmethod
    def resolve_school_id(obj):
        return obj.student.school_id

    @staticmethod
    def resolve_program_id(obj):
        return obj.student.program_id

    @staticmethod
    def resolve_career(obj):
        return list(obj.career.all())


class CareerIn(Schema):
    destination: str
    employer_name: str = ""
    job_title: str = ""
    occupation: str | None = None
    region: int | None = None
    salary_band: str = ""
    promoted: bool = False
    with_cooperating_enterprise: bool | None = None
    patents: int = 0
    awards: str = ""


class RegisterIn(Schema):
    program: int
    graduation_year: int


class WaveIn(Schema):
    survey_year: int
    closes_on: date


class WaveOut(Schema):
    id: int
    school_id: int
    survey_year: int
    opened_on: date
    closes_on: date
    invited: int
    issued: int
    responded: int
    response_rate: float | None

    @staticmethod
    def resolve_invited(obj):
        return _with_counts(obj).n_invited

    @staticmethod
    def resolve_issued(obj):
        return _with_counts(obj).n_issued

    @staticmethod
    def resolve_responded(obj):
        return _with_counts(obj).n_responded

    @staticmethod
    def resolve_response_rate(obj):
        wave = _with_counts(obj)
        return wave.n_responded / wave.n_invited if wave.n_invited else None


WAVE_COUNTS = {
    "n_invited": Count("invitations"),
    "n_issued": Count("invitations", filter=Q(invitations__issued_at__isnull=False)),
    "n_responded": Count("invitations", filter=Q(invitations__responded_at__isnull=False)),
}


def _with_counts(wave):
    """The wave with its invitation counts: annotated on lists, read once here otherwise."""
    if not hasattr(wave, "n_invited"):
        counts = FollowUpWave.objects.filter(pk=wave.pk).annotate(**WAVE_COUNTS).values(*WAVE_COUNTS).get()
        for name, value in counts.items():
            setattr(wave, name, value)
    return wave


class LinkOut(Schema):
    graduate_id: int
    student_no: str
    name: str
    url: str


class GraduateQuery(SearchQuery):
    school: int | None = None
    program: int | None = None
    graduation_year: int | None = None


class RateOut(Schema):
    value: float | None = Field(None, description="A fraction (0-1); None when there is nothing to measure.")
    numerator: int
    denominator: int
    low: float | None = Field(None, description="Wilson 95 % interval.")
    high: float | None = None


class DifferenceOut(Schema):
    difference: float = Field(..., description="Yuan a month, cooperative minus non-cooperative programs.")
    interval: tuple[float, float]
    relative: float
    relative_interval: tuple[float, float]
    cooperative_mean: float
    non_cooperative_mean: float
    cooperative_graduates: int
    non_cooperative_graduates: int
    unmatched_graduates: int
    strata: int


class OutcomesOut(Schema):
    unit: str
    unit_id: int | None
    year: int
    employment_rate: RateOut
    counterpart_rate: RateOut
    retention_rate: RateOut
    certification_pass_rate: RateOut
    dual_qualified_share: RateOut
    practical_share: float | None
    curriculum_update_frequency: float | None
    starting_salary_mean: float | None
    starting_salary_median: float | None
    salary_difference: DifferenceOut | None


class OutcomesQuery(Schema):
    unit: str = Field("region", description="program, school or region")
    id: int | None = Field(None, description="Its id; for a region, omit to use your own scope.")
    year: int
    counterpart_level: int = Field(4, ge=1, le=4, description="CSCO level of counterpart matching")
    bootstrap: bool = Field(True, description="Compute the salary difference (bootstrap of 2,000 draws).")


@router.get("/tracking/graduates", response=list[GraduateOut])
@paginate(PageNumberPagination, page_size=50)
def list_graduates(request, query: Query[GraduateQuery]):
    graduates = access.visible(request.user, Graduate).prefetch_related("career")
    return filtered(filters.GraduateFilter, request, graduates, query)


@router.post("/tracking/graduates/register", response={201: dict})
def register(request, payload: RegisterIn):
    schools = access.options(request.user, FollowUpWave, "school")
    if not schools.exists():
        raise PermissionDenied("A school registers its graduates.")
    data = clean_payload(
        RegisterGraduatesForm, payload.dict(), programs=Program.objects.filter(school__in=schools)
    )
    return 201, {"registered": services.register_graduates(actor=request.user, **data)}


# After "register": Django tries the routes in this order, and "register" would be taken as an id.
@router.get("/tracking/graduates/{graduate_id}", response=GraduateOut)
def get_graduate(request, graduate_id: int):
    return access.get(request.user, Graduate, graduate_id)


@router.put("/tracking/graduates/{graduate_id}/career/{years_after}", response=CareerOut)
def put_career(request, graduate_id: int, years_after: int, payload: CareerIn):
    graduate = access.get(request.user, Graduate, graduate_id, Action.CHANGE)
    if not 0 <= years_after <= TRACKED_YEARS:
        raise ValueError(f"years_after runs from 0 to {TRACKED_YEARS}.")
    body = {k: v for k, v in payload.dict().items() if v is not None}
    body["with_cooperating_enterprise"] = (
        ""
        if payload.with_cooperating_enterprise is None
        else str(payload.with_cooperating_enterprise).lower()
    )
    data = clean_payload(CareerRecordForm, body, years_after=years_after)
    return services.record_career(
        actor=request.user, graduate=graduate, years_after=years_after, data=data, source=RecordSource.ENTRY
    )


@router.get("/tracking/follow-ups", response=list[WaveOut])
@paginate(PageNumberPagination, page_size=50)
def list_waves(request):
    return access.visible(request.user, FollowUpWave).annotate(**WAVE_COUNTS)


@router.post("/tracking/follow-ups", response={201: WaveOut})
def open_wave(request, payload: WaveIn):
    schools = access.options(request.user, FollowUpWave, "school")
    if schools.count() != 1:
        raise PermissionDenied("A school opens its own follow-up.")
    data = clean_payload(WaveForm, payload.dict())
    return 201, services.open_wave(actor=request.user, school=schools.first(), **data)


@router.get("/tracking/follow-ups/{wave_id}", response=WaveOut)
def get_wave(request, wave_id: int):
    return access.get(request.user, FollowUpWave, wave_id)


@router.post("/tracking/follow-ups/{wave_id}/links", response=list[LinkOut])
def issue_links(request, wave_id: int):
    """New links for every unanswered graduate (earlier ones stop working); shown only in this answer."""
    wave = access.get(request.user, FollowUpWave, wave_id, Action.CHANGE)
    base = request.build_absolute_uri("/")[:-1]
    return [
        {
            "graduate_id": invitation.graduate_id,
            "student_no": invitation.graduate.student.student_no,
            "name": invitation.graduate.student.name,
            "url": f"{base}/follow-up/{token}/",
        }
        for invitation, token in services.issue_links(actor=request.user, wave=wave)
    ]


def _unit(request, kind: str, pk: int | None):
    schools, own_scope = outcome_scope(request.user)  # refuses roles that see no outcomes
    if kind in {"program", "school"}:
        if pk is None:
            raise ValueError(f"Give the {kind}'s id.")
        if kind == "program":
            program = access.get(request.user, Program, pk)
            if not schools.filter(pk=program.school_id).exists():
                raise PermissionDenied("Outside the schools whose outcomes you see.")
            return program
        school = access.get(request.user, Organisation, pk)
        if school.kind != OrgKind.SCHOOL or not schools.filter(pk=school.pk).exists():
            raise PermissionDenied("Outside the schools whose outcomes you see.")
        return school
    if kind == "region":
        actor = access.actor_of(request.user)
        path = actor.governs if actor else None
        if pk is None:
            if isinstance(own_scope, Organisation):
                raise PermissionDenied("A school asks for its own outcomes: unit=school.")
            return own_scope
        region = Region.objects.filter(pk=pk).first()
        if region is None:
            raise ValueError(f"Unknown region {pk}.")
        if not (own_scope is None or (path and region.path.startswith(path))):
            raise PermissionDenied("Outside your region.")
        return region
    raise ValueError("unit is program, school or region.")


def _rate(value):
    return {
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "low": value.low,
        "high": value.high,
    }


@router.get("/tracking/outcomes", response=OutcomesOut)
def get_outcomes(request, query: Query[OutcomesQuery]):
    """All outcome figures of a program, school or region for a graduation cohort (see docs/tracking.md)."""
    unit = _unit(request, query.unit, query.id)
    year = query.year
    salary = outcomes.starting_salary(unit, year)
    difference = outcomes.salary_difference(unit, year) if query.bootstrap else None
    share = outcomes.practical_share(unit)
    return {
        "unit": query.unit,
        "unit_id": getattr(unit, "pk", None),
        "year": year,
        "employment_rate": _rate(outcomes.employment_rate(unit, year)),
        "counterpart_rate": _rate(outcomes.counterpart_rate(unit, year, level=query.counterpart_level)),
        "retention_rate": _rate(outcomes.retention_rate(unit, year)),
        "certification_pass_rate": _rate(outcomes.certification_pass_rate(unit, year)),
        "dual_qualified_share": _rate(outcomes.dual_qualified_share(unit, year)),
        "practical_share": share.value,
        "curriculum_update_frequency": outcomes.curriculum_update_frequency(unit, year),
        "starting_salary_mean": salary.mean,
        "starting_salary_median": salary.median,
        "salary_difference": difference.__dict__ if difference else None,
    }
