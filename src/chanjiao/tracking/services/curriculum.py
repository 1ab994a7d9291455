"""Writes to the curriculum: designs, co-developers, revisions, change requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import Course
from chanjiao.registry.models import Organisation, OrgKind, Program, Teacher
from chanjiao.registry.services import update_record
from chanjiao.tracking.models import (
    AssessmentCriterion,
    ChangeRequestStatus,
    CourseChangeRequest,
    CourseCoDeveloper,
    CourseDesign,
    CourseRevision,
    JobStandard,
)
from chanjiao.tracking.rules import default_practical_hours

PENDING = (ChangeRequestStatus.OPEN, ChangeRequestStatus.ACCEPTED)


def co_developed_with_enterprise(course: Course) -> bool:
    if course.co_developer_id is not None and course.co_developer.kind == OrgKind.ENTERPRISE:
        return True
    return CourseCoDeveloper.objects.filter(course=course, organisation__kind=OrgKind.ENTERPRISE).exists()


@transaction.atomic
def save_course_design(
    *,
    actor: User | None,
    course: Course,
    practical_hours: int,
    standards: Iterable[JobStandard],
    criteria: Iterable[AssessmentCriterion],
) -> CourseDesign:
    """Set the practical hours and the standards and criteria a course assesses."""
    if practical_hours > course.hours:
        raise ValueError(f"{course} has {course.hours} hours; practical hours cannot exceed them.")
    design, created = CourseDesign.objects.select_for_update().get_or_create(
        course=course, defaults={"practical_hours": practical_hours}
    )
    design.practical_hours = practical_hours
    design.save()
    design.standards.set(list(standards))
    design.criteria.set(list(criteria))
    record_activity(
        actor=actor,
        verb="create_course_design" if created else "update_course_design",
        target=design,
        summary=f"{course}: {practical_hours}/{course.hours} practical hours",
    )
    return design


@transaction.atomic
def add_co_developer(
    *,
    actor: User | None,
    course: Course,
    organisation: Organisation,
    mentors: Iterable[Teacher] = (),
    contribution: str = "",
    since: dt.date | None = None,
) -> CourseCoDeveloper:
    mentors = list(mentors)
    if any(m.organisation_id != organisation.pk for m in mentors):
        raise ValueError("Mentors must work for the co-developing organisation.")
    if CourseCoDeveloper.objects.filter(course=course, organisation=organisation).exists():
        raise ValueError(f"{organisation} already co-develops {course}.")
    partner = CourseCoDeveloper.objects.create(
        course=course, organisation=organisation, contribution=contribution, since=since
    )
    partner.mentors.set(mentors)
    record_activity(actor=actor, verb="add_co_developer", target=course, summary=str(organisation))
    return partner


@transaction.atomic
def remove_co_developer(*, actor: User | None, partner: CourseCoDeveloper) -> None:
    record_activity(
        actor=actor, verb="remove_co_developer", target=partner.course, summary=str(partner.organisation)
    )
    partner.delete()


@transaction.atomic
def revise_course(
    *,
    actor: User | None,
    course: Course,
    revised_on: dt.date,
    summary: str,
    hours: int,
    practical_hours: int,
    change_request: CourseChangeRequest | None = None,
) -> CourseRevision:
    """Record a revision: the course takes the new hours and the design the next version."""
    if practical_hours > hours:
        raise ValueError("Practical hours cannot exceed the course's hours.")
    if change_request is not None and (
        change_request.program_id != course.program_id or change_request.status not in PENDING
    ):
        raise ValueError("Only a pending change request of the course's program can be answered.")
    design, _ = CourseDesign.objects.select_for_update().get_or_create(
        course=course, defaults={"practical_hours": default_practical_hours(course.kind, course.hours)}
    )
    design.version += 1
    design.practical_hours = practical_hours
    design.save()
    if course.hours != hours:
        update_record(actor=actor, instance=course, data={"hours": hours})
    revision = CourseRevision.objects.create(
        course=course,
        version=design.version,
        revised_on=revised_on,
        summary=summary,
        hours=hours,
        practical_hours=practical_hours,
        with_enterprise=co_developed_with_enterprise(course),
        change_request=change_request,
        recorded_by=actor if actor is not None and actor.pk else None,
    )
    if change_request is not None and change_request.status == ChangeRequestStatus.OPEN:
        _decide(
            actor=actor,
            change_request=change_request,
            status=str(ChangeRequestStatus.ACCEPTED),
            on=revised_on,
        )
    record_activity(actor=actor, verb="revise_course", target=course, summary=f"v{design.version}: {summary}")
    return revision


@transaction.atomic
def request_course_change(
    *,
    actor: User | None,
    program: Program,
    enterprise: Organisation,
    title: str,
    description: str,
    requested_on: dt.date,
    course: Course | None = None,
) -> CourseChangeRequest:
    if enterprise.kind != OrgKind.ENTERPRISE:
        raise ValueError("Course change requests come from enterprises.")
    if course is not None and course.program_id != program.pk:
        raise ValueError("The course belongs to another program.")
    change_request = CourseChangeRequest.objects.create(
        program=program,
        course=course,
        enterprise=enterprise,
        title=title.strip(),
        description=description.strip(),
        requested_on=requested_on,
        requested_by=actor if actor is not None and actor.pk else None,
    )
    record_activity(actor=actor, verb="request_course_change", target=change_request, summary=title)
    return change_request


def _decide(*, actor, change_request: CourseChangeRequest, status: str, on: dt.date, note: str = "") -> None:
    change_request.status = status
    change_request.decided_on = on
    change_request.decision_note = note
    change_request.save(update_fields=["status", "decided_on", "decision_note"])
    record_activity(actor=actor, verb=f"change_request_{status}", target=change_request, summary=note)


@transaction.atomic
def decide_change_request(
    *, actor: User | None, change_request: CourseChangeRequest, accept: bool, on: dt.date, note: str = ""
) -> CourseChangeRequest:
    """Accept or reject an open request (a rejection says why)."""
    change_request = CourseChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status != ChangeRequestStatus.OPEN:
        raise ValueError(f"The request is already {change_request.get_status_display().lower()}.")
    if not accept and not note.strip():
        raise ValueError("Say why the request is rejected.")
    status = str(ChangeRequestStatus.ACCEPTED if accept else ChangeRequestStatus.REJECTED)
    _decide(actor=actor, change_request=change_request, status=status, on=on, note=note.strip())
    return change_request


@transaction.atomic
def mark_request_taught(
    *,
    actor: User | None,
    change_request: CourseChangeRequest,
    taught_on: dt.date,
    course: Course | None = None,
) -> CourseChangeRequest:
    """The change is in the classroom: the request's age stops."""
    change_request = CourseChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if change_request.status not in PENDING:
        raise ValueError(f"The request is already {change_request.get_status_display().lower()}.")
    if taught_on < change_request.requested_on:
        raise ValueError("It cannot be taught before it was requested.")
    course = course or change_request.course
    if course is None or course.program_id != change_request.program_id:
        raise ValueError("Name the program's course in which it is taught.")
    if change_request.status == ChangeRequestStatus.OPEN:
        change_request.decided_on = taught_on
    change_request.status = ChangeRequestStatus.TAUGHT
    change_request.taught_on = taught_on
    change_request.course = course
    change_request.save(update_fields=["status", "taught_on", "course", "decided_on"])
    record_activity(
        actor=actor,
        verb="change_request_taught",
        target=change_request,
        summary=f"{course} after {change_request.age_days(taught_on)} days",
    )
    return change_request
