import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models import Placement
from chanjiao.registry.filters import RegionScopedFilterSet


class PlacementFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("student__name", "student__student_no", "enterprise__name")
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
    school = django_filters.NumberFilter(field_name="student__school_id", label=_("School id"))
    student = django_filters.NumberFilter(field_name="student_id", label=_("Student id"))

    class Meta:
        model = Placement
        fields = ["kind", "stage", "status", "year", "source"]
