"""The advice workflow: the college responds, the officer decides, the decision is recorded."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import Advice, AdviceDecision, AdviceStatus, ResponsePosition


@transaction.atomic
def respond_to_advice(*, actor: User | None, advice: Advice, position: str, response: str) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status == AdviceStatus.DECIDED:
        raise ValueError("The officer has already decided; the response can no longer change.")
    if position not in ResponsePosition.values:
        raise ValueError(
            f"Unknown position {position!r}; choose one of {', '.join(ResponsePosition.values)}."
        )
    if not response.strip():
        raise ValueError("Write the college's response.")
    advice.response_position = position
    advice.response = response.strip()
    advice.responded_by = actor if actor is not None and actor.pk else None
    advice.responded_at = timezone.now()
    advice.status = AdviceStatus.RESPONDED
    advice.save()
    record_activity(actor=actor, verb="respond_to_advice", target=advice, summary=f"{advice}: {position}")
    return advice


@transaction.atomic
def decide_advice(*, actor: User | None, advice: Advice, decision: str, note: str) -> Advice:
    advice = Advice.objects.select_for_update().get(pk=advice.pk)
    if advice.status == AdviceStatus.DECIDED:
        raise ValueError("This advice has already been decided.")
    if decision not in AdviceDecision.values:
        raise ValueError(f"Unknown decision {decision!r}; choose one of {', '.join(AdviceDecision.values)}.")
    if not note.strip():
        raise ValueError("Record the reasons for the decision.")
    advice.decision = decision
    advice.decision_note = note.strip()
    advice.decided_by = actor if actor is not None and actor.pk else None
    advice.decided_at = timezone.now()
    advice.status = AdviceStatus.DECIDED
    advice.save()
    record_activity(actor=actor, verb="decide_advice", target=advice, summary=f"{advice}: {decision}")
    return advice
