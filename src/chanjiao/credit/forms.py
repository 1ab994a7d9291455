"""Forms for the policy, records, exit appeals and one-window applications (web and API)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.core.credit import Policy
from chanjiao.credit.forms_base import OrganisationIdField, PrettyJSONField
from chanjiao.credit.models import (
    Application,
    Contribution,
    Department,
    Incident,
    InsuranceClaim,
    InsuranceCover,
    ReviewDecision,
)
from chanjiao.governance.pickers import AGREEMENTS
from chanjiao.registry import pickers
from chanjiao.registry.models import Carrier


class PolicyForm(forms.Form):
    settings = PrettyJSONField(
        label=_("policy settings (JSON)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        required=False,
        help_text=_("Settings left out keep their national default; version and region are set for you."),
    )
    finance_tier = forms.CharField(label=_("local finance tier"), max_length=40)
    note = forms.CharField(label=_("what changed"), max_length=300)
    recompute = forms.BooleanField(
        label=_("recompute every rating and incentive in the region now"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if "settings" in self.errors:
            return data
        settings = data.get("settings") or {}
        if not isinstance(settings, dict):
            self.add_error("settings", _("The settings must be a JSON object."))
            return data
        settings = {k: v for k, v in settings.items() if k not in ("version", "region")}
        try:
            policy = Policy.from_dict(settings)
        except ValueError as error:
            self.add_error("settings", str(error))
            return data
        data["settings"] = settings
        tier = data.get("finance_tier")
        if tier:
            try:
                policy.insurance.tier_rate(tier)
            except ValueError as error:
                self.add_error("finance_tier", str(error))
        return data


class ContributionForm(forms.ModelForm):
    enterprise = OrganisationIdField(label=_("enterprise"), picker=pickers.ENTERPRISES)
    recipient = OrganisationIdField(label=_("recipient"), required=False)
    carrier = forms.ModelChoiceField(
        queryset=Carrier.objects.all(), required=False, widget=pickers.CARRIERS.widget(), label=_("carrier")
    )

    class Meta:
        model = Contribution
        fields = [
            "enterprise",
            "kind",
            "description",
            "recipient",
            "carrier",
            "contributed_on",
            "appraised_value",
            "appraiser",
            "appraisal_reference",
        ]
        widgets = {"contributed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].error_messages["invalid_choice"] = _(
                "Unknown enterprise, or not one you may record for."
            )

    def clean(self):
        data = super().clean()
        enterprise, appraiser = data.get("enterprise"), (data.get("appraiser") or "").strip()
        if enterprise and appraiser and appraiser.casefold() == enterprise.name.strip().casefold():
            self.add_error(
                "appraiser", _("The value must be appraised by a third party, not the enterprise itself.")
            )
        if enterprise and data.get("recipient") == enterprise:
            self.add_error("recipient", _("An enterprise does not contribute to itself."))
        return data


class InsuranceCoverForm(forms.ModelForm):
    enterprise = OrganisationIdField(label=_("enterprise"), picker=pickers.ENTERPRISES)

    class Meta:
        model = InsuranceCover
        fields = ["enterprise", "year", "insurer", "policy_number", "premium", "insured_people"]

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].error_messages["invalid_choice"] = _(
                "Unknown enterprise, or not one you may record for."
            )

    def clean(self):
        data = super().clean()
        enterprise, year = data.get("enterprise"), data.get("year")
        if enterprise and year and InsuranceCover.objects.filter(enterprise=enterprise, year=year).exists():
            self.add_error("year", _("The enterprise already has a cover for this year."))
        return data


class InsuranceClaimForm(forms.ModelForm):
    class Meta:
        model = InsuranceClaim
        fields = ["occurred_on", "description", "paid"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, cover=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cover = cover

    def clean_occurred_on(self):
        occurred = self.cleaned_data["occurred_on"]
        if self.cover is not None and occurred.year != self.cover.year:
            raise forms.ValidationError(
                _("The cover is for %(year)s; a claim under it occurred in that year.")
                % {"year": self.cover.year}
            )
        return occurred


class IncidentForm(forms.ModelForm):
    enterprise = OrganisationIdField(label=_("enterprise"), picker=pickers.ENTERPRISES)
    counterparty = OrganisationIdField(label=_("counterparty"), required=False)

    class Meta:
        model = Incident
        fields = ["enterprise", "kind", "occurred_on", "description", "counterparty", "agreement"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "agreement": AGREEMENTS.widget(),
        }

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].error_messages["invalid_choice"] = _(
                "Unknown enterprise, or not one in your region."
            )
        self.fields["agreement"].error_messages["invalid_choice"] = _(
            "Unknown agreement, or not one you may name."
        )

    def clean(self):
        data = super().clean()
        agreement, enterprise = data.get("agreement"), data.get("enterprise")
        if agreement and enterprise and not agreement.party_rows.filter(organisation=enterprise).exists():
            self.add_error("agreement", _("The enterprise is not a party to this agreement."))
        return data


class AppealForm(forms.Form):
    grounds = forms.CharField(label=_("grounds of appeal"), widget=forms.Textarea(attrs={"rows": 4}))


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("uphold", _("Uphold the revocation")), ("overturn", _("Overturn the revocation"))],
    )
    note = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ApplicationForm(forms.ModelForm):
    incentive = forms.ChoiceField(label=_("incentive applied for"))

    class Meta:
        model = Application
        fields = [
            "incentive",
            "year",
            "claimed_hosted_students",
            "claimed_rd_spending",
            "claimed_technical_needs_solved",
            "claimed_equipment_contributed",
            "statement",
        ]
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, incentives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incentive"].choices = list(incentives)


class ReviewForm(forms.Form):
    department = forms.ChoiceField(label=_("department"), choices=Department.choices)
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[(ReviewDecision.APPROVED, _("Approve")), (ReviewDecision.REJECTED, _("Reject"))],
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReassessForm(forms.Form):
    as_of_year = forms.IntegerField(label=_("rated year"), min_value=1900, max_value=2200, required=False)
