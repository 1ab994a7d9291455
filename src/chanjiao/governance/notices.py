"""Agreements ending soon, for the notifications' scan and calendar: the end date of the
revision in force of each active agreement, told to every party's representatives."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from chanjiao.governance.models import AgreementParty, AgreementRevision, AgreementStatus
from chanjiao.notifications import models as notice
from chanjiao.notifications.events import DatedEvent, representatives


def dated_events(*, start: date, end: date, user=None) -> list[DatedEvent]:
    in_force = AgreementRevision.objects.filter(
        agreement__status__in=[AgreementStatus.ACTIVE, AgreementStatus.RENEWED], in_force_at__isnull=False
    )
    latest: dict[int, AgreementRevision] = {}
    for revision in in_force.filter(
        agreement_id__in=in_force.filter(ends_on__gte=start, ends_on__lte=end).values("agreement_id")
    ).select_related("agreement"):
        held = latest.get(revision.agreement_id)
        if held is None or revision.number > held.number:
            latest[revision.agreement_id] = revision
    ending = [r for r in latest.values() if r.ends_on is not None and start <= r.ends_on <= end]
    parties: dict[int, list[int]] = {}
    for agreement_id, organisation_id in AgreementParty.objects.filter(
        agreement_id__in=[r.agreement_id for r in ending]
    ).values_list("agreement_id", "organisation_id"):
        parties.setdefault(agreement_id, []).append(organisation_id)
    if user is not None:
        ending = [r for r in ending if user.organisation_id in parties.get(r.agreement_id, ())]
    reps = representatives({o for organisations in parties.values() for o in organisations})
    return [
        DatedEvent(
            day=revision.ends_on,
            kind=notice.AGREEMENT,
            title=gettext_noop("The agreement %(title)s ends on %(day)s: renew it or let it end."),
            params={"title": revision.agreement.title, "day": revision.ends_on.isoformat()},
            url=reverse("governance:agreement", args=[revision.agreement_id]),
            key=f"governance.agreement:{revision.agreement_id}:r{revision.number}:ends",
            user_ids=tuple(u for o in parties.get(revision.agreement_id, ()) for u in reps.get(o, ())),
        )
        for revision in ending
    ]
