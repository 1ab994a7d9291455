"""Evaluate a :class:`~chanjiao.core.credit.policy_rules.Criterion` on a record window, in words.

Each result carries the figures behind it and, when the criterion does not hold, the smallest
concrete change to the records that would make it hold: a number of students per year, a number
of courses, an amount of money rounded to the cent in the direction that is sure to suffice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from chanjiao.core.credit.policy_rules import Criterion
from chanjiao.core.credit.records import METRICS, RecordWindow
from chanjiao.core.credit.validation import exact

SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
_NEGATION = {">=": "<", ">": "<=", "<=": ">", "<": ">="}
_COMPARE = {
    ">=": lambda value, threshold: value >= threshold,
    ">": lambda value, threshold: value > threshold,
    "<=": lambda value, threshold: value <= threshold,
    "<": lambda value, threshold: value < threshold,
}


@dataclass(frozen=True)
class CriterionResult:
    """Whether a criterion holds, the figures, and what would make it hold."""

    criterion: Criterion
    value: Fraction
    holds: bool
    figures: str
    explanation: str
    changes_needed: tuple[str, ...]


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
    need = f"needs {bound_text(criterion)}"
    verdict = "met" if holds else "not met"
    if metric.each_year:
        yearly = window.yearly(criterion.metric)
        listed = ", ".join(f"{year}: {_show(figure, metric.kind)}" for year, figure in yearly)
        figures = f"{metric.label} in each year of {window.period}: {listed}"
        changes = tuple(
            _count_change(f"{metric.label} in {year}", figure, criterion.operator, threshold)
            for year, figure in yearly
            if not _COMPARE[criterion.operator](figure, threshold)
        )
    elif criterion.metric == "rd_share":
        # The one ratio metric: the change is stated as R&D money, which is what the enterprise controls.
        figures = f"{metric.label} in {window.period}: {_show(value, 'ratio')}"
        changes = () if holds else (_rd_change(window, criterion.operator, threshold),)
    else:
        figures = f"{metric.label} in {window.period}: {_show(value, metric.kind)}"
        subject = f"{metric.label} in {window.period}"
        if holds:
            changes = ()
        elif metric.kind == "money":
            changes = (_money_change(subject, value, criterion.operator, threshold),)
        else:
            changes = (_count_change(subject, value, criterion.operator, threshold),)
    explanation = f"{figures} ({need}): {verdict}"
    return CriterionResult(criterion, value, holds, figures, explanation, changes)


def bound_text(criterion: Criterion) -> str:
    """The operator and threshold as shown to people.

    Examples
    --------
    >>> bound_text(Criterion("rd_share", ">", 0.05)), bound_text(Criterion("breaches", ">=", 1))
    ('> 5.00 %', '≥ 1')
    """
    threshold = exact(criterion.threshold, "threshold")
    return f"{SYMBOLS[criterion.operator]} {_show(threshold, METRICS[criterion.metric].kind)}"


def _count_change(subject: str, value: Fraction, operator: str, threshold: Fraction) -> str:
    if operator in (">=", ">"):
        target = math.ceil(threshold) if operator == ">=" else math.floor(threshold) + 1
        amount, direction = target - value, "more"
    else:
        target = math.floor(threshold) if operator == "<=" else math.ceil(threshold) - 1
        amount, direction = value - target, "fewer"
    now = _show(value, "count")
    return (
        f"{subject}: {amount} {direction} (now {now}, needs {SYMBOLS[operator]} {_show(threshold, 'count')})"
    )


def _money_change(subject: str, value: Fraction, operator: str, threshold: Fraction) -> str:
    increase = operator in (">=", ">")
    gap = threshold - value if increase else value - threshold
    amount = _gap_text(gap, strict=operator in (">", "<"))
    needs = f"needs {SYMBOLS[operator]} {_show(threshold, 'money')}"
    return f"{subject}: {'raise' if increase else 'lower'} by {amount} (now {_show(value, 'money')}, {needs})"


def _rd_change(window: RecordWindow, operator: str, threshold: Fraction) -> str:
    revenue, spending = window.total("revenue"), window.total("rd_spending")
    needs = f"needs {SYMBOLS[operator]} {_show(threshold, 'ratio')}"
    if not revenue:
        return f"R&D spending share of revenue in {window.period}: no revenue recorded, so the share counts as 0 % ({needs})"
    increase = operator in (">=", ">")
    gap = threshold * revenue - spending if increase else spending - threshold * revenue
    amount = _gap_text(gap, strict=operator in (">", "<"))
    now = f"now {_show(spending, 'money')} = {_show(spending / revenue, 'ratio')} of revenue {_show(revenue, 'money')}"
    return f"R&D spending in {window.period}: {'raise' if increase else 'lower'} by {amount} ({now}, {needs})"


def _gap_text(gap: Fraction, *, strict: bool) -> str:
    # A strict bound is met by any cent above the gap rounded down; a non-strict one needs the gap
    # rounded up, so the amount shown always suffices when spent to the cent.
    if strict:
        return f"more than {money_text(gap, ROUND_FLOOR)}"
    return money_text(gap, ROUND_CEILING)


def money_text(amount: Fraction | Decimal, rounding: str = ROUND_HALF_UP) -> str:
    """Yuan to the cent with thousands separators.

    Examples
    --------
    >>> money_text(Fraction(1234567, 3))
    '¥411,522.33'
    """
    if isinstance(amount, Fraction):
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
    return f"¥{amount.quantize(Decimal('0.01'), rounding=rounding):,}"


def percent_text(fraction: Fraction) -> str:
    """A fraction as a percentage with two decimals, rounded half up.

    Examples
    --------
    >>> percent_text(Fraction(23, 500))
    '4.60 %'
    """
    percent = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    return f"{percent.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} %"


def _show(value: Fraction, kind: str) -> str:
    if kind == "money":
        return money_text(value)
    if kind == "ratio":
        return percent_text(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
