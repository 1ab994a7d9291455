"""Enterprise sign-up (public) and the officers' decisions on it (chanjiao.accounts.registration)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chanjiao.accounts import access, registration, throttle
from chanjiao.accounts.access import Action
from chanjiao.accounts.addresses import client_address
from chanjiao.accounts.forms import EnterpriseSignUpForm
from chanjiao.registry.models import Organisation
from chanjiao.web.confirm import confirmation_page, confirmed

SIGNED_UP = gettext_lazy(
    "Your enterprise is registered and awaits the approval of an officer of its region. You can sign "
    "in now; publishing postings and needs opens once it is approved."
)


def sign_up_allowed(request) -> bool:
    """Invalid sign-ups count like failed sign-ins from the address (probing which usernames or
    credit codes exist is stopped by the same limits)."""
    return throttle.form_allowed(request, "signup", client_address(request) or "unknown")


def record_invalid_sign_up(request) -> None:
    throttle.record_form_use(request, "signup", client_address(request) or "unknown")


def register(data: dict) -> None:
    """Register from the sign-up form's cleaned data (the web page and the API)."""
    registration.register_enterprise(
        name=data["name"],
        credit_code=data["credit_code"],
        region_id=data["region"].pk,
        size=data["size"],
        industry=data["industry"],
        username=data["username"],
        email=data["email"],
        password=data["password1"],
        display_name=data["display_name"],
    )


def sign_up(request):
    form = EnterpriseSignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not sign_up_allowed(request):
            form.is_valid()
            form.add_error(None, throttle.lockout_message())
            status = 429
        elif form.is_valid():
            register(form.cleaned_data)
            return render(request, "web/message.html", {"title": _("Registered"), "message": SIGNED_UP})
        else:
            record_invalid_sign_up(request)
            status = 400
    return render(
        request,
        "web/form.html",
        {"form": form, "title": _("Register your enterprise"), "cancel_url": "/"},
        status=status,
    )


@login_required
def registrations(request):
    access.require_possible(request.user, Action.DECIDE, Organisation)
    pending = registration.pending_registrations(request.user).select_related("region")
    return render(request, "accounts/registrations.html", {"pending": pending})


@login_required
@require_POST
def decide(request, pk, approve: bool):
    """Approve or reject a pending registration (``approve`` comes from the URL)."""
    organisation = access.get(request.user, Organisation, pk, Action.DECIDE)
    registration.decide_registration(actor=request.user, organisation=organisation, approve=approve)
    if approve:
        messages.success(request, _("%(organisation)s is approved.") % {"organisation": organisation})
    else:
        messages.success(request, _("%(organisation)s is rejected.") % {"organisation": organisation})
    return redirect("accounts:registrations")


@login_required
@require_POST
def offboard(request, pk):
    """Close an organisation that leaves the platform, after the confirmation page."""
    organisation = access.get(request.user, Organisation, pk, Action.GOVERN)
    back = reverse("registry:organisation", args=[organisation.pk])
    reason = request.POST.get("reason", "")
    if reason.strip() and not confirmed(request):
        consequences = registration.offboarding_consequences(organisation)
        return confirmation_page(request, consequences, cancel_url=back)
    try:
        registration.offboard(actor=request.user, organisation=organisation, reason=reason)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(organisation)s has left the platform.") % {"organisation": organisation}
        )
    return redirect(back)


@login_required
@require_POST
def reopen(request, pk):
    organisation = access.get(request.user, Organisation, pk, Action.GOVERN)
    try:
        registration.reopen(actor=request.user, organisation=organisation)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(organisation)s is listed again; reactivate its people on its People page.")
            % {"organisation": organisation},
        )
    return redirect("registry:organisation", pk=organisation.pk)
