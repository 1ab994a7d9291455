"""A graduate's yearly career record, graduate registration and follow-up waves."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.registry import pickers
from chanjiao.registry.forms import RegionField
from chanjiao.registry.models import Program
from chanjiao.tracking.forms.curriculum import OccupationCodeField
from chanjiao.tracking.models import TRACKED_YEARS, WORKING, CareerRecord, Destination

DATE = forms.DateInput(attrs={"type": "date"})
JOB_FIELDS = ("employer_name", "job_title", "occupation", "region", "salary_band")


class CareerRecordForm(forms.ModelForm):
    """The follow-up form a graduate answers, also used by schools and the Excel import."""

    occupation = OccupationCodeField(label=_("occupation (if known)"), required=False)
    region = RegionField(label=_("work region"), required=False)
    with_cooperating_enterprise = forms.NullBooleanField(
        label=_("still with the cooperating enterprise"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )

    class Meta:
        model = CareerRecord
        fields = [
            "destination",
            "employer_name",
            "job_title",
            "occupation",
            "region",
            "salary_band",
            "promoted",
            "with_cooperating_enterprise",
            "patents",
            "awards",
        ]

    def __init__(self, *args, years_after: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years_after = years_after
        if years_after == 0:
            self.fields["promoted"].disabled = True

    def clean(self):
        data = super().clean()
        destination = data.get("destination")
        if not destination:
            return data
        if destination in WORKING:
            if destination == Destination.EMPLOYED and not (data.get("employer_name") or "").strip():
                self.add_error("employer_name", _("Give the employer's name."))
            if not data.get("occupation") and not (data.get("job_title") or "").strip():
                self.add_error("job_title", _("Give the job title (or its CSCO code)."))
        else:
            for name in JOB_FIELDS:
                if data.get(name):
                    self.add_error(name, _("Only a graduate in work gives this."))
            if data.get("with_cooperating_enterprise"):
                self.add_error("with_cooperating_enterprise", _("Only a graduate in work gives this."))
            if data.get("promoted"):
                self.add_error("promoted", _("Only a graduate in work gives this."))
        return data


class RegisterGraduatesForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_("program"), queryset=Program.objects.none(), widget=pickers.PROGRAMS.widget()
    )
    graduation_year = forms.IntegerField(label=_("graduation year"), min_value=2000)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["program"].error_messages["invalid_choice"] = _(
            "Unknown program, or not one of your school's."
        )

    def clean_graduation_year(self):
        year = self.cleaned_data["graduation_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Register a cohort once it has graduated."))
        return year


class CareerEntryForm(CareerRecordForm):
    """A school enters a record for a given year after graduation."""

    years_after = forms.IntegerField(label=_("years after graduation"), min_value=0, max_value=TRACKED_YEARS)

    class Meta(CareerRecordForm.Meta):
        fields = ["years_after", *CareerRecordForm.Meta.fields]

    def __init__(self, *args, graduate, **kwargs):
        super().__init__(*args, **kwargs)
        self.graduate = graduate

    def clean_years_after(self):
        years = self.cleaned_data["years_after"]
        if self.graduate.graduation_year + years > timezone.localdate().year:
            raise forms.ValidationError(_("That year has not come yet for this graduate."))
        return years


class WaveForm(forms.Form):
    survey_year = forms.IntegerField(label=_("survey year"), min_value=2000)
    closes_on = forms.DateField(label=_("closes on"), widget=DATE)

    def clean_survey_year(self):
        year = self.cleaned_data["survey_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Follow up this year or an earlier one."))
        return year

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("A follow-up closes in the future."))
        return day
