"""Registry endpoints. Every object passes the same access helpers as the web pages, and every
write the same form validation and service."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry import filters, services
from chanjiao.registry.forms import (
    CarrierForm,
    CarrierMemberForm,
    OrganisationForm,
    ProgramForm,
    ProgramYearForm,
    StudentForm,
    TeacherForm,
)
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    Occupation,
    Organisation,
    Program,
    Region,
    Student,
    Teacher,
)
from chanjiao.registry.schemas import (
    CarrierIn,
    CarrierOut,
    CarrierQuery,
    CrosswalkEntry,
    MemberIn,
    MemberOut,
    OccupationOut,
    OccupationQuery,
    OrganisationIn,
    OrganisationOut,
    OrganisationQuery,
    ProgramIn,
    ProgramOut,
    ProgramQuery,
    ProgramYearIn,
    RegionOut,
    RegionQuery,
    StudentIn,
    StudentOut,
    StudentQuery,
    TeacherIn,
    TeacherOut,
    TeacherQuery,
)
from chanjiao.web.api_forms import form_data, form_data_plain

router = Router(tags=["registry"])


def filtered(filterset_class, request, queryset, query: Schema):
    params = {k: v for k, v in query.dict().items() if v is not None}
    filterset = filterset_class(params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError({f: e for f, e in filterset.errors.as_data().items()})
    return filterset.qs


def _payload(schema: Schema) -> dict:
    return schema.dict(exclude_unset=True)


# -- regions and occupations -------------------------------------------------------------


@router.get("/regions", response=list[RegionOut])
@paginate(PageNumberPagination, page_size=50)
def list_regions(request, query: Query[RegionQuery]):
    return filtered(filters.RegionFilter, request, Region.objects.all(), query)


@router.get("/regions/{region_id}", response=RegionOut)
def get_region(request, region_id: int):
    return Region.objects.filter(pk=region_id).first() or _missing("region", region_id)


@router.get("/occupations", response=list[OccupationOut])
@paginate(PageNumberPagination, page_size=50)
def list_occupations(request, query: Query[OccupationQuery]):
    return filtered(filters.OccupationFilter, request, Occupation.objects.all(), query)


@router.get("/occupations/{code}", response=OccupationOut)
def get_occupation(request, code: str):
    return Occupation.objects.filter(code=code).first() or _missing("occupation", code)


def _missing(what, key):
    raise Http404(f"No {what} {key}.")


# -- organisations -----------------------------------------------------------------------


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=50)
def list_organisations(request, query: Query[OrganisationQuery]):
    organisations = access.annotate_allowed(
        access.visible(request.user, Organisation), request.user, Action.VIEW_PRIVATE, "private_visible"
    )
    return filtered(filters.OrganisationFilter, request, organisations, query)


@router.get("/organisations/{org_id}", response=OrganisationOut)
def get_organisation(request, org_id: int):
    return access.get(request.user, Organisation, org_id)


@router.post("/organisations", response={201: OrganisationOut})
def create_organisation(request, payload: OrganisationIn):
    if not access.may_create(request.user, Organisation):
        raise PermissionDenied(access.refusal(Action.CREATE, Organisation))
    data = form_data(OrganisationForm, _payload(payload), user=request.user)
    return 201, services.create_record(actor=request.user, model=Organisation, data=data)


@router.patch("/organisations/{org_id}", response=OrganisationOut)
def update_organisation(request, org_id: int, payload: OrganisationIn):
    organisation = access.get(request.user, Organisation, org_id, Action.CHANGE)
    data = form_data(OrganisationForm, _payload(payload), instance=organisation, user=request.user)
    return services.update_record(actor=request.user, instance=organisation, data=data)


# -- programs -----------------------------------------------------------------------------


@router.get("/programs", response=list[ProgramOut])
@paginate(PageNumberPagination, page_size=50)
def list_programs(request, query: Query[ProgramQuery]):
    queryset = access.visible(request.user, Program).prefetch_related("crosswalk", "years")
    return filtered(filters.ProgramFilter, request, queryset, query)


@router.get("/programs/{program_id}", response=ProgramOut)
def get_program(request, program_id: int):
    return access.get(request.user, Program, program_id)


@router.post("/programs", response={201: ProgramOut})
def create_program(request, payload: ProgramIn):
    if not access.may_create(request.user, Program):
        raise PermissionDenied(access.refusal(Action.CREATE, Program))
    data = form_data(ProgramForm, _payload(payload), user=request.user)
    return 201, services.create_record(actor=request.user, model=Program, data=data)


@router.patch("/programs/{program_id}", response=ProgramOut)
def update_program(request, program_id: int, payload: ProgramIn):
    program = access.get(request.user, Program, program_id, Action.CHANGE)
    data = form_data(ProgramForm, _payload(payload), instance=program, user=request.user)
    return services.update_record(actor=request.user, instance=program, data=data)


@router.put("/programs/{program_id}/crosswalk", response=ProgramOut)
def replace_crosswalk(request, program_id: int, payload: list[CrosswalkEntry]):
    program = access.get(request.user, Program, program_id, Action.CHANGE)
    return services.set_crosswalk(
        actor=request.user, program=program, entries=[(e.occupation, e.weight) for e in payload]
    )


@router.put("/programs/{program_id}/years/{year}", response=ProgramOut)
def set_program_year(request, program_id: int, year: int, payload: ProgramYearIn):
    program = access.get(request.user, Program, program_id, Action.CHANGE)
    data = form_data_plain(ProgramYearForm, {"year": year, **payload.dict()})
    services.set_program_year(actor=request.user, program=program, **data)
    return program


# -- carriers -----------------------------------------------------------------------------


@router.get("/carriers", response=list[CarrierOut])
@paginate(PageNumberPagination, page_size=50)
def list_carriers(request, query: Query[CarrierQuery]):
    return filtered(filters.CarrierFilter, request, access.visible(request.user, Carrier), query)


@router.get("/carriers/{carrier_id}", response=CarrierOut)
def get_carrier(request, carrier_id: int):
    return access.get(request.user, Carrier, carrier_id)


@router.post("/carriers", response={201: CarrierOut})
def create_carrier(request, payload: CarrierIn):
    if not access.may_create(request.user, Carrier):
        raise PermissionDenied(access.refusal(Action.CREATE, Carrier))
    data = form_data(CarrierForm, _payload(payload), user=request.user)
    carrier = services.create_record(actor=request.user, model=Carrier, data=data)
    services.add_carrier_member(actor=request.user, carrier=carrier, organisation=carrier.lead, role="lead")
    return 201, carrier


@router.patch("/carriers/{carrier_id}", response=CarrierOut)
def update_carrier(request, carrier_id: int, payload: CarrierIn):
    carrier = access.get(request.user, Carrier, carrier_id, Action.CHANGE)
    data = form_data(CarrierForm, _payload(payload), instance=carrier, user=request.user)
    return services.update_record(actor=request.user, instance=carrier, data=data)


@router.get("/carriers/{carrier_id}/members", response=list[MemberOut])
def list_members(request, carrier_id: int):
    carrier = access.get(request.user, Carrier, carrier_id)
    return carrier.memberships.select_related("organisation")


@router.post("/carriers/{carrier_id}/members", response={201: MemberOut})
def add_member(request, carrier_id: int, payload: MemberIn):
    carrier = access.get(request.user, Carrier, carrier_id, Action.CHANGE)
    data = form_data(CarrierMemberForm, payload.dict())
    return 201, services.add_carrier_member(actor=request.user, carrier=carrier, **data)


@router.delete("/carriers/{carrier_id}/members/{member_id}", response={204: None})
def remove_member(request, carrier_id: int, member_id: int):
    carrier = access.get(request.user, Carrier, carrier_id, Action.CHANGE)
    member = CarrierMember.objects.filter(pk=member_id, carrier=carrier).first() or _missing(
        "member", member_id
    )
    services.remove_carrier_member(actor=request.user, member=member)
    return 204, None


# -- people -------------------------------------------------------------------------------


@router.get("/students", response=list[StudentOut])
@paginate(PageNumberPagination, page_size=50)
def list_students(request, query: Query[StudentQuery]):
    return filtered(filters.StudentFilter, request, access.visible(request.user, Student), query)


@router.get("/students/{student_id}", response=StudentOut)
def get_student(request, student_id: int):
    return access.get(request.user, Student, student_id)


@router.post("/students", response={201: StudentOut})
def create_student(request, payload: StudentIn):
    if not access.may_create(request.user, Student):
        raise PermissionDenied(access.refusal(Action.CREATE, Student))
    data = form_data(StudentForm, _payload(payload), user=request.user)
    return 201, services.create_record(actor=request.user, model=Student, data=data)


@router.patch("/students/{student_id}", response=StudentOut)
def update_student(request, student_id: int, payload: StudentIn):
    student = access.get(request.user, Student, student_id, Action.CHANGE)
    data = form_data(StudentForm, _payload(payload), instance=student, user=request.user)
    return services.update_record(actor=request.user, instance=student, data=data)


@router.get("/teachers", response=list[TeacherOut])
@paginate(PageNumberPagination, page_size=50)
def list_teachers(request, query: Query[TeacherQuery]):
    return filtered(filters.TeacherFilter, request, access.visible(request.user, Teacher), query)


@router.get("/teachers/{teacher_id}", response=TeacherOut)
def get_teacher(request, teacher_id: int):
    return access.get(request.user, Teacher, teacher_id)


@router.post("/teachers", response={201: TeacherOut})
def create_teacher(request, payload: TeacherIn):
    if not access.may_create(request.user, Teacher):
        raise PermissionDenied(access.refusal(Action.CREATE, Teacher))
    data = form_data(TeacherForm, _payload(payload), user=request.user)
    return 201, services.create_record(actor=request.user, model=Teacher, data=data)


@router.patch("/teachers/{teacher_id}", response=TeacherOut)
def update_teacher(request, teacher_id: int, payload: TeacherIn):
    teacher = access.get(request.user, Teacher, teacher_id, Action.CHANGE)
    data = form_data(TeacherForm, _payload(payload), instance=teacher, user=request.user)
    return services.update_record(actor=request.user, instance=teacher, data=data)


class MeOut(Schema):
    id: int
    username: str
    role: str
    organisation_id: int | None


@router.get("/me", response=MeOut, tags=["accounts"])
def me(request):
    return request.user
