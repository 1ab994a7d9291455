"""Who sees and runs questionnaires (built on the one gate, chanjiao.accounts.legacy_access).

- The owner organisation's users (an education bureau, a school, an association or an evaluation
  agency) design, distribute and analyse their questionnaires and see every response.
- Officers also see, without changing, questionnaires owned by organisations in their region.
- Platform administrators see and change everything.
- Nobody else sees a questionnaire or its responses: enterprises, teachers and students answer
  through their invitation link, which shows only their own form.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from chanjiao.accounts.legacy_access import get_visible, in_scope, is_own_org, scope_path
from chanjiao.accounts.models import Role, User
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, OrgKind
from chanjiao.surveys.models import Analysis, Construct, Invitation, Item, Questionnaire, Response

OWNER_ROLES = {Role.GOVERNMENT, Role.SCHOOL, Role.ASSOCIATION, Role.EVALUATOR}
OWNER_KINDS = [OrgKind.GOVERNMENT, OrgKind.SCHOOL, OrgKind.ASSOCIATION, OrgKind.EVALUATOR]


def visible_questionnaires(user: User) -> QuerySet[Questionnaire]:
    questionnaires = Questionnaire.objects.select_related("owner", "owner__region")
    if user.is_platform_admin:
        return questionnaires
    condition = Q(pk__in=[])
    path = scope_path(user)
    if path:
        condition |= Q(owner__region__path__startswith=path)
    if user.organisation_id and user.role in OWNER_ROLES:
        condition |= Q(owner_id=user.organisation_id)
    return questionnaires.filter(condition)


def can_manage(user: User, questionnaire: Questionnaire) -> bool:
    return user.is_platform_admin or (user.role in OWNER_ROLES and is_own_org(user, questionnaire.owner))


def can_create_questionnaire(user: User) -> bool:
    return user.is_platform_admin or (user.role in OWNER_ROLES and user.organisation_id is not None)


def owners_user_can_name(user: User) -> QuerySet[Organisation]:
    """Organisations a user may make a questionnaire's owner: an admin any eligible one, others their own."""
    owners = Organisation.objects.filter(kind__in=OWNER_KINDS)
    if user.is_platform_admin:
        return owners
    if can_create_questionnaire(user):
        return Organisation.objects.filter(pk=user.organisation_id)
    return owners.none()


def access_questionnaire(user: User, pk, *, manage: bool = False) -> Questionnaire:
    questionnaire = get_visible(visible_questionnaires(user), pk)
    if manage and not can_manage(user, questionnaire):
        raise PermissionDenied("Only the owner's users may change this questionnaire.")
    return questionnaire


def _part(user: User, queryset: QuerySet, pk, manage: bool):
    part = get_visible(queryset.select_related("questionnaire", "questionnaire__owner"), pk)
    access_questionnaire(user, part.questionnaire_id, manage=manage)
    return part


def access_construct(user: User, pk, *, manage: bool = False) -> Construct:
    return _part(user, Construct.objects.all(), pk, manage)


def access_item(user: User, pk, *, manage: bool = False) -> Item:
    return _part(user, Item.objects.all(), pk, manage)


def access_invitation(user: User, pk, *, manage: bool = False) -> Invitation:
    return _part(user, Invitation.objects.select_related("organisation", "carrier"), pk, manage)


def access_response(user: User, pk) -> Response:
    return _part(user, Response.objects.select_related("organisation", "carrier", "invitation"), pk, False)


def access_analysis(user: User, pk, *, manage: bool = False) -> Analysis:
    return _part(user, Analysis.objects.select_related("job"), pk, manage)


# -- whom a questionnaire may be sent to ---------------------------------------------------


def _within_own_region(user: User) -> bool:
    """Associations and evaluation agencies survey across their own region, as third parties."""
    return user.role in {Role.ASSOCIATION, Role.EVALUATOR} and user.organisation_id is not None


def organisations_user_can_survey(user: User) -> QuerySet[Organisation]:
    """Organisations whose people an owner may invite (their answers count towards that
    organisation's satisfaction): officers' region, a third party's region, otherwise the user's
    own organisation and its cooperation partners (members of the same carriers)."""
    organisations = Organisation.objects.select_related("region")
    if user.is_platform_admin:
        return organisations
    path = scope_path(user)
    if path:
        return organisations.filter(region__path__startswith=path)
    if not user.organisation_id or user.role not in OWNER_ROLES:
        return organisations.none()
    if _within_own_region(user):
        return organisations.filter(region__path__startswith=user.organisation.region.path)
    own_carriers = CarrierMember.objects.filter(organisation_id=user.organisation_id).values("carrier_id")
    partners = CarrierMember.objects.filter(carrier_id__in=own_carriers).values("organisation_id")
    return organisations.filter(Q(pk=user.organisation_id) | Q(pk__in=partners))


def carriers_user_can_survey(user: User) -> QuerySet[Carrier]:
    carriers = Carrier.objects.select_related("region", "lead")
    if user.is_platform_admin:
        return carriers
    path = scope_path(user)
    if path:
        return carriers.filter(region__path__startswith=path)
    if not user.organisation_id or user.role not in OWNER_ROLES:
        return carriers.none()
    if _within_own_region(user):
        return carriers.filter(region__path__startswith=user.organisation.region.path)
    return carriers.filter(members=user.organisation_id)


# -- satisfaction of an organisation or a carrier ------------------------------------------


def can_view_satisfaction(user: User, unit: Organisation | Carrier) -> bool:
    """An organisation's or carrier's satisfaction score: officers in scope, the organisation's
    own users (a carrier's member organisations), evaluation agencies and administrators."""
    if user.is_platform_admin or user.role == Role.EVALUATOR or in_scope(user, unit.region):
        return True
    if isinstance(unit, Carrier):
        return unit.memberships.filter(organisation_id=user.organisation_id).exists()
    return is_own_org(user, unit)
