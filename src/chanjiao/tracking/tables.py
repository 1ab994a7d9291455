from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice

_stage, _kind = choice("stage"), choice("kind")


def _training(placement, attribute, default=""):
    training = getattr(placement, "training", None)
    return getattr(training, attribute, default) if training is not None else default


CHANGE_REQUEST_COLUMNS: list[Column] = [
    (_("Request"), lambda r: r.title),
    (_("Program"), lambda r: r.program.name),
    (_("School"), lambda r: r.program.school.name),
    (_("Requested by"), lambda r: r.enterprise.name),
    (_("Requested on"), lambda r: r.requested_on),
    (_("Status"), choice("status")),
    (_("Taught on"), lambda r: r.taught_on),
]

STANDARD_COLUMNS: list[Column] = [
    (_("Number"), lambda s: s.code),
    (_("Title"), lambda s: s.title),
    (_("Kind"), choice("kind")),
    (_("Occupation"), lambda s: s.occupation_id or ""),
    (_("Published by"), lambda s: s.association.name),
    (_("Published on"), lambda s: s.published_on),
]

TRAINING_COLUMNS: list[Column] = [
    (_("Student"), lambda p: p.student.name),
    (_("School"), lambda p: p.student.school.name),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Kind"), lambda p: _stage(p) or _kind(p)),
    (_("Year"), lambda p: p.year),
    (_("Mentor"), lambda p: str(_training(p, "mentor") or "")),
    (_("Training"), lambda p: p.training.get_status_display() if getattr(p, "training", None) else ""),
    (_("Hired"), lambda p: {True: _("Yes"), False: _("No")}.get(_training(p, "hired", None), "")),
]

EXAM_COLUMNS: list[Column] = [
    (_("Student"), lambda e: e.student.name),
    (_("School"), lambda e: e.student.school.name),
    (_("Certificate"), lambda e: e.name),
    (_("Level"), lambda e: e.level),
    (_("Exam date"), lambda e: e.exam_date),
    (_("Passed"), lambda e: _("Yes") if e.passed else _("No")),
    (_("Certificate number"), lambda e: e.certificate_no),
]

GRADUATE_COLUMNS: list[Column] = [
    (_("Graduate"), lambda g: g.student.name),
    (_("Student number"), lambda g: g.student.student_no),
    (_("School"), lambda g: g.student.school.name),
    (_("Program"), lambda g: g.student.program.name),
    (_("Graduated"), lambda g: g.graduation_year),
    (_("Cooperating enterprise"), lambda g: str(g.cooperating_enterprise or "")),
]

STATEMENT_COLUMNS: list[Column] = [
    (_("Time"), lambda s: s.timestamp),
    (_("Student"), lambda s: s.student.name),
    (_("Verb"), lambda s: s.verb_display or s.verb),
    (_("Activity"), lambda s: s.activity_name or s.activity),
    (_("Score"), lambda s: "" if s.score_scaled is None else round(s.score_scaled, 2)),
    (_("Platform"), lambda s: s.source.carrier.name),
]
