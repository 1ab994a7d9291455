from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chanjiao.accounts import access, services, throttle
from chanjiao.accounts.forms import ResetRequestForm, SignInForm, ThrottledPasswordChangeForm
from chanjiao.accounts.models import ApiToken, User
from chanjiao.registry.models import Organisation


class ThrottledLoginView(auth_views.LoginView):
    """Signing in; django-axes counts the failures and turns a locked sign-in into a 429
    (chanjiao.accounts.throttle)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = SignInForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
def profile(request):
    new_token = None
    if request.method == "POST":
        try:
            _token, new_token = services.create_api_token(
                user=request.user, name=request.POST.get("name", "")
            )
        except ValueError as error:
            messages.error(request, str(error))
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": request.user.api_tokens.order_by("-created_at"),
            "new_token": new_token,
            "may_manage_people": access.possible(request.user, access.Action.MANAGE, User),
            "may_decide_registrations": access.possible(request.user, access.Action.DECIDE, Organisation),
        },
        status=400 if request.method == "POST" and new_token is None else 200,
    )


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(user=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


class InvalidIs400:
    """A form page answers 400 when what was sent is invalid (the tests and scripts see it)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


class PasswordChange(InvalidIs400, auth_views.PasswordChangeView):
    """Every signed-in user changes their own password; the current one is checked through the
    throttled ``authenticate`` (chanjiao.accounts.forms.ThrottledPasswordChangeForm)."""

    template_name = "web/form.html"
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")
    extra_context = {"cancel_url": reverse_lazy("accounts:profile")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


RESET_SENT = gettext_lazy(
    "If an active account has this e-mail address, a link to choose a new password is on its way. "
    "It works once and for a limited time."
)


class PasswordResetRequest(InvalidIs400, auth_views.PasswordResetView):
    """Asking for a reset link: the same answer whether or not an account has the address, and
    requests are counted per address and e-mail like failed sign-ins (chanjiao.accounts.throttle)."""

    template_name = "web/form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"cancel_url": reverse_lazy("accounts:login")}

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        if not throttle.use_form(self.request, "reset", email):
            form.add_error(None, throttle.lockout_message())
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "web/message.html"
    extra_context = {"message": RESET_SENT}


class PasswordResetConfirm(InvalidIs400, auth_views.PasswordResetConfirmView):
    """Choosing a password from a mailed link (a reset, or an invitation to a new account)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.validlink:
            response.status_code = 400
        return response


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "web/message.html"
    extra_context = {"message": gettext_lazy("Your password is set. You can sign in with it now.")}
