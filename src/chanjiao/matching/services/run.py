"""Running a round: the recorded lottery, student-proposing deferred acceptance, the stability
check, the welfare-optimal and enterprise-proposing alternatives, the report, and the offers."""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np
from django.db import transaction
from django.db.models import F

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.matching import (
    deferred_acceptance,
    eligible_for_open_seats,
    round_report,
    stability_check,
    welfare_optimal,
)
from chanjiao.matching.instance import RoundInstance, build_instance, pack_arrays
from chanjiao.matching.models import (
    MAIN,
    SCRAMBLE,
    MatchingRound,
    Offer,
    RoundPosition,
    RoundRun,
    RoundStatus,
    RoundStudent,
)
from chanjiao.matching.reports import build_report
from chanjiao.matching.services.results import create_placements
from chanjiao.matching.services.rounds import check_can_run

Progress = Callable[[int, int, str], None]
STEPS = 7
MATCHED = "matched"


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


def run_arrays(instance: RoundInstance, result) -> bytes:
    """What explanations read later, aligned on participant and position ids."""
    eligible, scores = instance.eligible, instance.scores
    return pack_arrays(
        participant_ids=np.array([c.pk for c in instance.tables.candidates], dtype=np.int64),
        position_ids=np.array([s.pk for s in instance.tables.seats], dtype=np.int64),
        original_choices=eligible.original_choices,
        failures=eligible.failures,
        original_index=eligible.original_index,
        choices=eligible.choices,
        position_rank=instance.position_rank,
        capacity=instance.capacity,
        assignment=result.assignment,
        choice_index=result.choice_index,
        seats_filled=result.seats_filled,
        lottery_numbers=instance.lottery.numbers,
        score_total=scores.total,
        **{f"score_{name}": values for name, values in scores.components.items()},
    )


def _save_outcomes(instance: RoundInstance, result, report) -> None:
    """Each participant's outcome and each position's filled seats, one UPDATE per value."""
    participant_ids = np.array([c.pk for c in instance.tables.candidates], dtype=np.int64)
    position_ids = np.array([s.pk for s in instance.tables.seats], dtype=np.int64)
    RoundStudent.objects.filter(pk__in=participant_ids[result.assignment >= 0].tolist()).update(
        outcome=MATCHED
    )
    for reason in np.unique(report.unmatched_reasons):
        students = report.unmatched_students[report.unmatched_reasons == reason]
        RoundStudent.objects.filter(pk__in=participant_ids[students].tolist()).update(outcome=str(reason))
    reasons = dict(zip(report.unfilled_positions.tolist(), report.unfilled_reasons.tolist(), strict=True))
    by_value: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, position_id in enumerate(position_ids.tolist()):
        by_value[(int(result.seats_filled[index]), reasons.get(index, ""))].append(position_id)
    for (filled, reason), ids in by_value.items():
        positions = RoundPosition.objects.filter(pk__in=ids)
        if instance.tables.round.status == RoundStatus.SCRAMBLE:
            # The scramble adds to the seats the main round filled.
            positions.update(seats_filled=F("seats_filled") + filled, unfilled_reason=reason)
        else:
            positions.update(seats_filled=filled, unfilled_reason=reason)


@transaction.atomic
def run_round(*, rnd: MatchingRound, actor: User | None, progress: Progress = _no_progress) -> RoundRun:
    """Match the round (or its scramble) and save the run, its report and the offers.

    The main round's results stay with the coordinator until published; running it again
    replaces them. A scramble's results are published at once, as placements awaiting answers.
    """
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    check_can_run(rnd)
    stage = SCRAMBLE if rnd.status == RoundStatus.SCRAMBLE else MAIN
    seed = rnd.lottery_seed if stage == MAIN and rnd.lottery_seed is not None else secrets.randbelow(2**31)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def step(number: int, message: str, name: str | None = None) -> None:
        nonlocal clock
        now = time.perf_counter()
        if name:
            seconds[name] = round(now - clock, 4)
        clock = now
        progress(number, STEPS, message)

    step(0, "Reading lists and rankings")
    instance = build_instance(rnd, stage=stage, seed=seed)
    step(1, f"Lottery drawn (seed {seed}); deferred acceptance", "build")
    arrays = (instance.choices, instance.position_rank, instance.capacity)
    result = deferred_acceptance(*arrays)
    step(2, "Checking stability", "deferred_acceptance")
    stability = stability_check(*arrays, result.assignment)
    step(3, "Welfare-optimal alternative", "stability")
    welfare = welfare_optimal(*arrays)
    positions_propose = deferred_acceptance(*arrays, proposing="positions")
    step(4, "Round report", "alternatives")
    tables = instance.tables
    report = round_report(
        instance.choices,
        instance.capacity,
        result,
        eligibility=instance.eligible,
        open_seat_eligible=eligible_for_open_seats(
            result, instance.capacity, tables.profiles(), tables.requirements()
        ),
        student_groups=np.array([c.school_id for c in tables.candidates], dtype=np.int64),
        position_groups=np.array([s.enterprise_id for s in tables.seats], dtype=np.int64),
    )
    step(5, "Saving results", "report")
    if stage == MAIN:
        rnd.runs.filter(stage=MAIN).delete()  # an unpublished earlier run, with its offers
    run = RoundRun.objects.create(
        round=rnd,
        stage=stage,
        lottery_seed=seed,
        lottery_digest=instance.lottery.digest,
        report={},
        arrays=run_arrays(instance, result),
        created_by=actor if actor is not None and actor.pk else None,
    )
    own_choice = instance.eligible.original_choice_index(result.choice_index)
    matched = np.flatnonzero(result.assignment >= 0)
    offers = Offer.objects.bulk_create(
        [
            Offer(
                round=rnd,
                run=run,
                participant_id=tables.candidates[s].pk,
                position_id=tables.seats[int(result.assignment[s])].pk,
                stage=stage,
                choice_number=int(own_choice[s]) + 1,
            )
            for s in matched.tolist()
        ],
        batch_size=2000,
    )
    _save_outcomes(instance, result, report)
    if stage == SCRAMBLE:
        create_placements(rnd=rnd, offers=offers, actor=actor)
        rnd.status = RoundStatus.PUBLISHED
    else:
        rnd.status = RoundStatus.MATCHED
    rnd.save(update_fields=["status"])
    step(6, "Done", "save")
    seconds["total"] = round(sum(seconds.values()), 4)
    run.report = build_report(instance, result, report, stability, welfare, positions_propose, seconds)
    run.seconds = seconds["total"]
    run.save(update_fields=["report", "seconds"])
    record_activity(
        actor=actor,
        verb="run_round",
        target=rnd,
        summary=f"{stage}: {result.n_matched} of {len(tables.candidates)} placed, seed {seed}",
    )
    progress(STEPS, STEPS, f"{result.n_matched} of {len(tables.candidates)} students placed")
    return run
