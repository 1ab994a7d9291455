"""Search and filters of the questionnaire, invitation and response lists (web and API)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chanjiao.registry import pickers
from chanjiao.registry.filters import RegionScopedFilterSet
from chanjiao.surveys.models import EXCLUSION_REASONS, Invitation, Questionnaire, Response, TargetGroup
from chanjiao.surveys.selectors import reminders_due
from chanjiao.web.pickers import picker_filter


class QuestionnaireFilter(RegionScopedFilterSet):
    region_path_field = "owner__region__path"
    search_fields = ("title_zh", "title_en", "owner__name")
    owner = picker_filter(pickers.ORGANISATIONS, field_name="owner", label=_("Owner organisation"))

    class Meta:
        model = Questionnaire
        fields = ["scale_points", "template"]


class InvitationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(
        method="with_status",
        label=_("Status"),
        choices=[
            ("unopened", _("Not opened")),
            ("opened", _("Opened, not answered")),
            ("answered", _("Answered")),
            ("reminder_due", _("Due a reminder")),
        ],
    )
    target_group = django_filters.ChoiceFilter(choices=TargetGroup.choices, label=_("Target group"))
    organisation = picker_filter(pickers.ORGANISATIONS, field_name="organisation", label=_("Organisation"))

    class Meta:
        model = Invitation
        fields = ["target_group", "organisation"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(respondent_name__icontains=value)
            | Q(email__icontains=value)
            | Q(organisation__name__icontains=value)
        )

    def with_status(self, queryset, name, value):
        if value == "unopened":
            return queryset.filter(started_at__isnull=True, response__isnull=True)
        if value == "opened":
            return queryset.filter(started_at__isnull=False, response__isnull=True)
        if value == "answered":
            return queryset.filter(response__isnull=False)
        due = Q(pk__in=[])
        for questionnaire in Questionnaire.objects.filter(pk__in=queryset.values("questionnaire_id")):
            due |= Q(pk__in=reminders_due(questionnaire).values("pk"))
        return queryset.filter(due)


class ResponseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    valid = django_filters.BooleanFilter(label=_("Valid"))
    reason = django_filters.ChoiceFilter(
        method="with_reason",
        label=_("Exclusion reason"),
        choices=list(EXCLUSION_REASONS.items()),
    )
    target_group = django_filters.ChoiceFilter(choices=TargetGroup.choices, label=_("Target group"))

    class Meta:
        model = Response
        fields = ["valid", "source", "target_group"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(respondent__icontains=value) | Q(organisation__name__icontains=value))

    def with_reason(self, queryset, name, value):
        # Reasons are a JSON list; its text holds each reason in quotes (works on SQLite and PostgreSQL).
        return queryset.filter(valid=False, exclusion_reasons__icontains=f'"{value}"')
