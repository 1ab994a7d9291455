"""Placements kept in the tamper-evident record log, as two record types by where they come from.

- ``round_placement``: made by a matching round; logged when the round publishes it and after
  every change (acceptance, decline, completion).
- ``direct_placement``: entered by the student's school (web or API); logged when entered and
  after every change (completion, termination).

Both are logged by ``chanjiao.matching.services.placements``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.ledger.records import ContentReader, RecordType, field_reader
from chanjiao.matching.models import Placement, PlacementSource

ROUND_PLACEMENT = "round_placement"
DIRECT_PLACEMENT = "direct_placement"
RECORD_TYPE_OF_SOURCE: dict[str, str] = {
    str(PlacementSource.ROUND): ROUND_PLACEMENT,
    str(PlacementSource.DIRECT): DIRECT_PLACEMENT,
}
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


def placements_from(source: str) -> ContentReader:
    """A reader of the placements of one source: only they are records of its type."""

    def read(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
        return _read_fields(queryset.filter(source=source))

    return read


def _placement_type(source: str, label: Any) -> RecordType:
    return RecordType(
        name=RECORD_TYPE_OF_SOURCE[source],
        model=Placement,
        label=label,
        read_contents=placements_from(source),
        url_name="matching:placement",
        logs_model_changes=False,
    )


RECORD_TYPES = [
    _placement_type(str(PlacementSource.ROUND), _("Placement from a matching round")),
    _placement_type(str(PlacementSource.DIRECT), _("Placement entered by a school")),
]
