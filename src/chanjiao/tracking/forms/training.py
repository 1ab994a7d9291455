"""Training people, sessions, logs, assessments, completion, conversion, exams and remediation."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.registry.models import Carrier, Student, Teacher
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    AssessmentCriterion,
    AssessorRole,
    CertificationExam,
    LogAction,
    LogPeriod,
    TrainingSetting,
    TrainingStatus,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _not_in_future(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("The date is in the future."))
    return day


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("mentor (teacher id)"), queryset=Teacher.objects.none(), widget=forms.NumberInput()
    )

    def __init__(self, *args, training, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = Teacher.objects.filter(
            organisation_id=training.placement.enterprise_id, kind__in=MENTOR_KINDS
        )
        self.fields["mentor"].error_messages["invalid_choice"] = _("Choose a mentor of the host enterprise.")


class SupervisorForm(forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("supervising teacher (teacher id)"),
        queryset=Teacher.objects.none(),
        widget=forms.NumberInput(),
    )
    required_hours = forms.IntegerField(
        label=_("required hours"), min_value=0, max_value=3000, required=False
    )

    def __init__(self, *args, training, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = Teacher.objects.filter(
            organisation_id=training.placement.student.school_id, kind="teacher"
        )
        self.fields["supervisor"].error_messages["invalid_choice"] = _(
            "Choose a teacher of the student's school."
        )


class SessionForm(forms.Form):
    setting = forms.ChoiceField(label=_("setting"), choices=TrainingSetting.choices)
    date = forms.DateField(label=_("date"), widget=DATE)
    hours = forms.DecimalField(label=_("hours"), min_value=0.5, max_value=16, decimal_places=1)
    activity = forms.CharField(label=_("activity"), max_length=200)
    carrier = forms.ModelChoiceField(
        label=_("carrier id"), queryset=Carrier.objects.all(), required=False, widget=forms.NumberInput()
    )

    def clean_date(self):
        return _not_in_future(self.cleaned_data["date"])


class LogForm(forms.Form):
    """A log's fields; the dates, hours, night and holiday rules are the service's
    (``chanjiao.tracking.compliance.check_log``), so the page, the API and imports refuse alike."""

    period = forms.ChoiceField(label=_("period"), choices=LogPeriod.choices, initial=LogPeriod.WEEKLY)
    starts_on = forms.DateField(label=_("from"), widget=DATE)
    ends_on = forms.DateField(label=_("to"), widget=DATE)
    hours = forms.DecimalField(label=_("hours"), min_value=0, max_value=84, decimal_places=1)
    content = forms.CharField(
        label=_("work done and learned"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    night_work = forms.BooleanField(label=_("worked at night (22:00 to 6:00)"), required=False)
    holiday_work = forms.BooleanField(label=_("worked on a statutory holiday"), required=False)


class LogDecisionForm(forms.Form):
    log = forms.IntegerField(widget=forms.HiddenInput())
    decision = forms.ChoiceField(label=_("decision"), choices=LogAction.choices)
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in (LogAction.RETURN, LogAction.REVOKE)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Give the reason, so the student knows what to change."))
        return data


class AssessmentForm(forms.Form):
    criterion = forms.ModelChoiceField(label=_("criterion"), queryset=AssessmentCriterion.objects.none())
    assessor_role = forms.ChoiceField(label=_("assessed as"), choices=AssessorRole.choices)
    score = forms.IntegerField(label=_("score (0-100)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("comment"), max_length=300, required=False)
    assessed_on = forms.DateField(label=_("assessed on"), widget=DATE, required=False)

    def __init__(self, *args, criteria, roles=None, **kwargs):
        """``roles``: the roles the user may assess in (a mentor is not offered the teacher's)."""
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
        self.fields["criterion"].error_messages["invalid_choice"] = _(
            "Choose a criterion listed by a course of the student's program."
        )
        if roles is not None:
            self.fields["assessor_role"].choices = [c for c in AssessorRole.choices if c[0] in roles]

    def clean_assessed_on(self):
        return _not_in_future(self.cleaned_data.get("assessed_on")) or timezone.localdate()


class CompletionForm(forms.Form):
    status = forms.ChoiceField(label=_("result"), choices=TrainingStatus.choices)
    completed_on = forms.DateField(label=_("ended on"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        completed_on = data.get("completed_on")
        if data.get("status") != TrainingStatus.IN_PROGRESS and completed_on is None:
            self.add_error("completed_on", _("Give the date the training ended."))
        elif completed_on and completed_on > timezone.localdate():
            self.add_error("completed_on", _("The date is in the future."))
        return data


class ConversionForm(forms.Form):
    hired = forms.TypedChoiceField(
        label=_("hired by the enterprise"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    hired_on = forms.DateField(label=_("hired on"), widget=DATE, required=False)

    def clean(self):
        data = super().clean()
        if data.get("hired") and data.get("hired_on") is None:
            self.add_error("hired_on", _("Give the date the student was hired."))
        if not data.get("hired"):
            data["hired_on"] = None
        return data


class ExamForm(forms.ModelForm):
    class Meta:
        model = CertificationExam
        fields = ["student", "name", "level", "issuer", "exam_date", "passed", "certificate_no"]
        widgets = {"student": forms.NumberInput(), "exam_date": DATE}

    def __init__(self, *args, students=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students if students is not None else Student.objects.all()
        self.fields["student"].error_messages["invalid_choice"] = _(
            "Unknown student, or not a student of your school."
        )

    def clean_exam_date(self):
        return _not_in_future(self.cleaned_data["exam_date"])

    def clean(self):
        data = super().clean()
        if data.get("passed") and not (data.get("certificate_no") or "").strip():
            self.add_error("certificate_no", _("A passed exam comes with a certificate number."))
        return data


class RemediationForm(forms.Form):
    reason = forms.CharField(
        label=_("requirements not met"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("criteria to meet"), queryset=AssessmentCriterion.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("due on"), widget=DATE)
    steps = forms.CharField(
        label=_("steps, one a line: YYYY-MM-DD what to do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("e.g. 2025-12-05 Redo the CNC lathe exercise with the mentor"),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = criteria
        self.fields["criteria"].error_messages["invalid_choice"] = _(
            "%(value)s is not a criterion of the program's courses."
        )

    def clean_due_on(self):
        day = self.cleaned_data["due_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The plan is due in the future."))
        return day

    def clean_steps(self):
        steps = []
        for number, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            day, _space, description = line.partition(" ")
            try:
                due = forms.DateField().clean(day)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(n)s: start with the due date, e.g. 2025-12-05.") % {"n": number}
                ) from None
            if not description.strip():
                raise forms.ValidationError(_("Line %(n)s: say what is to be done.") % {"n": number})
            steps.append((due, description.strip()[:300]))
        if not steps:
            raise forms.ValidationError(_("A plan has at least one step."))
        return steps

    def clean(self):
        data = super().clean()
        due, steps = data.get("due_on"), data.get("steps") or []
        if due and any(step_due > due for step_due, _description in steps):
            self.add_error("steps", _("Every step is due by the plan's due date."))
        return data


class CloseRemediationForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput())
    status = forms.ChoiceField(
        label=_("result"), choices=[("completed", _("Completed")), ("cancelled", _("Cancelled"))]
    )
    outcome = forms.CharField(label=_("outcome"), max_length=300)


class StepForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput())
    step = forms.IntegerField(widget=forms.HiddenInput())
