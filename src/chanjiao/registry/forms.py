"""Validation for every registry write: the web forms, the API and the importers share these."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.registry import pickers
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    Occupation,
    Organisation,
    OrgKind,
    Program,
    Region,
    Student,
    Teacher,
    TeacherKind,
)

CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


class RegionField(forms.ModelChoiceField):
    """A region picked by its name on the page; the API and the importers give its official
    division id (e.g. 320505), which is what the form submits."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Region.objects.all(), widget=pickers.REGIONS.widget(), **kwargs)
        self.error_messages["invalid_choice"] = _(
            "Unknown region id. Use an official division id, e.g. 320505."
        )

    def label_from_instance(self, obj):
        return obj.full_name


GOVERNED_FIELDS = ("kind", "region", "credit_code", "certified_integration_enterprise")
"""What officers vouch for: an organisation's own representatives cannot change these."""


class OrganisationForm(access.PolicyChoicesMixin, forms.ModelForm):
    """Given ``user``: an officer registers and moves organisations only within the regions it
    governs; an organisation's own representatives see the governed fields locked."""

    region = RegionField(label=_("region"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.locked = ()
        if (
            user is not None
            and self.instance.pk
            and not access.allows(user, access.Action.GOVERN, self.instance)
        ):
            self.locked = GOVERNED_FIELDS
            for name in self.locked:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Only officers of its region change this.")

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "credit_code",
            "region",
            "address",
            "website",
            "description",
            "size",
            "ownership",
            "industry",
            "employees",
            "revenue",
            "rd_spending",
            "certified_integration_enterprise",
            "school_level",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_credit_code(self):
        code = (self.cleaned_data.get("credit_code") or "").strip().upper()
        if code and not CREDIT_CODE.match(code):
            raise forms.ValidationError(
                _("A unified social credit code has 18 characters, e.g. 91320500MA1N2X3Y4K.")
            )
        return code or None

    def _submitted_change(self, name) -> bool:
        if name not in self.data:
            return False
        try:
            submitted = self.fields[name].to_python(self.data[name])
        except forms.ValidationError:
            return True
        return (submitted or None) != (getattr(self.instance, name) or None)

    def clean(self):
        data = super().clean()
        for name in self.locked:
            if self._submitted_change(name):
                self.add_error(name, _("Only officers of its region change this."))
        kind = data.get("kind")
        if kind == OrgKind.ENTERPRISE:
            for field in ("size", "industry"):
                if not data.get(field):
                    self.add_error(field, _("Required for an enterprise."))
        if kind == OrgKind.SCHOOL and not data.get("school_level"):
            self.add_error("school_level", _("Required for a school."))
        revenue, rd = data.get("revenue"), data.get("rd_spending")
        if revenue is not None and revenue < 0:
            self.add_error("revenue", _("Revenue cannot be negative."))
        if rd is not None and rd < 0:
            self.add_error("rd_spending", _("R&D spending cannot be negative."))
        return data


class ProgramForm(access.PolicyChoicesMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = ["school", "code", "name", "capacity", "duration_years", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "school": pickers.SCHOOLS.widget()}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not re.fullmatch(r"[0-9A-Za-z]{4,12}", code):
            raise forms.ValidationError(_("A program code has 4 to 12 letters or digits, e.g. 460103."))
        return code


class CrosswalkEntryForm(forms.Form):
    occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        to_field_name="code",
        widget=pickers.OCCUPATIONS.widget(),
        error_messages={"invalid_choice": _("Unknown CSCO code; codes look like 6-18-01-01.")},
    )
    weight = forms.FloatField(min_value=0.0, max_value=1.0, initial=1.0)


class ProgramYearForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    enrolment = forms.IntegerField(label=_("enrolment"), min_value=0, max_value=100_000)
    expected_graduates = forms.IntegerField(label=_("expected graduates"), min_value=0, max_value=100_000)


class CarrierForm(access.PolicyChoicesMixin, forms.ModelForm):
    region = RegionField(label=_("region"))

    class Meta:
        model = Carrier
        fields = [
            "name",
            "kind",
            "region",
            "lead",
            "governance_body",
            "legal_personality",
            "start_date",
            "status",
            "description",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "lead": pickers.ORGANISATIONS.widget(),
        }


class CarrierMemberForm(forms.ModelForm):
    class Meta:
        model = CarrierMember
        fields = ["organisation", "role", "council_seats", "joined_on"]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "organisation": pickers.ORGANISATIONS.widget(),
        }


class ListField(forms.CharField):
    """Comma- or semicolon-separated text in forms and files; a list in the database and API."""

    def to_python(self, value):
        if isinstance(value, list):
            items = value
        else:
            items = re.split(r"[,;，；、]", super().to_python(value) or "")
        return [str(item).strip() for item in items if str(item).strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class StudentForm(access.PolicyChoicesMixin, forms.ModelForm):
    skills = ListField(required=False, label=_("skills"))
    certificates = ListField(required=False, label=_("certificates"))
    home_region = RegionField(required=False, label=_("home region"))

    class Meta:
        model = Student
        fields = [
            "student_no",
            "name",
            "gender",
            "school",
            "program",
            "year",
            "home_region",
            "skills",
            "certificates",
        ]
        widgets = {"school": pickers.SCHOOLS.widget(), "program": pickers.PROGRAMS.widget()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.fields["program"].queryset = Program.objects.filter(
                school__in=self.fields["school"].queryset
            )

    def clean(self):
        data = super().clean()
        school, program = data.get("school"), data.get("program")
        if school and program and program.school_id != school.pk:
            self.add_error("program", _("This program belongs to another school."))
        year = data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            self.add_error("year", _("Entry year must be between 2000 and 2100."))
        return data


class TeacherForm(access.PolicyChoicesMixin, forms.ModelForm):
    class Meta:
        model = Teacher
        fields = ["name", "kind", "organisation", "title", "dual_qualified", "expertise"]
        widgets = {
            "expertise": forms.Textarea(attrs={"rows": 3}),
            "organisation": pickers.ORGANISATIONS.widget(),
        }

    def clean(self):
        data = super().clean()
        organisation, kind = data.get("organisation"), data.get("kind")
        if organisation and kind:
            if kind == TeacherKind.TEACHER and organisation.kind != OrgKind.SCHOOL:
                self.add_error("organisation", _("A college teacher belongs to a school."))
            if kind != TeacherKind.TEACHER and organisation.kind != OrgKind.ENTERPRISE:
                self.add_error("organisation", _("An enterprise mentor or expert belongs to an enterprise."))
        return data
