"""Policy sections for the credit rating, automatic incentives, exit and one-window checks.

Defaults follow the seeds: AAA needs ≥ 100 students hosted in each of the last 3 consecutive years
and R&D spending above 5 % of revenue; AAA enterprises get tax credit and land priority without
applying; a poor long-term evaluation (red lights in 2 of the last 3 years) revokes eligibility.
The lower grades, caps and extra incentive criteria are this platform's documented defaults; every
figure is editable per region.
"""

from __future__ import annotations

from dataclasses import dataclass

from chanjiao.core.credit.records import METRICS
from chanjiao.core.credit.validation import (
    require_choice,
    require_int,
    require_number,
    require_text,
    require_unique,
)

RATINGS = ("AAA", "AA", "A", "B", "C")
"""Credit ratings, best first. ``C`` is the floor: it has no rule of its own."""

OPERATORS = (">=", ">", "<=", "<")


def rating_rank(rating: str) -> int:
    """Higher is better: ``C`` is 0, ``AAA`` is 4.

    Examples
    --------
    >>> rating_rank("AAA") > rating_rank("B")
    True
    """
    require_choice(rating, "rating", RATINGS)
    return len(RATINGS) - 1 - RATINGS.index(rating)


@dataclass(frozen=True)
class Criterion:
    """``metric operator threshold`` over the rating window, e.g. ``rd_share > 0.05``.

    Examples
    --------
    >>> Criterion("hosted_students_each_year", ">=", 100)
    Criterion(metric='hosted_students_each_year', operator='>=', threshold=100)
    """

    metric: str
    operator: str
    threshold: float

    def __post_init__(self) -> None:
        require_choice(self.metric, "metric", METRICS)
        require_choice(self.operator, "operator", OPERATORS)
        maximum = 1 if METRICS[self.metric].kind == "ratio" else None
        require_number(self.threshold, f"threshold of {self.metric}", minimum=0, maximum=maximum)


@dataclass(frozen=True)
class GradeRule:
    """A rating is earned when every one of its criteria holds."""

    rating: str
    criteria: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        require_choice(self.rating, "rating", RATINGS[:-1])
        if not self.criteria:
            raise ValueError(f"rule for {self.rating} must have at least one criterion")


@dataclass(frozen=True)
class RatingCap:
    """When ``condition`` holds, the rating can be at most ``max_rating`` (e.g. any breach: B)."""

    condition: Criterion
    max_rating: str

    def __post_init__(self) -> None:
        require_choice(self.max_rating, "max_rating", RATINGS[1:])


DEFAULT_GRADES = (
    GradeRule("AAA", (Criterion("hosted_students_each_year", ">=", 100), Criterion("rd_share", ">", 0.05))),
    GradeRule(
        "AA",
        (
            Criterion("hosted_students_each_year", ">=", 50),
            Criterion("rd_share", ">", 0.03),
            Criterion("courses_codeveloped", ">=", 2),
            Criterion("mentors_provided", ">=", 5),
        ),
    ),
    GradeRule(
        "A", (Criterion("hosted_students_each_year", ">=", 20), Criterion("mentors_provided", ">=", 2))
    ),
    GradeRule("B", (Criterion("hosted_students_total", ">=", 1),)),
)

DEFAULT_CAPS = (
    RatingCap(Criterion("red_lights", ">=", 2), "C"),
    RatingCap(Criterion("breaches", ">=", 1), "B"),
    RatingCap(Criterion("red_lights", ">=", 1), "A"),
    RatingCap(Criterion("disputes", ">=", 3), "A"),
    RatingCap(Criterion("insurance_claims", ">=", 4), "AA"),
)


@dataclass(frozen=True)
class CreditPolicy:
    """How the rating is computed: grade rules tried best first, then caps.

    ``window_years`` consecutive years ending at the rated year feed every metric.
    """

    window_years: int = 3
    grades: tuple[GradeRule, ...] = DEFAULT_GRADES
    caps: tuple[RatingCap, ...] = DEFAULT_CAPS

    def __post_init__(self) -> None:
        require_int(self.window_years, "window_years", minimum=1, maximum=20)
        require_unique((rule.rating for rule in self.grades), "grades ratings")


@dataclass(frozen=True)
class IncentiveRule:
    """An incentive granted without application to enterprises rated ``min_rating`` or better
    whose records also meet every extra criterion."""

    key: str
    title: str
    min_rating: str
    criteria: tuple[Criterion, ...] = ()

    def __post_init__(self) -> None:
        require_text(self.key, "key")
        require_text(self.title, f"title of {self.key}")
        require_choice(self.min_rating, f"min_rating of {self.key}", RATINGS)


DEFAULT_INCENTIVES = (
    IncentiveRule("tax_credit", "Tax credit", "AAA"),
    IncentiveRule("land_priority", "Land-use priority", "AAA"),
    IncentiveRule(
        "procurement_priority",
        "Government-procurement supplier priority",
        "AA",
        (Criterion("technical_needs_solved", ">=", 1),),
    ),
    IncentiveRule(
        "green_credit", "Green credit line", "AA", (Criterion("equipment_contributed", ">=", 200_000),)
    ),
)


@dataclass(frozen=True)
class IncentivePolicy:
    """Automatic incentives, and the exit rule that revokes them all.

    Exit: red lights in at least ``exit_red_light_years`` of the last ``exit_window_years`` years.
    """

    rules: tuple[IncentiveRule, ...] = DEFAULT_INCENTIVES
    exit_red_light_years: int = 2
    exit_window_years: int = 3

    def __post_init__(self) -> None:
        require_unique((rule.key for rule in self.rules), "incentive keys")
        require_int(self.exit_window_years, "exit_window_years", minimum=1, maximum=20)
        require_int(
            self.exit_red_light_years, "exit_red_light_years", minimum=1, maximum=self.exit_window_years
        )


@dataclass(frozen=True)
class OneWindowPolicy:
    """Automatic checks of an application against platform records.

    A claimed figure passes when it is at most the recorded figure times ``1 + claim_tolerance``.
    """

    claim_tolerance: float = 0.0

    def __post_init__(self) -> None:
        require_number(self.claim_tolerance, "claim_tolerance", minimum=0, maximum=1)
