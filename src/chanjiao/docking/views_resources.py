"""Education resources: courses, shareable equipment and facilities with bookings, calls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.docking import policy, services
from chanjiao.docking.filters import BookingFilter, CallFilter, CourseFilter, ResourceFilter
from chanjiao.docking.forms_resources import (
    BookingDecisionForm,
    BookingForm,
    CallForm,
    CallResponseForm,
    CourseForm,
    ResourceForm,
)
from chanjiao.docking.models import (
    Booking,
    BookingStatus,
    CallResponse,
    CallStatus,
    CooperationCall,
    Course,
    SharedResource,
)
from chanjiao.docking.tables import BOOKING_COLUMNS, CALL_COLUMNS, COURSE_COLUMNS, RESOURCE_COLUMNS
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page

# -- courses -------------------------------------------------------------------------------


@login_required
def course_list(request):
    can_add = access.options(request.user, Course, "program").exists()
    editable = set(access.options(request.user, Course, "program").values_list("pk", flat=True))
    return list_page(
        request,
        queryset=access.visible(request.user, Course),
        filterset_class=CourseFilter,
        title=_("Courses"),
        columns=COURSE_COLUMNS,
        link=lambda c: (
            reverse("docking:course_edit", args=[c.pk])
            if c.program_id in editable
            else reverse("registry:program", args=[c.program_id])
        ),
        actions=[(reverse("docking:course_new"), _("Add a course"))] if can_add else [],
    )


@login_required
def course_new(request):
    programs = access.options(request.user, Course, "program")
    if not programs.exists():
        raise PermissionDenied(_("Only a school (or an officer in scope) adds courses to its programs."))
    form = CourseForm(
        request.POST or None, programs=programs, initial={"program": request.GET.get("program")}
    )
    return form_page(
        request,
        form=form,
        title=_("Add a course"),
        save=lambda data: services.create_record(actor=request.user, model=Course, data=data),
        success_url=lambda c: reverse("docking:courses") + f"?program={c.program_id}",
        cancel_url=reverse("docking:courses"),
        success_message=_("Course saved."),
    )


@login_required
def course_edit(request, pk):
    course = access.get(request.user, Course, pk, Action.CHANGE)
    if request.method == "POST" and request.POST.get("delete"):
        services.delete_course(actor=request.user, course=course)
        messages.success(request, _("Course deleted."))
        return redirect(reverse("docking:courses") + f"?program={course.program_id}")
    form = CourseForm(
        request.POST or None, instance=course, programs=access.options(request.user, Course, "program")
    )
    return form_page(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": course.name},
        save=lambda data: services.update_record(actor=request.user, instance=course, data=data),
        success_url=lambda c: reverse("docking:courses") + f"?program={c.program_id}",
        cancel_url=reverse("docking:courses") + f"?program={course.program_id}",
        success_message=_("Course saved."),
    )


# -- shared resources and bookings -------------------------------------------------------


def _school_form(request, form_class, school_field: str, instance=None):
    """A form a school publishes with: a new one names the school (and its region) when the user
    publishes for exactly one."""
    schools = access.options(request.user, SharedResource, "owner")
    initial = {}
    if instance is None and schools.count() == 1:
        initial = {school_field: schools.first().pk, "region": schools.first().region_id}
    return form_class(request.POST or None, instance=instance, initial=initial, schools=schools)


@login_required
def resource_list(request):
    can_add = access.options(request.user, SharedResource, "owner").exists()
    return list_page(
        request,
        queryset=access.visible(request.user, SharedResource),
        filterset_class=ResourceFilter,
        title=_("Shareable equipment and training facilities"),
        columns=RESOURCE_COLUMNS,
        link=lambda r: reverse("docking:resource", args=[r.pk]),
        actions=[(reverse("docking:resource_new"), _("Share a resource"))] if can_add else [],
    )


@login_required
def resource_new(request):
    if not access.options(request.user, SharedResource, "owner").exists():
        raise PermissionDenied(_("Only a school shares its equipment and facilities."))
    return form_page(
        request,
        form=_school_form(request, ResourceForm, "owner"),
        title=_("Share a resource"),
        save=lambda data: services.create_record(actor=request.user, model=SharedResource, data=data),
        success_url=lambda r: reverse("docking:resource", args=[r.pk]),
        cancel_url=reverse("docking:resources"),
        success_message=_("Resource published."),
    )


@login_required
def resource_edit(request, pk):
    resource = access.get(request.user, SharedResource, pk, Action.CHANGE)
    return form_page(
        request,
        form=_school_form(request, ResourceForm, "owner", instance=resource),
        title=_("Edit %(name)s") % {"name": resource.name},
        save=lambda data: services.update_record(actor=request.user, instance=resource, data=data),
        success_url=lambda r: reverse("docking:resource", args=[r.pk]),
        cancel_url=reverse("docking:resource", args=[pk]),
        success_message=_("Resource saved."),
    )


def _resource_page(request, resource, *, booking_form=None, status=200):
    user = request.user
    owner = access.allows(user, Action.CHANGE, resource)
    bookings = resource.bookings.select_related("requester")
    if not owner:
        bookings = bookings.filter(status=BookingStatus.APPROVED) | bookings.filter(
            pk__in=access.visible(user, Booking).filter(resource=resource).values("pk")
        )
    return render(
        request,
        "docking/resource_detail.html",
        {
            "resource": resource,
            "is_owner": owner,
            "bookings": bookings.filter(end_date__gte=timezone.localdate()).order_by("start_date"),
            "can_book": policy.may_take_up(user, resource.owner_id) and resource.available,
            "booking_form": booking_form or BookingForm(),
            "decision_form": BookingDecisionForm(),
        },
        status=status,
    )


@login_required
def resource_detail(request, pk):
    return _resource_page(request, access.get(request.user, SharedResource, pk))


@login_required
@require_POST
def resource_book(request, pk):
    resource = access.get(request.user, SharedResource, pk)
    if not policy.may_take_up(request.user, resource.owner_id):
        raise PermissionDenied(
            _("Enterprises and other schools book a resource; the owner does not need to.")
        )
    form = BookingForm(request.POST)
    if not form.is_valid():
        return _resource_page(request, resource, booking_form=form, status=400)
    try:
        services.request_booking(
            actor=request.user, resource=resource, requester=request.user.organisation, data=form.cleaned_data
        )
    except ValueError as error:
        form.add_error(None, str(error))
        return _resource_page(request, resource, booking_form=form, status=400)
    messages.success(request, _("Booking requested; the owner will approve or reject it."))
    return redirect("docking:resource", pk=pk)


@login_required
def booking_list(request):
    return list_page(
        request,
        queryset=access.visible(request.user, Booking),
        filterset_class=BookingFilter,
        title=_("Bookings"),
        columns=BOOKING_COLUMNS,
        link=lambda b: reverse("docking:resource", args=[b.resource_id]),
    )


@login_required
@require_POST
def booking_decide(request, pk):
    booking = access.get(request.user, Booking, pk, Action.DECIDE)
    form = BookingDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("docking:resource", pk=booking.resource_id)
    try:
        services.decide_booking(
            actor=request.user,
            booking=booking,
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data["note"],
        )
    except ValueError as error:
        messages.error(request, str(error))
        return _resource_page(request, booking.resource, status=400)
    messages.success(request, _("Decision recorded."))
    return redirect("docking:resource", pk=booking.resource_id)


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = access.get(request.user, Booking, pk, Action.CANCEL)
    try:
        services.cancel_booking(actor=request.user, booking=booking)
    except ValueError as error:
        messages.error(request, str(error))
        return _resource_page(request, booking.resource, status=400)
    messages.success(request, _("Booking cancelled."))
    return redirect("docking:resource", pk=booking.resource_id)


# -- cooperation calls ---------------------------------------------------------------------


@login_required
def call_list(request):
    can_add = access.options(request.user, SharedResource, "owner").exists()
    return list_page(
        request,
        queryset=access.visible(request.user, CooperationCall),
        filterset_class=CallFilter,
        title=_("Cooperation project calls"),
        columns=CALL_COLUMNS,
        link=lambda c: reverse("docking:call", args=[c.pk]),
        actions=[(reverse("docking:call_new"), _("Publish a call"))] if can_add else [],
    )


@login_required
def call_new(request):
    if not access.options(request.user, SharedResource, "owner").exists():
        raise PermissionDenied(_("Only a school publishes cooperation calls."))
    return form_page(
        request,
        form=_school_form(request, CallForm, "school"),
        title=_("Publish a call"),
        save=lambda data: services.create_record(
            actor=request.user, model=CooperationCall, data={**data, "created_by": request.user}
        ),
        success_url=lambda c: reverse("docking:call", args=[c.pk]),
        cancel_url=reverse("docking:calls"),
        success_message=_("Call published."),
    )


@login_required
def call_edit(request, pk):
    call = access.get(request.user, CooperationCall, pk, Action.CHANGE)
    return form_page(
        request,
        form=_school_form(request, CallForm, "school", instance=call),
        title=_("Edit %(title)s") % {"title": call.title},
        save=lambda data: services.update_record(actor=request.user, instance=call, data=data),
        success_url=lambda c: reverse("docking:call", args=[c.pk]),
        cancel_url=reverse("docking:call", args=[pk]),
        success_message=_("Call saved."),
    )


def _call_page(request, call, *, response_form=None, status=200):
    user = request.user
    answered = call.responses.filter(organisation_id=user.organisation_id).exists()
    return render(
        request,
        "docking/call_detail.html",
        {
            "call": call,
            "responses": access.visible(user, CallResponse).filter(call=call),
            "is_owner": access.allows(user, Action.CHANGE, call),
            "can_respond": policy.may_take_up(user, call.school_id)
            and call.status == CallStatus.OPEN
            and not answered,
            "response_form": response_form or CallResponseForm(),
        },
        status=status,
    )


@login_required
def call_detail(request, pk):
    return _call_page(request, access.get(request.user, CooperationCall, pk))


@login_required
@require_POST
def call_respond(request, pk):
    call = access.get(request.user, CooperationCall, pk)
    if not policy.may_take_up(request.user, call.school_id):
        raise PermissionDenied(_("Enterprises and other schools respond to a call."))
    form = CallResponseForm(request.POST)
    if not form.is_valid():
        return _call_page(request, call, response_form=form, status=400)
    try:
        services.respond_to_call(
            actor=request.user,
            call=call,
            organisation=request.user.organisation,
            message=form.cleaned_data["message"],
        )
    except ValueError as error:
        form.add_error(None, str(error))
        return _call_page(request, call, response_form=form, status=400)
    messages.success(request, _("Response sent."))
    return redirect("docking:call", pk=pk)


@login_required
@require_POST
def call_close(request, pk):
    call = access.get(request.user, CooperationCall, pk, Action.CHANGE)
    try:
        services.close_call(actor=request.user, call=call)
    except ValueError as error:
        messages.error(request, str(error))
        return _call_page(request, call, status=400)
    messages.success(request, _("Call closed."))
    return redirect("docking:call", pk=pk)
