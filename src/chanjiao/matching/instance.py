"""From a round's records to the arrays of the matching core, and back.

Students are numbered in participant-id order and positions in position-id order, so the
recorded lottery seed redraws the same numbers for the same students. Eligibility, derived
scores, entered rankings and the lottery become ``choices`` and ``position_rank`` exactly as
docs/matching.md describes; nothing here decides who gets a seat.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.apps import apps
from django.db.models import Count, Q

from chanjiao.core.matching import (
    OTHER,
    EligibleChoices,
    Lottery,
    ScoreBreakdown,
    SeatRequirements,
    StudentProfiles,
    draw_lottery,
    eligibility_failures,
    enterprise_scores,
    occupation_fit_matrix,
    pack_flags,
    remove_ineligible,
    strict_position_rank,
    tiers_from_scores,
)
from chanjiao.matching.models import (
    SCRAMBLE,
    CandidateRank,
    MatchingRound,
    Offer,
    RankingMode,
    Response,
    StudentChoice,
)
from chanjiao.registry.models import ProgramOccupation

POSITION_FIELDS = (
    "pk",
    "enterprise_id",
    "title",
    "occupation_id",
    "capacity",
    "min_study_year",
    "certificates_required",
    "posting__skills",
    "posting__certificates",
    "posting__region_id",
    "ranking_mode",
    "posting__salary_min",
    "posting__salary_max",
)
PARTICIPANT_FIELDS = (
    "pk",
    "student_id",
    "student__school_id",
    "student__program_id",
    "student__year",
    "student__skills",
    "student__certificates",
    "student__school__region_id",
)
REGION_DIVISOR = {"anywhere": 0, "province": 10000, "city": 100, "district": 1}


@dataclass(frozen=True)
class Seat:
    pk: int
    enterprise_id: int
    title: str
    occupation: str | None
    capacity: int
    min_study_year: int
    certificates_required: bool
    skills: list
    certificates: list
    region_id: int
    ranking_mode: str
    salary_min: int | None
    salary_max: int | None


@dataclass(frozen=True)
class Candidate:
    pk: int
    student_id: int
    school_id: int
    program_id: int
    entry_year: int
    skills: list
    certificates: list
    region_id: int


def load_seats(positions) -> list[Seat]:
    return [Seat(*row) for row in positions.order_by("pk").values_list(*POSITION_FIELDS)]


def load_candidates(participants) -> list[Candidate]:
    return [Candidate(*row) for row in participants.order_by("pk").values_list(*PARTICIPANT_FIELDS)]


def _flags(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(rows), max(len(vocabulary), 1)), dtype=bool)
    for row, items in enumerate(rows):
        for item in items or ():
            matrix[row, vocabulary[item]] = True
    return pack_flags(matrix)


def mentor_assessments(student_ids: Sequence[int]) -> np.ndarray:
    """Each student's latest enterprise-mentor assessment in [0, 1] (mean of that day's scores),
    NaN without one. Read from practical training when that app is installed."""
    scores = np.full(len(student_ids), np.nan)
    if not apps.is_installed("chanjiao.tracking") or not student_ids:
        return scores
    assessment = apps.get_model("tracking", "TrainingAssessment")
    rows = assessment.objects.filter(
        assessor_role="mentor", training__placement__student_id__in=list(student_ids)
    ).values_list("training__placement__student_id", "assessed_on", "score")
    latest: dict[int, tuple] = {}
    for student_id, day, score in rows:
        held = latest.get(student_id)
        if held is None or day > held[0]:
            latest[student_id] = (day, [score])
        elif day == held[0]:
            held[1].append(score)
    index = {student_id: i for i, student_id in enumerate(student_ids)}
    for student_id, (_, values) in latest.items():
        scores[index[student_id]] = float(np.mean(values)) / 100.0
    return scores


class RoundTables:
    """Students and seats of a round as the core's profile, requirement and score arrays."""

    def __init__(self, rnd: MatchingRound, candidates: list[Candidate], seats: list[Seat]):
        self.round = rnd
        self.candidates = candidates
        self.seats = seats
        programs = sorted({c.program_id for c in candidates})
        self.program_index = {pk: i for i, pk in enumerate(programs)}
        occupations = sorted({s.occupation for s in seats if s.occupation})
        # The last column stands for seats without a coded occupation: no fit can be shown.
        self.occupation_column = {code: i for i, code in enumerate(occupations)}
        targets: dict[int, list[str]] = {pk: [] for pk in programs}
        for program_id, code in ProgramOccupation.objects.filter(program_id__in=programs).values_list(
            "program_id", "occupation_id"
        ):
            targets[program_id].append(code)
        fit = occupation_fit_matrix([targets[pk] for pk in programs], occupations)
        self.program_fit = np.column_stack([fit, np.zeros(len(programs))]) if programs else np.zeros((0, 1))
        skills = sorted(
            {x for c in candidates for x in c.skills or ()} | {x for s in seats for x in s.skills or ()}
        )
        certificates = sorted(
            {x for c in candidates for x in c.certificates or ()}
            | {x for s in seats for x in s.certificates or ()}
        )
        self.skill_index = {name: i for i, name in enumerate(skills)}
        self.certificate_index = {name: i for i, name in enumerate(certificates)}

    @property
    def student_program(self) -> np.ndarray:
        return np.array([self.program_index[c.program_id] for c in self.candidates], dtype=np.int64)

    @property
    def seat_occupation(self) -> np.ndarray:
        uncoded = len(self.occupation_column)
        return np.array(
            [self.occupation_column.get(s.occupation or "", uncoded) for s in self.seats], dtype=np.int64
        )

    def profiles(self) -> StudentProfiles:
        start_year = self.round.starts_on.year
        return StudentProfiles(
            program=self.student_program,
            year=np.array([start_year - c.entry_year + 1 for c in self.candidates], dtype=np.int64),
            certificates=_flags([c.certificates for c in self.candidates], self.certificate_index),
            region=np.array([c.region_id for c in self.candidates], dtype=np.int64),
        )

    def requirements(self) -> SeatRequirements:
        occupation = self.seat_occupation
        uncoded = occupation == len(self.occupation_column)
        accepted = (self.program_fit[:, occupation] >= self.round.min_program_fit).T | uncoded[:, None]
        divisor = REGION_DIVISOR[self.round.region_rule]
        region = np.array(
            [(s.region_id // divisor) * divisor if divisor else 0 for s in self.seats], np.int64
        )
        required = [s.certificates if s.certificates_required else [] for s in self.seats]
        return SeatRequirements(
            accepted_programs=accepted.reshape(len(self.seats), len(self.program_index)),
            min_year=np.array([s.min_study_year for s in self.seats], dtype=np.int64),
            certificates=_flags(required, self.certificate_index),
            region=region,
        )

    def scores(self, choices: np.ndarray) -> ScoreBreakdown:
        """The documented enterprise score of every listed choice."""
        preferred = [[] if s.certificates_required else s.certificates for s in self.seats]
        return enterprise_scores(
            choices,
            student_skills=_flags([c.skills for c in self.candidates], self.skill_index),
            required_skills=_flags([s.skills for s in self.seats], self.skill_index),
            student_certificates=_flags([c.certificates for c in self.candidates], self.certificate_index),
            preferred_certificates=_flags(preferred, self.certificate_index),
            student_program=self.student_program,
            seat_occupation=self.seat_occupation,
            program_fit=self.program_fit,
            mentor_assessment=mentor_assessments([c.student_id for c in self.candidates]),
        )


def seat_pay(seats: Sequence[Seat]) -> np.ndarray:
    """Monthly pay of each seat: the middle of its salary range, or the one bound given; seats
    without either get the median of the others (1 if none has pay), so pay cannot rank them."""
    pay = np.array(
        [
            np.mean([v for v in (s.salary_min, s.salary_max) if v is not None])
            if s.salary_min is not None or s.salary_max is not None
            else np.nan
            for s in seats
        ],
        dtype=np.float64,
    )
    known = pay[~np.isnan(pay)]
    return np.where(np.isnan(pay), float(np.median(known)) if known.size else 1.0, pay)


def live_offers(rnd: MatchingRound) -> Q:
    """Offers not declined by either party: they hold their seat."""
    return Q(round=rnd) & ~Q(student_response=Response.DECLINED) & ~Q(enterprise_response=Response.DECLINED)


def scramble_participants(rnd: MatchingRound):
    """Students the scramble is for: no offer, or every offer declined by the enterprise."""
    kept = Offer.objects.filter(round=rnd).exclude(enterprise_response=Response.DECLINED)
    return rnd.participants.exclude(pk__in=kept.values("participant_id"))


def open_seats(rnd: MatchingRound) -> dict[int, int]:
    """Seats each position still has once live offers are counted."""
    taken = dict(
        Offer.objects.filter(live_offers(rnd)).values_list("position_id").annotate(n=Count("id")).order_by()
    )
    return {
        pk: max(capacity - taken.get(pk, 0), 0)
        for pk, capacity in rnd.positions.values_list("pk", "capacity")
    }


@dataclass
class RoundInstance:
    """Everything one run matches on, aligned on participant and position indices."""

    tables: RoundTables
    capacity: np.ndarray
    original_choices: np.ndarray
    eligible: EligibleChoices
    scores: ScoreBreakdown
    lottery: Lottery
    position_rank: np.ndarray
    lists_submitted: int

    @property
    def choices(self) -> np.ndarray:
        return self.eligible.choices


def _list_matrix(participant_ids: list[int], rows, max_list: int) -> tuple[np.ndarray, int]:
    row_of = {pk: i for i, pk in enumerate(participant_ids)}
    choices = np.full((len(participant_ids), max(max_list, 1)), -1, dtype=np.int64)
    filled = np.zeros(len(participant_ids), dtype=np.int64)
    for participant_id, position_index in rows:
        row = row_of.get(participant_id)
        if row is not None and filled[row] < choices.shape[1]:
            choices[row, filled[row]] = position_index
            filled[row] += 1
    return choices, int(np.count_nonzero(filled))


def _entered_tiers(tables: RoundTables, choices: np.ndarray, score_tier: np.ndarray) -> np.ndarray:
    """Tiers with the enterprises' entered ranks first; applicants they did not rank follow,
    in the order of the derived score."""
    entered = np.array([seat.ranking_mode == RankingMode.ENTERED for seat in tables.seats], dtype=bool)
    if not entered.any():
        return score_tier
    participant_row = {c.pk: i for i, c in enumerate(tables.candidates)}
    position_row = {seat.pk: i for i, seat in enumerate(tables.seats) if entered[i]}
    by_position: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for position_id, participant_id, rank in CandidateRank.objects.filter(
        position_id__in=list(position_row), rank__isnull=False, excluded=False
    ).values_list("position_id", "participant_id", "rank"):
        if participant_id in participant_row:
            by_position[position_row[position_id]].append((rank, participant_row[participant_id]))
    # Entered ranks may have gaps (a candidate withdrew): only their order counts.
    dense: dict[tuple[int, int], int] = {}
    n_ranked = np.zeros(len(tables.seats), dtype=np.int64)
    for position, entries in by_position.items():
        for order, (_, row) in enumerate(sorted(entries)):
            dense[(row, position)] = order
        n_ranked[position] = len(entries)
    tier = score_tier.copy()
    rows, ks = np.nonzero((choices >= 0) & entered[np.maximum(choices, 0)])
    for row, k in zip(rows.tolist(), ks.tolist(), strict=True):
        position = int(choices[row, k])
        tier[row, k] = dense.get((row, position), int(n_ranked[position] + score_tier[row, k]))
    return tier


def _excluded_failures(tables: RoundTables, choices: np.ndarray) -> np.ndarray:
    """OTHER where an enterprise marked a listed candidate as not acceptable."""
    n_positions = len(tables.seats)
    participant_row = {c.pk: i for i, c in enumerate(tables.candidates)}
    position_row = {s.pk: i for i, s in enumerate(tables.seats)}
    pairs = CandidateRank.objects.filter(position__round=tables.round, excluded=True).values_list(
        "participant_id", "position_id"
    )
    keys = [
        participant_row[p] * n_positions + position_row[q]
        for p, q in pairs
        if p in participant_row and q in position_row
    ]
    flags = np.zeros(choices.shape, dtype=np.uint8)
    if keys:
        listed = choices >= 0
        rows = np.nonzero(listed)[0]
        excluded = np.isin(rows * n_positions + choices[listed], np.asarray(keys, dtype=np.int64))
        flags[listed] = np.where(excluded, OTHER, 0)
    return flags


def build_instance(rnd: MatchingRound, *, stage: str, seed: int) -> RoundInstance:
    """Read the round's lists and rankings and build the matching instance for one stage."""
    if stage == SCRAMBLE:
        participants = scramble_participants(rnd)
        remaining = open_seats(rnd)
    else:
        participants = rnd.participants.all()
        remaining = None
    candidates = load_candidates(participants)
    seats = load_seats(rnd.positions.all())
    tables = RoundTables(rnd, candidates, seats)
    position_index = {seat.pk: i for i, seat in enumerate(seats)}
    rows = (
        (participant_id, position_index[position_id])
        for participant_id, position_id in StudentChoice.objects.filter(participant__round=rnd, stage=stage)
        .order_by("participant_id", "rank")
        .values_list("participant_id", "position_id")
    )
    original, submitted = _list_matrix([c.pk for c in candidates], rows, rnd.max_choices)
    failures = eligibility_failures(original, tables.profiles(), tables.requirements())
    failures |= _excluded_failures(tables, original)
    eligible = remove_ineligible(original, failures)
    scores = tables.scores(eligible.choices)
    tier = _entered_tiers(tables, eligible.choices, tiers_from_scores(eligible.choices, scores.total))
    lottery = draw_lottery(len(candidates), seed)
    capacity = np.array(
        [seat.capacity if remaining is None else remaining[seat.pk] for seat in seats], dtype=np.int64
    )
    return RoundInstance(
        tables=tables,
        capacity=capacity,
        original_choices=original,
        eligible=eligible,
        scores=scores,
        lottery=lottery,
        position_rank=strict_position_rank(eligible.choices, tier, lottery),
        lists_submitted=submitted,
    )


def pack_arrays(**arrays: np.ndarray) -> bytes:
    """Arrays a run keeps for explanations, as a compressed .npz."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def unpack_arrays(blob: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(bytes(blob)), allow_pickle=False) as stored:
        return {name: stored[name] for name in stored.files}
