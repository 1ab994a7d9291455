"""Forms for agreements (built from the policy's mandatory clauses) and council business."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.core.credit import Policy
from chanjiao.governance.models import AgreementKind, Meeting, Motion, VoteChoice
from chanjiao.registry import pickers
from chanjiao.registry.models import Carrier, Organisation
from chanjiao.web.pickers import PickManyField

CLAUSE_PREFIX = "clause_"


class ClausesMixin(forms.Form):
    """One required text field per clause the policy makes mandatory (``clause_<key>``)."""

    def add_clause_fields(self, policy: Policy, current: dict[str, str] | None = None) -> None:
        for key, title in policy.agreements.mandatory_clauses:
            self.fields[CLAUSE_PREFIX + key] = forms.CharField(
                label=title,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=(current or {}).get(key, ""),
                error_messages={"required": _("This mandatory clause cannot be left empty.")},
            )

    def clean(self):
        """Gathers the clause fields into ``cleaned_data["clauses"]`` (key → text)."""
        data = super().clean()
        for name, value in list(data.items()):
            if name.startswith(CLAUSE_PREFIX) and not (value or "").strip():
                self.add_error(name, _("This mandatory clause cannot be left empty."))
        data["clauses"] = {
            name.removeprefix(CLAUSE_PREFIX): (value or "").strip()
            for name, value in data.items()
            if name.startswith(CLAUSE_PREFIX)
        }
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class AgreementForm(ClausesMixin):
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=AgreementKind.choices)
    parties = PickManyField(
        queryset=Organisation.objects.all(),
        picker=pickers.ORGANISATIONS,
        label=_("other parties"),
        help_text=_("Your organisation is a party too."),
        error_messages={
            "invalid_pk_value": _("Give organisation ids separated by commas, e.g. 12, 40."),
            "invalid_choice": _("Unknown organisation id(s): %(value)s."),
        },
    )
    carrier = forms.ModelChoiceField(
        queryset=Carrier.objects.all(), required=False, widget=pickers.CARRIERS.widget(), label=_("carrier")
    )
    starts_on = forms.DateField(label=_("starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    other_terms = forms.CharField(
        label=_("other terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, policy: Policy, own_organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_organisation = own_organisation
        self.add_clause_fields(policy)

    def clean_parties(self):
        parties = [p for p in self.cleaned_data["parties"] if p.pk != self.own_organisation.pk]
        if not parties:
            raise forms.ValidationError(_("Name at least one other party."))
        return parties


class AmendmentForm(ClausesMixin):
    renewal = forms.BooleanField(label=_("this amendment renews the agreement"), required=False)
    starts_on = forms.DateField(label=_("starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    other_terms = forms.CharField(
        label=_("other terms"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(label=_("what changed"), max_length=300)

    def __init__(self, *args, policy: Policy, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_clause_fields(policy, current)


class ExitForm(forms.Form):
    exited_on = forms.DateField(label=_("exit date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("reason, under the exit clause"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CouncilForm(forms.Form):
    carrier = forms.ModelChoiceField(
        queryset=Carrier.objects.all(), widget=pickers.CARRIERS.widget(), label=_("carrier")
    )
    name = forms.CharField(label=_("name"), max_length=150)
    established_on = forms.DateField(
        label=_("established on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].error_messages["invalid_choice"] = _("Unknown carrier id.")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "held_on", "location", "agenda"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class MotionForm(forms.ModelForm):
    class Meta:
        model = Motion
        fields = ["kind", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)
