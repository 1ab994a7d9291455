"""Who sees and changes credit records, built on the platform's one gate (accounts.access).

- An enterprise's credit file (ratings, incentives, notices, contributions, insurance, incidents,
  applications, equity) is seen by the enterprise's own users, officers whose region contains
  the enterprise, and platform administrators; by nobody else (404).
- Officers in scope record incidents, decide appeals and one-window reviews, reassess and edit
  their region's policy; the enterprise records its own contributions, insurance and equity,
  appeals its own notices and applies through the one window (403 for others who can see).
- A school sees contributions it received and incidents where it is the counterparty.
- Benefit-sharing tables are seen by the parties and officers in scope of any party.
- Policies are public rules: every signed-in user reads them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from chanjiao.accounts.legacy_access import get_visible, in_scope, is_own_org, scope_path
from chanjiao.accounts.models import Role, User
from chanjiao.credit.models import (
    Application,
    BenefitSharing,
    Contribution,
    CreditAssessment,
    EquityStake,
    ExitNotice,
    Incident,
    InsuranceCover,
)
from chanjiao.registry.models import Organisation, OrgKind, Region

REPRESENTATIVE_ROLES = {Role.SCHOOL, Role.ENTERPRISE, Role.GOVERNMENT, Role.ASSOCIATION, Role.EVALUATOR}
"""Roles that act for their organisation (students and teachers belong to one but do not)."""


def acts_for(user: User, organisation: Organisation) -> bool:
    return is_own_org(user, organisation) and user.role in REPRESENTATIVE_ROLES


def is_officer(user: User) -> bool:
    return user.is_platform_admin or scope_path(user) is not None


def _scoped(queryset: QuerySet, user: User, path_field: str, own: Q) -> QuerySet:
    """Everything for admins; the region for officers; ``own`` for everyone else."""
    if user.is_platform_admin:
        return queryset
    path = scope_path(user)
    if path:
        return queryset.filter(**{f"{path_field}__startswith": path})
    return queryset.filter(own)


def _own_enterprise(user: User, field: str = "enterprise_id") -> Q:
    if user.role == Role.ENTERPRISE and user.organisation_id:
        return Q(**{field: user.organisation_id})
    return Q(pk__in=[])


# -- the credit file -------------------------------------------------------------------------


def can_view_credit_file(user: User, enterprise: Organisation) -> bool:
    return in_scope(user, enterprise.region) or (
        user.role == Role.ENTERPRISE and is_own_org(user, enterprise)
    )


def access_enterprise(user: User, pk, *, manage: bool = False) -> Organisation:
    """An enterprise whose credit file the user may see; ``manage``: only officers in scope."""
    enterprise = get_visible(
        Organisation.objects.select_related("region").filter(kind=OrgKind.ENTERPRISE), pk
    )
    if not can_view_credit_file(user, enterprise):
        raise Http404(f"No credit file with id {pk} is visible to you.")
    if manage and not in_scope(user, enterprise.region):
        raise PermissionDenied("Only officers of the enterprise's region may do this.")
    return enterprise


def enterprises_user_can_record_for(user: User) -> QuerySet[Organisation]:
    """Enterprises whose contributions, insurance and equity a user records."""
    return _scoped(
        Organisation.objects.filter(kind=OrgKind.ENTERPRISE),
        user,
        "region__path",
        _own_enterprise(user, "pk"),
    )


def visible_assessments(user: User) -> QuerySet[CreditAssessment]:
    assessments = CreditAssessment.objects.select_related("enterprise", "enterprise__region", "policy")
    return _scoped(assessments, user, "enterprise__region__path", _own_enterprise(user))


def access_assessment(user: User, pk) -> CreditAssessment:
    return get_visible(visible_assessments(user), pk)


def access_notice(user: User, pk) -> ExitNotice:
    notice = get_visible(
        ExitNotice.objects.select_related("enterprise", "enterprise__region", "assessment"), pk
    )
    if not can_view_credit_file(user, notice.enterprise):
        raise Http404(f"No notice with id {pk} is visible to you.")
    return notice


def can_appeal(user: User, notice: ExitNotice) -> bool:
    return user.role == Role.ENTERPRISE and is_own_org(user, notice.enterprise)


def can_decide(user: User, enterprise: Organisation) -> bool:
    return in_scope(user, enterprise.region)


# -- records ---------------------------------------------------------------------------------


def visible_contributions(user: User) -> QuerySet[Contribution]:
    own = _own_enterprise(user)
    if user.organisation_id and user.role in REPRESENTATIVE_ROLES:
        own |= Q(recipient_id=user.organisation_id)
    contributions = Contribution.objects.select_related("enterprise", "recipient", "carrier")
    return _scoped(contributions, user, "enterprise__region__path", own)


def access_contribution(user: User, pk) -> Contribution:
    return get_visible(visible_contributions(user), pk)


def visible_covers(user: User) -> QuerySet[InsuranceCover]:
    covers = InsuranceCover.objects.select_related("enterprise", "enterprise__region")
    return _scoped(covers, user, "enterprise__region__path", _own_enterprise(user))


def access_cover(user: User, pk, *, edit: bool = False) -> InsuranceCover:
    cover = get_visible(visible_covers(user), pk)
    if edit and not enterprises_user_can_record_for(user).filter(pk=cover.enterprise_id).exists():
        raise PermissionDenied("Only the insured enterprise and officers in scope record claims.")
    return cover


def visible_incidents(user: User) -> QuerySet[Incident]:
    own = _own_enterprise(user)
    if user.organisation_id and user.role in REPRESENTATIVE_ROLES:
        own |= Q(counterparty_id=user.organisation_id)
    incidents = Incident.objects.select_related("enterprise", "counterparty", "agreement")
    return _scoped(incidents, user, "enterprise__region__path", own)


def enterprises_user_can_find_against(user: User) -> QuerySet[Organisation]:
    """Enterprises an officer records disputes and breaches of: those in the officer's region."""
    if not is_officer(user):
        return Organisation.objects.none()
    return _scoped(Organisation.objects.filter(kind=OrgKind.ENTERPRISE), user, "region__path", Q(pk__in=[]))


# -- one window, equity, benefit sharing -----------------------------------------------------


def applicant(user: User) -> Organisation | None:
    """The enterprise a user applies for through the one window (its own), or None."""
    if user.role == Role.ENTERPRISE and user.organisation_id and user.organisation.kind == OrgKind.ENTERPRISE:
        return user.organisation
    return None


def visible_applications(user: User) -> QuerySet[Application]:
    applications = Application.objects.select_related("enterprise", "policy")
    return _scoped(applications, user, "enterprise__region__path", _own_enterprise(user))


def access_application(user: User, pk, *, review: bool = False) -> Application:
    application = get_visible(visible_applications(user), pk)
    if review and not in_scope(user, application.enterprise.region):
        raise PermissionDenied("Only officers of the enterprise's region review applications.")
    return application


def visible_stakes(user: User) -> QuerySet[EquityStake]:
    stakes = EquityStake.objects.select_related("enterprise", "carrier")
    return _scoped(stakes, user, "enterprise__region__path", _own_enterprise(user))


def access_stake(user: User, pk, *, edit: bool = False) -> EquityStake:
    stake = get_visible(visible_stakes(user), pk)
    if edit and not enterprises_user_can_record_for(user).filter(pk=stake.enterprise_id).exists():
        raise PermissionDenied("Only the enterprise and officers in scope change this stake.")
    return stake


def visible_sharings(user: User) -> QuerySet[BenefitSharing]:
    sharings = BenefitSharing.objects.all()
    if user.is_platform_admin:
        return sharings
    path = scope_path(user)
    if path:
        return sharings.filter(parties__organisation__region__path__startswith=path).distinct()
    if user.organisation_id and user.role in REPRESENTATIVE_ROLES:
        return sharings.filter(parties__organisation_id=user.organisation_id).distinct()
    return sharings.none()


def access_sharing(user: User, pk) -> BenefitSharing:
    return get_visible(visible_sharings(user), pk)


# -- policy ------------------------------------------------------------------------------------


def can_edit_policy(user: User, region: Region) -> bool:
    return in_scope(user, region)
