"""The one gate for access (STYLE rule 4).

Every object reaches a view or an API endpoint through an ``access_*`` helper: it applies the
user's role and organisation scope, returns the object, or raises ``Http404`` (the user may not
know it exists) or ``PermissionDenied`` (the user may see it but not change it). List pages use
the ``visible_*`` querysets. Rules:

- platform admins see and change everything;
- government officers see everything in their region and below and change records there;
- an organisation's own users change their organisation and, for schools, its programs,
  students and teachers; for enterprises, its mentors;
- public directory data (regions, occupations, organisations, programs, carriers, teachers) is
  readable by every signed-in user; private enterprise figures (revenue, R&D spending) only by
  the enterprise itself and officers in scope; student records only by the student, their school
  and officers in scope.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from chanjiao.accounts.models import Role, User
from chanjiao.registry.models import Carrier, Organisation, OrgKind, Program, Region, Student, Teacher


def scope_path(user: User) -> str | None:
    """Region path prefix a government officer governs, or None."""
    if user.role == Role.GOVERNMENT and user.organisation_id:
        return user.organisation.region.path
    return None


def in_scope(user: User, region: Region) -> bool:
    if user.is_platform_admin:
        return True
    path = scope_path(user)
    return bool(path and region.path.startswith(path))


def is_own_org(user: User, organisation: Organisation) -> bool:
    return user.organisation_id is not None and user.organisation_id == organisation.pk


# -- organisations -------------------------------------------------------------------------


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    if in_scope(user, organisation.region):
        return True
    return is_own_org(user, organisation) and user.role in {
        Role.SCHOOL,
        Role.ENTERPRISE,
        Role.ASSOCIATION,
        Role.EVALUATOR,
    }


def can_view_private(user: User, organisation: Organisation) -> bool:
    """Revenue, R&D spending, mentors' contact and the like."""
    return in_scope(user, organisation.region) or is_own_org(user, organisation)


def can_create_organisation(user: User) -> bool:
    return user.is_platform_admin or user.role == Role.GOVERNMENT


def visible_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.select_related("region")


def access_organisation(user: User, pk: int, *, edit: bool = False) -> Organisation:
    organisation = get_visible(visible_organisations(user), pk)
    if edit and not can_edit_organisation(user, organisation):
        raise PermissionDenied("You may not change this organisation.")
    return organisation


# -- programs ------------------------------------------------------------------------------


def can_edit_program_of(user: User, school: Organisation) -> bool:
    if school.kind != OrgKind.SCHOOL:
        return False
    return in_scope(user, school.region) or (is_own_org(user, school) and user.role == Role.SCHOOL)


def visible_programs(user: User) -> QuerySet[Program]:
    return Program.objects.select_related("school", "school__region")


def access_program(user: User, pk: int, *, edit: bool = False) -> Program:
    program = get_visible(visible_programs(user), pk)
    if edit and not can_edit_program_of(user, program.school):
        raise PermissionDenied("You may not change another school's programs.")
    return program


def schools_user_can_edit(user: User) -> QuerySet[Organisation]:
    schools = Organisation.objects.filter(kind=OrgKind.SCHOOL)
    if user.is_platform_admin:
        return schools
    path = scope_path(user)
    if path:
        return schools.filter(region__path__startswith=path)
    if user.role == Role.SCHOOL and user.organisation_id:
        return schools.filter(pk=user.organisation_id)
    return schools.none()


# -- carriers ------------------------------------------------------------------------------


def can_edit_carrier(user: User, carrier: Carrier) -> bool:
    return in_scope(user, carrier.region) or is_own_org(user, carrier.lead)


def visible_carriers(user: User) -> QuerySet[Carrier]:
    return Carrier.objects.select_related("region", "lead")


def access_carrier(user: User, pk: int, *, edit: bool = False) -> Carrier:
    carrier = get_visible(visible_carriers(user), pk)
    if edit and not can_edit_carrier(user, carrier):
        raise PermissionDenied("Only the lead organisation and officers in scope may change this carrier.")
    return carrier


def can_create_carrier(user: User) -> bool:
    return user.is_platform_admin or user.role in {Role.GOVERNMENT, Role.SCHOOL, Role.ENTERPRISE}


# -- people --------------------------------------------------------------------------------


def visible_students(user: User) -> QuerySet[Student]:
    students = Student.objects.select_related("school", "program", "school__region")
    if user.is_platform_admin:
        return students
    path = scope_path(user)
    if path:
        return students.filter(school__region__path__startswith=path)
    condition = Q(user=user)
    if user.role == Role.SCHOOL and user.organisation_id:
        condition |= Q(school_id=user.organisation_id)
    return students.filter(condition)


def can_edit_student(user: User, student: Student) -> bool:
    return user.is_platform_admin or (user.role == Role.SCHOOL and is_own_org(user, student.school))


def access_student(user: User, pk: int, *, edit: bool = False) -> Student:
    student = get_visible(visible_students(user), pk)
    if edit and not can_edit_student(user, student):
        raise PermissionDenied("Only the student's school may change this record.")
    return student


def visible_teachers(user: User) -> QuerySet[Teacher]:
    """College teachers are public (their expertise is what enterprises look for); an
    enterprise's mentors are visible to that enterprise and to officers in scope."""
    teachers = Teacher.objects.select_related("organisation")
    if user.is_platform_admin:
        return teachers
    condition = Q(organisation__kind=OrgKind.SCHOOL)
    path = scope_path(user)
    if path:
        condition |= Q(organisation__region__path__startswith=path)
    if user.organisation_id:
        condition |= Q(organisation_id=user.organisation_id)
    return teachers.filter(condition)


def can_edit_teacher(user: User, teacher: Teacher) -> bool:
    return user.is_platform_admin or (
        is_own_org(user, teacher.organisation) and user.role in {Role.SCHOOL, Role.ENTERPRISE}
    )


def access_teacher(user: User, pk: int, *, edit: bool = False) -> Teacher:
    teacher = get_visible(visible_teachers(user), pk)
    if edit and not can_edit_teacher(user, teacher):
        raise PermissionDenied("Only the teacher's own organisation may change this record.")
    return teacher


def get_visible(queryset: QuerySet, pk):
    """The object with this primary key in the queryset, or Http404 (for any bad key too)."""
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {queryset.model._meta.verbose_name} with id {pk} is visible to you.") from None


# -- what a user may choose in forms ------------------------------------------------------


def leads_user_can_name(user: User) -> QuerySet[Organisation]:
    """Organisations a user may name as a carrier's lead."""
    if user.is_platform_admin or user.role == Role.GOVERNMENT:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk=user.organisation_id)


def schools_for_students(user: User) -> QuerySet[Organisation]:
    """Schools whose students a user registers: a school its own; an admin any."""
    schools = Organisation.objects.filter(kind=OrgKind.SCHOOL)
    if user.is_platform_admin:
        return schools
    if user.role == Role.SCHOOL:
        return schools.filter(pk=user.organisation_id)
    return schools.none()


def organisations_for_teachers(user: User) -> QuerySet[Organisation]:
    """Where a user registers teachers and mentors: a school or enterprise its own; an admin any."""
    if user.is_platform_admin:
        return Organisation.objects.filter(kind__in=[OrgKind.SCHOOL, OrgKind.ENTERPRISE])
    if user.role in {Role.SCHOOL, Role.ENTERPRISE}:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()
