import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.core.matching import SEAT_REASONS, STUDENT_REASONS
from chanjiao.matching.models import MatchingRound, Placement, RoundPosition, RoundStudent
from chanjiao.matching.pickers import ROUNDS
from chanjiao.matching.tables import REASON_LABELS
from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.web.pickers import picker_filter


class PlacementFilter(RegionScopedFilterSet):
    region_path_field = "enterprise__region__path"
    search_fields = ("student__name", "student__student_no", "enterprise__name")
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))
    school = picker_filter(pickers.SCHOOLS, field_name="student__school", label=_("School"))
    student = picker_filter(pickers.STUDENTS, field_name="student", label=_("Student"))
    round = picker_filter(ROUNDS, field_name="round", label=_("Round"))

    class Meta:
        model = Placement
        fields = ["kind", "stage", "status", "year", "source"]


class RoundFilter(RegionScopedFilterSet):
    search_fields = ("name", "organiser__name")

    class Meta:
        model = MatchingRound
        fields = ["status"]


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"),
        choices=[("matched", REASON_LABELS["matched"])] + [(r, REASON_LABELS[r]) for r in STUDENT_REASONS],
    )
    school = picker_filter(pickers.SCHOOLS, field_name="student__school", label=_("School"))

    class Meta:
        model = RoundStudent
        fields = ["outcome", "school"]

    def search(self, queryset, name, value):
        return queryset.filter(student__name__icontains=value.strip()) | queryset.filter(
            student__student_no__icontains=value.strip()
        )


class PositionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))
    unfilled_reason = django_filters.ChoiceFilter(
        label=_("Why seats stayed open"), choices=[(r, REASON_LABELS[r]) for r in SEAT_REASONS]
    )

    class Meta:
        model = RoundPosition
        fields = ["kind", "ranking_mode", "unfilled_reason"]

    def search(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip()) | queryset.filter(
            enterprise__name__icontains=value.strip()
        )
