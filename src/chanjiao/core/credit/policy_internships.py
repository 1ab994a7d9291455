"""Policy section for students' internships, with the checks that read it.

Defaults follow the national regulation on vocational students' internships (职业学校学生实习管理规定,
教职成〔2021〕4号) and the working-time rules it defers to; docs/internships.md cites the article
behind each number and says which ones could not be confirmed from a source. Every number is a
setting of the region's versioned policy, so a region that sets other limits writes a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from chanjiao.core.credit.validation import exact, require_number


@dataclass(frozen=True)
class InternshipPolicy:
    """Limits on interns' hours, shares and pay.

    ``max_staff_share`` bounds the enterprise's concurrent post interns over its employees,
    ``max_post_share`` the interns on one post over the staff on that post; ``min_pay_share`` is
    the floor of a post intern's monthly pay over the same post's wage.

    Examples
    --------
    >>> policy = InternshipPolicy()
    >>> policy.max_hours_per_day, policy.max_hours_per_week, policy.night_work_allowed
    (8, 44, False)
    >>> policy.pay_floor(Decimal("5000"))
    Decimal('4000.00')
    """

    max_hours_per_day: float = 8
    max_hours_per_week: float = 44
    night_work_allowed: bool = False
    holiday_work_allowed: bool = False
    max_staff_share: float = 0.10
    max_post_share: float = 0.20
    min_pay_share: float = 0.80
    insurance_required: bool = True
    agreement_before_start: bool = True

    def __post_init__(self) -> None:
        require_number(self.max_hours_per_day, "max_hours_per_day", minimum=1, maximum=24)
        require_number(self.max_hours_per_week, "max_hours_per_week", minimum=1, maximum=168)
        for name in ("max_staff_share", "max_post_share", "min_pay_share"):
            require_number(getattr(self, name), name, minimum=0, maximum=1)
        for name in (
            "night_work_allowed",
            "holiday_work_allowed",
            "insurance_required",
            "agreement_before_start",
        ):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, got {getattr(self, name)!r}")

    def pay_floor(self, post_wage: Decimal) -> Decimal:
        """The lowest monthly pay of a post intern on a post paid ``post_wage``, rounded up to the
        fen (a fen less would be below the share)."""
        return (post_wage * Decimal(str(self.min_pay_share))).quantize(
            Decimal("0.01"), rounding=ROUND_CEILING
        )

    def share_exceeded(self, interns: int, staff: int, *, post: bool = False) -> bool:
        """Whether ``interns`` among ``staff`` exceed the staff (or, ``post``, the post) share.

        Exact: 10 interns among 100 employees are 10 %, allowed; 11 are not.

        >>> InternshipPolicy().share_exceeded(10, 100), InternshipPolicy().share_exceeded(11, 100)
        (False, True)
        >>> InternshipPolicy().share_exceeded(1, 0)
        True
        """
        limit = exact(self.max_post_share if post else self.max_staff_share, "share")
        if staff <= 0:
            return interns > 0
        return Fraction(interns, staff) > limit


@dataclass(frozen=True)
class HoursProblem:
    """A log breaking an hours limit: ``per`` is ``"day"`` (``hours`` over ``days``) or ``"week"``
    (``hours`` logged in ISO week ``week`` of ``year``)."""

    per: str
    limit: Decimal
    hours: Decimal
    days: int = 0
    year: int = 0
    week: int = 0


def log_hours_problem(
    policy: InternshipPolicy, *, days: int, hours: Decimal, week_hours: dict[tuple[int, int], Decimal]
) -> HoursProblem | None:
    """The first hours limit a log of ``hours`` over ``days`` days breaks, or ``None``.

    ``week_hours`` holds the hours of every log of the placement (this one included) per ISO
    week; the first week above the weekly limit is named.

    >>> policy = InternshipPolicy()
    >>> log_hours_problem(policy, days=1, hours=Decimal(8), week_hours={(2025, 40): Decimal(8)})
    >>> log_hours_problem(policy, days=1, hours=Decimal("8.5"), week_hours={(2025, 40): Decimal("8.5")}).per
    'day'
    >>> log_hours_problem(policy, days=5, hours=Decimal(40), week_hours={(2025, 40): Decimal(45)}).week
    40
    """
    return day_problem(policy, days=days, hours=hours) or week_problem(policy, week_hours)


def day_problem(policy: InternshipPolicy, *, days: int, hours: Decimal) -> HoursProblem | None:
    """``hours`` over ``days`` days above the daily limit, or ``None``."""
    per_day = Decimal(str(policy.max_hours_per_day))
    if exact(hours, "hours") > exact(per_day, "max_hours_per_day") * days:
        return HoursProblem("day", per_day, hours, days=days)
    return None


def week_problem(policy: InternshipPolicy, week_hours: dict[tuple[int, int], Decimal]) -> HoursProblem | None:
    """The first ISO week whose hours exceed the weekly limit, or ``None``."""
    per_week = Decimal(str(policy.max_hours_per_week))
    for (year, week), total in sorted(week_hours.items()):
        if exact(total, "hours") > exact(per_week, "max_hours_per_week"):
            return HoursProblem("week", per_week, total, year=year, week=week)
    return None
