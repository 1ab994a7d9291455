from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import services
from chanjiao.accounts.forms import SignInForm
from chanjiao.accounts.models import ApiToken


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
