"""Filters for the agreement list, its Excel export and the API."""

from django.utils.translation import gettext_lazy as _

from chanjiao.governance.models import Agreement
from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.web.pickers import picker_filter


class AgreementFilter(RegionScopedFilterSet):
    search_fields = ("title", "party_rows__organisation__name")
    party = picker_filter(
        pickers.ORGANISATIONS, field_name="party_rows__organisation", label=_("Party organisation")
    )

    class Meta:
        model = Agreement
        fields = ["status", "kind"]
