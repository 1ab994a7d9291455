"""Filters of the evaluation lists, shared by the pages, their Excel exports and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chanjiao.evaluation.models import (
    AnnualReturn,
    CaseStatus,
    Cycle,
    FundingAllocation,
    RectificationCase,
    Scheme,
    UnitKind,
    UnitResult,
)
from chanjiao.registry.filters import RegionScopedFilterSet


class SchemeFilter(RegionScopedFilterSet):
    class Meta:
        model = Scheme
        fields = ["unit_kind", "weighting_method"]


class CycleFilter(RegionScopedFilterSet):
    region_path_field = "scheme__region__path"
    unit_kind = django_filters.CharFilter(field_name="scheme__unit_kind", label=_("Units evaluated"))

    class Meta:
        model = Cycle
        fields = ["kind", "year", "scheme"]


class ResultFilter(RegionScopedFilterSet):
    search_fields = ("unit_name",)

    class Meta:
        model = UnitResult
        fields = ["colour"]


class CaseFilter(RegionScopedFilterSet):
    search_fields = ("unit_name", "reasons")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    unit_kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Units evaluated"))

    class Meta:
        model = RectificationCase
        fields = ["status", "kind", "unit_kind"]

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.exclude(status=CaseStatus.CLOSED).filter(deadline__lt=timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class ReturnFilter(django_filters.FilterSet):
    class Meta:
        model = AnnualReturn
        fields = ["unit_kind", "unit_id", "year"]


class AllocationFilter(RegionScopedFilterSet):
    search_fields = ("title",)

    class Meta:
        model = FundingAllocation
        fields = ["kind", "year"]
