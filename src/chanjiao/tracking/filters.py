"""Search and filters for the list pages, their Excel exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.matching.models import Placement
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


class ChangeRequestFilter(RegionScopedFilterSet):
    region_path_field = "program__school__region__path"
    search_fields = ("title", "description", "program__name", "enterprise__name")
    school = django_filters.NumberFilter(field_name="program__school_id", label=_("School id"))
    program = django_filters.NumberFilter(field_name="program_id", label=_("Program id"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))

    class Meta:
        model = CourseChangeRequest
        fields = ["status"]


class StandardFilter(RegionScopedFilterSet):
    region_path_field = "association__region__path"
    search_fields = ("code", "title", "description")
    association = django_filters.NumberFilter(field_name="association_id", label=_("Association id"))
    occupation = django_filters.CharFilter(
        field_name="occupation_id", lookup_expr="startswith", label=_("Occupation code")
    )

    class Meta:
        model = JobStandard
        fields = ["kind"]


class TrainingFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("student__name", "student__student_no", "enterprise__name")
    school = django_filters.NumberFilter(field_name="student__school_id", label=_("School id"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Enterprise id"))
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
    school = django_filters.NumberFilter(field_name="student__school_id", label=_("School id"))
    program = django_filters.NumberFilter(field_name="student__program_id", label=_("Program id"))
    year = django_filters.NumberFilter(field_name="exam_date__year", label=_("Year"))

    class Meta:
        model = CertificationExam
        fields = ["passed"]


class GraduateFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("student__name", "student__student_no")
    school = django_filters.NumberFilter(field_name="student__school_id", label=_("School id"))
    program = django_filters.NumberFilter(field_name="student__program_id", label=_("Program id"))

    class Meta:
        model = Graduate
        fields = ["graduation_year"]


class StatementFilter(RegionScopedFilterSet):
    region_path_field = "student__school__region__path"
    search_fields = ("activity_name", "verb_display", "student__name", "student__student_no")
    source = django_filters.NumberFilter(field_name="source_id", label=_("Platform id"))
    student = django_filters.NumberFilter(field_name="student_id", label=_("Student id"))

    class Meta:
        model = XapiStatement
        fields = ["completion", "success"]
