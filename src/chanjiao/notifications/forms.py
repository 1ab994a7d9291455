from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.notifications.models import NoticeKind


class PreferencesForm(forms.Form):
    """For each kind: notify me, and also by mail."""

    def __init__(self, *args, current: dict[str, tuple[bool, bool]], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            enabled, email = current.get(kind, (True, True))
            self.fields[f"{kind}"] = forms.BooleanField(label=label, required=False, initial=enabled)
            self.fields[f"{kind}_email"] = forms.BooleanField(
                label=_("also by mail"), required=False, initial=email
            )

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {kind: (data[kind], data[kind] and data[f"{kind}_email"]) for kind in NoticeKind.values}

    def rows(self):
        return [(self[kind], self[f"{kind}_email"]) for kind in NoticeKind.values]
