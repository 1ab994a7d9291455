"""Rectification and supervision deadlines for the notifications' scan and calendar: a case's
deadline (noticed a week ahead) and, once it has passed with the case still open, the case as
overdue. Told to the unit's representatives (a carrier's lead, the college, the enterprise)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from chanjiao.evaluation.models import CaseStatus, RectificationCase, UnitKind
from chanjiao.notifications import models as notice
from chanjiao.notifications.events import DatedEvent, representatives
from chanjiao.registry.models import Carrier


def _unit_organisations(cases: list[RectificationCase]) -> dict[int, int]:
    """The organisation answering for each case's unit (districts answer through officers, who
    follow their cases on the case list: they are not noticed here)."""
    leads = dict(
        Carrier.objects.filter(
            pk__in=[c.unit_id for c in cases if c.unit_kind == UnitKind.CARRIER]
        ).values_list("pk", "lead_id")
    )
    found = {}
    for case in cases:
        if case.unit_kind == UnitKind.CARRIER and leads.get(case.unit_id):
            found[case.pk] = leads[case.unit_id]
        elif case.unit_kind in (UnitKind.COLLEGE, UnitKind.ENTERPRISE):
            found[case.pk] = case.unit_id
    return found


def dated_events(*, start: date, end: date, user=None) -> list[DatedEvent]:
    open_cases = RectificationCase.objects.exclude(status=CaseStatus.CLOSED)
    due = list(open_cases.filter(deadline__gte=start, deadline__lte=end))
    overdue = list(open_cases.filter(deadline__lt=start))
    cases = due + overdue
    organisations = _unit_organisations(cases)
    if user is not None:
        cases = [c for c in cases if organisations.get(c.pk) == user.organisation_id]
    reps = representatives(set(organisations.values()))
    events = []
    for case in cases:
        late = case.deadline < start
        events.append(
            DatedEvent(
                day=case.deadline,
                kind=notice.OVERDUE if late else notice.DEADLINE,
                title=gettext_noop("The rectification case of %(unit)s is overdue since %(day)s.")
                if late
                else gettext_noop("The rectification case of %(unit)s is due on %(day)s."),
                params={"unit": case.unit_name, "day": case.deadline.isoformat()},
                url=reverse("evaluation:case", args=[case.pk]),
                key=f"evaluation.case:{case.pk}:{'overdue' if late else 'deadline'}",
                user_ids=reps.get(organisations.get(case.pk, 0), ()),
            )
        )
    return events
