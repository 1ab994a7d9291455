"""Validation shared by the web forms, the API and the Excel import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.docking.models import (
    AdviceDecision,
    ConsortiumProduct,
    Posting,
    PostingStatus,
    ResponsePosition,
    TechnicalNeed,
)
from chanjiao.registry import pickers
from chanjiao.registry.forms import ListField, RegionField
from chanjiao.registry.models import Carrier, Occupation, Organisation, Teacher
from chanjiao.web.pickers import PickManyField

MAX_SALARY = 1_000_000


class OccupationCodeField(forms.ModelChoiceField):
    """A CSCO 2022 occupation picked by name or code; the form submits its code (6-18-01-01)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("CSCO 2022 code"))
        super().__init__(
            queryset=Occupation.objects.all(),
            to_field_name="code",
            widget=pickers.OCCUPATIONS.widget(),
            **kwargs,
        )
        self.error_messages["invalid_choice"] = _("Unknown CSCO code; codes look like 6-18-01-01.")


class ConsortiumListMixin:
    """`carrier` may only name a consortium the chosen organisation belongs to."""

    owner_field = "enterprise"

    def clean_consortium_membership(self, data):
        carrier, owner = data.get("carrier"), data.get(self.owner_field)
        if carrier and owner and not carrier.memberships.filter(organisation=owner).exists():
            self.add_error(
                "carrier",
                _("%(owner)s is not a member of %(carrier)s.") % {"owner": owner, "carrier": carrier},
            )


class PostingForm(ConsortiumListMixin, forms.ModelForm):
    region = RegionField(label=_("region"))
    skills = ListField(required=False, label=_("required skills"))
    certificates = ListField(required=False, label=_("required certificates"))

    class Meta:
        model = Posting
        fields = [
            "enterprise",
            "kind",
            "title",
            "description",
            "skills",
            "certificates",
            "seats",
            "region",
            "salary_min",
            "salary_max",
            "start_date",
            "carrier",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "enterprise": pickers.ENTERPRISES.widget(),
        }

    def __init__(self, *args, enterprises=None, consortia=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].error_messages["invalid_choice"] = _(
                "Unknown enterprise, or one you may not post for."
            )
        self.fields["carrier"].queryset = consortia if consortia is not None else Carrier.objects.none()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the posting a title, e.g. 数控车工."))
        return title

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        for field in ("salary_min", "salary_max"):
            if data.get(field) is not None and data[field] > MAX_SALARY:
                self.add_error(field, _("A monthly salary above 1,000,000 yuan is surely a typo."))
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The upper end of the salary range is below the lower end."))
        self.clean_consortium_membership(data)
        return data


class PostingStatusForm(forms.Form):
    status = forms.ChoiceField(choices=PostingStatus.choices, label=_("status"))


class PostingCodeForm(forms.Form):
    occupation = OccupationCodeField()


class NeedForm(ConsortiumListMixin, forms.ModelForm):
    region = RegionField(label=_("region"))

    class Meta:
        model = TechnicalNeed
        fields = [
            "enterprise",
            "title",
            "description",
            "field",
            "industry",
            "budget",
            "region",
            "deadline",
            "carrier",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "enterprise": pickers.ENTERPRISES.widget(),
        }

    def __init__(self, *args, enterprises=None, consortia=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
        self.fields["carrier"].queryset = consortia if consortia is not None else Carrier.objects.none()

    def clean(self):
        data = super().clean()
        budget = data.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("A budget cannot be negative."))
        self.clean_consortium_membership(data)
        return data


class NeedStepForm(forms.Form):
    """Moving a need on: start, solve (with the outcome), abandon (with the reason), reopen."""

    status = forms.ChoiceField(
        choices=[
            ("in_progress", _("In progress")),
            ("solved", _("Solved")),
            ("abandoned", _("Abandoned")),
            ("open", _("Open")),
        ],
        label=_("status"),
    )
    outcome = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("outcome"))

    def clean(self):
        data = super().clean()
        if data.get("status") in {"solved", "abandoned"} and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("Say what was delivered, or why the need was abandoned."))
        return data


class MatchExpertsForm(forms.Form):
    experts = PickManyField(
        queryset=Teacher.objects.all(),
        picker=pickers.TEACHERS,
        label=_("experts"),
        error_messages={
            "required": _("Choose at least one expert."),
            "invalid_pk_value": _("Give teacher ids as whole numbers, e.g. 12, 40."),
            "invalid_choice": _("No teacher with id %(value)s."),
        },
    )


class ProductForm(forms.ModelForm):
    class Meta:
        model = ConsortiumProduct
        fields = ["name", "producer", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "producer": pickers.ORGANISATIONS.widget(),
        }

    def __init__(self, *args, consortium=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consortium is not None:
            self.fields["producer"].queryset = Organisation.objects.filter(
                carrier_memberships__carrier=consortium
            )
            self.fields["producer"].error_messages["invalid_choice"] = _(
                "The producer must be a member of the consortium."
            )
        self.consortium = consortium

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if (
            self.consortium
            and ConsortiumProduct.objects.filter(consortium=self.consortium, name=name).exists()
        ):
            raise forms.ValidationError(_("This product is already on the list."))
        return name


class AdviceResponseForm(forms.Form):
    response_position = forms.ChoiceField(choices=ResponsePosition.choices, label=_("position"))
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("college response"))


class AdviceDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=AdviceDecision.choices, label=_("decision"))
    decision_note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("decision note"))
