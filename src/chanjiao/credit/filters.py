"""Filters for the credit list pages, their Excel exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.credit.models import (
    RATING_CHOICES,
    Application,
    Contribution,
    CreditAssessment,
    Incident,
    InsuranceCover,
)
from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.web.pickers import picker_filter


class AssessmentFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("enterprise__name", "enterprise__credit_code")
    rating = django_filters.ChoiceFilter(choices=RATING_CHOICES, label=_("Rating"))
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = CreditAssessment
        fields = ["rating", "exit_revoked", "as_of_year"]


class ContributionFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("enterprise__name", "description", "appraiser")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = Contribution
        fields = ["kind"]


class CoverFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("enterprise__name", "insurer", "policy_number")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = InsuranceCover
        fields = ["year"]


class IncidentFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("enterprise__name", "description")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = Incident
        fields = ["kind"]


class ApplicationFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("enterprise__name", "incentive")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = Application
        fields = ["status", "year", "automatic_passed"]
