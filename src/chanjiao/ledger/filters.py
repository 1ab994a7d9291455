"""Filters of the leaves list (page, Excel export)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from chanjiao.ledger.models import Leaf
from chanjiao.ledger.records import all_record_types


def _record_type_choices():
    return [(kind.name, kind.label) for kind in all_record_types()]


class LeafFilter(django_filters.FilterSet):
    record_type = django_filters.ChoiceFilter(label=_("Record type"), choices=_record_type_choices)
    record_id = django_filters.CharFilter(label=_("Record id"))

    class Meta:
        model = Leaf
        fields = ["record_type", "record_id"]
