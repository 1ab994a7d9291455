"""An enterprise's yearly credit records and the window figures that rules read from them.

The credit file is built from platform records, one :class:`EnterpriseYear` per calendar year.
Rules never look at single fields directly: they name a *metric* from :data:`METRICS`, computed
over a window of consecutive years ending at the year being rated. A year inside the window with no
record counts as a year of no activity (zero hosted students, no light), because the platform
records every placement it knows of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from chanjiao.core.credit.validation import exact, require_choice, require_int, require_number

LIGHTS = ("green", "yellow", "red")


@dataclass(frozen=True)
class EnterpriseYear:
    """What the platform recorded about one enterprise in one calendar year.

    Money is in yuan. ``evaluation_light`` is the enterprise's light from that year's evaluation,
    or ``None`` when it was not evaluated that year.

    Examples
    --------
    >>> record = EnterpriseYear(year=2024, interns_hosted=90, apprentices_hosted=12)
    >>> record.hosted_students
    102
    """

    year: int
    interns_hosted: int = 0
    apprentices_hosted: int = 0
    courses_codeveloped: int = 0
    mentors_provided: int = 0
    equipment_contributed: float = 0
    rd_spending: float = 0
    revenue: float = 0
    technical_needs_solved: int = 0
    evaluation_light: str | None = None
    insurance_claims: int = 0
    disputes: int = 0
    breaches: int = 0
    internship_breaches: int = 0

    def __post_init__(self) -> None:
        require_int(self.year, "year", minimum=1900, maximum=2200)
        for name in _COUNT_FIELDS:
            require_int(getattr(self, name), f"{name} in {self.year}", minimum=0)
        for name in _MONEY_FIELDS:
            require_number(getattr(self, name), f"{name} in {self.year}", minimum=0)
        if self.evaluation_light is not None:
            require_choice(self.evaluation_light, f"evaluation_light in {self.year}", LIGHTS)

    @property
    def hosted_students(self) -> int:
        """Interns plus apprentices: an apprentice is a student the enterprise hosts too."""
        return self.interns_hosted + self.apprentices_hosted


_COUNT_FIELDS = (
    "interns_hosted",
    "apprentices_hosted",
    "courses_codeveloped",
    "mentors_provided",
    "technical_needs_solved",
    "insurance_claims",
    "disputes",
    "breaches",
    "internship_breaches",
)
_MONEY_FIELDS = ("equipment_contributed", "rd_spending", "revenue")


@dataclass(frozen=True)
class Metric:
    """A figure a rule can test.

    ``kind`` is ``"count"``, ``"money"`` (yuan) or ``"ratio"`` (a fraction shown as a percentage);
    ``each_year`` metrics are the lowest yearly figure, so "≥ 100 in each year" reads ``≥ 100``.
    """

    key: str
    label: str
    kind: str
    each_year: bool = False


METRICS: dict[str, Metric] = {
    metric.key: metric
    for metric in (
        Metric("hosted_students_each_year", "students hosted (interns + apprentices)", "count", True),
        Metric("hosted_students_total", "students hosted (interns + apprentices)", "count"),
        Metric("rd_share", "R&D spending share of revenue", "ratio"),
        Metric("courses_codeveloped", "courses co-developed", "count"),
        Metric("mentors_provided", "mentors provided", "count"),
        Metric("equipment_contributed", "equipment contributed", "money"),
        Metric("technical_needs_solved", "technical needs solved", "count"),
        Metric("red_lights", "red evaluation lights", "count"),
        Metric("yellow_lights", "yellow evaluation lights", "count"),
        Metric("insurance_claims", "insurance claims", "count"),
        Metric("disputes", "disputes", "count"),
        Metric("breaches", "breaches of agreement", "count"),
        Metric("internship_breaches", "placements breaking the internship rules", "count"),
    )
}

_SUMMED_FIELDS = {
    "hosted_students_total": "hosted_students",
    "courses_codeveloped": "courses_codeveloped",
    "mentors_provided": "mentors_provided",
    "equipment_contributed": "equipment_contributed",
    "technical_needs_solved": "technical_needs_solved",
    "insurance_claims": "insurance_claims",
    "disputes": "disputes",
    "breaches": "breaches",
    "internship_breaches": "internship_breaches",
}


@dataclass(frozen=True)
class RecordWindow:
    """Consecutive years ``first_year``..``last_year``, one record each (zero records fill gaps)."""

    years: tuple[EnterpriseYear, ...]

    @property
    def first_year(self) -> int:
        return self.years[0].year

    @property
    def last_year(self) -> int:
        return self.years[-1].year

    @property
    def period(self) -> str:
        """``"2022–2024"``, or ``"2024"`` for a one-year window."""
        return period_text(self.first_year, self.last_year)

    def yearly(self, metric: str) -> tuple[tuple[int, Fraction], ...]:
        """The metric year by year (each year as a one-year window)."""
        return tuple((record.year, RecordWindow((record,)).value(metric)) for record in self.years)

    def total(self, field_name: str) -> Fraction:
        """Sum of a record field (or ``hosted_students``) over the window, exactly."""
        return sum((exact(getattr(record, field_name), field_name) for record in self.years), Fraction(0))

    def value(self, metric: str) -> Fraction:
        """Exact value of ``metric`` over the window.

        Examples
        --------
        >>> window = record_window(
        ...     [EnterpriseYear(2023, interns_hosted=120, rd_spending=40, revenue=1000),
        ...      EnterpriseYear(2024, interns_hosted=95, rd_spending=80, revenue=1000)],
        ...     window_years=2)
        >>> window.value("hosted_students_each_year"), window.value("rd_share")
        (Fraction(95, 1), Fraction(3, 50))
        """
        require_choice(metric, "metric", METRICS)
        if metric == "hosted_students_each_year":
            return Fraction(min(record.hosted_students for record in self.years))
        if metric == "rd_share":
            revenue = self.total("revenue")
            return self.total("rd_spending") / revenue if revenue else Fraction(0)
        if metric in ("red_lights", "yellow_lights"):
            light = metric.removesuffix("_lights")
            return Fraction(sum(record.evaluation_light == light for record in self.years))
        return self.total(_SUMMED_FIELDS[metric])


def period_text(first_year: int, last_year: int) -> str:
    """Years as shown to people.

    Examples
    --------
    >>> period_text(2022, 2024), period_text(2024, 2024)
    ('2022–2024', '2024')
    """
    return str(last_year) if first_year == last_year else f"{first_year}–{last_year}"


def record_window(
    records: Iterable[EnterpriseYear], window_years: int, as_of_year: int | None = None
) -> RecordWindow:
    """The ``window_years`` consecutive years ending at ``as_of_year`` (default: latest record).

    Records outside the window are ignored; a missing year inside it becomes an empty record.

    Examples
    --------
    >>> window = record_window([EnterpriseYear(2022, interns_hosted=5), EnterpriseYear(2024)], 3)
    >>> window.period, [record.interns_hosted for record in window.years]
    ('2022–2024', [5, 0, 0])
    """
    records = tuple(records)
    require_int(window_years, "window_years", minimum=1)
    by_year: dict[int, EnterpriseYear] = {}
    for record in records:
        if not isinstance(record, EnterpriseYear):
            raise ValueError(f"records must be EnterpriseYear values, got {record!r}")
        if record.year in by_year:
            raise ValueError(f"records must have one entry per year; {record.year} appears twice")
        by_year[record.year] = record
    if as_of_year is None:
        if not by_year:
            raise ValueError("records must not be empty when as_of_year is not given")
        as_of_year = max(by_year)
    require_int(as_of_year, "as_of_year", minimum=1900, maximum=2200)
    first = as_of_year - window_years + 1
    return RecordWindow(
        tuple(by_year.get(year, EnterpriseYear(year)) for year in range(first, as_of_year + 1))
    )
