"""Curriculum endpoints: a program's curriculum, course designs, co-developers, revisions,
change requests and standards. Same access helpers, forms and services as the pages."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking.models import Course
from chanjiao.registry.api import filtered
from chanjiao.registry.models import Program
from chanjiao.registry.schemas import SearchQuery
from chanjiao.registry.services import create_record, update_record
from chanjiao.tracking import filters, selectors
from chanjiao.tracking.forms import clean_payload
from chanjiao.tracking.forms import curriculum as forms
from chanjiao.tracking.models import AssessmentCriterion, CourseChangeRequest, JobStandard
from chanjiao.tracking.services import curriculum as services
from chanjiao.web.api_forms import form_data

router = Router(tags=["curriculum"])


class CoDeveloperOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    mentor_ids: list[int]
    contribution: str
    since: date | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_mentor_ids(obj):
        return [m.pk for m in obj.mentors.all()]


class CourseOut(Schema):
    id: int
    name: str
    kind: str
    hours: int
    practical_hours: int | None = Field(None, description="From the course design; None when not set.")
    version: int
    standard_ids: list[int]
    criterion_ids: list[int]
    co_developers: list[CoDeveloperOut]

    @staticmethod
    def resolve_practical_hours(obj):
        design = getattr(obj, "design", None)
        return design.practical_hours if design else None

    @staticmethod
    def resolve_version(obj):
        design = getattr(obj, "design", None)
        return design.version if design else 1

    @staticmethod
    def resolve_standard_ids(obj):
        design = getattr(obj, "design", None)
        return [s.pk for s in design.standards.all()] if design else []

    @staticmethod
    def resolve_criterion_ids(obj):
        design = getattr(obj, "design", None)
        return [c.pk for c in design.criteria.all()] if design else []

    @staticmethod
    def resolve_co_developers(obj):
        return list(obj.co_developers.all())


class CurriculumOut(Schema):
    program_id: int
    practical_hours: int
    hours: int
    practical_share: float | None = Field(None, description="Practical hours / hours (0-1).")
    meets_practical_rule: bool | None = Field(None, description="Practical share at least 50 %.")
    revisions_per_year: float = Field(..., description="Course revisions a year over the last three years.")
    last_revised_on: date | None
    pending_requests: int
    oldest_pending_days: int | None
    courses: list[CourseOut]


class RevisionOut(Schema):
    id: int
    course_id: int
    version: int
    revised_on: date
    summary: str
    hours: int
    practical_hours: int
    with_enterprise: bool
    change_request_id: int | None


class ChangeRequestOut(Schema):
    id: int
    program_id: int
    course_id: int | None
    enterprise_id: int
    title: str
    description: str
    requested_on: date
    status: str
    decided_on: date | None
    decision_note: str
    taught_on: date | None
    age_days: int = Field(
        ..., description="Days from the request until taught (or rejected), or until today."
    )

    @staticmethod
    def resolve_age_days(obj):
        return obj.age_days(timezone.localdate())


class StandardOut(Schema):
    id: int
    association_id: int
    code: str
    title: str
    kind: str
    occupation_id: str | None
    skill_level: int | None
    published_on: date
    description: str


class CriterionOut(Schema):
    id: int
    standard_id: int
    code: str
    text: str
    pass_score: int


class DesignIn(Schema):
    practical_hours: int
    standards: list[int] = []
    criteria: list[int] = []


class CoDeveloperIn(Schema):
    organisation: int
    mentors: list[int] = []
    contribution: str = ""
    since: date | None = None


class RevisionIn(Schema):
    revised_on: date
    summary: str
    hours: int
    practical_hours: int
    change_request: int | None = None


class ChangeRequestIn(Schema):
    program: int
    course: int | None = None
    enterprise: int | None = None
    title: str
    description: str
    requested_on: date | None = None


class DecisionIn(Schema):
    decision: str = Field(..., description="accept, reject or taught")
    note: str = ""
    taught_on: date | None = None
    course: int | None = None


class StandardIn(Schema):
    association: int | None = None
    code: str | None = None
    title: str | None = None
    kind: str | None = None
    occupation: str | None = None
    skill_level: int | None = None
    published_on: date | None = None
    description: str | None = None


class CriterionIn(Schema):
    code: str
    text: str
    pass_score: int = 60


class ChangeRequestQuery(SearchQuery):
    status: str | None = None
    school: int | None = None
    program: int | None = None
    enterprise: int | None = None


class StandardQuery(SearchQuery):
    kind: str | None = None
    association: int | None = None
    occupation: str | None = None


def _payload(schema: Schema) -> dict:
    return {k: v for k, v in schema.dict().items() if v is not None}


@router.get("/tracking/programs/{program_id}/curriculum", response=CurriculumOut)
def get_curriculum(request, program_id: int):
    program = access.get(request.user, Program, program_id)
    summary, courses = selectors.program_curriculum(program, timezone.localdate())
    return {
        "program_id": program.pk,
        "practical_hours": summary.share.practical_hours,
        "hours": summary.share.hours,
        "practical_share": summary.share.value,
        "meets_practical_rule": summary.meets_practical_rule,
        "revisions_per_year": summary.revisions_per_year,
        "last_revised_on": summary.last_revised_on,
        "pending_requests": summary.pending_requests,
        "oldest_pending_days": summary.oldest_pending_days,
        "courses": list(courses.prefetch_related("design__criteria")),
    }


def _editable_course(request, course_id):
    course = access.get(request.user, Course, course_id)
    if not access.allows(request.user, Action.CHANGE, course.program):
        raise PermissionDenied("Only the program's school (or an officer in scope) changes its curriculum.")
    return course


@router.put("/tracking/courses/{course_id}/design", response=CourseOut)
def put_design(request, course_id: int, payload: DesignIn):
    course = _editable_course(request, course_id)
    data = clean_payload(forms.CourseDesignForm, payload.dict(), course=course)
    services.save_course_design(actor=request.user, course=course, **data)
    return access.get(request.user, Course, course_id)


@router.post("/tracking/courses/{course_id}/co-developers", response={201: CoDeveloperOut})
def add_co_developer(request, course_id: int, payload: CoDeveloperIn):
    course = _editable_course(request, course_id)
    data = clean_payload(forms.CoDeveloperForm, _payload(payload), course=course)
    return 201, services.add_co_developer(actor=request.user, course=course, **data)


@router.get("/tracking/courses/{course_id}/revisions", response=list[RevisionOut])
def list_revisions(request, course_id: int):
    return list(access.get(request.user, Course, course_id).revisions.all())


@router.post("/tracking/courses/{course_id}/revisions", response={201: RevisionOut})
def revise(request, course_id: int, payload: RevisionIn):
    course = _editable_course(request, course_id)
    data = clean_payload(forms.RevisionForm, _payload(payload), course=course)
    return 201, services.revise_course(actor=request.user, course=course, **data)


@router.get("/tracking/change-requests", response=list[ChangeRequestOut])
@paginate(PageNumberPagination, page_size=50)
def list_change_requests(request, query: Query[ChangeRequestQuery]):
    return filtered(
        filters.ChangeRequestFilter, request, access.visible(request.user, CourseChangeRequest), query
    )


@router.get("/tracking/change-requests/{request_id}", response=ChangeRequestOut)
def get_change_request(request, request_id: int):
    return access.get(request.user, CourseChangeRequest, request_id)


@router.post("/tracking/change-requests", response={201: ChangeRequestOut})
def create_change_request(request, payload: ChangeRequestIn):
    enterprises = access.options(request.user, CourseChangeRequest, "enterprise")
    if not enterprises.exists():
        raise PermissionDenied("Enterprises request course changes.")
    body = _payload(payload)
    if "enterprise" not in body and enterprises.count() == 1:
        body["enterprise"] = enterprises.first().pk
    data = form_data(forms.ChangeRequestForm, body, enterprises=enterprises)
    return 201, services.request_course_change(actor=request.user, **data)


@router.post("/tracking/change-requests/{request_id}/decision", response=ChangeRequestOut)
def decide_change_request(request, request_id: int, payload: DecisionIn):
    change_request = access.get(request.user, CourseChangeRequest, request_id, Action.DECIDE)
    data = clean_payload(forms.DecisionForm, _payload(payload), change_request=change_request)
    if data["decision"] == "taught":
        return services.mark_request_taught(
            actor=request.user,
            change_request=change_request,
            taught_on=data["taught_on"],
            course=data["course"],
        )
    return services.decide_change_request(
        actor=request.user,
        change_request=change_request,
        accept=data["decision"] == "accept",
        on=timezone.localdate(),
        note=data["note"],
    )


@router.get("/tracking/standards", response=list[StandardOut])
@paginate(PageNumberPagination, page_size=50)
def list_standards(request, query: Query[StandardQuery]):
    return filtered(filters.StandardFilter, request, JobStandard.objects.all(), query)


@router.get("/tracking/standards/{standard_id}", response=StandardOut)
def get_standard(request, standard_id: int):
    return access.get(request.user, JobStandard, standard_id)


@router.post("/tracking/standards", response={201: StandardOut})
def create_standard(request, payload: StandardIn):
    associations = access.options(request.user, JobStandard, "association")
    if not associations.exists():
        raise PermissionDenied("Industry associations publish standards.")
    body = _payload(payload)
    if "association" not in body and associations.count() == 1:
        body["association"] = associations.first().pk
    data = form_data(forms.JobStandardForm, body, associations=associations)
    return 201, create_record(actor=request.user, model=JobStandard, data=data)


@router.patch("/tracking/standards/{standard_id}", response=StandardOut)
def update_standard(request, standard_id: int, payload: StandardIn):
    standard = access.get(request.user, JobStandard, standard_id, Action.CHANGE)
    data = form_data(
        forms.JobStandardForm,
        _payload(payload),
        instance=standard,
        associations=access.options(request.user, JobStandard, "association"),
    )
    return update_record(actor=request.user, instance=standard, data=data)


@router.get("/tracking/standards/{standard_id}/criteria", response=list[CriterionOut])
def list_criteria(request, standard_id: int):
    return list(access.get(request.user, JobStandard, standard_id).criteria.all())


@router.post("/tracking/standards/{standard_id}/criteria", response={201: CriterionOut})
def add_criterion(request, standard_id: int, payload: CriterionIn):
    standard = access.get(request.user, JobStandard, standard_id, Action.CHANGE)
    data = form_data(forms.CriterionForm, payload.dict(), standard=standard)
    return 201, create_record(
        actor=request.user, model=AssessmentCriterion, data={**data, "standard": standard}
    )
