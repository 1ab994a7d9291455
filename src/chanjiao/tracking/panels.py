"""The home-page section: what is waiting for the user in training, curriculum and tracking."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching.models import Placement
from chanjiao.tracking.models import (
    ChangeRequestStatus,
    CourseChangeRequest,
    Graduate,
    LogStatus,
    RemediationStatus,
)


def home_panel(request):
    user = request.user
    actor = access.actor_of(user)
    if actor is None or actor.admin:
        return None
    trainings = access.visible(user, Placement).select_related(
        "training", "training__mentor", "training__supervisor"
    )
    items = []
    if not actor.governs and trainings.exists():
        items.append((_("Trainings"), trainings.count(), reverse("tracking:trainings")))
        waiting = trainings.filter(training__logs__status=LogStatus.SUBMITTED).distinct().count()
        items.append(
            (
                _("With logs awaiting the mentor"),
                waiting,
                reverse("tracking:trainings") + "?pending_logs=true",
            )
        )
        open_plans = (
            trainings.filter(training__remediation_plans__status=RemediationStatus.OPEN).distinct().count()
        )
        items.append((_("With an open remediation plan"), open_plans, reverse("tracking:trainings")))
    if access.possible(user, Action.VIEW, CourseChangeRequest):
        pending = access.visible(user, CourseChangeRequest).filter(
            status__in=[ChangeRequestStatus.OPEN, ChangeRequestStatus.ACCEPTED]
        )
        items.append(
            (
                _("Course change requests pending"),
                pending.count(),
                reverse("tracking:change_requests") + "?status=open",
            )
        )
    if actor.governs or access.possible(user, Action.CHANGE, Graduate):
        items.append(
            (_("Graduates tracked"), access.visible(user, Graduate).count(), reverse("tracking:graduates"))
        )
    if not items:
        return None
    return "tracking/_panel.html", {"title": _("Training and careers"), "items": items}
