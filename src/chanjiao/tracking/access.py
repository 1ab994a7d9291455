"""Who sees and changes curriculum, training, learning records and graduate careers.

Built on the one gate (`chanjiao.accounts.legacy_access`) and the placement rules of matching:

- curriculum (course designs, revisions) and job standards are public to signed-in users; the
  program's school (and officers in scope) change curriculum, an association its own standards;
- a course change request is seen by the requesting enterprise, the program's school and
  officers in scope; the school decides it;
- practical training follows the placement (student, school, host enterprise, officers in
  scope); an enterprise mentor or a supervising teacher signed in as a teacher sees only the
  trainings they are assigned to. Only the mentor approves logs and assesses as mentor;
- graduates and their careers are private like student records (the graduate, the school,
  officers in scope);
- xAPI statements are seen by the student, their school, officers in scope and the platform's
  lead organisation, which is also the only one that posts them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from chanjiao.accounts import access as policy
from chanjiao.accounts.legacy_access import (
    can_edit_carrier,
    can_edit_program_of,
    can_edit_teacher,
    get_visible,
    in_scope,
    is_own_org,
    scope_path,
    visible_teachers,
)
from chanjiao.accounts.models import Role, User
from chanjiao.matching.models import Placement
from chanjiao.registry.models import CarrierClass, Organisation, OrgKind, Program, Teacher
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    AssessorRole,
    CourseChangeRequest,
    FollowUpWave,
    Graduate,
    JobStandard,
    PracticalTraining,
    XapiSource,
    XapiStatement,
)


def teacher_profile(user: User) -> Teacher | None:
    """The teacher or mentor record a user signed in as a teacher acts as."""
    if user.role != Role.TEACHER:
        return None
    return Teacher.objects.filter(user=user).select_related("organisation").first()


# -- curriculum ----------------------------------------------------------------------------


def can_edit_curriculum(user: User, program: Program) -> bool:
    return can_edit_program_of(user, program.school)


def visible_change_requests(user: User) -> QuerySet[CourseChangeRequest]:
    requests = CourseChangeRequest.objects.select_related(
        "program", "program__school", "enterprise", "course"
    )
    if user.is_platform_admin:
        return requests
    path = scope_path(user)
    if path:
        return requests.filter(program__school__region__path__startswith=path)
    if user.role == Role.SCHOOL and user.organisation_id:
        return requests.filter(program__school_id=user.organisation_id)
    if user.role == Role.ENTERPRISE and user.organisation_id:
        return requests.filter(enterprise_id=user.organisation_id)
    return requests.none()


def access_change_request(user: User, pk, *, decide: bool = False) -> CourseChangeRequest:
    request = get_visible(visible_change_requests(user), pk)
    if decide and not can_edit_curriculum(user, request.program):
        raise PermissionDenied("Only the program's school decides a course change request.")
    return request


def enterprises_user_requests_for(user: User) -> QuerySet[Organisation]:
    enterprises = Organisation.objects.filter(kind=OrgKind.ENTERPRISE)
    if user.is_platform_admin:
        return enterprises
    if user.role == Role.ENTERPRISE and user.organisation_id:
        return enterprises.filter(pk=user.organisation_id)
    return enterprises.none()


def can_edit_standard(user: User, standard: JobStandard) -> bool:
    return user.is_platform_admin or (
        user.role == Role.ASSOCIATION and is_own_org(user, standard.association)
    )


def associations_user_publishes_for(user: User) -> QuerySet[Organisation]:
    associations = Organisation.objects.filter(kind=OrgKind.ASSOCIATION)
    if user.is_platform_admin:
        return associations
    if user.role == Role.ASSOCIATION and user.organisation_id:
        return associations.filter(pk=user.organisation_id)
    return associations.none()


def access_standard(user: User, pk, *, edit: bool = False) -> JobStandard:
    standard = get_visible(JobStandard.objects.select_related("association", "occupation"), pk)
    if edit and not can_edit_standard(user, standard):
        raise PermissionDenied("Only the publishing association changes its standards.")
    return standard


# -- teachers ------------------------------------------------------------------------------


def can_edit_evidence(user: User, teacher: Teacher) -> bool:
    """The teacher's organisation, or the teacher themself."""
    return can_edit_teacher(user, teacher) or (teacher.user_id is not None and teacher.user_id == user.pk)


def visible_evidence_teachers(user: User) -> QuerySet[Teacher]:
    """Teachers whose evidence page a user sees: those the registry shows them, and for a school
    also the enterprise experts and mentors teaching in its programs."""
    teachers = visible_teachers(user)
    if user.role == Role.SCHOOL and user.organisation_id:
        teaching_here = Teacher.objects.filter(assignments__program__school_id=user.organisation_id)
        teachers = Teacher.objects.filter(
            Q(pk__in=teachers.values("pk")) | Q(pk__in=teaching_here.values("pk"))
        )
    return teachers.select_related("organisation")


def access_evidence_teacher(user: User, pk) -> Teacher:
    return get_visible(visible_evidence_teachers(user), pk)


def teachers_user_assigns(user: User) -> QuerySet[Teacher]:
    """Whom a school records teaching hours for: its own teachers and any enterprise mentor or
    part-time expert (who gives the school their id)."""
    if user.is_platform_admin:
        return Teacher.objects.all()
    if user.role == Role.SCHOOL and user.organisation_id:
        return Teacher.objects.filter(Q(organisation_id=user.organisation_id) | Q(kind__in=MENTOR_KINDS))
    return Teacher.objects.none()


def can_review_dual_qualified(user: User, teacher: Teacher) -> bool:
    return teacher.organisation.kind == OrgKind.SCHOOL and (
        can_edit_teacher(user, teacher) or in_scope(user, teacher.organisation.region)
    )


# -- practical training --------------------------------------------------------------------


def visible_training_placements(user: User) -> QuerySet[Placement]:
    """Placements whose training the user sees; a mentor or teacher sees only their own students."""
    placements = policy.visible(user, Placement)
    profile = teacher_profile(user)
    if profile is not None:
        placements = placements | Placement.objects.filter(
            Q(training__mentor=profile) | Q(training__supervisor=profile)
        )
    return placements.select_related("training", "training__mentor", "training__supervisor")


def training_of(placement: Placement) -> PracticalTraining:
    """The placement's training record, unsaved if nothing was recorded yet."""
    try:
        return placement.training
    except PracticalTraining.DoesNotExist:
        return PracticalTraining(placement=placement)


def access_training(user: User, placement_pk) -> PracticalTraining:
    """The training of a placement the user may see, or 404."""
    return training_of(get_visible(visible_training_placements(user), placement_pk))


def is_school_of(user: User, training: PracticalTraining) -> bool:
    return user.is_platform_admin or (
        user.role == Role.SCHOOL and user.organisation_id == training.placement.student.school_id
    )


def is_host_of(user: User, training: PracticalTraining) -> bool:
    return user.is_platform_admin or (
        user.role == Role.ENTERPRISE and user.organisation_id == training.placement.enterprise_id
    )


def is_mentor_of(user: User, training: PracticalTraining) -> bool:
    return training.mentor_id is not None and training.mentor.user_id == user.pk


def is_supervisor_of(user: User, training: PracticalTraining) -> bool:
    return training.supervisor_id is not None and training.supervisor.user_id == user.pk


def is_student_of(user: User, training: PracticalTraining) -> bool:
    return training.placement.student.user_id == user.pk


def can_take_part(user: User, training: PracticalTraining) -> bool:
    """School, host, mentor or supervising teacher: they record sessions and remediation."""
    return (
        is_school_of(user, training)
        or is_host_of(user, training)
        or is_mentor_of(user, training)
        or is_supervisor_of(user, training)
    )


def can_submit_log(user: User, training: PracticalTraining) -> bool:
    return is_student_of(user, training) or is_school_of(user, training)


def can_decide_log(user: User, training: PracticalTraining) -> bool:
    return user.is_platform_admin or is_mentor_of(user, training)


def can_assess(user: User, training: PracticalTraining, role: str) -> bool:
    if user.is_platform_admin:
        return True
    if role == AssessorRole.MENTOR:
        return is_mentor_of(user, training)
    return is_supervisor_of(user, training) or is_school_of(user, training)


def can_complete(user: User, training: PracticalTraining) -> bool:
    return is_school_of(user, training) or is_host_of(user, training)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# -- graduates -----------------------------------------------------------------------------


def visible_graduates(user: User) -> QuerySet[Graduate]:
    graduates = Graduate.objects.select_related(
        "student", "student__school", "student__program", "cooperating_enterprise"
    )
    if user.is_platform_admin:
        return graduates
    path = scope_path(user)
    if path:
        return graduates.filter(student__school__region__path__startswith=path)
    condition = Q(student__user=user)
    if user.role == Role.SCHOOL and user.organisation_id:
        condition |= Q(student__school_id=user.organisation_id)
    return graduates.filter(condition)


def can_manage_graduates_of(user: User, school: Organisation) -> bool:
    return user.is_platform_admin or (user.role == Role.SCHOOL and is_own_org(user, school))


def access_graduate(user: User, pk, *, edit: bool = False) -> Graduate:
    graduate = get_visible(visible_graduates(user), pk)
    if edit and not can_manage_graduates_of(user, graduate.student.school):
        raise PermissionDenied("Only the graduate's school changes their career record.")
    return graduate


def schools_user_tracks(user: User) -> QuerySet[Organisation]:
    schools = Organisation.objects.filter(kind=OrgKind.SCHOOL)
    if user.is_platform_admin:
        return schools
    if user.role == Role.SCHOOL and user.organisation_id:
        return schools.filter(pk=user.organisation_id)
    return schools.none()


def visible_waves(user: User) -> QuerySet[FollowUpWave]:
    waves = FollowUpWave.objects.select_related("school")
    if user.is_platform_admin:
        return waves
    path = scope_path(user)
    if path:
        return waves.filter(school__region__path__startswith=path)
    if user.role == Role.SCHOOL and user.organisation_id:
        return waves.filter(school_id=user.organisation_id)
    return waves.none()


def access_wave(user: User, pk, *, edit: bool = False) -> FollowUpWave:
    wave = get_visible(visible_waves(user), pk)
    if edit and not can_manage_graduates_of(user, wave.school):
        raise PermissionDenied("Only the school runs its follow-up.")
    return wave


# -- xAPI ----------------------------------------------------------------------------------


def visible_xapi_sources(user: User) -> QuerySet[XapiSource]:
    return XapiSource.objects.select_related("carrier", "carrier__lead")


def can_register_xapi_source(user: User, carrier) -> bool:
    return carrier.carrier_class == CarrierClass.VIRTUAL and can_edit_carrier(user, carrier)


def can_post_statements(user: User, source: XapiSource) -> bool:
    return user.is_platform_admin or is_own_org(user, source.carrier.lead)


def sources_user_posts_for(user: User) -> QuerySet[XapiSource]:
    sources = visible_xapi_sources(user)
    if user.is_platform_admin:
        return sources
    return sources.filter(carrier__lead_id=user.organisation_id) if user.organisation_id else sources.none()


def visible_statements(user: User) -> QuerySet[XapiStatement]:
    statements = XapiStatement.objects.select_related(
        "student", "student__school", "source", "source__carrier"
    )
    if user.is_platform_admin:
        return statements
    path = scope_path(user)
    if path:
        return statements.filter(student__school__region__path__startswith=path)
    condition = Q(student__user=user)
    if user.organisation_id:
        condition |= Q(source__carrier__lead_id=user.organisation_id)
        if user.role == Role.SCHOOL:
            condition |= Q(student__school_id=user.organisation_id)
    return statements.filter(condition)
