"""Sign-in forms that say why a throttled sign-in was refused (chanjiao.accounts.throttle)."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from chanjiao.accounts.throttle import lockout_message


class ThrottledFormMixin:
    """When django-axes refused or has just locked the sign-in, the form says so instead of
    "wrong password": the person learns to wait, and a guesser learns nothing about the password."""

    request = None

    def clean(self):
        try:
            return super().clean()  # type: ignore[misc]
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="throttled") from None
            raise


class SignInForm(ThrottledFormMixin, AuthenticationForm):
    pass


class AdminSignInForm(ThrottledFormMixin, AdminAuthenticationForm):
    pass
