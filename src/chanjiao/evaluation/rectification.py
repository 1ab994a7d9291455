"""Rectification after a light: open, consult, respond, escalate, fund, close.

A red light opens a *rectification* case with the scheme's deadline (90 days by default); a
yellow light opens *supervision* with an expert consultation (180 days). The unit responds with
the actions it took and evidence; the officer closes the case or escalates it with a new
deadline; a case past its deadline and not closed is overdue. A special rectification fund may be
granted once to a rectification case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.evaluation.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    Colour,
    Evaluation,
    RectificationCase,
    UnitResult,
)


def _locked(case: RectificationCase) -> RectificationCase:
    case = RectificationCase.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise ValueError("This case is closed.")
    return case


def default_deadline(result: UnitResult) -> dt.date:
    deadlines = result.evaluation.config["deadlines"]
    days = deadlines["red_days"] if result.colour == Colour.RED else deadlines["yellow_days"]
    return timezone.localdate() + dt.timedelta(days=days)


@transaction.atomic
def open_case(
    *, actor: User | None, result: UnitResult, deadline: dt.date | None = None, note: str = ""
) -> RectificationCase:
    """Open rectification (red) or supervision (yellow) for an evaluation result."""
    if result.colour not in (Colour.RED, Colour.YELLOW):
        raise ValueError(
            f"Only red and yellow lights open a case; {result.unit_name} is {result.get_colour_display().lower()}."
        )
    if RectificationCase.objects.filter(result=result).exists():
        raise ValueError(f"{result.unit_name} already has a case for this evaluation.")
    deadline = deadline or default_deadline(result)
    if deadline <= timezone.localdate():
        raise ValueError("The deadline must be after today.")
    case = RectificationCase.objects.create(
        result=result,
        unit_kind=result.unit_kind,
        unit_id=result.unit_id,
        unit_name=result.unit_name,
        region=result.evaluation.cycle.scheme.region,
        kind=CaseKind.RECTIFICATION if result.colour == Colour.RED else CaseKind.SUPERVISION,
        reasons=result.sentence,
        deadline=deadline,
        opened_by=actor,
    )
    CaseEvent.objects.create(case=case, verb="opened", note=note, actor=actor)
    record_activity(actor=actor, verb="open_case", target=case, summary=f"{case.unit_name} until {deadline}")
    return case


@transaction.atomic
def open_cases(*, actor: User | None, evaluation: Evaluation) -> list[RectificationCase]:
    """A case for every red or yellow result of the evaluation that has none yet."""
    pending = evaluation.results.filter(colour__in=[Colour.RED, Colour.YELLOW], cases__isnull=True)
    return [open_case(actor=actor, result=result) for result in pending.order_by("position")]


@transaction.atomic
def record_consultation(
    *, actor: User | None, case: RectificationCase, expert_name: str, consulted_on: dt.date, advice: str
) -> RectificationCase:
    case = _locked(case)
    case.expert_name, case.consulted_on, case.expert_advice = expert_name, consulted_on, advice
    case.save(update_fields=["expert_name", "consulted_on", "expert_advice"])
    CaseEvent.objects.create(case=case, verb="consulted", note=f"{expert_name}: {advice}", actor=actor)
    record_activity(actor=actor, verb="consult_expert", target=case, summary=expert_name)
    return case


@transaction.atomic
def respond_to_case(
    *, actor: User | None, case: RectificationCase, actions: str, evidence: str, evidence_file=None
) -> CaseEvent:
    """The unit reports what it did, with evidence (text and optionally a file)."""
    case = _locked(case)
    event = CaseEvent.objects.create(
        case=case,
        verb="responded",
        actions=actions,
        evidence=evidence,
        evidence_file=evidence_file or "",
        actor=actor,
    )
    case.status = CaseStatus.RESPONDED
    case.save(update_fields=["status"])
    record_activity(actor=actor, verb="respond_case", target=case, summary=actions[:120])
    return event


@transaction.atomic
def close_case(*, actor: User | None, case: RectificationCase, conclusion: str) -> RectificationCase:
    case = _locked(case)
    case.status, case.conclusion, case.closed_at = CaseStatus.CLOSED, conclusion, timezone.now()
    case.save(update_fields=["status", "conclusion", "closed_at"])
    CaseEvent.objects.create(case=case, verb="closed", note=conclusion, actor=actor)
    record_activity(actor=actor, verb="close_case", target=case, summary=conclusion[:120])
    return case


@transaction.atomic
def escalate_case(
    *, actor: User | None, case: RectificationCase, note: str, deadline: dt.date
) -> RectificationCase:
    """Raise the case one level with a new deadline (the response was not enough, or none came)."""
    case = _locked(case)
    if deadline <= timezone.localdate():
        raise ValueError("The new deadline must be after today.")
    case.status, case.deadline = CaseStatus.ESCALATED, deadline
    case.escalation_level += 1
    case.save(update_fields=["status", "deadline", "escalation_level"])
    CaseEvent.objects.create(case=case, verb="escalated", note=f"{note} (until {deadline})", actor=actor)
    record_activity(actor=actor, verb="escalate_case", target=case, summary=f"level {case.escalation_level}")
    return case


@transaction.atomic
def grant_fund(
    *, actor: User | None, case: RectificationCase, amount: Decimal, note: str
) -> RectificationCase:
    case = _locked(case)
    if case.kind != CaseKind.RECTIFICATION:
        raise ValueError("A special rectification fund goes with a rectification case (red light).")
    if case.fund_amount is not None:
        raise ValueError(f"A fund of ¥{case.fund_amount:,} was already granted to this case.")
    if amount <= 0:
        raise ValueError("The fund must be a positive amount.")
    case.fund_amount, case.fund_note = amount, note
    case.save(update_fields=["fund_amount", "fund_note"])
    CaseEvent.objects.create(case=case, verb="funded", note=f"¥{amount:,}: {note}", actor=actor)
    record_activity(actor=actor, verb="grant_fund", target=case, summary=f"¥{amount:,}")
    return case
