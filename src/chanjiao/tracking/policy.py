"""Who may do what with curriculum, training, teachers' records, graduates and learning records
(read by ``chanjiao.accounts.access``).

- Job standards and curriculum are public; the program's school (and officers in scope) change
  curriculum, an association its own standards. A course change request is the requesting
  enterprise's, the program's school's and its officers'; the school decides it.
- Practical training follows its placement: the student, the school, the host, its mentor and its
  supervising teacher, officers in scope. The student or the school submits logs; only the mentor
  approves them and assesses as mentor; the supervising teacher or the school assesses as teacher.
- A teacher adds their own evidence; the school (or an officer) reviews dual qualification.
- Graduates and careers are private like student records; the school runs its follow-up.
- A learning-record platform (xAPI source) is its carrier lead's and its officers'.
- Internship compliance: a placement's three-party agreement follows the placement (the school
  records it); an enterprise's or a school's compliance panel is its representatives' and its
  officers'. A student reports a problem with their internship to the school only: the report is
  the student's and the school office's, never the host's nor an officer's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Anyone, Officer, Rep, Self, Via, Where, declare, extend
from chanjiao.accounts.models import Role
from chanjiao.matching.models import Placement, PlacementKind
from chanjiao.registry.models import CarrierClass, Organisation, OrgKind, Teacher
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    CourseChangeRequest,
    FollowUpWave,
    Graduate,
    InternshipAgreement,
    InternshipConcern,
    JobStandard,
    PracticalTraining,
    XapiSource,
    XapiStatement,
)

PARTNER_KINDS = [OrgKind.SCHOOL, OrgKind.ENTERPRISE]
MENTOR, SUPERVISOR = "training__mentor__user", "training__supervisor__user"

extend(
    Placement,
    personal=[Action.REPORT],
    view=[Self(MENTOR, SUPERVISOR)],
    manage=[Rep("student__school", "enterprise"), Self(MENTOR, SUPERVISOR)],
    file=[Self("student__user"), Rep("student__school")],
    decide=[Self(MENTOR)],
    assess=[Self(MENTOR)],
    grade=[Self(SUPERVISOR), Rep("student__school")],
    complete=[Rep("student__school", "enterprise")],
    assign_mentor=[Rep("enterprise")],
    assign_teacher=[Rep("student__school")],
    # a problem with the internship goes to the school, unseen by the host
    report=[Self("student__user", when=Q(kind=PlacementKind.INTERNSHIP))],
)
SCHOOL_TEACHER = Q(organisation__kind=OrgKind.SCHOOL)
extend(
    Teacher,
    # a school sees the enterprise experts and mentors who teach in its programs
    view=[Rep("assignments__program__school")],
    file=[
        Rep("organisation", kinds=[OrgKind.SCHOOL, OrgKind.ENTERPRISE]),
        Self("user"),
    ],
    review=[
        Rep("organisation", kinds=[OrgKind.SCHOOL]),
        Officer("organisation__region", when=SCHOOL_TEACHER),
    ],
)
SCHOOL = Q(kind=OrgKind.SCHOOL)
extend(
    Organisation,
    view_outcomes=[
        Rep("pk", kinds=[OrgKind.SCHOOL]),
        Officer("region", when=SCHOOL),
        Where(
            lambda actor: SCHOOL if actor.represents and actor.role == Role.EVALUATOR else None,
            _("evaluation agencies"),
        ),
    ],
)
extend(
    Organisation,
    view_compliance=[
        Rep("pk", kinds=PARTNER_KINDS),
        Officer("region", when=Q(kind__in=PARTNER_KINDS)),
    ],
)
declare(InternshipAgreement, related=("placement",), view=[Via("placement")])
declare(
    InternshipConcern,
    related=("placement", "placement__student", "placement__student__school"),
    # confidential: the student and the school's office, never the host enterprise nor officers
    view=[Self("placement__student__user"), Rep("placement__student__school", kinds=[OrgKind.SCHOOL])],
    respond=[Rep("placement__student__school", kinds=[OrgKind.SCHOOL])],
)
declare(PracticalTraining, related=("placement", "mentor", "supervisor"), view=[Via("placement")])
declare(
    JobStandard,
    related=("association", "occupation"),
    view=[Anyone()],
    create=[Rep("association", kinds=[OrgKind.ASSOCIATION])],
    change=[Rep("association")],
)
declare(
    CourseChangeRequest,
    related=("program", "program__school", "enterprise", "course"),
    view=[Rep("program__school", "enterprise", kinds=PARTNER_KINDS), Officer("program__school__region")],
    create=[Rep("enterprise", kinds=[OrgKind.ENTERPRISE])],
    decide=[Rep("program__school", kinds=[OrgKind.SCHOOL])],
)
declare(
    Graduate,
    related=("student", "student__school", "student__program", "cooperating_enterprise"),
    view=[Self("student__user"), Rep("student__school"), Officer("student__school__region")],
    create=[Rep("student__school", kinds=[OrgKind.SCHOOL])],
    change=[Rep("student__school", kinds=[OrgKind.SCHOOL])],
)
declare(
    FollowUpWave,
    related=("school",),
    view=[Rep("school"), Officer("school__region")],
    create=[Rep("school", kinds=[OrgKind.SCHOOL])],
    change=[Rep("school", kinds=[OrgKind.SCHOOL])],
)
VIRTUAL = Q(carrier__carrier_class=CarrierClass.VIRTUAL)
declare(
    XapiSource,
    related=("carrier", "carrier__lead"),
    view=[Rep("carrier__lead"), Officer("carrier__region")],
    create=[Rep("carrier__lead", when=VIRTUAL), Officer("carrier__region", when=VIRTUAL)],
    file=[Rep("carrier__lead")],
)
declare(
    XapiStatement,
    related=("student", "student__school", "source", "source__carrier"),
    view=[
        Self("student__user"),
        Rep("student__school", "source__carrier__lead"),
        Officer("student__school__region"),
    ],
)


def teacher_profile(user) -> Teacher | None:
    """The teacher or mentor record a user acts as for their own trainings and evidence."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Teacher.objects.filter(user=user).select_related("organisation").first()


def training_of(placement: Placement) -> PracticalTraining:
    """The placement's training record, unsaved if nothing was recorded yet."""
    try:
        return placement.training
    except PracticalTraining.DoesNotExist:
        return PracticalTraining(placement=placement)


def get_training(user, placement_pk, action: Action = Action.VIEW) -> PracticalTraining:
    """The training of a placement the user may see (404), checked for ``action`` (403)."""
    return training_of(access.get(user, Placement, placement_pk, action))


def outcome_scope(user) -> tuple[QuerySet[Organisation], object | None]:
    """(schools whose outcomes the user sees, the region or school its salary difference is for:
    None for evaluators and administrators, who compare any)."""
    schools = access.visible(user, Organisation, Action.VIEW_OUTCOMES).filter(kind=OrgKind.SCHOOL)
    if not schools.exists():
        raise PermissionDenied(access.refusal(Action.VIEW_OUTCOMES, Organisation))
    actor = access.actor_of(user)
    if actor and actor.governs:
        return schools, user.organisation.region
    if actor and actor.represents and actor.organisation_kind == OrgKind.SCHOOL:
        return schools, user.organisation
    return schools, None


def teachers_user_assigns(user) -> QuerySet[Teacher]:
    """Whom a school records teaching hours for: its own teachers and any enterprise mentor or
    part-time expert (who gives the school their id)."""
    actor = access.actor_of(user)
    if actor is not None and actor.admin:
        return Teacher.objects.all()
    if actor is None or not actor.represents or actor.organisation_kind != OrgKind.SCHOOL:
        return Teacher.objects.none()
    return Teacher.objects.filter(Q(organisation_id=actor.represents) | Q(kind__in=MENTOR_KINDS))
