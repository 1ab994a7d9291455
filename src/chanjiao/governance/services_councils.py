"""Writes for councils: constituting one, meetings and minutes, motions, votes and results."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.credit import tally_motion
from chanjiao.credit.services import ensure_policy
from chanjiao.governance.models import Council, Meeting, MeetingStatus, Motion, MotionStatus, Vote
from chanjiao.governance.selectors import council_members, seat_labels
from chanjiao.ledger.services import record_change
from chanjiao.registry.models import Carrier, Organisation


@transaction.atomic
def constitute_council(*, carrier: Carrier, name: str, established_on, actor: User) -> Council:
    if Council.objects.filter(carrier=carrier).exists():
        raise ValidationError({"carrier": _("This carrier already has a council.")})
    council = Council.objects.create(
        carrier=carrier, name=name, established_on=established_on, created_by=actor
    )
    record_activity(actor=actor, verb="constitute_council", target=council, summary=name)
    return council


@transaction.atomic
def schedule_meeting(*, council: Council, data: dict[str, Any], actor: User) -> Meeting:
    meeting = Meeting.objects.create(council=council, created_by=actor, **data)
    record_activity(actor=actor, verb="schedule_meeting", target=meeting, summary=str(meeting))
    return meeting


@transaction.atomic
def record_minutes(*, meeting: Meeting, minutes: str, actor: User) -> Meeting:
    meeting.minutes, meeting.status = minutes.strip(), MeetingStatus.HELD
    meeting.save(update_fields=["minutes", "status"])
    record_activity(actor=actor, verb="record_minutes", target=meeting, summary=str(meeting))
    return meeting


@transaction.atomic
def propose_motion(*, meeting: Meeting, data: dict[str, Any], actor: User) -> Motion:
    """A motion on the meeting's agenda, open for the members' votes at once."""
    motion = Motion.objects.create(meeting=meeting, created_by=actor, **data)
    record_activity(actor=actor, verb="propose_motion", target=motion, summary=motion.title)
    record_change(instance=motion, actor=actor)
    return motion


@transaction.atomic
def cast_vote(*, motion: Motion, organisation: Organisation, choice: str, actor: User) -> Vote:
    """A member organisation with seats votes (or changes its vote) while the motion is open."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != MotionStatus.OPEN:
        raise ValueError(_("Voting on this motion has closed."))
    council = motion.meeting.council
    if not council.carrier.memberships.filter(organisation=organisation, council_seats__gt=0).exists():
        raise PermissionDenied(f"{organisation} holds no seat on {council}.")
    vote, _created = Vote.objects.update_or_create(
        motion=motion, organisation=organisation, defaults={"choice": choice, "cast_by": actor}
    )
    record_activity(actor=actor, verb="vote", target=motion, summary=f"{organisation}: {choice}")
    record_change(instance=motion, actor=actor)
    return vote


@transaction.atomic
def close_motion(*, motion: Motion, actor: User) -> Motion:
    """Close voting and record the result under the policy governing the carrier's region.

    Every seat of an organisation votes as the organisation voted; an organisation that voted
    (abstaining included) is present, one that did not is absent."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if motion.status != MotionStatus.OPEN:
        raise ValueError(_("This motion is closed already."))
    council = motion.meeting.council
    members = council_members(council)
    if not members:
        raise ValueError(_("The council has no seats: give its members council seats first."))
    choices = dict(motion.votes.values_list("organisation_id", "choice"))
    seats = [label for member in members for label in seat_labels(member)]
    votes = {
        label: choices[member.organisation_id]
        for member in members
        if member.organisation_id in choices
        for label in seat_labels(member)
    }
    version = ensure_policy(region=council.carrier.region, actor=actor)
    result = tally_motion(members=seats, votes=votes, motion_kind=motion.kind, policy=version.policy)
    motion.status, motion.closed_at, motion.policy = MotionStatus.CLOSED, timezone.now(), version
    motion.outcome, motion.rule, motion.reason = result.outcome, result.rule, result.reason[:400]
    motion.seats, motion.present = result.members, result.present
    motion.yes, motion.no, motion.abstain = result.yes, result.no, result.abstain
    motion.save()
    record_activity(
        actor=actor, verb="close_motion", target=motion, summary=f"{motion.title}: {result.outcome}"
    )
    record_change(instance=motion, actor=actor)
    return motion
