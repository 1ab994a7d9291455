"""Who sees and changes docking records, built on the platform's one gate
(``chanjiao.accounts.legacy_access``); views and API both go through these helpers.

- Published postings, technical needs, consortium lists, courses, resources and calls are
  readable by every signed-in user. A posting's draft is private to its enterprise.
- An enterprise changes its own postings and needs; a school its own resources, calls and
  courses (officers in scope change courses, like programs); the owner decides bookings.
- An officer in scope (of the posting's region) may confirm or correct a posting's code, and
  may move a need to "matched"; officers in scope see bookings, call responses and advice
  there, and decide advice. Platform admins see and change everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from chanjiao.accounts.legacy_access import (
    can_edit_carrier,
    can_edit_program_of,
    get_visible,
    in_scope,
    scope_path,
)
from chanjiao.accounts.models import Role, User
from chanjiao.docking.models import (
    Advice,
    AdviceStatus,
    Booking,
    CallResponse,
    CodingFeedback,
    ConsortiumProduct,
    CooperationCall,
    Course,
    Posting,
    PostingStatus,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.docking.models.needs import CONSORTIUM_KINDS
from chanjiao.registry.models import Carrier, Organisation, OrgKind, Program


def _own(user: User, role) -> Q | None:
    if user.role == role and user.organisation_id:
        return Q(pk=user.organisation_id)
    return None


def _organisations(user: User, kind, role) -> QuerySet[Organisation]:
    organisations = Organisation.objects.filter(kind=kind)
    if user.is_platform_admin:
        return organisations
    own = _own(user, role)
    return organisations.filter(own) if own is not None else organisations.none()


# -- postings ------------------------------------------------------------------------------


def enterprises_user_can_post_for(user: User) -> QuerySet[Organisation]:
    """An enterprise posts for itself; an admin for any enterprise."""
    return _organisations(user, OrgKind.ENTERPRISE, Role.ENTERPRISE)


def visible_postings(user: User) -> QuerySet[Posting]:
    postings = Posting.objects.select_related("enterprise", "region", "occupation")
    if user.is_platform_admin:
        return postings
    public = ~Q(status=PostingStatus.DRAFT)
    if user.role == Role.ENTERPRISE and user.organisation_id:
        return postings.filter(public | Q(enterprise_id=user.organisation_id))
    return postings.filter(public)


def can_edit_posting(user: User, posting: Posting) -> bool:
    return user.is_platform_admin or (
        user.role == Role.ENTERPRISE and user.organisation_id == posting.enterprise_id
    )


def can_code_posting(user: User, posting: Posting) -> bool:
    """The enterprise, or an officer in scope of the posting's region once it is public."""
    return can_edit_posting(user, posting) or (posting.is_public and in_scope(user, posting.region))


def access_posting(user: User, pk, *, edit: bool = False, code: bool = False) -> Posting:
    posting = get_visible(visible_postings(user), pk)
    if edit and not can_edit_posting(user, posting):
        raise PermissionDenied("Only the enterprise that posted it changes a posting.")
    if code and not can_code_posting(user, posting):
        raise PermissionDenied("Only the enterprise or an officer in scope confirms a posting's code.")
    return posting


def visible_coding_feedback(user: User) -> QuerySet[CodingFeedback]:
    feedback = CodingFeedback.objects.select_related("posting", "occupation", "actor")
    if user.is_platform_admin:
        return feedback
    path = scope_path(user)
    condition = Q(pk__in=[])
    if path:
        condition |= Q(posting__region__path__startswith=path)
    if user.role == Role.ENTERPRISE and user.organisation_id:
        condition |= Q(posting__enterprise_id=user.organisation_id)
    return feedback.filter(condition)


# -- technical needs and consortia --------------------------------------------------------


def visible_needs(user: User) -> QuerySet[TechnicalNeed]:
    return TechnicalNeed.objects.select_related("enterprise", "region", "carrier")


def can_edit_need(user: User, need: TechnicalNeed) -> bool:
    return user.is_platform_admin or (
        user.role == Role.ENTERPRISE and user.organisation_id == need.enterprise_id
    )


def can_match_need(user: User, need: TechnicalNeed) -> bool:
    """Choosing experts: the enterprise, or an officer in scope running expert matching."""
    return can_edit_need(user, need) or in_scope(user, need.region)


def access_need(user: User, pk, *, edit: bool = False, match: bool = False) -> TechnicalNeed:
    need = get_visible(visible_needs(user), pk)
    if edit and not can_edit_need(user, need):
        raise PermissionDenied("Only the enterprise that published it changes a technical need.")
    if match and not can_match_need(user, need):
        raise PermissionDenied("Only the enterprise or an officer in scope chooses experts for a need.")
    return need


def visible_consortia(user: User) -> QuerySet[Carrier]:
    return Carrier.objects.filter(kind__in=CONSORTIUM_KINDS).select_related("lead", "region")


def access_consortium(user: User, pk, *, edit: bool = False) -> Carrier:
    consortium = get_visible(visible_consortia(user), pk)
    if edit and not can_edit_carrier(user, consortium):
        raise PermissionDenied(
            "Only the consortium's lead organisation and officers in scope change its lists."
        )
    return consortium


def consortia_user_can_list_in(user: User) -> QuerySet[Carrier]:
    """Consortia whose lists a user's organisation may add its postings and needs to."""
    consortia = Carrier.objects.filter(kind__in=CONSORTIUM_KINDS)
    if user.is_platform_admin:
        return consortia
    if not user.organisation_id:
        return consortia.none()
    return consortia.filter(memberships__organisation_id=user.organisation_id).distinct()


def access_product(user: User, consortium: Carrier, pk) -> ConsortiumProduct:
    return get_visible(ConsortiumProduct.objects.filter(consortium=consortium), pk)


# -- courses, resources, bookings, calls --------------------------------------------------


def programs_user_can_edit(user: User) -> QuerySet[Program]:
    programs = Program.objects.select_related("school")
    if user.is_platform_admin:
        return programs
    path = scope_path(user)
    if path:
        return programs.filter(school__region__path__startswith=path)
    if user.role == Role.SCHOOL and user.organisation_id:
        return programs.filter(school_id=user.organisation_id)
    return programs.none()


def visible_courses(user: User) -> QuerySet[Course]:
    return Course.objects.select_related("program", "program__school", "co_developer")


def access_course(user: User, pk, *, edit: bool = False) -> Course:
    course = get_visible(visible_courses(user), pk)
    if edit and not can_edit_program_of(user, course.program.school):
        raise PermissionDenied("Only the program's school (or an officer in scope) changes its courses.")
    return course


def schools_user_can_publish_for(user: User) -> QuerySet[Organisation]:
    """A school publishes its own resources and calls; an admin any school's."""
    return _organisations(user, OrgKind.SCHOOL, Role.SCHOOL)


def visible_resources(user: User) -> QuerySet[SharedResource]:
    return SharedResource.objects.select_related("owner", "region")


def can_act_for_school(user: User, school_id: int) -> bool:
    """The school's own cooperation office (or an admin) manages its resources and calls."""
    return user.is_platform_admin or (user.role == Role.SCHOOL and user.organisation_id == school_id)


def access_resource(user: User, pk, *, edit: bool = False) -> SharedResource:
    resource = get_visible(visible_resources(user), pk)
    if edit and not can_act_for_school(user, resource.owner_id):
        raise PermissionDenied("Only the school that owns it changes a resource.")
    return resource


def can_request_booking(user: User, resource: SharedResource) -> bool:
    """Enterprises and other schools book; the owner uses its own equipment without asking."""
    return (
        user.role in {Role.ENTERPRISE, Role.SCHOOL}
        and user.organisation_id is not None
        and user.organisation_id != resource.owner_id
    )


def visible_bookings(user: User) -> QuerySet[Booking]:
    bookings = Booking.objects.select_related("resource", "resource__owner", "requester", "requested_by")
    if user.is_platform_admin:
        return bookings
    condition = Q(pk__in=[])
    path = scope_path(user)
    if path:
        condition |= Q(resource__region__path__startswith=path)
    if user.organisation_id:
        condition |= Q(requester_id=user.organisation_id) | Q(resource__owner_id=user.organisation_id)
    return bookings.filter(condition)


def access_booking(user: User, pk, *, decide: bool = False, cancel: bool = False) -> Booking:
    booking = get_visible(visible_bookings(user), pk)
    if decide and not can_act_for_school(user, booking.resource.owner_id):
        raise PermissionDenied("Only the resource's owner approves or rejects a booking.")
    if cancel and not (user.is_platform_admin or user.organisation_id == booking.requester_id):
        raise PermissionDenied("Only the organisation that asked cancels a booking.")
    return booking


def visible_calls(user: User) -> QuerySet[CooperationCall]:
    return CooperationCall.objects.select_related("school", "region")


def access_call(user: User, pk, *, edit: bool = False) -> CooperationCall:
    call = get_visible(visible_calls(user), pk)
    if edit and not can_act_for_school(user, call.school_id):
        raise PermissionDenied("Only the school that published it changes a call.")
    return call


def can_respond_to_call(user: User, call: CooperationCall) -> bool:
    return (
        user.role in {Role.ENTERPRISE, Role.SCHOOL}
        and user.organisation_id is not None
        and user.organisation_id != call.school_id
    )


def visible_responses(user: User, call: CooperationCall) -> QuerySet[CallResponse]:
    responses = call.responses.select_related("organisation")
    if can_act_for_school(user, call.school_id) or in_scope(user, call.region):
        return responses
    if user.organisation_id:
        return responses.filter(organisation_id=user.organisation_id)
    return responses.none()


# -- advice --------------------------------------------------------------------------------


def visible_advice(user: User) -> QuerySet[Advice]:
    advice = Advice.objects.select_related("school", "program", "region", "decided_by", "responded_by")
    if user.is_platform_admin:
        return advice
    path = scope_path(user)
    if path:
        return advice.filter(
            Q(school__region__path__startswith=path) | Q(program__isnull=True, region__path__startswith=path)
        )
    if user.role == Role.SCHOOL and user.organisation_id:
        return advice.filter(school_id=user.organisation_id)
    return advice.none()


def can_respond_to_advice(user: User, advice: Advice) -> bool:
    return (
        advice.program_id is not None
        and advice.status != AdviceStatus.DECIDED
        and user.role == Role.SCHOOL
        and user.organisation_id == advice.school_id
    )


def can_decide_advice(user: User, advice: Advice) -> bool:
    if advice.status == AdviceStatus.DECIDED:
        return False
    region = advice.school.region if advice.school_id else advice.region
    return user.is_platform_admin or (user.role == Role.GOVERNMENT and in_scope(user, region))


def access_advice(user: User, pk, *, respond: bool = False, decide: bool = False) -> Advice:
    advice = get_visible(visible_advice(user), pk)
    if respond and not can_respond_to_advice(user, advice):
        raise PermissionDenied("Only the college responds to advice on its program, before the decision.")
    if decide and not can_decide_advice(user, advice):
        raise PermissionDenied("Only an officer in scope decides, once.")
    return advice


def can_refresh_supply_demand(user: User) -> bool:
    return user.is_platform_admin or user.role == Role.GOVERNMENT
