"""A placement's three-party agreement, and a student's confidential report to the school."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from chanjiao.tracking.models import ConcernTopic, InternshipAgreement

DATE = forms.DateInput(attrs={"type": "date"})


class AgreementForm(forms.ModelForm):
    """The agreement's fields; the region's rules (pay floor, the post's share, dates) are the
    service's (``chanjiao.tracking.compliance.check_agreement``)."""

    class Meta:
        model = InternshipAgreement
        fields = [
            "school_signed_on",
            "enterprise_signed_on",
            "student_signed_on",
            "guardian_name",
            "monthly_pay",
            "post_wage",
            "post_staff",
            "insurer",
            "insurance_policy_no",
            "insured_from",
            "insured_to",
        ]
        widgets = {
            name: DATE
            for name in (
                "school_signed_on",
                "enterprise_signed_on",
                "student_signed_on",
                "insured_from",
                "insured_to",
            )
        }


class ConcernForm(forms.Form):
    topic = forms.ChoiceField(label=_("topic"), choices=ConcernTopic.choices)
    description = forms.CharField(
        label=_("what happened"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Only your school's office reads this; the enterprise does not see it."),
    )


class ConcernAnswerForm(forms.Form):
    concern = forms.IntegerField(widget=forms.HiddenInput())
    response = forms.CharField(
        label=_("school's answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
