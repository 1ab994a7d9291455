"""Writes about graduates: registering cohorts, career records, follow-up waves and answers."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chanjiao.accounts.models import User, hash_token
from chanjiao.accounts.services import record_activity
from chanjiao.core.coding import load_coder
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Occupation, Organisation, OrgKind, Program
from chanjiao.tracking.models import (
    TRACKED_YEARS,
    WORKING,
    CareerRecord,
    FollowUpInvitation,
    FollowUpWave,
    Graduate,
)

# The enterprise a graduate trained with longest is the host of their last post internship,
# apprenticeship or order class.
COOPERATIVE_PLACEMENT = Q(kind__in=["apprenticeship", "order_class"]) | Q(kind="internship", stage="post")


def cooperating_enterprises(student_ids: Iterable[int]) -> dict[int, int]:
    """Student id → host of their last cooperative placement not declined or terminated."""
    rows = (
        Placement.objects.filter(COOPERATIVE_PLACEMENT, student_id__in=list(student_ids))
        .exclude(status__in=["declined", "terminated", "offered"])
        .order_by("student_id", "end_date", "pk")
        .values_list("student_id", "enterprise_id")
    )
    return dict(rows)  # later rows (later end dates) overwrite earlier ones


@transaction.atomic
def register_graduates(*, actor: User | None, program: Program, graduation_year: int) -> int:
    """Register the students of a program who entered ``duration_years`` before as graduates."""
    students = list(
        program.students.filter(
            year=graduation_year - program.duration_years, graduate__isnull=True
        ).values_list("pk", flat=True)
    )
    hosts = cooperating_enterprises(students)
    Graduate.objects.bulk_create(
        [
            Graduate(student_id=pk, graduation_year=graduation_year, cooperating_enterprise_id=hosts.get(pk))
            for pk in students
        ]
    )
    record_activity(
        actor=actor,
        verb="register_graduates",
        target=program,
        summary=f"{len(students)} graduates of {graduation_year}",
    )
    return len(students)


def code_job_titles(titles: Sequence[str]) -> list[str | None]:
    """CSCO codes the occupation coder gives the titles (None where it cannot answer)."""
    wanted = [t.strip() for t in titles]
    present = [t for t in wanted if t]
    answers = iter(load_coder().code(present) if present else [])
    codes = [next(answers).code if title else None for title in wanted]
    known = set(Occupation.objects.filter(code__in={c for c in codes if c}).values_list("code", flat=True))
    return [code if code in known else None for code in codes]


def _employer_named(name: str) -> Organisation | None:
    name = name.strip()
    if not name:
        return None
    return Organisation.objects.filter(kind=OrgKind.ENTERPRISE, name=name).order_by("pk").first()


CAREER_FIELDS = (
    "destination",
    "employer_name",
    "job_title",
    "occupation",
    "region",
    "salary_band",
    "promoted",
    "with_cooperating_enterprise",
    "patents",
    "awards",
)


@transaction.atomic
def record_career(
    *, actor: User | None, graduate: Graduate, years_after: int, data: dict[str, Any], source: str
) -> CareerRecord:
    """Create or replace the record of a graduate's situation ``years_after`` years after graduating.

    A job title without a code is coded by the occupation coder; an employer whose name is a
    registered enterprise is linked to it, and then whether the graduate is still with the
    cooperating enterprise follows from it; a graduate not in work is not with it.
    """
    if not 0 <= years_after <= TRACKED_YEARS:
        raise ValueError(f"Careers are tracked from graduation to {TRACKED_YEARS} years after.")
    if graduate.graduation_year + years_after > timezone.localdate().year:
        raise ValueError("That year has not come yet for this graduate.")
    values = {key: data.get(key) for key in CAREER_FIELDS if key in data}
    working = values.get("destination") in WORKING
    if working and not values.get("occupation") and (values.get("job_title") or "").strip():
        code = code_job_titles([str(values["job_title"])])[0]
        values["occupation"] = Occupation.objects.filter(code=code).first() if code else None
    employer = _employer_named(values.get("employer_name") or "") if working else None
    values["employer"] = employer
    coop = graduate.cooperating_enterprise_id
    if coop is None:
        values["with_cooperating_enterprise"] = None
    elif not working:
        values["with_cooperating_enterprise"] = False
    elif employer is not None:
        values["with_cooperating_enterprise"] = employer.pk == coop
    record = (
        CareerRecord.objects.select_for_update().filter(graduate=graduate, years_after=years_after).first()
    )
    created = record is None
    if record is None:
        record = CareerRecord(graduate=graduate, years_after=years_after)
    for name, value in {
        **values,
        "source": source,
        "recorded_by": actor if actor is not None and actor.pk else None,
    }.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    record_activity(
        actor=actor,
        verb="record_career" if created else "update_career",
        target=record,
        summary=f"{graduate} +{years_after}: {record.destination}",
    )
    return record


@transaction.atomic
def open_wave(
    *, actor: User | None, school: Organisation, survey_year: int, closes_on: dt.date
) -> FollowUpWave:
    """Invite every registered graduate of the last five cohorts (and this year's) to follow up."""
    if FollowUpWave.objects.filter(school=school, survey_year=survey_year).exists():
        raise ValueError(f"{school} already runs a follow-up for {survey_year}.")
    graduates = list(
        Graduate.objects.filter(
            student__school=school,
            graduation_year__gte=survey_year - TRACKED_YEARS,
            graduation_year__lte=survey_year,
        ).values_list("pk", "graduation_year")
    )
    if not graduates:
        raise ValueError("No graduate of the last five cohorts is registered: register the cohorts first.")
    wave = FollowUpWave.objects.create(
        school=school,
        survey_year=survey_year,
        opened_on=timezone.localdate(),
        closes_on=closes_on,
        created_by=actor if actor is not None and actor.pk else None,
    )
    FollowUpInvitation.objects.bulk_create(
        [
            FollowUpInvitation(wave=wave, graduate_id=pk, years_after=survey_year - year)
            for pk, year in graduates
        ],
        batch_size=2000,
    )
    record_activity(actor=actor, verb="open_follow_up", target=wave, summary=f"{len(graduates)} graduates")
    return wave


@transaction.atomic
def issue_links(*, actor: User | None, wave: FollowUpWave) -> list[tuple[FollowUpInvitation, str]]:
    """New secret tokens for every unanswered invitation; links issued before stop working.

    Only the tokens' hashes are stored, so the links exist in this answer only: the school
    sends them out (mail merge, text messages) straight away.
    """
    if wave.closes_on < timezone.localdate():
        raise ValueError("The follow-up has closed.")
    invitations = list(
        wave.invitations.filter(responded_at__isnull=True)
        .select_related("graduate__student", "graduate__student__program")
        .order_by("graduate__student__student_no")
    )
    now = timezone.now()
    issued = []
    for invitation in invitations:
        token = secrets.token_urlsafe(32)
        invitation.token_hash, invitation.issued_at = hash_token(token), now
        issued.append((invitation, token))
    FollowUpInvitation.objects.bulk_update(invitations, ["token_hash", "issued_at"], batch_size=2000)
    record_activity(actor=actor, verb="issue_follow_up_links", target=wave, summary=f"{len(issued)} links")
    return issued


def invitation_for_token(token: str) -> FollowUpInvitation | None:
    """The open invitation a link's token belongs to, or None (unknown, replaced or closed)."""
    if not token:
        return None
    return (
        FollowUpInvitation.objects.select_related(
            "wave",
            "wave__school",
            "graduate",
            "graduate__student",
            "graduate__student__program",
            "graduate__cooperating_enterprise",
        )
        .filter(token_hash=hash_token(token), wave__closes_on__gte=timezone.localdate())
        .first()
    )


@transaction.atomic
def answer_follow_up(*, invitation: FollowUpInvitation, data: dict[str, Any]) -> CareerRecord:
    """A graduate's answer through their link (no account: the token is the credential)."""
    record = record_career(
        actor=None, graduate=invitation.graduate, years_after=invitation.years_after, data=data, source="form"
    )
    FollowUpInvitation.objects.filter(pk=invitation.pk).update(responded_at=timezone.now())
    return record
