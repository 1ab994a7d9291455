"""What matching tells people: offers when results are published, a result to students left
without a seat, the other party's answer, and (through the notifications' scheduled scan and the
calendar) ranking deadlines and placement dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from chanjiao.matching.models import MatchingRound, Offer, Placement, PlacementStatus, RoundStatus
from chanjiao.notifications import models as notice
from chanjiao.notifications.events import DatedEvent, representatives
from chanjiao.notifications.services import Notice, notify, notify_each


def notify_offers(offers: Sequence[Offer]) -> None:
    """Each student of a new offer, and each enterprise once per round with its count."""
    offers = list(
        Offer.objects.filter(pk__in=[o.pk for o in offers]).select_related(
            "round", "participant__student", "position__enterprise"
        )
    )
    notify_each(
        kind=notice.OFFER,
        notices=[
            Notice(
                user_id=offer.participant.student.user_id,
                title=gettext_noop("You have an offer: %(position)s at %(enterprise)s (%(round)s)."),
                params={
                    "position": offer.position.title,
                    "enterprise": offer.position.enterprise.name,
                    "round": offer.round.name,
                },
                url=reverse("matching:my_result", args=[offer.round_id]),
                key=f"matching.offer:{offer.pk}",
            )
            for offer in offers
            if offer.participant.student.user_id
        ],
    )
    counts: dict[tuple[int, int], int] = {}
    for offer in offers:
        key = (offer.round_id, offer.position.enterprise_id)
        counts[key] = counts.get(key, 0) + 1
    reps = representatives(enterprise for _round, enterprise in counts)
    rounds = {offer.round_id: offer.round for offer in offers}
    for (round_id, enterprise_id), count in counts.items():
        notify(
            user_ids=reps.get(enterprise_id, ()),
            kind=notice.OFFER,
            title=gettext_noop("%(count)s new offers to answer in %(round)s."),
            params={"count": count, "round": rounds[round_id].name},
            url=reverse("matching:offers", args=[round_id]),
        )


def notify_without_seat(rnd: MatchingRound) -> None:
    """Students of the round without an offer: the results are out, and what they can do."""
    user_ids = (
        rnd.participants.exclude(offers__isnull=False)
        .filter(student__user__isnull=False)
        .values_list("student__user_id", flat=True)
    )
    notify(
        user_ids=list(user_ids),
        kind=notice.RESULT,
        title=gettext_noop(
            "The results of %(round)s are out: no seat for you this time. See your next step."
        ),
        params={"round": rnd.name},
        url=reverse("matching:my_result", args=[rnd.pk]),
        key=f"matching.no_seat:{rnd.pk}:{rnd.status}",
    )


def notify_answer(offer: Offer, *, party: str) -> None:
    """Tell the other party how ``party`` answered, and both when the placement is agreed."""
    student_user = offer.participant.student.user_id
    enterprise_users = representatives([offer.position.enterprise_id]).get(offer.position.enterprise_id, ())
    params = {
        "student": offer.participant.student.name,
        "position": offer.position.title,
        "enterprise": offer.position.enterprise.name,
    }
    placement_url = reverse("matching:placement", args=[offer.placement_id]) if offer.placement_id else ""
    if offer.placement_id and offer.placement.status == PlacementStatus.ACCEPTED:
        notify(
            user_ids=[u for u in (student_user, *enterprise_users) if u],
            kind=notice.RESULT,
            title=gettext_noop("The placement of %(student)s at %(enterprise)s (%(position)s) is agreed."),
            params=params,
            url=placement_url,
        )
        return
    if not offer.declined:
        return
    if party == "student":
        others, title = enterprise_users, gettext_noop("%(student)s declined the offer of %(position)s.")
    else:
        others = (student_user,) if student_user else ()
        title = gettext_noop("%(enterprise)s declined your offer of %(position)s.")
    notify(user_ids=others, kind=notice.RESULT, title=title, params=params, url=placement_url)


def dated_events(*, start: date, end: date, user=None) -> list[DatedEvent]:
    """Ranking deadlines of open rounds (their students and enterprises) and the start and end of
    placements (the student, the host enterprise)."""
    events: list[DatedEvent] = []
    rounds = MatchingRound.objects.filter(
        status=RoundStatus.RANKING, ranking_closes__date__gte=start, ranking_closes__date__lte=end
    )
    if user is not None:
        rounds = rounds.filter(
            Q(participants__student__user=user) | Q(positions__enterprise_id=user.organisation_id)
        ).distinct()
    for rnd in rounds:
        students = [u for u in rnd.participants.values_list("student__user_id", flat=True) if u is not None]
        enterprises = set(rnd.positions.values_list("enterprise_id", flat=True))
        reps = [u for users in representatives(enterprises).values() for u in users]
        closes = timezone.localdate(rnd.ranking_closes)
        events.append(
            DatedEvent(
                day=closes,
                kind=notice.DEADLINE,
                title=gettext_noop("Ranking for %(round)s closes on %(day)s."),
                params={"round": rnd.name, "day": closes.isoformat()},
                url=reverse("matching:round", args=[rnd.pk]),
                key=f"matching.round:{rnd.pk}:ranking_closes",
                user_ids=tuple(students + reps),
            )
        )
    placements = (
        Placement.objects.filter(start_date__lte=end, end_date__gte=start)
        .exclude(status=PlacementStatus.DECLINED)
        .select_related("student", "enterprise")
    )
    if user is not None:
        placements = placements.filter(Q(student__user=user) | Q(enterprise_id=user.organisation_id))
    placements = list(placements)
    reps_of = representatives({p.enterprise_id for p in placements})
    for placement in placements:
        events.append(
            DatedEvent(
                day=placement.start_date,
                end=placement.end_date,
                kind=notice.DEADLINE,
                title=gettext_noop("Placement of %(student)s at %(enterprise)s from %(start)s to %(end)s."),
                params={
                    "student": placement.student.name,
                    "enterprise": placement.enterprise.name,
                    "start": placement.start_date.isoformat(),
                    "end": placement.end_date.isoformat() if placement.end_date else "—",
                },
                url=reverse("matching:placement", args=[placement.pk]),
                key=f"matching.placement:{placement.pk}:start",
                user_ids=tuple(
                    u for u in (placement.student.user_id, *reps_of.get(placement.enterprise_id, ())) if u
                ),
            )
        )
    return events
