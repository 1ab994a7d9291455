"""Enterprise self-registration: an enterprise signs up with its unified social credit code and its
first HR account; it is pending until an officer of its region approves it (the access policy then
lets it post), or rejected (its accounts are deactivated)."""

from __future__ import annotations

from django.db import transaction

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.accounts.models import Role, User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Organisation, OrgKind, OrgStatus
from chanjiao.registry.services import create_record


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
