"""Courses, shared resources and bookings, cooperation calls and responses."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import policy, services
from chanjiao.docking.api_common import form_data_from
from chanjiao.docking.filters import BookingFilter, CallFilter, CourseFilter, ResourceFilter
from chanjiao.docking.forms_resources import (
    BookingDecisionForm,
    BookingForm,
    CallForm,
    CallResponseForm,
    CourseForm,
    ResourceForm,
)
from chanjiao.docking.models import Booking, CallResponse, CooperationCall, Course, SharedResource
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["education resources"])


class CourseOut(Schema):
    id: int
    program_id: int
    code: str
    name: str
    kind: str
    hours: int
    semester: int | None
    co_developer_id: int | None
    description: str


class CourseIn(Schema):
    program: int | None = None
    code: str | None = None
    name: str | None = None
    kind: str | None = None
    hours: int | None = None
    semester: int | None = None
    co_developer: int | None = None
    description: str | None = None


class CourseQuery(SearchQuery):
    program: int | None = None
    school: int | None = None
    kind: str | None = None
    semester: int | None = None


@router.get("/docking/courses", response=list[CourseOut])
@paginate(PageNumberPagination, page_size=100)
def list_courses(request, query: Query[CourseQuery]):
    return filtered(CourseFilter, request, access.visible(request.user, Course), query)


@router.post("/docking/courses", response={201: CourseOut})
def create_course(request, payload: CourseIn):
    programs = access.options(request.user, Course, "program")
    if not programs.exists():
        raise PermissionDenied("Only a school (or an officer in scope) adds courses to its programs.")
    data = form_data(CourseForm, payload.dict(exclude_unset=True), programs=programs)
    return 201, services.create_record(actor=request.user, model=Course, data=data)


@router.patch("/docking/courses/{course_id}", response=CourseOut)
def update_course(request, course_id: int, payload: CourseIn):
    course = access.get(request.user, Course, course_id, Action.CHANGE)
    data = form_data(
        CourseForm,
        payload.dict(exclude_unset=True),
        instance=course,
        programs=access.options(request.user, Course, "program"),
    )
    return services.update_record(actor=request.user, instance=course, data=data)


@router.delete("/docking/courses/{course_id}", response={204: None})
def delete_course(request, course_id: int):
    course = access.get(request.user, Course, course_id, Action.CHANGE)
    services.delete_course(actor=request.user, course=course)
    return 204, None


# -- resources and bookings ----------------------------------------------------------------


class ResourceOut(Schema):
    id: int
    owner_id: int
    kind: str
    name: str
    description: str
    region_id: int
    location: str
    capacity: int | None
    daily_fee: Decimal | None
    available: bool


class ResourceIn(Schema):
    owner: int | None = None
    kind: str | None = None
    name: str | None = None
    description: str | None = None
    region: int | None = None
    location: str | None = None
    capacity: int | None = None
    daily_fee: Decimal | None = None
    available: bool | None = None


class ResourceQuery(SearchQuery):
    kind: str | None = None
    owner: int | None = None
    available: bool | None = None


class BookingOut(Schema):
    id: int
    resource_id: int
    requester_id: int
    start_date: date
    end_date: date
    purpose: str
    status: str
    decision_note: str
    decided_at: datetime | None


class BookingIn(Schema):
    start_date: date
    end_date: date
    purpose: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class BookingQuery(Schema):
    status: str | None = None
    resource: int | None = None


@router.get("/docking/resources", response=list[ResourceOut])
@paginate(PageNumberPagination, page_size=50)
def list_resources(request, query: Query[ResourceQuery]):
    return filtered(ResourceFilter, request, access.visible(request.user, SharedResource), query)


@router.get("/docking/resources/{resource_id}", response=ResourceOut)
def get_resource(request, resource_id: int):
    return access.get(request.user, SharedResource, resource_id)


@router.post("/docking/resources", response={201: ResourceOut})
def create_resource(request, payload: ResourceIn):
    schools = access.options(request.user, SharedResource, "owner")
    if not schools.exists():
        raise PermissionDenied("Only a school shares its equipment and facilities.")
    data = form_data(ResourceForm, payload.dict(exclude_unset=True), schools=schools)
    return 201, services.create_record(actor=request.user, model=SharedResource, data=data)


@router.patch("/docking/resources/{resource_id}", response=ResourceOut)
def update_resource(request, resource_id: int, payload: ResourceIn):
    resource = access.get(request.user, SharedResource, resource_id, Action.CHANGE)
    data = form_data(
        ResourceForm,
        payload.dict(exclude_unset=True),
        instance=resource,
        schools=access.options(request.user, SharedResource, "owner"),
    )
    return services.update_record(actor=request.user, instance=resource, data=data)


@router.get("/docking/bookings", response=list[BookingOut])
@paginate(PageNumberPagination, page_size=50)
def list_bookings(request, query: Query[BookingQuery]):
    return filtered(BookingFilter, request, access.visible(request.user, Booking), query)


@router.post("/docking/resources/{resource_id}/bookings", response={201: BookingOut})
def request_booking(request, resource_id: int, payload: BookingIn):
    resource = access.get(request.user, SharedResource, resource_id)
    if not policy.may_take_up(request.user, resource.owner_id):
        raise PermissionDenied("Enterprises and other schools book a resource; the owner does not need to.")
    data = form_data_from(BookingForm(data=payload.dict()))
    return 201, services.request_booking(
        actor=request.user, resource=resource, requester=request.user.organisation, data=data
    )


@router.post("/docking/bookings/{booking_id}/decide", response=BookingOut)
def decide_booking(request, booking_id: int, payload: DecisionIn):
    booking = access.get(request.user, Booking, booking_id, Action.DECIDE)
    data = form_data_from(
        BookingDecisionForm(data={"approve": "yes" if payload.approve else "no", "note": payload.note})
    )
    return services.decide_booking(
        actor=request.user, booking=booking, approve=data["approve"], note=data["note"]
    )


@router.post("/docking/bookings/{booking_id}/cancel", response=BookingOut)
def cancel_booking(request, booking_id: int):
    booking = access.get(request.user, Booking, booking_id, Action.CANCEL)
    return services.cancel_booking(actor=request.user, booking=booking)


# -- cooperation calls ---------------------------------------------------------------------


class CallOut(Schema):
    id: int
    school_id: int
    title: str
    kind: str
    description: str
    region_id: int
    deadline: date | None
    budget: Decimal | None
    status: str
    created_at: datetime


class CallIn(Schema):
    school: int | None = None
    title: str | None = None
    kind: str | None = None
    description: str | None = None
    region: int | None = None
    deadline: date | None = None
    budget: Decimal | None = None


class CallQuery(SearchQuery):
    kind: str | None = None
    status: str | None = None
    school: int | None = None


class ResponseIn(Schema):
    message: str = Field(..., description="What your organisation offers")


class ResponseOut(Schema):
    id: int
    call_id: int
    organisation_id: int
    message: str
    created_at: datetime


@router.get("/docking/calls", response=list[CallOut])
@paginate(PageNumberPagination, page_size=50)
def list_calls(request, query: Query[CallQuery]):
    return filtered(CallFilter, request, access.visible(request.user, CooperationCall), query)


@router.get("/docking/calls/{call_id}", response=CallOut)
def get_call(request, call_id: int):
    return access.get(request.user, CooperationCall, call_id)


@router.post("/docking/calls", response={201: CallOut})
def create_call(request, payload: CallIn):
    schools = access.options(request.user, SharedResource, "owner")
    if not schools.exists():
        raise PermissionDenied("Only a school publishes cooperation calls.")
    data = form_data(CallForm, payload.dict(exclude_unset=True), schools=schools)
    return 201, services.create_record(
        actor=request.user, model=CooperationCall, data={**data, "created_by": request.user}
    )


@router.patch("/docking/calls/{call_id}", response=CallOut)
def update_call(request, call_id: int, payload: CallIn):
    call = access.get(request.user, CooperationCall, call_id, Action.CHANGE)
    data = form_data(
        CallForm,
        payload.dict(exclude_unset=True),
        instance=call,
        schools=access.options(request.user, SharedResource, "owner"),
    )
    return services.update_record(actor=request.user, instance=call, data=data)


@router.post("/docking/calls/{call_id}/close", response=CallOut)
def close_call(request, call_id: int):
    call = access.get(request.user, CooperationCall, call_id, Action.CHANGE)
    return services.close_call(actor=request.user, call=call)


@router.get("/docking/calls/{call_id}/responses", response=list[ResponseOut])
def list_responses(request, call_id: int):
    call = access.get(request.user, CooperationCall, call_id)
    return access.visible(request.user, CallResponse).filter(call=call)


@router.post("/docking/calls/{call_id}/responses", response={201: ResponseOut})
def respond(request, call_id: int, payload: ResponseIn):
    call = access.get(request.user, CooperationCall, call_id)
    if not policy.may_take_up(request.user, call.school_id):
        raise PermissionDenied("Enterprises and other schools respond to a call.")
    data = form_data_from(CallResponseForm(data=payload.dict()))
    return 201, services.respond_to_call(
        actor=request.user, call=call, organisation=request.user.organisation, message=data["message"]
    )
