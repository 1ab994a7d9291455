"""Search and filter sets shared by the list pages, the Excel exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chanjiao.registry import pickers
from chanjiao.registry.models import (
    Carrier,
    CarrierClass,
    CarrierKind,
    Occupation,
    Organisation,
    Program,
    Region,
    Student,
    Teacher,
)
from chanjiao.web.pickers import picker_filter


class RegionScopedFilterSet(django_filters.FilterSet):
    """`region` selects a region and everything below it."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = picker_filter(pickers.REGIONS, method="within_region", label=_("Region"))
    region_path_field = "region__path"
    search_fields: tuple[str, ...] = ("name",)

    def search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)

    def within_region(self, queryset, name, region):
        return queryset.filter(**{f"{self.region_path_field}__startswith": region.path})


class OrganisationFilter(RegionScopedFilterSet):
    search_fields = ("name", "credit_code", "description")

    class Meta:
        model = Organisation
        fields = ["kind", "size", "ownership", "industry", "school_level", "certified_integration_enterprise"]


class ProgramFilter(RegionScopedFilterSet):
    region_path_field = "school__region__path"
    search_fields = ("name", "code", "school__name")
    occupation = django_filters.CharFilter(method="with_occupation", label=_("Occupation code"))
    school = picker_filter(pickers.SCHOOLS, field_name="school", label=_("School"))

    class Meta:
        model = Program
        fields = ["school"]

    def with_occupation(self, queryset, name, value):
        return queryset.filter(crosswalk__occupation__code__startswith=value.rstrip("0-") or value).distinct()


class CarrierFilter(RegionScopedFilterSet):
    search_fields = ("name", "lead__name", "description")
    kind = django_filters.ChoiceFilter(choices=CarrierKind.choices)
    carrier_class = django_filters.ChoiceFilter(choices=CarrierClass.choices, label=_("Class"))
    member = picker_filter(pickers.ORGANISATIONS, field_name="members", label=_("Member organisation"))
    lead = picker_filter(pickers.ORGANISATIONS, field_name="lead", label=_("Lead organisation"))

    class Meta:
        model = Carrier
        fields = ["kind", "carrier_class", "status", "legal_personality", "lead"]


class StudentFilter(RegionScopedFilterSet):
    region_path_field = "school__region__path"
    search_fields = ("name", "student_no")
    school = picker_filter(pickers.SCHOOLS, field_name="school", label=_("School"))
    program = picker_filter(pickers.PROGRAMS, field_name="program", label=_("Program"))

    class Meta:
        model = Student
        fields = ["school", "program", "year", "gender"]


class TeacherFilter(RegionScopedFilterSet):
    region_path_field = "organisation__region__path"
    search_fields = ("name", "expertise", "title")
    organisation = picker_filter(pickers.ORGANISATIONS, field_name="organisation", label=_("Organisation"))

    class Meta:
        model = Teacher
        fields = ["kind", "organisation", "dual_qualified"]


class OccupationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    parent = django_filters.CharFilter(field_name="parent_id", label=_("Parent code"))

    class Meta:
        model = Occupation
        fields = ["level", "parent"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(code__startswith=value) | Q(name__icontains=value) | Q(aliases__icontains=value)
        )


class RegionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    parent = picker_filter(pickers.REGIONS, field_name="parent", label=_("Parent region"))

    class Meta:
        model = Region
        fields = ["level", "zone", "parent"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(pinyin__icontains=value) | Q(full_name__icontains=value)
        )
