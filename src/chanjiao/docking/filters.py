"""Search and filter sets shared by the list pages, their Excel exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chanjiao.docking.models import (
    Advice,
    AlignmentScore,
    Booking,
    CodingFeedback,
    CooperationCall,
    Course,
    Posting,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.docking.pickers import RESOURCES
from chanjiao.docking.selectors_tree import occupation_members
from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.registry.models import Carrier
from chanjiao.web.pickers import picker_filter


class PostingFilter(RegionScopedFilterSet):
    search_fields = ("title", "description", "enterprise__name")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))
    occupation = django_filters.CharFilter(method="with_occupation", label=_("Occupation code"))
    occupation_level = django_filters.NumberFilter(method="noop", label=_("Occupation level of the view"))
    year = django_filters.NumberFilter(field_name="published_on__year", label=_("Year published"))
    month = django_filters.NumberFilter(field_name="published_on__month", label=_("Month published"))
    carrier = picker_filter(pickers.CARRIERS, field_name="carrier", label=_("Consortium"))
    salary_at_least = django_filters.NumberFilter(
        field_name="salary_max", lookup_expr="gte", label=_("Salary up to at least")
    )

    class Meta:
        model = Posting
        fields = ["kind", "status", "code_status"]

    def noop(self, queryset, name, value):
        return queryset

    def with_occupation(self, queryset, name, value):
        level = self.data.get("occupation_level")
        try:
            level = int(level) if level not in (None, "") else None
        except (TypeError, ValueError):
            level = None
        return queryset.filter(occupation_id__in=occupation_members(value.strip(), level))


class CodingFeedbackFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))

    class Meta:
        model = CodingFeedback
        fields = ["overridden"]


class NeedFilter(RegionScopedFilterSet):
    search_fields = ("title", "description", "field", "enterprise__name")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))
    carrier = picker_filter(pickers.CARRIERS, field_name="carrier", label=_("Consortium"))

    class Meta:
        model = TechnicalNeed
        fields = ["status", "industry"]


class ConsortiumFilter(RegionScopedFilterSet):
    search_fields = ("name", "lead__name")

    class Meta:
        model = Carrier
        fields = ["kind"]


class CourseFilter(RegionScopedFilterSet):
    region_path_field = "program__school__region__path"
    search_fields = ("name", "code", "program__name")
    program = picker_filter(pickers.PROGRAMS, field_name="program", label=_("Program"))
    school = picker_filter(pickers.SCHOOLS, field_name="program__school", label=_("School"))

    class Meta:
        model = Course
        fields = ["kind", "semester"]


class ResourceFilter(RegionScopedFilterSet):
    search_fields = ("name", "description", "location", "owner__name")
    owner = picker_filter(pickers.ORGANISATIONS, field_name="owner", label=_("Owner"))

    class Meta:
        model = SharedResource
        fields = ["kind", "available"]


class BookingFilter(django_filters.FilterSet):
    resource = picker_filter(RESOURCES, field_name="resource", label=_("Resource"))

    class Meta:
        model = Booking
        fields = ["status"]


class CallFilter(RegionScopedFilterSet):
    search_fields = ("title", "description", "school__name")
    school = picker_filter(pickers.SCHOOLS, field_name="school", label=_("School"))

    class Meta:
        model = CooperationCall
        fields = ["kind", "status"]


class AdviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = picker_filter(pickers.CITIES, field_name="region", label=_("Labour market (city)"))
    school = picker_filter(pickers.SCHOOLS, field_name="school", label=_("School"))
    regional = django_filters.BooleanFilter(
        field_name="program", lookup_expr="isnull", label=_("Region-wide")
    )

    class Meta:
        model = Advice
        fields = ["year", "recommendation", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(program_name__icontains=value)
            | Q(program_code__startswith=value)
            | Q(school__name__icontains=value)
        )


class AlignmentFilter(django_filters.FilterSet):
    region = picker_filter(pickers.CITIES, field_name="region", label=_("City"))
    q = django_filters.CharFilter(field_name="school__name", lookup_expr="icontains", label=_("Search"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = AlignmentScore
        fields = ["year"]
