"""Forms for what follows an evaluation: rectification cases and performance-based funding."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.core.funding import MIN_INTEGRATION_WEIGHT, InstitutionPolicy, RegionalPolicy
from chanjiao.evaluation.funding import BASES
from chanjiao.evaluation.models import Evaluation, FundingKind
from chanjiao.web.excel import upload_size_error


def _future(value):
    if value is not None and value <= timezone.localdate():
        raise ValidationError(_("The deadline must be after today."))
    return value


class OpenCaseForm(forms.Form):
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Blank: the scheme's number of days from today."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_deadline(self):
        return _future(self.cleaned_data.get("deadline"))


class ConsultationForm(forms.Form):
    expert_name = forms.CharField(label=_("Expert"), max_length=100)
    consulted_on = forms.DateField(label=_("Consulted on"), widget=forms.DateInput(attrs={"type": "date"}))
    advice = forms.CharField(label=_("Advice"), widget=forms.Textarea(attrs={"rows": 3}))


class ResponseForm(forms.Form):
    actions = forms.CharField(label=_("Actions taken"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence_file = forms.FileField(label=_("Evidence file (optional)"), required=False)

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        too_large = upload_size_error(upload) if upload is not None else ""
        if too_large:
            raise ValidationError(too_large)
        return upload


class CloseCaseForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 2}))


class EscalateCaseForm(forms.Form):
    note = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_deadline(self):
        return _future(self.cleaned_data.get("deadline"))


class FundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (yuan)"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=_("Purpose"), max_length=300)


LINE = re.compile(r"^\s*(?P<region>.+?)\s*[:：,，\s]\s*(?P<score>-?\d+(?:\.\d+)?)\s*$")


class FundingForm(forms.Form):
    """One form for both kinds; the fields of the other kind are ignored."""

    kind = forms.ChoiceField(label=_("Allocate to"), choices=FundingKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    budget = forms.DecimalField(
        label=_("Budget (yuan)"), max_digits=16, decimal_places=2, min_value=Decimal("0.01")
    )
    base = forms.ChoiceField(
        label=_("Benchmark by"),
        choices=list(zip(BASES, (_("Enrolment"), _("Equal shares")), strict=True)),
        initial="enrolment",
    )
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    float_band = forms.FloatField(label=_("Float band (±)"), initial=0.30, required=False)
    certification_weight = forms.FloatField(
        label=_("Weight of the certification pass rate"), initial=0.5, required=False
    )
    retention_weight = forms.FloatField(label=_("Weight of graduate retention"), initial=0.5, required=False)
    evaluation = forms.ModelChoiceField(
        label=_("District evaluation"), queryset=Evaluation.objects.none(), required=False
    )
    top_fraction = forms.FloatField(label=_("Top share of regions"), initial=0.10, required=False)
    incentive = forms.FloatField(label=_("Incentive for the top"), initial=0.20, required=False)
    shortfall_cut = forms.FloatField(label=_("Cut below standard"), initial=0.10, required=False)
    standard_score = forms.FloatField(label=_("Standard (integration score)"), initial=60.0, required=False)
    integration_weight = forms.FloatField(
        label=_("Integration weight in the local-government appraisal"),
        initial=0.10,
        required=False,
        help_text=_("At least %(minimum)s.") % {"minimum": f"{MIN_INTEGRATION_WEIGHT:.0%}"},
    )
    other_scores = forms.CharField(
        label=_("Other appraisal items per district (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "虎丘区: 78.5"}),
        help_text=_(
            "One line per district: name or id, then its score (0-100) on the other appraisal items."
        ),
    )

    FIELDSETS = (
        (_("Budget"), ("kind", "year", "budget", "base", "title")),
        (_("Institutions: benchmark and float"), ("float_band", "certification_weight", "retention_weight")),
        (
            _("Regions: special subsidy"),
            (
                "evaluation",
                "top_fraction",
                "incentive",
                "shortfall_cut",
                "standard_score",
                "integration_weight",
                "other_scores",
            ),
        ),
    )

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = evaluations
        self.fields["evaluation"].error_messages["invalid_choice"] = _(
            "Unknown district evaluation, or not yours."
        )

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def _policy(self, cls, names):
        values = {name: self.cleaned_data.get(name) for name in names}
        values = {name: value for name, value in values.items() if value is not None}
        try:
            return cls(**values)
        except ValueError as error:
            message = str(error)
            field = next((name for name in names if message.startswith(name)), None)
            self.add_error(field, message)
            return None

    def _other_scores(self, evaluation):
        text = self.cleaned_data.get("other_scores") or ""
        units = {str(r.unit_id): r.unit_id for r in evaluation.results.all()}
        units.update({r.unit_name: r.unit_id for r in evaluation.results.all()})
        scores = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            match = LINE.match(line)
            if match is None or match["region"] not in units:
                self.add_error(
                    "other_scores",
                    _("Line %(n)s: give a district of the evaluation and a score.") % {"n": number},
                )
                continue
            scores[units[match["region"]]] = float(match["score"])
        return scores

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["kind"] == FundingKind.INSTITUTIONS:
            data["policy"] = self._policy(
                InstitutionPolicy, ["float_band", "certification_weight", "retention_weight"]
            )
            return data
        evaluation = data.get("evaluation")
        if evaluation is None:
            self.add_error("evaluation", _("Choose the district evaluation the subsidy follows."))
            return data
        data["policy"] = self._policy(
            RegionalPolicy,
            ["top_fraction", "incentive", "shortfall_cut", "standard_score", "integration_weight"],
        )
        data["other_scores_by_id"] = self._other_scores(evaluation)
        return data
