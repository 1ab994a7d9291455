"""What the home page tells each user has been published that concerns them (what awaits the
user's answer is in its tasks, `docking.tasks`).

- a school: the newest postings whose occupation is one its programs' crosswalks lead to, in its
  city; open technical needs in its city (its teachers may be the experts);
- an enterprise: the newest shared resources and cooperation calls in its city;
- an officer: how stale the supply–demand table is;
- a student: the newest internships and apprenticeships in their city matching their program.
"""

from __future__ import annotations

from typing import Any

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.docking.models import (
    CallStatus,
    CooperationCall,
    NeedStatus,
    Posting,
    PostingKind,
    PostingStatus,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.docking.selectors_tree import occupation_members
from chanjiao.registry.models import OrgKind, ProgramOccupation, Region, Student

SHOWN = 6


def city_of(region: Region) -> Region:
    while region.level > 2 and region.parent_id:
        region = region.parent
    return region


def crosswalk_codes(program_ids) -> set[str]:
    """Occupations the programs lead to, with everything below each code."""
    codes: set[str] = set()
    for code in set(
        ProgramOccupation.objects.filter(program_id__in=program_ids).values_list("occupation_id", flat=True)
    ):
        codes.update(occupation_members(code))
    return codes


def _published_in(region: Region):
    return Posting.objects.filter(
        status=PostingStatus.PUBLISHED, region__path__startswith=region.path
    ).select_related("enterprise", "occupation")


def _school(user: User) -> dict[str, Any]:
    school = user.organisation
    city = city_of(school.region)
    codes = crosswalk_codes(school.programs.values("pk"))
    return {
        "postings": list(
            _published_in(city).filter(occupation_id__in=codes).order_by("-published_on", "-pk")[:SHOWN]
        ),
        "needs": list(
            TechnicalNeed.objects.filter(status=NeedStatus.OPEN, region__path__startswith=city.path)
            .select_related("enterprise")
            .order_by("-created_at")[:SHOWN]
        ),
    }


def _enterprise(user: User) -> dict[str, Any]:
    enterprise = user.organisation
    city = city_of(enterprise.region)
    return {
        "resources": list(
            SharedResource.objects.filter(available=True, region__path__startswith=city.path)
            .select_related("owner")
            .order_by("-created_at")[:SHOWN]
        ),
        "calls": list(
            CooperationCall.objects.filter(status=CallStatus.OPEN, region__path__startswith=city.path)
            .select_related("school")
            .order_by("-created_at")[:SHOWN]
        ),
    }


def _officer(user: User) -> dict[str, Any]:
    from chanjiao.docking.refresh import changes_since
    from chanjiao.docking.selectors import latest_run

    run = latest_run()
    return {"run": run, "stale": changes_since(run)}


def _student(user: User) -> dict[str, Any]:
    student = Student.objects.select_related("school__region", "program").filter(user=user).first()
    if student is None:
        return {}
    city = city_of(student.school.region)
    codes = crosswalk_codes([student.program_id])
    seats = _published_in(city).filter(
        occupation_id__in=codes, kind__in=[PostingKind.INTERNSHIP, PostingKind.APPRENTICESHIP]
    )
    return {"postings": list(seats.order_by("-published_on", "-pk")[:SHOWN])}


def home_panel(request) -> tuple[str, dict[str, Any]] | None:
    user = request.user
    actor = access.actor_of(user)
    if actor is None:
        return None
    kind = actor.organisation_kind if actor.represents else None
    if actor.governs:
        audience, panel = "officer", _officer(user)
    elif kind == OrgKind.SCHOOL:
        audience, panel = "school", _school(user)
    elif kind == OrgKind.ENTERPRISE:
        audience, panel = "enterprise", _enterprise(user)
    else:
        audience, panel = "student", _student(user)
    if not panel:
        return None
    return "docking/_home_panel.html", {"audience": audience, **panel}
