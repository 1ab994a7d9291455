"""Opening a round, its settings and seats, the two sides' rank-order lists, and starting a run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.models import Posting, PostingStatus
from chanjiao.jobs.models import Job
from chanjiao.jobs.services import start_job
from chanjiao.matching.instance import open_seats, scramble_participants
from chanjiao.matching.models import (
    MAIN,
    SCRAMBLE,
    CandidateRank,
    MatchingRound,
    RankingMode,
    RoundPosition,
    RoundStatus,
    RoundStudent,
    StudentChoice,
)
from chanjiao.matching.selectors import applicants_of
from chanjiao.matching.services.common import require_status, saved_actor
from chanjiao.registry.models import Organisation, OrgKind, Region, RegionLevel, Student

RUN_JOB = "matching.run_round"


def round_region(organiser: Organisation) -> Region:
    """A bureau's round covers its region; a school's round the city the school is in."""
    region = organiser.region
    if organiser.kind == OrgKind.SCHOOL and region.level == RegionLevel.DISTRICT and region.parent_id:
        return region.parent
    return region


@transaction.atomic
def open_round(*, actor: User | None, organiser: Organisation, data: dict[str, Any]) -> MatchingRound:
    """Open a round: seats from the published postings of its kinds in its region, and the
    students of the cohort (a school's own, or those of the bureau's schools) as participants."""
    schools = list(data.pop("schools", None) or [])
    rnd = MatchingRound(
        organiser=organiser, region=round_region(organiser), created_by=saved_actor(actor), **data
    )
    rnd.full_clean()
    rnd.save()
    if schools:
        rnd.schools.set(schools)
    postings = Posting.objects.filter(
        status=PostingStatus.PUBLISHED, kind__in=rnd.kinds, region__path__startswith=rnd.region.path
    ).order_by("pk")
    positions = RoundPosition.objects.bulk_create(
        [
            RoundPosition(
                round=rnd,
                posting=posting,
                enterprise_id=posting.enterprise_id,
                title=posting.title,
                kind=posting.kind,
                occupation_id=posting.occupation_id,
                capacity=posting.seats,
            )
            for posting in postings
        ],
        batch_size=2000,
    )
    students = Student.objects.filter(year__gte=rnd.cohort_from, year__lte=rnd.cohort_to)
    if organiser.kind == OrgKind.SCHOOL:
        students = students.filter(school=organiser)
    else:
        students = students.filter(school__region__path__startswith=rnd.region.path)
    if schools:
        students = students.filter(school__in=schools)
    participants = RoundStudent.objects.bulk_create(
        [
            RoundStudent(round=rnd, student_id=pk)
            for pk in students.order_by("pk").values_list("pk", flat=True)
        ],
        batch_size=5000,
    )
    if not positions:
        raise ValueError(
            _("No published postings of these kinds in %(region)s: there are no seats to match.")
            % {"region": rnd.region.full_name}
        )
    if not participants:
        raise ValueError(_("No students of these entry years: nobody would take part."))
    record_activity(
        actor=actor,
        verb="open_round",
        target=rnd,
        summary=f"{rnd.name}: {len(positions)} positions, {len(participants)} students",
    )
    return rnd


@transaction.atomic
def update_round(*, actor: User | None, rnd: MatchingRound, data: dict[str, Any]) -> MatchingRound:
    """Change the ranking window and the matching settings while lists are being ranked."""
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    require_status(rnd, RoundStatus.RANKING)
    changed = {k: v for k, v in data.items() if getattr(rnd, k) != v}
    for field, value in changed.items():
        setattr(rnd, field, value)
    if changed:
        rnd.full_clean()
        rnd.save()
        record_activity(actor=actor, verb="update_round", target=rnd, summary=", ".join(sorted(changed)))
    return rnd


@transaction.atomic
def update_position(*, actor: User | None, position: RoundPosition, data: dict[str, Any]) -> RoundPosition:
    """The coordinator sets a position's seats and requirements before the round runs."""
    require_status(position.round, RoundStatus.RANKING)
    position = RoundPosition.objects.select_for_update().get(pk=position.pk)
    for field, value in data.items():
        setattr(position, field, value)
    position.full_clean()
    position.save()
    record_activity(
        actor=actor, verb="update_position", target=position, summary=f"{position}: {', '.join(sorted(data))}"
    )
    return position


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def ranking_stage(rnd: MatchingRound) -> str:
    """The stage whose lists are open now, or ValueError saying why none is."""
    if rnd.status == RoundStatus.SCRAMBLE:
        return SCRAMBLE
    if rnd.status != RoundStatus.RANKING:
        raise ValueError(_("Ranking is closed: the round has run."))
    now = timezone.now()
    if now < rnd.ranking_opens:
        raise ValueError(_("Ranking opens on %(when)s.") % {"when": _moment(rnd.ranking_opens)})
    if now > rnd.ranking_closes:
        raise ValueError(_("Ranking closed on %(when)s.") % {"when": _moment(rnd.ranking_closes)})
    return MAIN


def _duplicates(items: Sequence[Any]) -> list[Any]:
    seen: set = set()
    repeated = []
    for item in items:
        if item in seen:
            repeated.append(item)
        seen.add(item)
    return repeated


@transaction.atomic
def set_student_choices(
    *, actor: User | None, participant: RoundStudent, positions: Sequence[RoundPosition]
) -> list[StudentChoice]:
    """Replace a student's rank-order list (first = most wanted) for the stage now open."""
    rnd = MatchingRound.objects.get(pk=participant.round_id)  # its status now, not as loaded
    stage = ranking_stage(rnd)
    if len(positions) > rnd.max_choices:
        raise ValueError(
            _("A list holds at most %(max)s choices; this one has %(count)s.")
            % {"max": rnd.max_choices, "count": len(positions)}
        )
    if _duplicates([p.pk for p in positions]):
        raise ValueError(_("Each position may appear once in a list."))
    if any(p.round_id != rnd.pk for p in positions):
        raise ValueError(_("Every position must belong to this round."))
    if stage == SCRAMBLE:
        if not scramble_participants(rnd).filter(pk=participant.pk).exists():
            raise ValueError(_("The scramble is for students without a seat."))
        remaining = open_seats(rnd)
        full = [p.title for p in positions if remaining.get(p.pk, 0) == 0]
        if full:
            raise ValueError(_("No seats are left at: %(titles)s.") % {"titles": ", ".join(full)})
    StudentChoice.objects.filter(participant=participant, stage=stage).delete()
    choices = StudentChoice.objects.bulk_create(
        [
            StudentChoice(participant=participant, position=position, stage=stage, rank=rank)
            for rank, position in enumerate(positions, start=1)
        ]
    )
    field = "scramble_submitted_at" if stage == SCRAMBLE else "submitted_at"
    RoundStudent.objects.filter(pk=participant.pk).update(**{field: timezone.now()})
    record_activity(
        actor=actor, verb="rank_positions", target=participant, summary=f"{stage}: {len(positions)}"
    )
    return choices


@transaction.atomic
def set_candidate_ranking(
    *,
    actor: User | None,
    position: RoundPosition,
    mode: str,
    ranked: Sequence[RoundStudent] = (),
    excluded: Sequence[RoundStudent] = (),
) -> RoundPosition:
    """An enterprise accepts the derived ranking, or enters its own order of candidates (first =
    best) and marks those it will not take. Applicants it leaves unranked follow, by score."""
    stage = ranking_stage(MatchingRound.objects.get(pk=position.round_id))
    if mode not in RankingMode.values:
        raise ValueError(_("Choose the derived or the entered ranking."))
    CandidateRank.objects.filter(position=position).delete()
    if mode == RankingMode.ENTERED:
        ranked_ids = [p.pk for p in ranked]
        excluded_ids = [p.pk for p in excluded]
        if _duplicates(ranked_ids + excluded_ids):
            raise ValueError(_("Each candidate may be ranked or refused once."))
        applicants = set(applicants_of(position, stage).values_list("pk", flat=True))
        strangers = [pk for pk in ranked_ids + excluded_ids if pk not in applicants]
        if strangers:
            raise ValueError(
                _("Only students who listed this position can be ranked (not: %(ids)s).")
                % {"ids": ", ".join(map(str, strangers))}
            )
        CandidateRank.objects.bulk_create(
            [
                CandidateRank(position=position, participant_id=pk, rank=rank)
                for rank, pk in enumerate(ranked_ids, 1)
            ]
            + [CandidateRank(position=position, participant_id=pk, excluded=True) for pk in excluded_ids]
        )
    RoundPosition.objects.filter(pk=position.pk).update(
        ranking_mode=mode, ranking_confirmed_at=timezone.now()
    )
    position.refresh_from_db()
    record_activity(actor=actor, verb="rank_candidates", target=position, summary=f"{position}: {mode}")
    return position


def check_can_run(rnd: MatchingRound, *, reason: str = "") -> None:
    """Whether the round may run now, or ValueError saying why not: the one rule the page, the
    API, the background job and the command line share. The main round runs once its ranking
    window has closed, or earlier when the organiser gives (or has given) a written reason."""
    require_status(rnd, RoundStatus.RANKING, RoundStatus.MATCHED, RoundStatus.SCRAMBLE)
    early = rnd.status != RoundStatus.SCRAMBLE and timezone.now() < rnd.ranking_closes
    if early and not (reason.strip() or rnd.early_run_reason):
        raise ValueError(
            _(
                "Ranking is open until %(when)s: the round runs after that, or now only with a written "
                "reason for running early."
            )
            % {"when": _moment(rnd.ranking_closes)}
        )


@transaction.atomic
def allow_run(*, actor: User | None, rnd: MatchingRound, reason: str = "") -> MatchingRound:
    """Check that the round may run and store the organiser's reason for running it early."""
    rnd = MatchingRound.objects.select_for_update().get(pk=rnd.pk)
    check_can_run(rnd, reason=reason)
    if rnd.status != RoundStatus.SCRAMBLE and timezone.now() < rnd.ranking_closes and reason.strip():
        rnd.early_run_reason = reason.strip()
        rnd.save(update_fields=["early_run_reason"])
        record_activity(actor=actor, verb="run_round_early", target=rnd, summary=rnd.early_run_reason)
    return rnd


@transaction.atomic
def start_round_run(*, actor: User | None, rnd: MatchingRound, reason: str = "") -> Job:
    """Queue the matching of the round (or of its scramble) as a background job."""
    rnd = allow_run(actor=actor, rnd=rnd, reason=reason)
    if rnd.job is not None and not rnd.job.finished:
        raise ValueError(_("The round is already running."))
    label = (
        _("Scramble of %(name)s") if rnd.status == RoundStatus.SCRAMBLE else _("Matching round %(name)s")
    ) % {"name": rnd.name}
    job = start_job(kind=RUN_JOB, label=label, actor=actor, params={"round_id": rnd.pk})
    MatchingRound.objects.filter(pk=rnd.pk).update(job=job)
    record_activity(actor=actor, verb="start_round_run", target=rnd, summary=label)
    return job
