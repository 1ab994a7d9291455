"""Columns of the docking list pages and their Excel exports."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice


def _code(occupation):
    return f"{occupation.code} {occupation.name}" if occupation else ""


def _money(low, high):
    if low is None and high is None:
        return ""
    return f"{low or ''}–{high or ''}"


POSTING_COLUMNS: list[Column] = [
    (_("Title"), lambda p: p.title),
    (_("Kind"), choice("kind")),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Seats"), lambda p: p.seats),
    (_("Region"), lambda p: p.region.full_name),
    (_("Occupation"), lambda p: _code(p.occupation)),
    (_("Coding"), choice("code_status")),
    (_("Monthly salary (yuan)"), lambda p: _money(p.salary_min, p.salary_max)),
    (_("Status"), choice("status")),
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
    (_("Status"), choice("status")),
    (_("Consortium"), lambda n: n.carrier.name if n.carrier else ""),
]

CONSORTIUM_COLUMNS: list[Column] = [
    (_("Consortium"), lambda c: c.name),
    (_("Kind"), choice("kind")),
    (_("Lead"), lambda c: c.lead.name),
    (_("Region"), lambda c: c.region.full_name),
]

COURSE_COLUMNS: list[Column] = [
    (_("Course"), lambda c: c.name),
    (_("Code"), lambda c: c.code),
    (_("Program"), lambda c: c.program.name),
    (_("School"), lambda c: c.program.school.name),
    (_("Kind"), choice("kind")),
    (_("Hours"), lambda c: c.hours),
    (_("Semester"), lambda c: c.semester),
    (_("Co-developed with"), lambda c: c.co_developer.name if c.co_developer else ""),
]

RESOURCE_COLUMNS: list[Column] = [
    (_("Resource"), lambda r: r.name),
    (_("Kind"), choice("kind")),
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
    (_("Status"), choice("status")),
]

CALL_COLUMNS: list[Column] = [
    (_("Call"), lambda c: c.title),
    (_("Kind"), choice("kind")),
    (_("School"), lambda c: c.school.name),
    (_("Region"), lambda c: c.region.full_name),
    (_("Deadline"), lambda c: c.deadline),
    (_("Budget (10k yuan)"), lambda c: c.budget),
    (_("Status"), choice("status")),
]

ADVICE_COLUMNS: list[Column] = [
    (_("Program"), lambda a: a.program_name),
    (_("Code"), lambda a: a.program_code),
    (_("School"), lambda a: a.school.name if a.school else _("whole region")),
    (_("Labour market"), lambda a: a.region.name),
    (_("Year"), lambda a: a.year),
    (_("Recommendation"), choice("recommendation")),
    (_("Relative ratio"), lambda a: None if a.relative_ratio is None else round(a.relative_ratio, 2)),
    (_("Demand trend (per year)"), lambda a: None if a.trend is None else f"{a.trend:+.0%}"),
    (_("Status"), choice("status")),
    (_("Decision"), choice("decision")),
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
