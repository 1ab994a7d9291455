"""Accounts over the API: one's own password, password reset, an organisation's people, enterprise
sign-up and the officers' decisions on it. The same forms, services and policy as the web pages."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from chanjiao.accounts import access, registration, staff, throttle
from chanjiao.accounts.access import Action
from chanjiao.accounts.forms import (
    EnterpriseSignUpForm,
    InviteForm,
    ResetRequestForm,
    ThrottledPasswordChangeForm,
)
from chanjiao.accounts.models import User
from chanjiao.accounts.views import RESET_SENT
from chanjiao.accounts.views_registration import SIGNED_UP, record_invalid_sign_up, register, sign_up_allowed
from chanjiao.registry.models import Organisation
from chanjiao.web.api_forms import validated
from chanjiao.web.confirm import ConfirmIn, require_confirmed

router = Router(tags=["accounts"])


class Detail(Schema):
    detail: str


class PasswordChangeIn(Schema):
    old_password: str
    new_password: str


class PasswordResetIn(Schema):
    email: str


class PersonOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: str
    organisation_id: int | None
    is_active: bool


class InviteIn(Schema):
    organisation: int
    username: str
    email: str
    role: str
    display_name: str = ""


class PersonPatch(Schema):
    role: str | None = None
    is_active: bool | None = None


class SignUpIn(Schema):
    name: str
    credit_code: str = Field(
        description="统一社会信用代码: 18 characters with the GB 32100-2015 check character"
    )
    region: int = Field(description="division id of the enterprise's region, e.g. 320505")
    size: str
    industry: str
    username: str
    email: str
    password: str
    display_name: str = ""


class RegistrationOut(Schema):
    id: int
    name: str
    credit_code: str | None
    region_id: int
    status: str
    created_at: datetime


class OffboardIn(ConfirmIn):
    reason: str = Field(description="why the organisation leaves the platform (kept in the activity record)")


def _lockout(request) -> tuple[int, Detail]:
    return 429, Detail(detail=throttle.lockout_message())


@router.post("/password", response={200: Detail, 429: Detail})
def change_password(request, payload: PasswordChangeIn):
    """Change one's own password; the current one is checked like a sign-in (throttled)."""
    form = ThrottledPasswordChangeForm(
        request.user,
        {
            "old_password": payload.old_password,
            "new_password1": payload.new_password,
            "new_password2": payload.new_password,
        },
        request=request,
    )
    if not form.is_valid() and getattr(request, "axes_locked_out", False):
        return _lockout(request)
    validated(form)
    form.save()
    if hasattr(request, "session"):
        update_session_auth_hash(request, form.user)  # a browser session stays signed in
    return 200, Detail(detail=str(_("Your password has been changed.")))


@router.post("/password-reset", auth=None, response={202: Detail, 429: Detail})
def request_password_reset(request, payload: PasswordResetIn):
    """Mail a reset link to the accounts with this address; the answer is the same whether or not one exists."""
    form = ResetRequestForm({"email": payload.email})
    validated(form)
    email = form.cleaned_data["email"].lower()
    if not throttle.use_form(request, "reset", email):
        return _lockout(request)
    form.save(
        request=request,
        use_https=request.is_secure(),
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
    )
    return 202, Detail(detail=str(RESET_SENT))


@router.post("/signup", auth=None, response={201: Detail, 429: Detail})
def sign_up(request, payload: SignUpIn):
    """Register an enterprise and its first HR account; it awaits an officer's approval."""
    if not sign_up_allowed(request):
        return _lockout(request)
    data = payload.dict()
    form = EnterpriseSignUpForm({**data, "password1": data["password"], "password2": data["password"]})
    if not form.is_valid():
        record_invalid_sign_up(request)
    register(validated(form))
    return 201, Detail(detail=str(SIGNED_UP))


@router.get("/users", response=list[PersonOut])
def list_people(request, organisation: int | None = None):
    """The people of the organisations the user manages (an organisation's representatives: their
    own; officers: those of their region), at most 500, optionally of one organisation."""
    access.require_possible(request.user, Action.MANAGE, User)
    organisations = access.visible(request.user, Organisation, Action.MANAGE)
    if organisation is not None:
        organisations = organisations.filter(pk=access.pick(organisations, organisation).pk)
    people = access.visible(request.user, User).filter(organisation__in=organisations.values("pk"))
    return people.order_by("organisation_id", "username")[:500]


@router.post("/users", response={201: PersonOut})
def invite(request, payload: InviteIn):
    """Add a person to an organisation; they are mailed a link to choose their password."""
    access.require_possible(request.user, Action.MANAGE, User)
    clean = validated(InviteForm(payload.dict(), user=request.user))
    return 201, staff.invite_user(actor=request.user, site_url=request.build_absolute_uri("/"), **clean)


@router.patch("/users/{user_id}", response=PersonOut)
def change_person(request, user_id: int, payload: PersonPatch):
    """Reassign a person's role and/or deactivate (``is_active: false``) or reactivate them."""
    person = access.get(request.user, User, user_id, Action.MANAGE)
    if payload.role is not None:
        allowed = staff.assignable_roles(request.user, person.organisation) if person.organisation else []
        if payload.role not in allowed:
            raise ValidationError({"role": staff.role_message(person.organisation, allowed)})
        staff.reassign_role(actor=request.user, user=person, role=payload.role)
    if payload.is_active is not None:
        staff.set_active(actor=request.user, user=person, active=payload.is_active)
    person.refresh_from_db()
    return person


@router.get("/registrations", response=list[RegistrationOut])
def list_registrations(request):
    """Enterprises awaiting the approval of an officer of their region."""
    access.require_possible(request.user, Action.DECIDE, Organisation)
    return list(registration.pending_registrations(request.user))


@router.post("/registrations/{org_id}/approve", response=RegistrationOut)
def approve(request, org_id: int):
    organisation = access.get(request.user, Organisation, org_id, Action.DECIDE)
    return registration.decide_registration(actor=request.user, organisation=organisation, approve=True)


@router.post("/registrations/{org_id}/reject", response=RegistrationOut)
def reject(request, org_id: int):
    organisation = access.get(request.user, Organisation, org_id, Action.DECIDE)
    return registration.decide_registration(actor=request.user, organisation=organisation, approve=False)


@router.post("/organisations/{org_id}/offboard", response=RegistrationOut)
def offboard(request, org_id: int, payload: OffboardIn):
    """An officer of its region closes an organisation that leaves the platform: every account of it is
    deactivated (sessions and API tokens stop working); its records stay. Needs ``"confirm": true``."""
    organisation = access.get(request.user, Organisation, org_id, Action.GOVERN)
    if payload.reason.strip():
        require_confirmed(payload.confirm, registration.offboarding_consequences(organisation))
    return registration.offboard(actor=request.user, organisation=organisation, reason=payload.reason)


@router.post("/organisations/{org_id}/reopen", response=RegistrationOut)
def reopen(request, org_id: int):
    """List a closed organisation again (its people are reactivated one by one)."""
    organisation = access.get(request.user, Organisation, org_id, Action.GOVERN)
    return registration.reopen(actor=request.user, organisation=organisation)
