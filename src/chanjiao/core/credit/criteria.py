"""Evaluate a :class:`~chanjiao.core.credit.policy_rules.Criterion` on a record window, in words.

Each result carries the figures behind it and, when the criterion does not hold, the smallest
concrete change to the records that would make it hold: a number of students per year, a number
of courses, an amount of money rounded to the cent in the direction that is sure to suffice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from chanjiao.core.credit.policy_rules import Criterion
from chanjiao.core.credit.records import METRICS, RecordWindow
from chanjiao.core.credit.validation import exact
from chanjiao.core.credit.wording import (
    SYMBOLS,
    Facts,
    bound_text,
    change_text,
    explanation_text,
    figures_text,
    money_text,
    percent_text,
)

# Other rules and the platform format numbers and bounds with these, imported from here.
__all__ = ["SYMBOLS", "CriterionResult", "bound_text", "evaluate", "money_text", "negate", "percent_text"]

_NEGATION = {">=": "<", ">": "<=", "<=": ">", "<": ">="}
_COMPARE = {
    ">=": lambda value, threshold: value >= threshold,
    ">": lambda value, threshold: value > threshold,
    "<=": lambda value, threshold: value <= threshold,
    "<": lambda value, threshold: value < threshold,
}


@dataclass(frozen=True)
class CriterionResult:
    """Whether a criterion holds, the figures, and what would make it hold.

    ``facts`` and ``changes`` are what the sentences are built from (see
    :mod:`chanjiao.core.credit.wording`); ``figures``, ``explanation`` and ``changes_needed`` word
    them in English.
    """

    criterion: Criterion
    value: Fraction
    holds: bool
    facts: Facts
    changes: tuple[Facts, ...]

    @property
    def figures(self) -> str:
        return figures_text(self.facts)

    @property
    def explanation(self) -> str:
        return explanation_text(self.facts)

    @property
    def changes_needed(self) -> tuple[str, ...]:
        return tuple(change_text(change) for change in self.changes)


def negate(criterion: Criterion) -> Criterion:
    """The opposite condition: ``breaches >= 1`` becomes ``breaches < 1``.

    Examples
    --------
    >>> negate(Criterion("breaches", ">=", 1))
    Criterion(metric='breaches', operator='<', threshold=1)
    """
    return Criterion(criterion.metric, _NEGATION[criterion.operator], criterion.threshold)


def evaluate(criterion: Criterion, window: RecordWindow) -> CriterionResult:
    """Evaluate ``criterion`` over ``window`` and explain the outcome.

    Examples
    --------
    >>> from chanjiao.core.credit.records import EnterpriseYear, record_window
    >>> window = record_window([EnterpriseYear(2023, interns_hosted=120),
    ...                         EnterpriseYear(2024, interns_hosted=95)], 2)
    >>> result = evaluate(Criterion("hosted_students_each_year", ">=", 100), window)
    >>> result.holds, result.changes_needed
    (False, ('students hosted (interns + apprentices) in 2024: 5 more (now 95, needs ≥ 100)',))
    """
    metric = METRICS[criterion.metric]
    value = window.value(criterion.metric)
    threshold = exact(criterion.threshold, "threshold")
    holds = _COMPARE[criterion.operator](value, threshold)
    yearly = window.yearly(criterion.metric) if metric.each_year else ()
    facts = {
        "metric": criterion.metric,
        "operator": criterion.operator,
        "threshold": str(threshold),
        "first_year": window.first_year,
        "last_year": window.last_year,
        "value": str(value),
        "yearly": [[year, str(figure)] for year, figure in yearly],
        "holds": holds,
    }
    if metric.each_year:
        changes = tuple(
            _change(facts, year, year, figure, _count_gap(figure, criterion.operator, threshold))
            for year, figure in yearly
            if not _COMPARE[criterion.operator](figure, threshold)
        )
    elif holds:
        changes = ()
    elif criterion.metric == "rd_share":
        changes = (_rd_change(facts, window, criterion.operator, threshold),)
    else:
        gap = (
            abs(threshold - value)
            if metric.kind == "money"
            else _count_gap(value, criterion.operator, threshold)
        )
        changes = (_change(facts, window.first_year, window.last_year, value, gap),)
    return CriterionResult(criterion, value, holds, facts, changes)


def _change(facts: Facts, first_year: int, last_year: int, value: Fraction, gap: Fraction) -> Facts:
    """A change's facts: the criterion's bound, the years it is about, the figure now and the gap."""
    return {
        "metric": facts["metric"],
        "operator": facts["operator"],
        "threshold": facts["threshold"],
        "first_year": first_year,
        "last_year": last_year,
        "value": str(value),
        "gap": str(gap),
    }


def _count_gap(value: Fraction, operator: str, threshold: Fraction) -> Fraction:
    """Whole students, courses… to add (or remove) until the bound holds."""
    if operator in (">=", ">"):
        target = math.ceil(threshold) if operator == ">=" else math.floor(threshold) + 1
        return target - value
    target = math.floor(threshold) if operator == "<=" else math.ceil(threshold) - 1
    return value - target


def _rd_change(facts: Facts, window: RecordWindow, operator: str, threshold: Fraction) -> Facts:
    revenue, spending = window.total("revenue"), window.total("rd_spending")
    gap = abs(threshold * revenue - spending)
    change = _change(facts, window.first_year, window.last_year, Fraction(facts["value"]), gap)
    return change | {"spending": str(spending), "revenue": str(revenue)}
