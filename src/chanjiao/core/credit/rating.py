"""Enterprise credit rating (AAA, AA, A, B, C) from yearly records, with reasons and ways up.

The rule, with the policy's numbers:

1. Take the ``credit.window_years`` consecutive years ending at the rated year.
2. Try the grade rules best first; the *earned* rating is the first whose criteria all hold,
   or ``C`` when none does.
3. Apply every cap whose condition holds (e.g. a breach of agreement: at most B); the rating is
   the lowest of the earned rating and the triggered caps.

The result says which criteria passed or failed with their figures, which caps applied, and, for
each better rating, the smallest changes to the records that would earn it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from chanjiao.core.credit.criteria import CriterionResult, evaluate, negate
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.policy_rules import RatingCap, rating_rank
from chanjiao.core.credit.records import EnterpriseYear, record_window
from chanjiao.core.credit.validation import exact
from chanjiao.core.credit.wording import Facts, change_text, reason_text


@dataclass(frozen=True)
class GradeCheck:
    """A grade rule and the result of each of its criteria."""

    rating: str
    earned: bool
    results: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class CapCheck:
    """A triggered cap: its condition's figures, and what would lift it."""

    cap: RatingCap
    condition: CriterionResult
    lift: CriterionResult


@dataclass(frozen=True)
class RatingPath:
    """What would earn ``rating``: every change listed is needed (``changes`` words ``change_facts``)."""

    rating: str
    change_facts: tuple[Facts, ...]

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(change_text(change) for change in self.change_facts)


@dataclass(frozen=True)
class CreditRating:
    """An enterprise's rating, why it has it (``reasons`` words ``reason_facts``), and how to raise it."""

    rating: str
    earned_rating: str
    first_year: int
    last_year: int
    grades: tuple[GradeCheck, ...]
    caps: tuple[CapCheck, ...]
    reason_facts: tuple[Facts, ...]
    paths_up: tuple[RatingPath, ...]
    policy_version: int

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(reason_text(reason) for reason in self.reason_facts)


def rate_enterprise(
    records: Iterable[EnterpriseYear], policy: Policy, *, as_of_year: int | None = None
) -> CreditRating:
    """Rate an enterprise on the window ending at ``as_of_year`` (default: its latest record).

    Examples
    --------
    >>> records = [EnterpriseYear(year, interns_hosted=120, rd_spending=60, revenue=1000)
    ...            for year in (2022, 2023, 2024)]
    >>> rating = rate_enterprise(records, Policy())
    >>> rating.rating, rating.reasons[0]
    ('AAA', 'AAA earned: students hosted (interns + apprentices) in each year of 2022–2024: 2022: 120, 2023: 120, 2024: 120 (needs ≥ 100): met; R&D spending share of revenue in 2022–2024: 6.00 % (needs > 5.00 %): met')
    >>> worse = records[:2] + [EnterpriseYear(2024, interns_hosted=96, rd_spending=60, revenue=1000)]
    >>> rate_enterprise(worse, Policy()).paths_up[-1].changes
    ('students hosted (interns + apprentices) in 2024: 4 more (now 96, needs ≥ 100)',)
    """
    window = record_window(records, policy.credit.window_years, as_of_year)
    grades = tuple(
        GradeCheck(rule.rating, all(result.holds for result in results), results)
        for rule in sorted(policy.credit.grades, key=lambda rule: -rating_rank(rule.rating))
        for results in [tuple(evaluate(criterion, window) for criterion in rule.criteria)]
    )
    earned = next((grade.rating for grade in grades if grade.earned), "C")
    caps = tuple(
        CapCheck(cap, condition, evaluate(negate(cap.condition), window))
        for cap in policy.credit.caps
        for condition in [evaluate(cap.condition, window)]
        if condition.holds
    )
    rating = min([earned, *(check.cap.max_rating for check in caps)], key=rating_rank)
    return CreditRating(
        rating=rating,
        earned_rating=earned,
        first_year=window.first_year,
        last_year=window.last_year,
        grades=grades,
        caps=caps,
        reason_facts=_reasons(earned, grades, caps),
        paths_up=_paths_up(rating, grades, caps),
        policy_version=policy.version,
    )


def _reasons(earned: str, grades: tuple[GradeCheck, ...], caps: tuple[CapCheck, ...]) -> tuple[Facts, ...]:
    reasons: list[Facts] = []
    for grade in grades:
        if grade.earned and grade.rating == earned:
            criteria = [result.facts for result in grade.results]
            reasons.append({"kind": "earned", "rating": grade.rating, "criteria": criteria})
        elif rating_rank(grade.rating) > rating_rank(earned):
            failed = [result.facts for result in grade.results if not result.holds]
            reasons.append({"kind": "not_earned", "rating": grade.rating, "criteria": failed})
    if earned == "C":
        reasons.append({"kind": "no_grade"})
    reasons.extend(
        {"kind": "capped", "rating": check.cap.max_rating, "condition": check.condition.facts}
        for check in caps
    )
    return tuple(reasons)


def _paths_up(
    rating: str, grades: tuple[GradeCheck, ...], caps: tuple[CapCheck, ...]
) -> tuple[RatingPath, ...]:
    paths = []
    for grade in sorted(grades, key=lambda grade: rating_rank(grade.rating)):
        if rating_rank(grade.rating) <= rating_rank(rating):
            continue
        changes = [change for result in grade.results for change in result.changes]
        binding = [
            check.lift for check in caps if rating_rank(check.cap.max_rating) < rating_rank(grade.rating)
        ]
        changes.extend(change for lift in _strictest(binding) for change in lift.changes)
        paths.append(RatingPath(grade.rating, tuple(changes)))
    return tuple(paths)


def _strictest(lifts: list[CriterionResult]) -> list[CriterionResult]:
    """Drop a lift implied by a stricter one on the same metric (fewer than 1 implies fewer than 2)."""

    def strictness(lift: CriterionResult) -> tuple[Fraction, int]:
        threshold = exact(lift.criterion.threshold, "threshold")
        strict = lift.criterion.operator in ("<", ">")
        # Larger is stricter: a lower upper bound, or a higher lower bound.
        return (-threshold, strict) if lift.criterion.operator in ("<", "<=") else (threshold, strict)

    kept: dict[tuple[str, bool], CriterionResult] = {}
    for lift in lifts:
        key = (lift.criterion.metric, lift.criterion.operator in ("<", "<="))
        if key not in kept or strictness(lift) > strictness(kept[key]):
            kept[key] = lift
    return [
        lift
        for lift in lifts
        if kept[(lift.criterion.metric, lift.criterion.operator in ("<", "<="))] is lift
    ]
