"""What the home page lists first for evaluation: an evaluator's on-site assignments still to
score, and the rectification cases a unit's representatives answer, by deadline."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation.models import Assignment, CaseStatus, RectificationCase
from chanjiao.web.tasks import Task

SHOWN = 20  # an evaluator's assignments of a cycle fit; the cycle pages list them all


def home_tasks(request) -> list[Task]:
    user = request.user
    tasks = []
    to_score = (
        access.visible(user, Assignment, Action.SCORE)
        .filter(evaluator=user, onsite_score__isnull=True)
        .select_related("cycle")
        .order_by("cycle__year", "unit_name")
    )
    for assignment in to_score[:SHOWN]:
        label = _("Score the on-site evaluation of %(unit)s (%(cycle)s)") % {
            "unit": assignment.unit_name,
            "cycle": assignment.cycle.name,
        }
        tasks.append(Task(label, reverse("evaluation:assignment_score", args=[assignment.pk])))
    actor = access.actor_of(user)
    if actor is not None and actor.represents:
        cases = (
            access.visible(user, RectificationCase, Action.RESPOND)
            .exclude(status=CaseStatus.CLOSED)
            .order_by("deadline")
        )
        for case in cases[:SHOWN]:
            label = _("Rectification: %(case)s") % {"case": case}
            tasks.append(Task(label, reverse("evaluation:case", args=[case.pk]), due=case.deadline))
    return tasks
