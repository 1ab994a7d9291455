"""Who sees and records placements: the student, their school, the host enterprise, officers in scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from chanjiao.accounts.access import get_visible, schools_for_students, scope_path, visible_students
from chanjiao.accounts.models import Role, User
from chanjiao.matching.models import Placement


def visible_placements(user: User) -> QuerySet[Placement]:
    placements = Placement.objects.select_related(
        "student", "student__school", "student__program", "enterprise"
    )
    if user.is_platform_admin:
        return placements
    path = scope_path(user)
    if path:
        return placements.filter(
            Q(student__school__region__path__startswith=path) | Q(enterprise__region__path__startswith=path)
        )
    condition = Q(student__user=user)
    if user.organisation_id and user.role == Role.SCHOOL:
        condition |= Q(student__school_id=user.organisation_id)
    if user.organisation_id and user.role == Role.ENTERPRISE:
        condition |= Q(enterprise_id=user.organisation_id)
    return placements.filter(condition)


def can_record_placement_for(user: User, student) -> bool:
    """Placements entered directly are the student's school's record."""
    return user.is_platform_admin or (user.role == Role.SCHOOL and user.organisation_id == student.school_id)


def access_placement(user: User, pk, *, edit: bool = False) -> Placement:
    placement = get_visible(visible_placements(user), pk)
    if edit and not can_record_placement_for(user, placement.student):
        raise PermissionDenied("Only the student's school changes a placement record.")
    return placement


def students_user_can_place(user: User):
    """Students whose placements a user records: a school's own students (any for an admin)."""
    return visible_students(user).filter(school__in=schools_for_students(user))
