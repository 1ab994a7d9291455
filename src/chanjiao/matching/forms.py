from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models import Placement
from chanjiao.registry import pickers
from chanjiao.registry.models import Occupation, Organisation, OrgKind, Student


class PlacementForm(forms.ModelForm):
    occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        to_field_name="code",
        required=False,
        widget=pickers.OCCUPATIONS.widget(),
        error_messages={"invalid_choice": _("Unknown CSCO code; codes look like 6-18-01-01.")},
    )

    class Meta:
        model = Placement
        fields = [
            "student",
            "enterprise",
            "kind",
            "stage",
            "occupation",
            "year",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {
            "student": pickers.STUDENTS.widget(),
            "enterprise": pickers.ENTERPRISES.widget(),
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, students=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Organisation.objects.filter(kind=OrgKind.ENTERPRISE)
        self.fields["enterprise"].error_messages["invalid_choice"] = _("Choose an enterprise.")
        self.fields["student"].queryset = students if students is not None else Student.objects.all()
        self.fields["student"].error_messages["invalid_choice"] = _(
            "Unknown student, or not a student of your school."
        )

    def clean(self):
        data = super().clean()
        start, end, year = data.get("start_date"), data.get("end_date"), data.get("year")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if start and year and start.year != year:
            self.add_error("year", _("The year is the year the placement starts."))
        if data.get("stage") and data.get("kind") != "internship":
            self.add_error("stage", _("Only internships have a stage."))
        return data
