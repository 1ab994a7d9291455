"""Reads for round pages and the API: overview figures, a student's positions, an enterprise's
candidates with their derived scores, and the latest runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Q, Sum

from chanjiao.core.matching import (
    derive_student_choices,
    eligibility_failures,
    failed_requirement_names,
)
from chanjiao.matching.explanations import COMPONENT_LABELS, REQUIREMENT_LABELS
from chanjiao.matching.instance import RoundTables, load_candidates, load_seats, open_seats, seat_pay
from chanjiao.matching.models import (
    MAIN,
    SCRAMBLE,
    CandidateRank,
    MatchingRound,
    Placement,
    PlacementStatus,
    RankingMode,
    Response,
    RoundPosition,
    RoundRun,
    RoundStatus,
    RoundStudent,
    StudentChoice,
)

# Regions carry no coordinates, so derived student orders weigh fit and pay only.
SUGGESTION_WEIGHTS = {"distance": 0.0}


def applicants_of(position: RoundPosition, stage: str):
    """Participants who listed the position in a stage."""
    return position.round.participants.filter(choices__position=position, choices__stage=stage)


def latest_run(rnd: MatchingRound, stage: str = MAIN) -> RoundRun | None:
    return rnd.runs.filter(stage=stage).order_by("-created_at", "-pk").first()


def current_stage(rnd: MatchingRound) -> str:
    return SCRAMBLE if rnd.status == RoundStatus.SCRAMBLE else MAIN


def round_overview(rnd: MatchingRound) -> dict[str, Any]:
    """Headline figures of a round for its coordinator."""
    positions = rnd.positions.aggregate(
        count=Count("id"),
        seats=Sum("capacity"),
        enterprises=Count("enterprise", distinct=True),
        confirmed=Count("id", filter=Q(ranking_confirmed_at__isnull=False)),
        entered=Count("id", filter=Q(ranking_mode=RankingMode.ENTERED)),
    )
    participants = rnd.participants.aggregate(
        count=Count("id"),
        submitted=Count("id", filter=Q(submitted_at__isnull=False)),
        scramble_submitted=Count("id", filter=Q(scramble_submitted_at__isnull=False)),
        schools=Count("student__school", distinct=True),
    )
    offers = rnd.offers.aggregate(
        count=Count("id"),
        accepted=Count(
            "id",
            filter=Q(student_response=Response.ACCEPTED, enterprise_response=Response.ACCEPTED),
        ),
        declined=Count(
            "id", filter=Q(student_response=Response.DECLINED) | Q(enterprise_response=Response.DECLINED)
        ),
    )
    return {
        "positions": positions["count"],
        "seats": positions["seats"] or 0,
        "enterprises": positions["enterprises"],
        "rankings_confirmed": positions["confirmed"],
        "rankings_entered": positions["entered"],
        "students": participants["count"],
        "lists_submitted": participants["submitted"],
        "scramble_lists_submitted": participants["scramble_submitted"],
        "schools": participants["schools"],
        "offers": offers["count"],
        "offers_accepted": offers["accepted"],
        "offers_declined": offers["declined"],
        "open_seats": sum(open_seats(rnd).values())
        if rnd.status in (RoundStatus.PUBLISHED, RoundStatus.SCRAMBLE)
        else None,
    }


def enterprise_positions(rnd: MatchingRound, enterprise_id: int):
    """An enterprise's positions in a round with the number of students who listed each now."""
    stage = current_stage(rnd)
    return (
        rnd.positions.filter(enterprise_id=enterprise_id)
        .select_related("occupation")
        .annotate(applicants=Count("choices", filter=Q(choices__stage=stage)))
        .order_by("title", "pk")
    )


@dataclass
class PositionOption:
    """A position as one student sees it: can they hold it, how well does it suit them."""

    position: RoundPosition
    failed: tuple[str, ...]
    fit: float
    pay: float
    score: float
    open_seats: int
    rank: int | None = None
    applicants: int = 0

    @property
    def eligible(self) -> bool:
        return not self.failed

    @property
    def salary_min(self) -> int | None:
        return self.position.posting.salary_min

    @property
    def salary_max(self) -> int | None:
        return self.position.posting.salary_max

    @property
    def wage(self) -> float | None:
        """The monthly wage in yuan used to compare positions: the middle of the posting's range,
        or the one bound it gives; None when the posting states none."""
        bounds = [v for v in (self.salary_min, self.salary_max) if v is not None]
        return sum(bounds) / len(bounds) if bounds else None

    @property
    def failed_labels(self) -> list[str]:
        return [str(REQUIREMENT_LABELS.get(name, name)) for name in self.failed]


def positions_for_student(participant: RoundStudent, stage: str) -> list[PositionOption]:
    """Every position of the round for one student, with eligibility and the derived
    student-side score (fit and pay), the student's current list first in their order."""
    rnd = participant.round
    seats = load_seats(rnd.positions.all())
    tables = RoundTables(rnd, load_candidates(RoundStudent.objects.filter(pk=participant.pk)), seats)
    everything = np.arange(len(seats), dtype=np.int64)[None, :]
    failures = eligibility_failures(everything, tables.profiles(), tables.requirements())[0]
    pay = seat_pay(seats)
    derived = derive_student_choices(
        everything,
        student_program=tables.student_program,
        seat_occupation=tables.seat_occupation,
        program_fit=tables.program_fit,
        student_location=np.zeros((1, 2)),
        seat_location=np.zeros((len(seats), 2)),
        seat_pay=pay,
        weights=SUGGESTION_WEIGHTS,
    )
    order = derived.choices[0]
    by_index = {
        int(position): (
            float(derived.scores.components["fit"][0, k]),
            float(derived.scores.components["pay"][0, k]),
            float(derived.scores.total[0, k]),
        )
        for k, position in enumerate(order)
    }
    ranks = dict(
        StudentChoice.objects.filter(participant=participant, stage=stage).values_list("position_id", "rank")
    )
    positions = {
        p.pk: p
        for p in rnd.positions.select_related("enterprise", "occupation", "posting__region")
        .only(
            # "round": the related manager sets each position's round from its round_id.
            "pk",
            "round",
            "title",
            "kind",
            "posting_id",
            "capacity",
            "enterprise__name",
            "occupation__name",
            "posting__salary_min",
            "posting__salary_max",
            "posting__start_date",
            "posting__region__name",
        )
        .annotate(applicants=Count("choices", filter=Q(choices__stage=stage)))
    }
    remaining = open_seats(rnd) if stage == SCRAMBLE else {}
    options = [
        PositionOption(
            position=positions[seat.pk],
            failed=failed_requirement_names(int(failures[i])),
            fit=by_index[i][0],
            pay=by_index[i][1],
            score=by_index[i][2],
            open_seats=remaining.get(seat.pk, seat.capacity) if stage == SCRAMBLE else seat.capacity,
            rank=ranks.get(seat.pk),
            applicants=positions[seat.pk].applicants,
        )
        for i, seat in enumerate(seats)
    ]
    options.sort(key=lambda o: (o.rank is None, o.rank or 0, not o.eligible, -o.score, o.position.pk))
    return options


def filter_options(
    options: list[PositionOption],
    *,
    q: str = "",
    kind: str = "",
    location: str = "",
    min_wage: int | None = None,
    order: str = "",
) -> list[PositionOption]:
    """The options a student's search keeps: words in the title, enterprise, occupation or place;
    a kind; a place; a lowest monthly wage (positions without a stated wage are left out then).
    ``order`` "wage" puts the best paid first, "applicants" the least sought; otherwise the
    order stays (best fit first)."""
    words = q.casefold().split()
    place = location.casefold().strip()

    def keeps(option: PositionOption) -> bool:
        position = option.position
        text = " ".join(
            [
                position.title,
                position.enterprise.name,
                position.occupation.name if position.occupation else "",
                position.posting.region.name,
            ]
        ).casefold()
        return (
            all(word in text for word in words)
            and (not kind or position.kind == kind)
            and (not place or place in position.posting.region.name.casefold())
            and (min_wage is None or (option.wage is not None and option.wage >= min_wage))
        )

    kept = [option for option in options if keeps(option)]
    if order == "wage":
        kept.sort(key=lambda option: (option.wage is None, -(option.wage or 0)))
    elif order == "applicants":
        kept.sort(key=lambda option: option.applicants / max(option.open_seats, 1))
    return kept


@dataclass
class CandidateRow:
    participant: RoundStudent
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    failed: tuple[str, ...] = ()
    rank: int | None = None
    excluded: bool = False

    @property
    def failed_labels(self) -> list[str]:
        return [str(REQUIREMENT_LABELS.get(name, name)) for name in self.failed]


def candidates_for(position: RoundPosition, stage: str) -> list[CandidateRow]:
    """Students who listed the position, in the enterprise's current order: its entered ranks
    first, then by the documented score (the derived ranking)."""
    rnd = position.round
    applicants = applicants_of(position, stage).select_related(
        "student", "student__school", "student__program"
    )
    by_pk = {p.pk: p for p in applicants}
    candidates = load_candidates(applicants)
    tables = RoundTables(rnd, candidates, load_seats(RoundPosition.objects.filter(pk=position.pk)))
    single = np.zeros((len(candidates), 1), dtype=np.int64)
    scores = tables.scores(single)
    failures = eligibility_failures(single, tables.profiles(), tables.requirements())[:, 0]
    entered = {
        participant_id: (rank, excluded)
        for participant_id, rank, excluded in CandidateRank.objects.filter(position=position).values_list(
            "participant_id", "rank", "excluded"
        )
    }
    rows = []
    for i, candidate in enumerate(candidates):
        rank, excluded = entered.get(candidate.pk, (None, False))
        rows.append(
            CandidateRow(
                participant=by_pk[candidate.pk],
                score=float(scores.total[i, 0]),
                parts={
                    str(COMPONENT_LABELS[name]): round(part["contribution"], 3)
                    for name, part in scores.explain(i, 0).items()
                },
                failed=failed_requirement_names(int(failures[i])),
                rank=rank if position.ranking_mode == RankingMode.ENTERED else None,
                excluded=excluded,
            )
        )
    rows.sort(key=lambda r: (r.excluded, r.rank is None, r.rank or 0, -r.score, r.participant.pk))
    return rows


def program_placement_counts(year: int) -> dict[int, dict[str, int]]:
    """Per program, its students' placements of ``year`` (declined offers left out): how many,
    how many students they placed, and how many were completed."""
    rows = (
        Placement.objects.filter(year=year)
        .exclude(status=PlacementStatus.DECLINED)
        .values("student__program")
        .annotate(
            placements=Count("pk"),
            students_placed=Count("student", distinct=True),
            completed=Count("pk", filter=Q(status=PlacementStatus.COMPLETED)),
        )
    )
    return {
        row["student__program"]: {key: row[key] for key in ("placements", "students_placed", "completed")}
        for row in rows
    }
