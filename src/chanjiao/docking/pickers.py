"""The docking app's pickers (``chanjiao.web.pickers``): courses, chosen by name."""

from __future__ import annotations

from chanjiao.accounts.access import visible
from chanjiao.docking.models import Course, SharedResource
from chanjiao.web.pickers import Picker

COURSES = Picker(
    "courses",
    scope=lambda user: visible(user, Course),
    search=("name", "code", "program__name", "program__school__name"),
    label=lambda course: f"{course.name} · {course.program.name} · {course.program.school.name}",
    related=("program", "program__school"),
    order=("name", "pk"),
    forward={"program": "program_id"},
)
RESOURCES = Picker(
    "resources",
    scope=lambda user: visible(user, SharedResource),
    search=("name", "location", "owner__name"),
    label=lambda resource: f"{resource.name} · {resource.owner.name}",
    related=("owner",),
    order=("name", "pk"),
)
