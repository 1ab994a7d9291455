"""Courses, shared resources with bookings (never two approved bookings on the same day), and
cooperation calls with their responses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import (
    Booking,
    BookingStatus,
    CallResponse,
    CallStatus,
    CooperationCall,
    Course,
    SharedResource,
)
from chanjiao.registry.models import Organisation
from chanjiao.registry.services import create_record, update_record

__all__ = [
    "cancel_booking",
    "close_call",
    "create_record",
    "decide_booking",
    "delete_course",
    "request_booking",
    "respond_to_call",
    "update_record",
]


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


@transaction.atomic
def delete_course(*, actor: User | None, course: Course) -> None:
    record_activity(actor=actor, verb="delete_course", target=course.program, summary=course.name)
    course.delete()


def _clash(
    resource: SharedResource, start: dt.date, end: dt.date, *, exclude: int | None = None
) -> Booking | None:
    """An approved booking of the resource that shares at least one day with [start, end]."""
    clashes = resource.bookings.filter(
        status=BookingStatus.APPROVED, start_date__lte=end, end_date__gte=start
    )
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude)
    return clashes.order_by("start_date").first()


@transaction.atomic
def request_booking(
    *, actor: User | None, resource: SharedResource, requester: Organisation, data: dict[str, Any]
) -> Booking:
    resource = SharedResource.objects.select_for_update().get(pk=resource.pk)
    if not resource.available:
        raise ValueError("This resource is not open for booking.")
    clash = _clash(resource, data["start_date"], data["end_date"])
    if clash is not None:
        raise ValueError(f"Already booked from {clash.start_date} to {clash.end_date}; choose other days.")
    booking = Booking(resource=resource, requester=requester, requested_by=_actor(actor), **data)
    booking.full_clean()
    booking.save()
    record_activity(actor=actor, verb="request_booking", target=booking, summary=str(booking))
    return booking


@transaction.atomic
def decide_booking(*, actor: User | None, booking: Booking, approve: bool, note: str = "") -> Booking:
    """Approve (only if no approved booking overlaps) or reject a requested booking.

    The resource row is locked first, so two approvals of overlapping requests made at the same
    moment cannot both succeed.
    """
    SharedResource.objects.select_for_update().get(pk=booking.resource_id)
    booking = Booking.objects.select_related("resource").get(pk=booking.pk)
    if booking.status != BookingStatus.REQUESTED:
        raise ValueError(f"This booking is already {BookingStatus(booking.status).label.lower()}.")
    if approve:
        clash = _clash(booking.resource, booking.start_date, booking.end_date, exclude=booking.pk)
        if clash is not None:
            raise ValueError(
                f"It overlaps the approved booking of {clash.requester} ({clash.start_date} to {clash.end_date})."
            )
    booking.status = BookingStatus.APPROVED if approve else BookingStatus.REJECTED
    booking.decided_by = _actor(actor)
    booking.decided_at = timezone.now()
    booking.decision_note = note.strip()[:300]
    booking.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record_activity(actor=actor, verb=f"booking_{booking.status}", target=booking, summary=str(booking))
    return booking


@transaction.atomic
def cancel_booking(*, actor: User | None, booking: Booking) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status not in {BookingStatus.REQUESTED, BookingStatus.APPROVED}:
        raise ValueError(f"This booking is already {BookingStatus(booking.status).label.lower()}.")
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    record_activity(actor=actor, verb="cancel_booking", target=booking, summary=str(booking))
    return booking


@transaction.atomic
def close_call(*, actor: User | None, call: CooperationCall) -> CooperationCall:
    call = CooperationCall.objects.select_for_update().get(pk=call.pk)
    if call.status == CallStatus.CLOSED:
        raise ValueError("This call is already closed.")
    call.status = CallStatus.CLOSED
    call.save(update_fields=["status"])
    record_activity(actor=actor, verb="close_call", target=call, summary=call.title)
    return call


@transaction.atomic
def respond_to_call(
    *, actor: User | None, call: CooperationCall, organisation: Organisation, message: str
) -> CallResponse:
    call = CooperationCall.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.OPEN or (call.deadline and call.deadline < timezone.localdate()):
        raise ValueError("This call is closed to new responses.")
    if CallResponse.objects.filter(call=call, organisation=organisation).exists():
        raise ValueError(f"{organisation} has already responded to this call.")
    response = CallResponse(call=call, organisation=organisation, responded_by=_actor(actor), message=message)
    response.full_clean()
    response.save()
    record_activity(actor=actor, verb="respond_to_call", target=call, summary=str(organisation))
    return response
