"""An organisation's people, managed by its representatives and its officers (chanjiao.accounts.staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access, staff
from chanjiao.accounts.access import Action
from chanjiao.accounts.forms import InviteForm, RoleForm
from chanjiao.accounts.models import User
from chanjiao.registry.models import Organisation


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


def _keep_errors(form, error: ValidationError) -> None:
    for field, errors in (
        error.error_dict.items() if hasattr(error, "error_dict") else [(None, error.error_list)]
    ):
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
def people(request):
    """The people of the organisations the user manages, and a form to invite one more."""
    access.require_possible(request.user, Action.MANAGE, User)
    organisations = access.visible(request.user, Organisation, Action.MANAGE)
    rows = access.visible(request.user, User).filter(organisation__in=organisations.values("pk"))
    chosen = request.GET.get("organisation", "")
    if chosen:
        rows = rows.filter(organisation=access.pick(organisations, chosen))
    page = Paginator(rows.order_by("organisation__name", "username"), 50).get_page(request.GET.get("page"))
    form = InviteForm(request.POST or None, user=request.user, initial={"organisation": chosen or None})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invited = staff.invite_user(
                    actor=request.user, site_url=_site_url(request), **form.cleaned_data
                )
            except ValidationError as error:
                _keep_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(user)s was added; a link to choose a password was sent to %(email)s.")
                    % {"user": invited, "email": invited.email},
                )
                return redirect(request.get_full_path())
        status = 400
    manageable = access.allowed_ids(request.user, Action.MANAGE, User, [user.pk for user in page])
    return render(
        request,
        "accounts/people.html",
        {
            "page": page,
            "form": form,
            "manageable": manageable,
            "organisations": organisations,
            "chosen": chosen,
        },
        status=status,
    )


@login_required
def person(request, pk):
    """One person: their role, changed by those who manage them."""
    target = access.get(request.user, User, pk)
    may_manage = access.allows(request.user, Action.MANAGE, target)
    form = RoleForm(request.POST or None, user=request.user, person=target) if may_manage else None
    status = 200
    if request.method == "POST":
        access.require(request.user, Action.MANAGE, target)
        if form is not None and form.is_valid():
            try:
                staff.reassign_role(actor=request.user, user=target, role=form.cleaned_data["role"])
            except ValidationError as error:
                _keep_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The role of %(user)s is now %(role)s.")
                    % {"user": target, "role": target.get_role_display()},
                )
                return redirect("accounts:person", pk=target.pk)
        status = 400
    return render(request, "accounts/person.html", {"person": target, "form": form}, status=status)


@login_required
@require_POST
def set_active(request, pk, active: bool):
    """Deactivate or reactivate a person (``active`` comes from the URL)."""
    target = access.get(request.user, User, pk, Action.MANAGE)
    staff.set_active(actor=request.user, user=target, active=active)
    if active:
        messages.success(request, _("%(user)s can sign in again.") % {"user": target})
    else:
        messages.success(request, _("%(user)s can no longer sign in.") % {"user": target})
    return redirect("accounts:person", pk=target.pk)
