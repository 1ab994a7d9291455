from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import services, throttle
from chanjiao.accounts.models import ApiToken


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


class ThrottledLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_locked(username, _address(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed sign-ins. Wait 15 minutes and try again."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_failure(self.request.POST.get("username", ""), _address(self.request))
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        throttle.clear(form.get_user().get_username(), _address(self.request))
        return super().form_valid(form)


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
        {"tokens": request.user.api_tokens.order_by("-created_at"), "new_token": new_token},
        status=400 if request.method == "POST" and new_token is None else 200,
    )


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(user=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")
