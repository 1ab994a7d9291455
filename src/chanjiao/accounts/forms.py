"""Account forms: signing in (saying why a throttled sign-in was refused), changing and resetting a
password, inviting and re-roling an organisation's people, and an enterprise's sign-up."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.models import Role, User
from chanjiao.accounts.staff import assignable_roles, role_message
from chanjiao.accounts.throttle import lockout_message
from chanjiao.core.taxonomy import credit_codes
from chanjiao.registry import pickers
from chanjiao.registry.forms import RegionField
from chanjiao.registry.models import EnterpriseSize, Industry, Organisation


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


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Changing one's password: the current password is checked through ``authenticate``, so a
    stolen session cannot guess it faster than the sign-in form allows."""

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if authenticate(self.request, username=self.user.get_username(), password=old_password) is None:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="throttled")
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class ResetRequestForm(PasswordResetForm):
    """A reset link goes to every active account with this address, including one that was invited
    and never chose a password; the page says the same whether or not any exists."""

    def get_users(self, email):
        return User._default_manager.filter(email__iexact=email, is_active=True)


class InviteForm(forms.Form):
    """A new person of an organisation the user manages, with a role the user may give there."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("organisation"), widget=pickers.ORGANISATIONS.widget()
    )
    username = forms.CharField(label=_("username"), max_length=150, validators=[User.username_validator])
    email = forms.EmailField(label=_("e-mail"), help_text=_("The link to choose a password is sent here."))
    display_name = forms.CharField(label=_("display name"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = access.visible(user, Organisation, access.Action.MANAGE)
        self.fields["organisation"].error_messages["invalid_choice"] = _("Choose one you may act for.")

    def clean(self):
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation is not None and role:
            allowed = assignable_roles(self.user, organisation)
            if role not in allowed:
                self.add_error("role", role_message(organisation, allowed))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args, user, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.person = user, person
        allowed = assignable_roles(user, person.organisation) if person.organisation else []
        self.fields["role"].choices = [(role, Role(role).label) for role in allowed]
        self.fields["role"].initial = person.role


class EnterpriseSignUpForm(forms.Form):
    """An enterprise registers itself and its first HR account."""

    name = forms.CharField(label=_("enterprise name"), max_length=120)
    credit_code = forms.CharField(
        label=_("unified social credit code"),
        max_length=18,
        help_text=_("18 characters, as on the business licence."),
    )
    region = RegionField(label=_("region"), help_text=_("Type part of the district's name, e.g. 吴中."))
    size = forms.ChoiceField(label=_("size"), choices=EnterpriseSize.choices)
    industry = forms.ChoiceField(label=_("industry"), choices=Industry.choices)
    display_name = forms.CharField(label=_("your name"), max_length=100, required=False)
    username = forms.CharField(label=_("username"), max_length=150, validators=[User.username_validator])
    email = forms.EmailField(label=_("e-mail"))
    password1 = forms.CharField(label=_("password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("password again"), widget=forms.PasswordInput, strip=False)

    def clean_credit_code(self):
        code = "".join(self.cleaned_data["credit_code"].split()).upper()
        if not credit_codes.is_valid(code):
            raise ValidationError(
                _(
                    "This is not a valid unified social credit code: it has 18 characters and its "
                    "last one is a check character (GB 32100-2015)."
                ),
                code="invalid",
            )
        if Organisation.objects.filter(credit_code=code).exists():
            raise ValidationError(
                _(
                    "An organisation with this credit code is already registered; ask its people to invite you."
                ),
                code="taken",
            )
        return code

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken; choose another."), code="taken")
        return username

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(first, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data
