"""Technical needs through their workflow, and consortium core products."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import ConsortiumProduct, NeedExpert, NeedStatus, TechnicalNeed
from chanjiao.docking.models.needs import NEED_TRANSITIONS
from chanjiao.registry.models import Carrier, Teacher


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.pk else None


@transaction.atomic
def create_need(*, actor: User | None, data: dict[str, Any]) -> TechnicalNeed:
    need = TechnicalNeed(**data, created_by=_actor(actor))
    need.full_clean()
    need.save()
    record_activity(actor=actor, verb="create_need", target=need, summary=need.title)
    return need


@transaction.atomic
def update_need(*, actor: User | None, need: TechnicalNeed, data: dict[str, Any]) -> TechnicalNeed:
    need = TechnicalNeed.objects.select_for_update().get(pk=need.pk)
    changed = {k: v for k, v in data.items() if getattr(need, k) != v}
    for field, value in changed.items():
        setattr(need, field, value)
    if changed:
        need.full_clean()
        need.save()
        record_activity(actor=actor, verb="update_need", target=need, summary=", ".join(sorted(changed)))
    return need


def _check_step(need: TechnicalNeed, status) -> None:
    if status not in NEED_TRANSITIONS[NeedStatus(need.status)]:
        target = NeedStatus(status).label if status in NeedStatus.values else repr(status)
        raise ValueError(f"A need that is {NeedStatus(need.status).label.lower()} cannot move to {target}.")


@transaction.atomic
def match_need_with_experts(
    *, actor: User | None, need: TechnicalNeed, experts: list[Teacher]
) -> TechnicalNeed:
    """Move an open need to "matched" with the chosen experts (the expert-matching round's exit)."""
    need = TechnicalNeed.objects.select_for_update().get(pk=need.pk)
    if not experts:
        raise ValueError("Choose at least one expert.")
    _check_step(need, NeedStatus.MATCHED)
    NeedExpert.objects.bulk_create(
        [NeedExpert(need=need, expert=expert, assigned_by=_actor(actor)) for expert in experts],
        ignore_conflicts=True,
    )
    need.status = NeedStatus.MATCHED
    need.matched_at = timezone.now()
    need.save(update_fields=["status", "matched_at", "updated_at"])
    names = ", ".join(e.name for e in experts)
    record_activity(actor=actor, verb="match_need", target=need, summary=f"{need.title}: {names}")
    return need


@transaction.atomic
def move_need(*, actor: User | None, need: TechnicalNeed, status: str, outcome: str = "") -> TechnicalNeed:
    """Start, solve, abandon or reopen a need; solving and abandoning record the outcome."""
    need = TechnicalNeed.objects.select_for_update().get(pk=need.pk)
    _check_step(need, status)
    if status in {NeedStatus.SOLVED, NeedStatus.ABANDONED}:
        if not outcome.strip():
            raise ValueError("Say what was delivered, or why the need was abandoned.")
        need.outcome = outcome.strip()
        need.closed_at = timezone.now()
    if status == NeedStatus.IN_PROGRESS:
        need.started_at = timezone.now()
    if status == NeedStatus.OPEN:  # back to open: the experts were not the right ones
        need.expert_links.all().delete()
        need.matched_at = None
    need.status = status
    need.save()
    record_activity(actor=actor, verb=f"need_{status}", target=need, summary=need.title)
    return need


@transaction.atomic
def add_product(*, actor: User | None, consortium: Carrier, data: dict[str, Any]) -> ConsortiumProduct:
    product = ConsortiumProduct(consortium=consortium, created_by=_actor(actor), **data)
    product.full_clean()
    product.save()
    record_activity(actor=actor, verb="add_core_product", target=consortium, summary=product.name)
    return product


@transaction.atomic
def remove_product(*, actor: User | None, product: ConsortiumProduct) -> None:
    record_activity(actor=actor, verb="remove_core_product", target=product.consortium, summary=product.name)
    product.delete()
