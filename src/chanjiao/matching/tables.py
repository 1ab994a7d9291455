from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column

PLACEMENT_COLUMNS: list[Column] = [
    (_("Student"), lambda p: p.student.name),
    (_("School"), lambda p: p.student.school.name),
    (_("Program"), lambda p: p.student.program.name),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Kind"), lambda p: p.get_kind_display()),
    (_("Stage"), lambda p: p.get_stage_display()),
    (_("Year"), lambda p: p.year),
    (_("Start"), lambda p: p.start_date),
    (_("End"), lambda p: p.end_date),
    (_("Status"), lambda p: p.get_status_display()),
]
