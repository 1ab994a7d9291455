"""Columns of the evaluation list pages and their Excel exports."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice


def _interval(result) -> str:
    return "" if result.rank_low is None else f"{result.rank_low:.0f}–{result.rank_high:.0f}"


SCHEME_COLUMNS: list[Column] = [
    (_("Scheme"), lambda s: s.name),
    (_("Units evaluated"), choice("unit_kind")),
    (_("Region"), lambda s: s.region.name),
    (_("Weighting"), choice("weighting_method")),
    (_("Updated"), lambda s: s.updated_at.date()),
]

CYCLE_COLUMNS: list[Column] = [
    (_("Cycle"), lambda c: c.name),
    (_("Kind"), choice("kind")),
    (_("Year"), lambda c: c.year),
    (_("Units evaluated"), lambda c: c.scheme.get_unit_kind_display()),
    (_("Region"), lambda c: c.scheme.region.name),
]

RESULT_COLUMNS: list[Column] = [
    (_("Unit"), lambda r: r.unit_name),
    (_("Light"), choice("colour")),
    (_("Score"), lambda r: None if r.score is None else round(r.score, 1)),
    (_("Rank"), lambda r: r.rank),
    (_("Median rank"), lambda r: r.median_rank),
    (_("Rank interval (5th–95th percentile)"), _interval),
    (_("Reason"), lambda r: r.sentence),
]

CASE_COLUMNS: list[Column] = [
    (_("Unit"), lambda c: c.unit_name),
    (_("Kind"), choice("kind")),
    (_("Status"), choice("status")),
    (_("Deadline"), lambda c: c.deadline),
    (_("Overdue"), lambda c: _("overdue") if c.is_overdue else ""),
    (_("Escalation level"), lambda c: c.escalation_level),
    (_("Fund (yuan)"), lambda c: c.fund_amount),
]

RETURN_COLUMNS: list[Column] = [
    (_("Return"), lambda r: str(r)),
    (_("Unit kind"), choice("unit_kind")),
    (_("Year"), lambda r: r.year),
    (_("Reported by"), lambda r: r.reported_by or ""),
    (_("Updated"), lambda r: r.updated_at.date()),
]

ALLOCATION_COLUMNS: list[Column] = [
    (_("Allocation"), lambda a: a.title),
    (_("Kind"), choice("kind")),
    (_("Year"), lambda a: a.year),
    (_("Budget (yuan)"), lambda a: a.budget),
    (_("Committed by"), lambda a: a.committed_by or ""),
    (_("Committed"), lambda a: a.committed_at.date()),
]

LINE_COLUMNS: list[Column] = [
    (_("Unit"), lambda line: line.unit_name),
    (_("Benchmark (yuan)"), lambda line: line.benchmark),
    (_("Status"), lambda line: line.status),
    (_("Float or multiplier"), lambda line: line.factor),
    (_("Amount (yuan)"), lambda line: line.amount),
    (_("Reason"), lambda line: line.reason_text),
]
