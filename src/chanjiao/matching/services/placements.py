"""Writes to placement records: entered directly by a school, or changed after a round made them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.ledger.services import RecordChange, append_records, record_change
from chanjiao.matching.ledger_records import ROUND_PLACEMENT, read_round_placements
from chanjiao.matching.models import Placement, PlacementSource
from chanjiao.registry.services import create_record, update_record


def record_placement(*, actor: User | None, data: dict[str, Any]) -> Placement:
    """A placement the student's school enters directly."""
    return create_record(
        actor=actor, model=Placement, data={**data, "source": PlacementSource.DIRECT, "created_by": actor}
    )


@transaction.atomic
def update_placement(*, actor: User | None, placement: Placement, data: dict[str, Any]) -> Placement:
    """Change a placement; a round's placement is logged again (its completion, for instance)."""
    current = Placement.objects.get(pk=placement.pk)
    changed = any(getattr(current, field) != value for field, value in data.items())
    placement = update_record(actor=actor, instance=current, data=data)
    if changed:
        log_round_placement(placement=placement, actor=actor)
    return placement


def log_round_placement(*, placement: Placement, actor: User | None) -> None:
    """Append a round placement's current state to the record log."""
    if placement.source == PlacementSource.ROUND:
        record_change(instance=placement, actor=actor, record_type=ROUND_PLACEMENT)


def log_round_placements(*, placements: Iterable[int], actor: User | None) -> int:
    """Append many round placements at once (a round's publication)."""
    queryset = Placement.objects.filter(pk__in=list(placements))
    changes = [
        RecordChange(record_type=ROUND_PLACEMENT, record_id=pk, content=content)
        for pk, content in read_round_placements(queryset)
    ]
    return len(append_records(changes=changes, actor=actor))
