"""Columns of the registry's list pages and Excel exports."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice

ORGANISATION_COLUMNS: list[Column] = [
    (_("Name"), lambda o: o.name),
    (_("Kind"), choice("kind")),
    (_("Region"), lambda o: o.region.full_name),
    (_("Industry"), choice("industry")),
    (_("Size"), choice("size")),
    (_("School level"), choice("school_level")),
    (_("Credit code"), lambda o: o.credit_code or ""),
]

PROGRAM_COLUMNS: list[Column] = [
    (_("Program"), lambda p: p.name),
    (_("Code"), lambda p: p.code),
    (_("School"), lambda p: p.school.name),
    (_("Capacity"), lambda p: p.capacity),
    (_("Years"), lambda p: p.duration_years),
]

CARRIER_COLUMNS: list[Column] = [
    (_("Carrier"), lambda c: c.name),
    (_("Kind"), choice("kind")),
    (_("Class"), choice("carrier_class")),
    (_("Lead"), lambda c: c.lead.name),
    (_("Region"), lambda c: c.region.full_name),
    (_("Legal personality"), lambda c: _("yes") if c.legal_personality else _("no")),
    (_("Status"), choice("status")),
]

STUDENT_COLUMNS: list[Column] = [
    (_("Name"), lambda s: s.name),
    (_("Student number"), lambda s: s.student_no),
    (_("School"), lambda s: s.school.name),
    (_("Program"), lambda s: s.program.name),
    (_("Entry year"), lambda s: s.year),
    (_("Certificates"), lambda s: ", ".join(s.certificates)),
]

TEACHER_COLUMNS: list[Column] = [
    (_("Name"), lambda t: t.name),
    (_("Kind"), choice("kind")),
    (_("Organisation"), lambda t: t.organisation.name),
    (_("Title"), lambda t: t.title),
    (_("Dual-qualified"), lambda t: _("yes") if t.dual_qualified else _("no")),
    (_("Expertise"), lambda t: t.expertise[:80]),
]

REGION_COLUMNS: list[Column] = [
    (_("Region"), lambda r: r.name),
    (_("Id"), lambda r: r.pk),
    (_("Level"), choice("level")),
    (_("Zone"), choice("zone")),
    (_("Full name"), lambda r: r.full_name),
]

OCCUPATION_COLUMNS: list[Column] = [
    (_("Code"), lambda o: o.code),
    (_("Occupation"), lambda o: o.name),
    (_("Level"), lambda o: o.level),
    (_("Aliases"), lambda o: o.aliases[:80]),
]
