"""Rules with their defaults: practical hours of a course without a design, and the evidence
rule for dual-qualified (双师型) college teachers.

Following the national basic standard for dual-qualified vocational teachers (2022), a college
teacher counts as dual-qualified when, on the review date, they hold at least one valid
vocational certificate (qualification, skill level, industry professional title or industry
certificate) and have worked at least six months (180 days) in enterprises over the previous
five years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIN_VALID_CERTIFICATES = 1
MIN_PRACTICE_DAYS = 180
PRACTICE_WINDOW_YEARS = 5


@dataclass(frozen=True)
class DualQualifiedEvidence:
    valid_certificates: int
    practice_days: int

    @property
    def qualified(self) -> bool:
        return self.valid_certificates >= MIN_VALID_CERTIFICATES and self.practice_days >= MIN_PRACTICE_DAYS


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (29 February falls back to the 28th).

    >>> years_before(dt.date(2024, 2, 29), 5)
    datetime.date(2019, 2, 28)
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def practice_window_start(on: dt.date) -> dt.date:
    """The day before the five-year practice window that ends on ``on`` begins."""
    return years_before(on, PRACTICE_WINDOW_YEARS)


def default_practical_hours(kind: str, hours: int) -> int:
    """Practical hours of a course without a design: all of a practice course, none of a theory
    course, half (rounded down) of an integrated one (the usual split of 理实一体化 courses).

    >>> default_practical_hours("practice", 64), default_practical_hours("theory", 64), default_practical_hours("integrated", 33)
    (64, 0, 16)
    """
    return {"practice": hours, "theory": 0}.get(kind, hours // 2)
