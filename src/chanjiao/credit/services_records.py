"""Writes for the records the credit file counts; each one reassesses the enterprise it concerns,
so its credit file always reflects its records."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.credit.models import Contribution, Incident, InsuranceClaim, InsuranceCover
from chanjiao.credit.services import assess_enterprise
from chanjiao.ledger.services import record_change
from chanjiao.registry.services import create_record


@transaction.atomic
def record_contribution(*, actor: User, data: dict[str, Any]) -> Contribution:
    contribution = create_record(actor=actor, model=Contribution, data={**data, "recorded_by": actor})
    record_change(instance=contribution, actor=actor)
    assess_enterprise(enterprise=contribution.enterprise, actor=actor)
    return contribution


@transaction.atomic
def record_cover(*, actor: User, data: dict[str, Any]) -> InsuranceCover:
    cover = create_record(actor=actor, model=InsuranceCover, data={**data, "recorded_by": actor})
    assess_enterprise(enterprise=cover.enterprise, actor=actor)
    return cover


@transaction.atomic
def record_claim(*, actor: User, cover: InsuranceCover, data: dict[str, Any]) -> InsuranceClaim:
    claim = create_record(
        actor=actor, model=InsuranceClaim, data={**data, "cover": cover, "recorded_by": actor}
    )
    assess_enterprise(enterprise=cover.enterprise, actor=actor)
    return claim


@transaction.atomic
def record_incident(*, actor: User, data: dict[str, Any]) -> Incident:
    incident = create_record(actor=actor, model=Incident, data={**data, "recorded_by": actor})
    assess_enterprise(enterprise=incident.enterprise, actor=actor)
    return incident
