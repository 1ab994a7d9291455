"""Credit explanations in words, built from the facts the rules keep.

Every explanation of the credit rules (a criterion's figures and verdict, a change that would make
it hold, a reason for a rating, the basis of an incentive decision, the exit rule) is kept as
*facts*: a plain, JSON-ready dict of the metric, operator, threshold, years, figures and amounts,
with exact numbers as fraction text (``"7/160"``). The functions here word those facts with a
:class:`Wording` — English by default, which is the text the rules return; the platform passes a
wording in the reader's language and gets the same sentences translated, from facts it stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from chanjiao.core.credit.policy_rules import Criterion
from chanjiao.core.credit.records import METRICS, period_text
from chanjiao.core.credit.validation import exact

Facts = dict[str, Any]
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


@dataclass(frozen=True)
class Wording:
    """The sentences of the credit explanations as ``%``-format templates, and the metric labels.

    The defaults are English; each template names the values it may use.
    """

    labels: Mapping[str, str] = field(default_factory=lambda: {k: m.label for k, m in METRICS.items()})
    list_separator: str = ", "
    clause_separator: str = "; "
    year_figure: str = "%(year)s: %(figure)s"
    figures_each_year: str = "%(metric)s in each year of %(period)s: %(figures)s"
    figures: str = "%(metric)s in %(period)s: %(value)s"
    met: str = "%(figures)s (needs %(bound)s): met"
    not_met: str = "%(figures)s (needs %(bound)s): not met"
    more: str = "%(metric)s in %(period)s: %(amount)s more (now %(now)s, needs %(bound)s)"
    fewer: str = "%(metric)s in %(period)s: %(amount)s fewer (now %(now)s, needs %(bound)s)"
    raise_money: str = "%(metric)s in %(period)s: raise by %(amount)s (now %(now)s, needs %(bound)s)"
    lower_money: str = "%(metric)s in %(period)s: lower by %(amount)s (now %(now)s, needs %(bound)s)"
    more_than: str = "more than %(amount)s"
    raise_rd: str = (
        "R&D spending in %(period)s: raise by %(amount)s "
        "(now %(spending)s = %(share)s of revenue %(revenue)s, needs %(bound)s)"
    )
    lower_rd: str = (
        "R&D spending in %(period)s: lower by %(amount)s "
        "(now %(spending)s = %(share)s of revenue %(revenue)s, needs %(bound)s)"
    )
    no_revenue: str = (
        "%(metric)s in %(period)s: no revenue recorded, so the share counts as 0 %% (needs %(bound)s)"
    )
    earned: str = "%(rating)s earned: %(criteria)s"
    not_earned: str = "%(rating)s not earned: %(criteria)s"
    no_grade: str = "no grade rule is met, so the rating is C"
    capped: str = "capped at %(rating)s: %(figures)s (cap applies at %(bound)s)"
    rating_meets: str = "rating %(rating)s meets the required %(required)s"
    rating_below: str = "rating %(rating)s is below the required %(required)s"
    revoked: str = "revoked: %(reason)s"
    red_lights: str = "red evaluation light in %(count)s of the last %(window)s years"
    red_lights_in: str = "red evaluation light in %(count)s of the last %(window)s years (%(years)s)"
    exit_revoked: str = (
        "%(figures)s, the exit threshold is %(threshold)s: "
        "eligibility for automatic incentives, tax incentives and subsidies is revoked"
    )
    exit_kept: str = "%(figures)s, below the exit threshold of %(threshold)s"


ENGLISH = Wording()


def figures_text(facts: Facts, wording: Wording = ENGLISH) -> str:
    """A criterion's figures: ``mentors provided in 2023–2025: 1``."""
    metric = METRICS[facts["metric"]]
    period = period_text(facts["first_year"], facts["last_year"])
    label = wording.labels[metric.key]
    if metric.each_year:
        listed = wording.list_separator.join(
            wording.year_figure % {"year": year, "figure": show(Fraction(figure), metric.kind)}
            for year, figure in facts["yearly"]
        )
        return wording.figures_each_year % {"metric": label, "period": period, "figures": listed}
    return wording.figures % {
        "metric": label,
        "period": period,
        "value": show(Fraction(facts["value"]), metric.kind),
    }


def explanation_text(facts: Facts, wording: Wording = ENGLISH) -> str:
    """A criterion's figures, what it needs, and whether it is met."""
    template = wording.met if facts["holds"] else wording.not_met
    return template % {"figures": figures_text(facts, wording), "bound": _bound(facts)}


def change_text(change: Facts, wording: Wording = ENGLISH) -> str:
    """The smallest change to the records that makes a criterion hold.

    Examples
    --------
    >>> change_text({"metric": "mentors_provided", "first_year": 2023, "last_year": 2025,
    ...              "operator": ">=", "threshold": "2", "value": "1", "gap": "1"})
    'mentors provided in 2023–2025: 1 more (now 1, needs ≥ 2)'
    """
    metric = METRICS[change["metric"]]
    increase = change["operator"] in (">=", ">")
    gap = Fraction(change["gap"])
    values = {
        "metric": wording.labels[metric.key],
        "period": period_text(change["first_year"], change["last_year"]),
        "bound": _bound(change),
        "now": show(Fraction(change["value"]), metric.kind),
        "amount": show(gap, "count"),
    }
    if metric.kind == "count":
        return (wording.more if increase else wording.fewer) % values
    # A strict bound is met by any cent above the gap rounded down; a non-strict one needs the gap
    # rounded up, so the amount shown always suffices when spent to the cent.
    if change["operator"] in (">", "<"):
        values["amount"] = wording.more_than % {"amount": money_text(gap, ROUND_FLOOR)}
    else:
        values["amount"] = money_text(gap, ROUND_CEILING)
    if metric.kind == "money":
        return (wording.raise_money if increase else wording.lower_money) % values
    # The one ratio metric, R&D share: the change is stated as R&D money, which the enterprise controls.
    spending, revenue = Fraction(change["spending"]), Fraction(change["revenue"])
    if not revenue:
        return wording.no_revenue % values
    values |= {
        "spending": money_text(spending),
        "share": percent_text(spending / revenue),
        "revenue": money_text(revenue),
    }
    return (wording.raise_rd if increase else wording.lower_rd) % values


def reason_text(reason: Facts, wording: Wording = ENGLISH) -> str:
    """Why a rating: a grade earned or not with its criteria, no grade at all, or a cap applied."""
    if reason["kind"] == "no_grade":
        return wording.no_grade
    if reason["kind"] == "capped":
        condition = reason["condition"]
        return wording.capped % {
            "rating": reason["rating"],
            "figures": figures_text(condition, wording),
            "bound": _bound(condition),
        }
    template = wording.earned if reason["kind"] == "earned" else wording.not_earned
    criteria = wording.clause_separator.join(explanation_text(facts, wording) for facts in reason["criteria"])
    return template % {"rating": reason["rating"], "criteria": criteria}


def basis_text(item: Facts, wording: Wording = ENGLISH) -> str:
    """One line of an incentive decision's basis: the rating, a criterion, or the exit rule."""
    if item["kind"] == "rating":
        template = wording.rating_meets if item["met"] else wording.rating_below
        return template % {"rating": item["rating"], "required": item["required"]}
    if item["kind"] == "criterion":
        return explanation_text(item["criterion"], wording)
    return wording.revoked % {"reason": exit_text(item["exit"], wording)}


def exit_text(facts: Facts, wording: Wording = ENGLISH) -> str:
    """The exit rule applied: red lights in the window against the threshold."""
    red_years = facts["red_light_years"]
    values = {"count": len(red_years), "window": facts["window_years"], "threshold": facts["threshold"]}
    figures = (wording.red_lights_in if red_years else wording.red_lights) % (
        values | {"years": wording.list_separator.join(map(str, red_years))}
    )
    template = wording.exit_revoked if facts["revoked"] else wording.exit_kept
    return template % (values | {"figures": figures})


def bound_text(criterion: Criterion) -> str:
    """The operator and threshold as shown to people.

    Examples
    --------
    >>> bound_text(Criterion("rd_share", ">", 0.05)), bound_text(Criterion("breaches", ">=", 1))
    ('> 5.00 %', '≥ 1')
    """
    return _bound_text(criterion.metric, criterion.operator, exact(criterion.threshold, "threshold"))


def _bound(facts: Facts) -> str:
    return _bound_text(facts["metric"], facts["operator"], Fraction(facts["threshold"]))


def _bound_text(metric: str, operator: str, threshold: Fraction) -> str:
    return f"{SYMBOLS[operator]} {show(threshold, METRICS[metric].kind)}"


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


def show(value: Fraction, kind: str) -> str:
    """A metric's value as shown: money in yuan, a ratio as a percentage, a count as a number."""
    if kind == "money":
        return money_text(value)
    if kind == "ratio":
        return percent_text(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
