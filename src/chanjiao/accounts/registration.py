"""An organisation's membership of the platform.

Enterprise self-registration: an enterprise signs up with its unified social credit code and its
first HR account; it is pending until an officer of its region approves it (the access policy then
lets it post), or rejected (its accounts are deactivated). Offboarding: an officer of its region
closes an organisation that leaves the platform (its accounts are deactivated, so their sessions and
API tokens stop working; its records stay for the history and the record log), and may reopen it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.accounts.models import Role, User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Organisation, OrgKind, OrgStatus
from chanjiao.registry.services import create_record
from chanjiao.web.confirm import Consequences


@transaction.atomic
def register_enterprise(
    *,
    name: str,
    credit_code: str,
    region_id: int,
    size: str,
    industry: str,
    username: str,
    email: str,
    password: str,
    display_name: str = "",
) -> User:
    """Create the pending enterprise and its HR account; the data has been validated by the form."""
    enterprise = create_record(
        actor=None,
        model=Organisation,
        data={
            "kind": OrgKind.ENTERPRISE,
            "status": OrgStatus.PENDING,
            "name": name,
            "credit_code": credit_code,
            "region_id": region_id,
            "size": size,
            "industry": industry,
        },
    )
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        role=Role.ENTERPRISE,
        organisation=enterprise,
        display_name=display_name,
    )
    record_activity(actor=user, verb="register_enterprise", target=enterprise, summary=name)
    return user


def pending_registrations(user: User):
    """The registrations ``user`` may decide on (an officer: those of its region), oldest first."""
    return access.visible(user, Organisation, Action.DECIDE).order_by("created_at", "pk")


@transaction.atomic
def decide_registration(*, actor: User, organisation: Organisation, approve: bool) -> Organisation:
    access.require(actor, Action.DECIDE, organisation)
    organisation.status = OrgStatus.ACTIVE if approve else OrgStatus.REJECTED
    organisation.save(update_fields=["status", "updated_at"])
    if not approve:
        organisation.users.update(is_active=False)
    record_activity(
        actor=actor, verb="approve_registration" if approve else "reject_registration", target=organisation
    )
    return organisation


def offboarding_consequences(organisation: Organisation) -> Consequences:
    accounts = organisation.users.filter(is_active=True).count()
    return Consequences(
        title=_("%(organisation)s leaves the platform") % {"organisation": organisation},
        effects=[
            _(
                "Every account of the organisation is deactivated: its people can no longer sign in and "
                "its API tokens stop working."
            ),
            _("It is no longer listed; its records, placements and evaluations stay for the history."),
        ],
        facts=[(_("accounts deactivated"), f"{accounts:,}")],
        button=_("Offboard"),
    )


@transaction.atomic
def offboard(*, actor: User, organisation: Organisation, reason: str) -> Organisation:
    """Close an organisation that leaves the platform and deactivate its accounts."""
    access.require(actor, Action.GOVERN, organisation)
    if organisation.status == OrgStatus.CLOSED:
        raise ValueError(
            _("%(organisation)s has already left the platform.") % {"organisation": organisation}
        )
    if not reason.strip():
        raise ValueError(_("Say why the organisation leaves the platform."))
    organisation.status = OrgStatus.CLOSED
    organisation.save(update_fields=["status", "updated_at"])
    organisation.users.update(is_active=False)
    record_activity(
        actor=actor, verb="offboard_organisation", target=organisation, summary=reason.strip()[:300]
    )
    return organisation


@transaction.atomic
def reopen(*, actor: User, organisation: Organisation) -> Organisation:
    """List a closed organisation again; its people are reactivated one by one on its People page."""
    access.require(actor, Action.GOVERN, organisation)
    if organisation.status != OrgStatus.CLOSED:
        raise ValueError(_("%(organisation)s has not left the platform.") % {"organisation": organisation})
    organisation.status = OrgStatus.ACTIVE
    organisation.save(update_fields=["status", "updated_at"])
    record_activity(actor=actor, verb="reopen_organisation", target=organisation)
    return organisation
