"""Standards, criteria, course designs, co-developers, revisions and change requests."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.docking.models import Course
from chanjiao.docking.pickers import COURSES
from chanjiao.registry import pickers
from chanjiao.registry.models import Occupation, Organisation, OrgKind, Teacher
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    AssessmentCriterion,
    CourseChangeRequest,
    CourseCoDeveloper,
    JobStandard,
)
from chanjiao.tracking.pickers import COOPERATING_MENTORS


class OccupationCodeField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Occupation.objects.all(),
            to_field_name="code",
            widget=pickers.OCCUPATIONS.widget(),
            **kwargs,
        )
        self.error_messages["invalid_choice"] = _("Unknown CSCO code; codes look like 6-18-01-01.")


class JobStandardForm(forms.ModelForm):
    occupation = OccupationCodeField(label=_("occupation"), required=False)

    class Meta:
        model = JobStandard
        fields = [
            "association",
            "code",
            "title",
            "kind",
            "occupation",
            "skill_level",
            "published_on",
            "description",
        ]
        widgets = {
            "association": pickers.ASSOCIATIONS.widget(),
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, associations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if associations is not None:
            self.fields["association"].queryset = associations
        self.fields["association"].error_messages["invalid_choice"] = _(
            "Unknown association, or not one you publish for."
        )

    def clean(self):
        data = super().clean()
        association, code = data.get("association"), (data.get("code") or "").strip()
        clash = JobStandard.objects.filter(association=association, code=code).exclude(pk=self.instance.pk)
        if association and code and clash.exists():
            self.add_error("code", _("The association already published a standard with this number."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = AssessmentCriterion
        fields = ["code", "text", "pass_score"]

    def __init__(self, *args, standard=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if (
            AssessmentCriterion.objects.filter(standard=self.standard, code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("The standard already has a criterion with this clause."))
        return code


class CourseDesignForm(forms.Form):
    practical_hours = forms.IntegerField(label=_("practical hours"), min_value=0, max_value=2000)
    standards = forms.ModelMultipleChoiceField(
        label=_("standards assessed"), queryset=JobStandard.objects.all(), required=False
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("assessment criteria"), queryset=AssessmentCriterion.objects.all(), required=False
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["standards"].error_messages["invalid_choice"] = _("Unknown standard id %(value)s.")
        self.fields["criteria"].error_messages["invalid_choice"] = _("Unknown criterion id %(value)s.")

    def clean_practical_hours(self):
        hours = self.cleaned_data["practical_hours"]
        if hours > self.course.hours:
            raise forms.ValidationError(
                _("The course has %(hours)s hours; practical hours cannot exceed them.")
                % {"hours": self.course.hours}
            )
        return hours

    def clean(self):
        data = super().clean()
        standards = {s.pk for s in data.get("standards") or []}
        stray = [c for c in data.get("criteria") or [] if c.standard_id not in standards]
        if stray:
            self.add_error(
                "criteria",
                _(
                    "Criteria come from the standards the course assesses; add their standard first: %(codes)s."
                )
                % {"codes": ", ".join(f"{c.standard.code} {c.code}" for c in stray)},
            )
        return data


class CoDeveloperForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("organisation"),
        queryset=Organisation.objects.filter(
            kind__in=[OrgKind.ENTERPRISE, OrgKind.ASSOCIATION, OrgKind.RESEARCH]
        ),
        widget=pickers.PARTNERS.widget(),
        error_messages={
            "invalid_choice": _("Give the id of an enterprise, association or research institute.")
        },
    )
    mentors = forms.ModelMultipleChoiceField(
        label=_("its mentors"),
        queryset=Teacher.objects.filter(kind__in=MENTOR_KINDS),
        widget=COOPERATING_MENTORS.widget(multiple=True),
        help_text=_("Choose the organisation first: a search then offers its mentors."),
        required=False,
        error_messages={"invalid_choice": _("%(value)s is not an enterprise mentor or part-time expert.")},
    )
    contribution = forms.CharField(label=_("contribution"), max_length=300, required=False)
    since = forms.DateField(label=_("since"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        if organisation is None:
            return data
        if CourseCoDeveloper.objects.filter(course=self.course, organisation=organisation).exists():
            self.add_error("organisation", _("This organisation already co-develops the course."))
        strangers = [m.name for m in data.get("mentors") or [] if m.organisation_id != organisation.pk]
        if strangers:
            self.add_error(
                "mentors",
                _("Mentors must work for the co-developing organisation: %(names)s.")
                % {"names": ", ".join(strangers)},
            )
        return data


class RevisionForm(forms.Form):
    revised_on = forms.DateField(label=_("revised on"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("what changed"), max_length=300)
    hours = forms.IntegerField(label=_("hours"), min_value=1, max_value=2000)
    practical_hours = forms.IntegerField(label=_("practical hours"), min_value=0, max_value=2000)
    change_request = forms.ModelChoiceField(
        label=_("change request it answers"),
        queryset=CourseChangeRequest.objects.none(),
        required=False,
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        field = self.fields["change_request"]
        field.queryset = CourseChangeRequest.objects.filter(
            program_id=course.program_id, status__in=["open", "accepted"]
        )
        field.error_messages["invalid_choice"] = _("Give a pending change request of this program.")

    def clean_revised_on(self):
        day = self.cleaned_data["revised_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A revision is recorded once it is made, not in advance."))
        return day

    def clean(self):
        data = super().clean()
        hours, practical = data.get("hours"), data.get("practical_hours")
        if hours is not None and practical is not None and practical > hours:
            self.add_error("practical_hours", _("Practical hours cannot exceed the course's hours."))
        request = data.get("change_request")
        if request is not None and request.course_id not in (None, self.course.pk):
            self.add_error("change_request", _("That request is about another course."))
        return data


class ChangeRequestForm(forms.ModelForm):
    class Meta:
        model = CourseChangeRequest
        fields = ["program", "course", "enterprise", "title", "description", "requested_on"]
        widgets = {
            "program": pickers.PROGRAMS.widget(),
            "course": COURSES.widget(),
            "enterprise": pickers.ENTERPRISES.widget(),
            "requested_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, enterprises=None, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            self.fields["enterprise"].queryset = enterprises
        self.fields["enterprise"].error_messages["invalid_choice"] = _(
            "An enterprise requests changes for itself."
        )
        self.fields["program"].error_messages["invalid_choice"] = _("Unknown program id.")
        self.fields["course"].error_messages["invalid_choice"] = _("Unknown course id.")
        self.fields["requested_on"].required = False

    def clean(self):
        data = super().clean()
        program, course = data.get("program"), data.get("course")
        if program and course and course.program_id != program.pk:
            self.add_error("course", _("The course belongs to another program."))
        requested_on = data.get("requested_on") or timezone.localdate()
        if requested_on > timezone.localdate():
            self.add_error("requested_on", _("A request cannot be dated in the future."))
        data["requested_on"] = requested_on
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject")), ("taught", _("Now taught"))],
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)
    taught_on = forms.DateField(
        label=_("first taught on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    course = forms.ModelChoiceField(
        label=_("course it is taught in"),
        queryset=Course.objects.none(),
        required=False,
        widget=COURSES.widget(),
    )

    def __init__(self, *args, change_request: CourseChangeRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.change_request = change_request
        self.fields["course"].queryset = Course.objects.filter(program_id=change_request.program_id)
        self.fields["course"].error_messages["invalid_choice"] = _("Give a course of the request's program.")

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the request is rejected."))
        if decision == "taught":
            taught_on = data.get("taught_on")
            if taught_on is None:
                self.add_error("taught_on", _("Give the date it was first taught."))
            elif taught_on < self.change_request.requested_on:
                self.add_error("taught_on", _("It cannot be taught before it was requested."))
            elif taught_on > timezone.localdate():
                self.add_error("taught_on", _("Record it once it has been taught."))
            if data.get("course") is None and self.change_request.course_id is None:
                self.add_error("course", _("Name the course in which it is taught."))
        return data


class RemovePartnerForm(forms.Form):
    partner = forms.IntegerField(widget=forms.HiddenInput())
