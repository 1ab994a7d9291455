"""Search and filters for the list pages, their Excel exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models import Placement
from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.tracking.models import (
    CertificationExam,
    CourseChangeRequest,
    Graduate,
    JobStandard,
    LogStatus,
    TrainingStatus,
    XapiStatement,
)
from chanjiao.web.pickers import picker_filter


class ChangeRequestFilter(RegionScopedFilterSet):
    region_path_field = "program__school__region__path"
    search_fields = ("title", "description", "program__name", "enterprise__name")
    school = picker_filter(pickers.SCHOOLS, field_name="program__school", label=_("School"))
    program = picker_filter(pickers.PROGRAMS, field_name="program", label=_("Program"))
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))

    class Meta:
        model = CourseChangeRequest
        fields = ["status"]


class StandardFilter(RegionScopedFilterSet):
    region_path_field = "association__region__path"
    search_fields = ("code", "title", "description")
    association = picker_filter(pickers.ASSOCIATIONS, field_name="association", label=_("Association"))
    occupation = django_filters.CharFilter(
        field_name="occupation_id", lookup_expr="startswith", label=_("Occupation code")
    )

    class Meta:
        model = JobStandard
        fields = ["kind"]


class TrainingFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("student__name", "student__student_no", "enterprise__name")
    school = picker_filter(pickers.SCHOOLS, field_name="student__school", label=_("School"))
    enterprise = picker_filter(pickers.ENTERPRISES, field_name="enterprise", label=_("Enterprise"))
    training_status = django_filters.ChoiceFilter(
        field_name="training__status", choices=TrainingStatus.choices, label=_("Training status")
    )
    pending_logs = django_filters.BooleanFilter(
        method="with_pending_logs", label=_("Logs awaiting the mentor")
    )

    returned_logs = django_filters.BooleanFilter(
        method="with_returned_logs", label=_("Logs returned for changes")
    )
    assessed = django_filters.BooleanFilter(method="with_assessments", label=_("Assessed"))

    class Meta:
        model = Placement
        fields = ["kind", "stage", "status", "year"]

    def _having(self, queryset, condition: dict, value: bool):
        having = queryset.filter(**condition).values("pk")
        return queryset.filter(pk__in=having) if value else queryset.exclude(pk__in=having)

    def with_pending_logs(self, queryset, name, value):
        return self._having(queryset, {"training__logs__status": LogStatus.SUBMITTED}, value)

    def with_returned_logs(self, queryset, name, value):
        return self._having(queryset, {"training__logs__status": LogStatus.RETURNED}, value)

    def with_assessments(self, queryset, name, value):
        return self._having(queryset, {"training__assessments__isnull": False}, value)


class ExamFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("name", "student__name", "student__student_no", "certificate_no")
    school = picker_filter(pickers.SCHOOLS, field_name="student__school", label=_("School"))
    program = picker_filter(pickers.PROGRAMS, field_name="student__program", label=_("Program"))
    year = django_filters.NumberFilter(field_name="exam_date__year", label=_("Year"))

    class Meta:
        model = CertificationExam
        fields = ["passed"]


class GraduateFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("student__name", "student__student_no")
    school = picker_filter(pickers.SCHOOLS, field_name="student__school", label=_("School"))
    program = picker_filter(pickers.PROGRAMS, field_name="student__program", label=_("Program"))

    class Meta:
        model = Graduate
        fields = ["graduation_year"]


class StatementFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("activity_name", "verb_display", "student__name", "student__student_no")
    source = django_filters.NumberFilter(field_name="source_id", label=_("Platform id"))
    student = picker_filter(pickers.STUDENTS, field_name="student", label=_("Student"))

    class Meta:
        model = XapiStatement
        fields = ["completion", "success"]
