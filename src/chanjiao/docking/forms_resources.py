"""Validation for courses, shared resources, bookings and cooperation calls."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.docking.models import Booking, CallResponse, CooperationCall, Course, SharedResource
from chanjiao.registry import pickers
from chanjiao.registry.forms import RegionField
from chanjiao.registry.models import Organisation, OrgKind

MAX_BOOKING_DAYS = 366


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["program", "code", "name", "kind", "hours", "semester", "co_developer", "description"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "co_developer": pickers.ENTERPRISES.widget(),
        }

    def __init__(self, *args, programs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programs is not None:
            self.fields["program"].queryset = programs
            self.fields["program"].error_messages["invalid_choice"] = _(
                "Unknown program, or one whose courses you may not change."
            )
        self.fields["co_developer"].queryset = Organisation.objects.filter(kind=OrgKind.ENTERPRISE)
        self.fields["co_developer"].error_messages["invalid_choice"] = _("Choose an enterprise.")

    def clean(self):
        data = super().clean()
        program, name = data.get("program"), (data.get("name") or "").strip()
        clash = Course.objects.filter(program=program, name=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if program and name and clash.exists():
            self.add_error("name", _("The program already has a course with this name."))
        return data


class ResourceForm(forms.ModelForm):
    region = RegionField(label=_("region"))

    class Meta:
        model = SharedResource
        fields = [
            "owner",
            "kind",
            "name",
            "description",
            "region",
            "location",
            "capacity",
            "daily_fee",
            "available",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["owner"].queryset = schools
            self.fields["owner"].error_messages["invalid_choice"] = _("Unknown school, or not yours.")

    def clean_daily_fee(self):
        fee = self.cleaned_data.get("daily_fee")
        if fee is not None and fee < 0:
            raise forms.ValidationError(_("A fee cannot be negative."))
        return fee


class BookingForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = ["start_date", "end_date", "purpose"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and start < timezone.localdate():
            self.add_error("start_date", _("A booking cannot start in the past."))
        if start and end and end < start:
            self.add_error("end_date", _("The booking ends before it starts."))
        elif start and end and (end - start).days >= MAX_BOOKING_DAYS:
            self.add_error("end_date", _("Book at most a year at a time."))
        return data


class BookingDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("yes", _("Approve")), ("no", _("Reject"))], coerce=lambda v: v == "yes", label=_("decision")
    )
    note = forms.CharField(required=False, max_length=300, label=_("note"))


class CallForm(forms.ModelForm):
    region = RegionField(label=_("region"))

    class Meta:
        model = CooperationCall
        fields = ["school", "title", "kind", "description", "region", "deadline", "budget"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["school"].queryset = schools
            self.fields["school"].error_messages["invalid_choice"] = _("Unknown school, or not yours.")

    def clean(self):
        data = super().clean()
        budget = data.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("A budget cannot be negative."))
        return data


class CallResponseForm(forms.ModelForm):
    class Meta:
        model = CallResponse
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
