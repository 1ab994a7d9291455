"""Columns of the docking list pages and their Excel exports."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column


def _code(occupation):
    return f"{occupation.code} {occupation.name}" if occupation else ""


def _money(low, high):
    if low is None and high is None:
        return ""
    return f"{low or ''}–{high or ''}"


POSTING_COLUMNS: list[Column] = [
    (_("Title"), lambda p: p.title),
    (_("Kind"), lambda p: p.get_kind_display()),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Seats"), lambda p: p.seats),
    (_("Region"), lambda p: p.region.full_name),
    (_("Occupation"), lambda p: _code(p.occupation)),
    (_("Coding"), lambda p: p.get_code_status_display()),
    (_("Monthly salary (yuan)"), lambda p: _money(p.salary_min, p.salary_max)),
    (_("Status"), lambda p: p.get_status_display()),
    (_("Published on"), lambda p: p.published_on),
]

FEEDBACK_COLUMNS: list[Column] = [
    (_("Title"), lambda f: f.title),
    (_("Suggested code"), lambda f: f.suggested_code),
    (_("Chosen code"), lambda f: f.occupation_id),
    (_("Chosen occupation"), lambda f: f.occupation.name),
    (_("Corrected"), lambda f: _("yes") if f.overridden else _("no")),
    (_("By"), lambda f: str(f.actor or "")),
    (_("At"), lambda f: f.at.date()),
    (_("Description"), lambda f: f.description[:200]),
]

NEED_COLUMNS: list[Column] = [
    (_("Technical need"), lambda n: n.title),
    (_("Enterprise"), lambda n: n.enterprise.name),
    (_("Field"), lambda n: n.field),
    (_("Region"), lambda n: n.region.full_name),
    (_("Budget (10k yuan)"), lambda n: n.budget),
    (_("Status"), lambda n: n.get_status_display()),
    (_("Consortium"), lambda n: n.carrier.name if n.carrier else ""),
]

CONSORTIUM_COLUMNS: list[Column] = [
    (_("Consortium"), lambda c: c.name),
    (_("Kind"), lambda c: c.get_kind_display()),
    (_("Lead"), lambda c: c.lead.name),
    (_("Region"), lambda c: c.region.full_name),
]

COURSE_COLUMNS: list[Column] = [
    (_("Course"), lambda c: c.name),
    (_("Code"), lambda c: c.code),
    (_("Program"), lambda c: c.program.name),
    (_("School"), lambda c: c.program.school.name),
    (_("Kind"), lambda c: c.get_kind_display()),
    (_("Hours"), lambda c: c.hours),
    (_("Semester"), lambda c: c.semester),
    (_("Co-developed with"), lambda c: c.co_developer.name if c.co_developer else ""),
]

RESOURCE_COLUMNS: list[Column] = [
    (_("Resource"), lambda r: r.name),
    (_("Kind"), lambda r: r.get_kind_display()),
    (_("Owner"), lambda r: r.owner.name),
    (_("Region"), lambda r: r.region.full_name),
    (_("Capacity"), lambda r: r.capacity),
    (_("Fee per day (yuan)"), lambda r: r.daily_fee),
    (_("Open for booking"), lambda r: _("yes") if r.available else _("no")),
]

BOOKING_COLUMNS: list[Column] = [
    (_("Resource"), lambda b: b.resource.name),
    (_("Owner"), lambda b: b.resource.owner.name),
    (_("Requested by"), lambda b: b.requester.name),
    (_("From"), lambda b: b.start_date),
    (_("To"), lambda b: b.end_date),
    (_("Purpose"), lambda b: b.purpose),
    (_("Status"), lambda b: b.get_status_display()),
]

CALL_COLUMNS: list[Column] = [
    (_("Call"), lambda c: c.title),
    (_("Kind"), lambda c: c.get_kind_display()),
    (_("School"), lambda c: c.school.name),
    (_("Region"), lambda c: c.region.full_name),
    (_("Deadline"), lambda c: c.deadline),
    (_("Budget (10k yuan)"), lambda c: c.budget),
    (_("Status"), lambda c: c.get_status_display()),
]

ADVICE_COLUMNS: list[Column] = [
    (_("Program"), lambda a: a.program_name),
    (_("Code"), lambda a: a.program_code),
    (_("School"), lambda a: a.school.name if a.school else _("whole region")),
    (_("Labour market"), lambda a: a.region.name),
    (_("Year"), lambda a: a.year),
    (_("Recommendation"), lambda a: a.get_recommendation_display()),
    (_("Relative ratio"), lambda a: None if a.relative_ratio is None else round(a.relative_ratio, 2)),
    (_("Demand trend (per year)"), lambda a: None if a.trend is None else f"{a.trend:+.0%}"),
    (_("Status"), lambda a: a.get_status_display()),
    (_("Decision"), lambda a: a.get_decision_display()),
]

ALIGNMENT_COLUMNS: list[Column] = [
    (_("School"), lambda s: s.school.name),
    (_("City"), lambda s: s.region.name),
    (_("Year"), lambda s: s.year),
    (_("Alignment score"), lambda s: round(s.score, 3)),
    (_("Occupations supplied"), lambda s: s.occupations),
    (_("Graduates"), lambda s: round(s.supply)),
    (_("Seats posted in the city"), lambda s: s.demand),
]
