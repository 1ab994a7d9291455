"""Teachers' certificates, enterprise practice and teaching hours."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.docking.models import Course
from chanjiao.docking.pickers import COURSES
from chanjiao.registry import pickers
from chanjiao.registry.models import Organisation, OrgKind, Program
from chanjiao.tracking.models import EnterprisePractice, TeacherCertificate, TeachingAssignment

DATE = forms.DateInput(attrs={"type": "date"})


class CertificateForm(forms.ModelForm):
    class Meta:
        model = TeacherCertificate
        fields = ["kind", "name", "issuer", "number", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and issued > timezone.localdate():
            self.add_error("issued_on", _("A certificate is recorded once it is issued."))
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("It cannot expire before it is issued."))
        return data


class PracticeForm(forms.ModelForm):
    class Meta:
        model = EnterprisePractice
        fields = ["enterprise", "start_date", "end_date", "days", "tasks"]
        widgets = {"enterprise": pickers.ENTERPRISES.widget(), "start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Organisation.objects.filter(kind=OrgKind.ENTERPRISE)
        self.fields["enterprise"].error_messages["invalid_choice"] = _("Choose an enterprise.")

    def clean(self):
        data = super().clean()
        start, end, days = data.get("start_date"), data.get("end_date"), data.get("days")
        if start and end:
            if end < start:
                self.add_error("end_date", _("The end date is before the start date."))
            elif days and days > (end - start).days + 1:
                self.add_error("days", _("More days worked than there are days from start to end."))
            if end > timezone.localdate():
                self.add_error("end_date", _("Practice is recorded once it has ended."))
        return data


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = TeachingAssignment
        fields = ["program", "course", "year", "hours"]
        widgets = {"program": pickers.PROGRAMS.widget(), "course": COURSES.widget()}

    def __init__(self, *args, programs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs if programs is not None else Program.objects.all()
        self.fields["program"].error_messages["invalid_choice"] = _(
            "Unknown program, or not one whose teaching you record."
        )
        self.fields["course"].queryset = Course.objects.all()
        self.fields["course"].error_messages["invalid_choice"] = _("Unknown course id.")

    def clean(self):
        data = super().clean()
        program, course, year = data.get("program"), data.get("course"), data.get("year")
        if program and course and course.program_id != program.pk:
            self.add_error("course", _("The course belongs to another program."))
        if year and not 2000 <= year <= timezone.localdate().year + 1:
            self.add_error("year", _("Give a school year from 2000 to next year."))
        return data
