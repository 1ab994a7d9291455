"""What the home page lists first for practical training: a student's own training and returned
logs, a mentor's logs to approve and trainees to assess, a supervising teacher's trainings. Each
counter is the training list's own filter on the same records, so it opens a list of as many."""

from __future__ import annotations

from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Student
from chanjiao.tracking.filters import TrainingFilter
from chanjiao.tracking.models import TrainingStatus
from chanjiao.web.tasks import Task, list_task

IN_PROGRESS = {"training_status": TrainingStatus.IN_PROGRESS}


def home_tasks(request) -> list[Task]:
    user = request.user
    actor = access.actor_of(user)
    if actor is None or actor.admin or actor.governs or actor.represents:
        return []  # representatives and officers: the training section of the home page
    trainings = access.visible(user, Placement)

    def counter(label, params):
        return list_task(label, "tracking:trainings", trainings, TrainingFilter, params)

    found = []
    if Student.objects.filter(user=user).exists():
        found += [
            counter(_("Logs returned to you for changes"), {"returned_logs": "true"}),
            counter(_("Your practical training in progress: keep your logs"), IN_PROGRESS),
        ]
    profile = getattr(user, "teacher_profile", None)
    if profile is not None:
        if profile.mentored_trainings.exists():
            found.append(counter(_("Trainees' logs awaiting your approval"), {"pending_logs": "true"}))
        found += [
            counter(_("Trainings in progress you mentor or supervise"), IN_PROGRESS),
            counter(_("Trainings in progress not assessed yet"), {**IN_PROGRESS, "assessed": "false"}),
        ]
    return [task for task in found if task is not None]
