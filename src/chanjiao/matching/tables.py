from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice

PLACEMENT_COLUMNS: list[Column] = [
    (_("Student"), lambda p: p.student.name),
    (_("School"), lambda p: p.student.school.name),
    (_("Program"), lambda p: p.student.program.name),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Kind"), choice("kind")),
    (_("Stage"), choice("stage")),
    (_("Year"), lambda p: p.year),
    (_("Start"), lambda p: p.start_date),
    (_("End"), lambda p: p.end_date),
    (_("Status"), choice("status")),
    (_("Source"), choice("source")),
]

REASON_LABELS = {
    "matched": _("Placed"),
    "no_eligible_seat": _("No eligible seat on the list"),
    "list_too_short": _("List too short: seats they could hold stayed open"),
    "outranked_everywhere": _("Outranked at every listed seat"),
    "no_applicants": _("Nobody listed it"),
    "no_eligible_applicants": _("Only ineligible students listed it"),
    "applicants_not_admitted": _("Applicants not admitted (unstable result)"),
    "applicants_placed_elsewhere": _("Every applicant was placed, here or at a seat they preferred"),
}


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code or "—"))


ROUND_COLUMNS: list[Column] = [
    (_("Round"), lambda r: r.name),
    (_("Coordinator"), lambda r: r.organiser.name),
    (_("Region"), lambda r: r.region.name),
    (_("Status"), choice("status")),
    (_("Ranking closes"), lambda r: r.ranking_closes.date()),
    (_("Placements start"), lambda r: r.starts_on),
]

PARTICIPANT_COLUMNS: list[Column] = [
    (_("Student"), lambda p: p.student.name),
    (_("Student number"), lambda p: p.student.student_no),
    (_("School"), lambda p: p.student.school.name),
    (_("Program"), lambda p: p.student.program.name),
    (_("Entry year"), lambda p: p.student.year),
    (_("List submitted"), lambda p: p.submitted_at.date() if p.submitted_at else ""),
    (_("Outcome"), lambda p: reason_label(p.outcome) if p.outcome else ""),
]

POSITION_COLUMNS: list[Column] = [
    (_("Position"), lambda p: p.title),
    (_("Enterprise"), lambda p: p.enterprise.name),
    (_("Kind"), choice("kind")),
    (_("Occupation"), lambda p: p.occupation_id or ""),
    (_("Seats"), lambda p: p.capacity),
    (_("Minimum year of study"), lambda p: p.min_study_year or ""),
    (_("Ranking"), choice("ranking_mode")),
    (_("Seats filled"), lambda p: p.seats_filled),
    (_("Why seats stayed open"), lambda p: reason_label(p.unfilled_reason) if p.unfilled_reason else ""),
]

SCHOOL_REPORT_COLUMNS: list[Column] = [
    (_("School"), lambda row: row["name"]),
    (_("Students"), lambda row: row["students"]),
    (_("Placed"), lambda row: row["matched"]),
    (_("Match rate"), lambda row: round(row["match_rate"], 4)),
    (_("First choice"), lambda row: round(row["first_choice_share"], 4)),
    (_("Top three"), lambda row: round(row["top3_share"], 4)),
]
ENTERPRISE_REPORT_COLUMNS: list[Column] = [
    (_("Enterprise"), lambda row: row["name"]),
    (_("Positions"), lambda row: row["positions"]),
    (_("Seats"), lambda row: row["seats"]),
    (_("Seats filled"), lambda row: row["seats_filled"]),
    (_("Fill rate"), lambda row: round(row["fill_rate"], 4)),
]
