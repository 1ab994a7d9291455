"""An organisation's people: inviting, deactivating, reactivating and re-roling them.

Who may manage whom is the access policy's ``manage`` action on users (an organisation's
representatives manage its other people, officers those of the organisations in their region,
officer and administrator accounts are the administrators'). Every service checks it on the user as
it is before the change and as it would be after it, inside one transaction: nobody leaves a person
in a state they could not have created (a school office cannot make a colleague an officer).
"""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.accounts.models import Role, User
from chanjiao.accounts.services import record_activity
from chanjiao.registry.models import Organisation, OrgKind

ROLES_BY_KIND = {
    OrgKind.SCHOOL: (Role.SCHOOL, Role.TEACHER, Role.STUDENT),
    OrgKind.ENTERPRISE: (Role.ENTERPRISE, Role.TEACHER),
    OrgKind.RESEARCH: (Role.TEACHER,),
    OrgKind.ASSOCIATION: (Role.ASSOCIATION,),
    OrgKind.EVALUATOR: (Role.EVALUATOR,),
    OrgKind.GOVERNMENT: (Role.GOVERNMENT,),
}
"""The roles a person of each kind of organisation may hold: a college has its cooperation office,
teachers and students; an enterprise its HR and mentors."""


def assignable_roles(user: User, organisation: Organisation) -> list[str]:
    """The roles ``user`` may give a person of ``organisation``, as the policy decides."""
    roles = [str(role) for role in ROLES_BY_KIND.get(organisation.kind, ())]
    return [role for role in roles if _may_hold(user, organisation, role)]


def _may_hold(user: User, organisation: Organisation, role: str) -> bool:
    return access.allows_values(
        user,
        Action.MANAGE,
        User,
        pk=0,
        role=role,
        is_superuser=False,
        organisation_id=organisation.pk,
        organisation__region__path=organisation.region.path,
    )


def role_message(organisation: Organisation | None, allowed) -> str:
    """Which roles may be chosen, for a refused one."""
    return _("The people of %(organisation)s may be given these roles here: %(roles)s.") % {
        "organisation": organisation or _("no organisation"),
        "roles": ", ".join(str(Role(role).label) for role in allowed) or "—",
    }


def _check_role(organisation: Organisation | None, role: str) -> None:
    allowed = ROLES_BY_KIND.get(organisation.kind, ()) if organisation else ()
    if role not in allowed:
        raise ValidationError({"role": role_message(organisation, allowed)})


def _require_after(actor: User, user: User) -> None:
    """The change stands only if the actor may manage the user as it now is (else it is undone)."""
    user.refresh_from_db()
    access.require(actor, Action.MANAGE, user)


def mail_set_password_link(*, user: User, site_url: str, template: str) -> None:
    """Mail ``user`` a one-time link to choose a password (Django's password-reset token: it stops
    working once the password is set, or after PASSWORD_RESET_TIMEOUT)."""
    link = site_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": link, "organisation": user.organisation}
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def invite_user(
    *,
    actor: User,
    organisation: Organisation,
    username: str,
    email: str,
    role: str,
    display_name: str = "",
    site_url: str,
) -> User:
    """Add a person to ``organisation`` with no password: they receive a link to choose one."""
    access.require(actor, Action.MANAGE, organisation)
    _check_role(organisation, role)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken; choose another.")})
    user = User(
        username=username, email=email, role=role, organisation=organisation, display_name=display_name
    )
    user.set_unusable_password()
    user.save()
    _require_after(actor, user)
    record_activity(actor=actor, verb="invite_user", target=user, summary=f"{username} {role}")
    transaction.on_commit(lambda: mail_set_password_link(user=user, site_url=site_url, template="invitation"))
    return user


@transaction.atomic
def set_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate (the person can no longer sign in, nor use their API tokens) or reactivate."""
    access.require(actor, Action.MANAGE, user)
    User.objects.filter(pk=user.pk).update(is_active=active)
    _require_after(actor, user)
    record_activity(actor=actor, verb="activate_user" if active else "deactivate_user", target=user)
    return user


@transaction.atomic
def reassign_role(*, actor: User, user: User, role: str) -> User:
    access.require(actor, Action.MANAGE, user)
    _check_role(user.organisation, role)
    previous = user.role
    User.objects.filter(pk=user.pk).update(role=role)
    _require_after(actor, user)
    record_activity(actor=actor, verb="reassign_role", target=user, summary=f"{previous} -> {role}")
    return user
