"""Writes to placement records: entered directly by a school, or changed after a round made them.

Every write is logged in the record log (`chanjiao.matching.ledger_records`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.ledger.services import RecordChange, append_records, record_change
from chanjiao.matching.ledger_records import RECORD_TYPE_OF_SOURCE, ROUND_PLACEMENT, placements_from
from chanjiao.matching.models import Placement, PlacementSource
from chanjiao.registry.services import create_record, update_record
from chanjiao.tracking.compliance import check_placement


@transaction.atomic
def record_placement(*, actor: User | None, data: dict[str, Any]) -> Placement:
    """A placement the student's school enters directly; refused when the host would exceed its
    share of post interns (``chanjiao.tracking.compliance``)."""
    check_placement(Placement(**data))
    placement = create_record(
        actor=actor, model=Placement, data={**data, "source": PlacementSource.DIRECT, "created_by": actor}
    )
    log_placement(placement=placement, actor=actor)
    return placement


@transaction.atomic
def update_placement(*, actor: User | None, placement: Placement, data: dict[str, Any]) -> Placement:
    """Change a placement; it is logged again (its completion, for instance)."""
    current = Placement.objects.get(pk=placement.pk)
    changed = any(getattr(current, field) != value for field, value in data.items())
    if changed:
        proposed = Placement.objects.get(pk=placement.pk)
        for field, value in data.items():
            setattr(proposed, field, value)
        check_placement(proposed)
    placement = update_record(actor=actor, instance=current, data=data)
    if changed:
        log_placement(placement=placement, actor=actor)
    return placement


def log_placement(*, placement: Placement, actor: User | None) -> None:
    """Append a placement's current state to the record log, as a round's or a school's."""
    record_change(instance=placement, actor=actor, record_type=RECORD_TYPE_OF_SOURCE[placement.source])


def log_round_placements(*, placements: Iterable[int], actor: User | None) -> int:
    """Append many round placements at once (a round's publication)."""
    queryset = Placement.objects.filter(pk__in=list(placements))
    changes = [
        RecordChange(record_type=ROUND_PLACEMENT, record_id=pk, content=content)
        for pk, content in placements_from(str(PlacementSource.ROUND))(queryset)
    ]
    return len(append_records(changes=changes, actor=actor))
