"""Filters for the agreement list, its Excel export and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.governance.models import Agreement
from chanjiao.registry.filters import RegionScopedFilterSet


class AgreementFilter(RegionScopedFilterSet):
    search_fields = ("title", "party_rows__organisation__name")
    party = django_filters.NumberFilter(
        field_name="party_rows__organisation_id", label=_("Party organisation id")
    )

    class Meta:
        model = Agreement
        fields = ["status", "kind"]
