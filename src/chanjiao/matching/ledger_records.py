"""Placements made by matching rounds, kept in the tamper-evident record log.

A round placement is logged when the round publishes it and after every change (acceptance,
decline, completion), by ``chanjiao.matching.services``. Placements a school enters directly
are not logged here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.ledger.records import RecordType, field_reader
from chanjiao.matching.access import visible_placements
from chanjiao.matching.models import Placement, PlacementSource

ROUND_PLACEMENT = "round_placement"
PLACEMENT_FIELDS = (
    "student",
    "enterprise",
    "round",
    "kind",
    "stage",
    "occupation",
    "year",
    "start_date",
    "end_date",
    "status",
)
_read_fields = field_reader(*PLACEMENT_FIELDS)


def read_round_placements(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Only placements made by a round are records of this type."""
    return _read_fields(queryset.filter(source=PlacementSource.ROUND))


RECORD_TYPES = [
    RecordType(
        name=ROUND_PLACEMENT,
        model=Placement,
        label=_("Placement from a matching round"),
        read_contents=read_round_placements,
        visible=visible_placements,
        url_name="matching:placement",
        logs_model_changes=False,
    )
]
