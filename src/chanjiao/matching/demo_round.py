"""A matching round for the demo city, ready for the education bureau's officer to run.

Seats: the published internship, apprenticeship and order-class postings of the city (docking's
demo postings). Students: the cohort that starts its post internship next year, from the first
schools of the city (the demo school first) until there are about 10% more students than seats.
Each student ranks 3 to 10 positions they are eligible for, drawn one after another with
probability growing steeply with program fit (to the fifth power), with pay and the enterprise's size (a Plackett–Luce order);
one in twenty has not submitted yet. Most enterprises have accepted the derived ranking; the
demo enterprise entered its own order for one position and left another unconfirmed. A few open
technical needs have expert invitations, one of them waiting for the demo teacher (on the
open need closest to their expertise).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from chanjiao.core.matching import eligibility_failures
from chanjiao.core.matching.experts import rank_experts
from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.docking.models import NeedStatus, Posting, PostingStatus, TechnicalNeed
from chanjiao.matching.experts import need_text, suggest_experts, suggestion_for
from chanjiao.matching.instance import RoundTables, load_candidates, load_seats, seat_pay
from chanjiao.matching.models import (
    CandidateRank,
    ExpertInvitation,
    MatchingRound,
    RankingMode,
    RoundPosition,
    RoundStudent,
    StudentChoice,
)
from chanjiao.matching.selectors import candidates_for
from chanjiao.matching.services.rounds import open_round
from chanjiao.registry.models import Organisation, OrgKind, Student, Teacher

STUDENTS_PER_SEAT = 1.1
NOT_SUBMITTED = 0.05
CONFIRMED = 0.7
DEMO_NEEDS = 3
INVITED_PER_NEED = 3


def _participating_schools(dataset, cohort: int, seats: int) -> list[Organisation]:
    schools = list(dataset.organisations.filter(kind=OrgKind.SCHOOL).order_by("pk"))
    chosen, students = [], 0
    for school in schools:
        chosen.append(school)
        students += Student.objects.filter(school=school, year=cohort).count()
        if students >= STUDENTS_PER_SEAT * seats:
            break
    return chosen


def _lists(rnd: MatchingRound, rng: np.random.Generator) -> list[StudentChoice]:
    """Each student's list: eligible positions in a Plackett–Luce order."""
    seats = load_seats(rnd.positions.all())
    candidates = load_candidates(rnd.participants.all())
    tables = RoundTables(rnd, candidates, seats)
    everything = np.tile(np.arange(len(seats), dtype=np.int64), (len(candidates), 1))
    eligible = eligibility_failures(everything, tables.profiles(), tables.requirements()) == 0
    fit = tables.program_fit[tables.student_program][:, tables.seat_occupation]
    pay = seat_pay(seats)
    size = dict(
        Organisation.objects.filter(pk__in={s.enterprise_id for s in seats}).values_list("pk", "employees")
    )
    appeal = (pay / np.median(pay)) * np.array(
        [float(size.get(s.enterprise_id) or 50) ** 0.15 for s in seats]
    )
    rows: list[StudentChoice] = []
    for i, candidate in enumerate(candidates):
        if rng.random() < NOT_SUBMITTED:
            continue
        weight = np.where(eligible[i], (fit[i] + 0.02) ** 5 * appeal, 0.0)
        available = int(np.count_nonzero(weight))
        if not available:
            continue
        length = min(int(rng.integers(3, rnd.max_choices + 1)), available)
        picked = rng.choice(len(seats), size=length, replace=False, p=weight / weight.sum())
        rows.extend(
            StudentChoice(participant_id=candidate.pk, position_id=seats[p].pk, rank=rank)
            for rank, p in enumerate(picked.tolist(), start=1)
        )
    return rows


def _enterprise_rankings(
    rnd: MatchingRound, rng: np.random.Generator, demo_enterprise_id: int | None
) -> None:
    positions = list(rnd.positions.order_by("pk").values_list("pk", "enterprise_id"))
    confirmed = [
        pk for pk, enterprise in positions if enterprise != demo_enterprise_id and rng.random() < CONFIRMED
    ]
    RoundPosition.objects.filter(pk__in=confirmed).update(ranking_confirmed_at=timezone.now())
    own = [pk for pk, enterprise in positions if enterprise == demo_enterprise_id]
    if not own:
        return
    position = RoundPosition.objects.select_related("round").get(pk=own[0])
    order = [row.participant.pk for row in candidates_for(position, "main")]
    for k in range(0, len(order) - 1, 3):  # the enterprise's own view differs a little from the score
        order[k], order[k + 1] = order[k + 1], order[k]
    CandidateRank.objects.bulk_create(
        [CandidateRank(position=position, participant_id=pk, rank=rank) for rank, pk in enumerate(order, 1)]
    )
    RoundPosition.objects.filter(pk=position.pk).update(
        ranking_mode=RankingMode.ENTERED, ranking_confirmed_at=timezone.now()
    )


def _invitations(dataset) -> int:
    needs = list(
        TechnicalNeed.objects.filter(
            enterprise__in=dataset.organisations.all(), status=NeedStatus.OPEN
        ).order_by("pk")
    )
    invitations = []
    for need in needs[:DEMO_NEEDS]:
        for suggestion in suggest_experts(need, top=INVITED_PER_NEED):
            invitations.append(
                ExpertInvitation(
                    need=need, expert=suggestion.expert, score=suggestion.score, reasons=suggestion.reasons
                )
            )
    teacher = (
        Teacher.objects.filter(organisation__in=dataset.organisations.all(), user__isnull=False)
        .order_by("pk")
        .first()
    )
    if teacher is not None and needs:
        fitting = rank_experts(
            teacher.expertise, [need_text(n) for n in needs], [[] for _ in needs], top=1
        ).order
        closest = needs[int(fitting[0])] if fitting.size else None
        suggested = suggestion_for(closest, teacher) if closest is not None else {}
        invited = {(i.need_id, i.expert_id) for i in invitations}
        if closest is not None and suggested and (closest.pk, teacher.pk) not in invited:
            invitations.append(ExpertInvitation(need=closest, expert=teacher, **suggested))
    ExpertInvitation.objects.bulk_create(invitations, ignore_conflicts=True)
    return len(invitations)


def populate_round(*, dataset) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    rng = np.random.default_rng(dataset.seed + 5_000)
    organiser = dataset.organisations.filter(kind=OrgKind.GOVERNMENT).order_by("pk").first()
    if organiser is None:
        return {}
    cohort = CURRENT_YEAR - 1
    now = timezone.now()
    data = {
        "name": f"{organiser.region.name}{CURRENT_YEAR + 1}年岗位实习与现代学徒制双选（第一轮）",
        "kinds": ["internship", "apprenticeship", "order_class"],
        "stage": "post",
        "cohort_from": cohort,
        "cohort_to": cohort,
        "region_rule": "anywhere",
        "min_program_fit": 0.25,
        "max_choices": 10,
        "ranking_opens": now - dt.timedelta(days=7),
        "ranking_closes": now + dt.timedelta(days=30),
        "starts_on": dt.date(CURRENT_YEAR + 1, 7, 1),
        "ends_on": dt.date(CURRENT_YEAR + 1, 12, 31),
        "lottery_seed": dataset.seed,
    }
    seats = sum(
        Posting.objects.filter(
            status=PostingStatus.PUBLISHED,
            kind__in=data["kinds"],
            region__path__startswith=organiser.region.path,
            enterprise__in=dataset.organisations.all(),
        ).values_list("seats", flat=True)
    )
    if not seats:
        return {}
    data["schools"] = _participating_schools(dataset, cohort, seats)
    rnd = open_round(actor=None, organiser=organiser, data=data)
    # Another demo dataset of the same city may have published postings there too.
    rnd.positions.exclude(enterprise__in=dataset.organisations.all()).delete()
    choices = _lists(rnd, rng)
    StudentChoice.objects.bulk_create(choices, batch_size=5000)
    submitted = {choice.participant_id for choice in choices}
    RoundStudent.objects.filter(pk__in=list(submitted)).update(submitted_at=now)
    demo_enterprise = (
        dataset.organisations.filter(kind=OrgKind.ENTERPRISE, users__username="enterprise")
        .values_list("pk", flat=True)
        .first()
    )
    _enterprise_rankings(rnd, rng, demo_enterprise)
    return {
        "matching_rounds": 1,
        "round_positions": rnd.positions.count(),
        "round_students": rnd.participants.count(),
        "ranked_lists": len(submitted),
        "expert_invitations": _invitations(dataset),
    }
