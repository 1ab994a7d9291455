"""Technology equity: an enterprise's equipment and technology, valued by a third party, as shares.

Rules, with the policy's numbers (``policy.equity``):

1. Initial share = appraised value of the contributions / (that value + the other capital of the
   venture). It must be strictly below ``share_cap`` (30 %): a larger share is refused.
2. Each year, performance is scored in [-1, 1]: the skill-certification pass rate and the
   technology-transfer income are each compared with their target as a relative deviation
   clipped to [-1, 1], then weighted (``pass_rate_weight`` and the rest).
3. A score within ``neutral_band`` leaves the share unchanged. Otherwise the share moves in the
   score's direction by ``min_adjustment`` + (``max_adjustment`` − ``min_adjustment``) ×
   (|score| − band) / (1 − band) *of itself*: 3 % to 10 % by default.
4. Shares are recorded in hundredths of a percent, rounded down; a share that would reach the cap
   is held at the largest recorded value below it (29.99 %).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from chanjiao.core.credit.criteria import money_text, percent_text
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.validation import exact, require_choice, require_int, require_number, require_text
from chanjiao.core.incentives.money import amount, to_cents

CONTRIBUTION_KINDS = ("equipment", "technology")
SHARE_STEP = Fraction(1, 10_000)
"""Shares are recorded in hundredths of a percent."""


@dataclass(frozen=True)
class Contribution:
    """An equipment or technology contribution and its third-party appraisal (yuan)."""

    kind: str
    description: str
    appraised_value: float
    appraiser: str

    def __post_init__(self) -> None:
        require_choice(self.kind, "kind", CONTRIBUTION_KINDS)
        require_text(self.description, "description")
        amount(self.appraised_value, f"appraised_value of {self.description}")
        require_text(self.appraiser, f"appraiser of {self.description}")


@dataclass(frozen=True)
class EquityYear:
    """A year's performance: skill-certification pass rate (0–1) and technology-transfer income."""

    year: int
    certification_pass_rate: float
    transfer_income: float

    def __post_init__(self) -> None:
        require_int(self.year, "year", minimum=1900, maximum=2200)
        require_number(
            self.certification_pass_rate, f"certification_pass_rate in {self.year}", minimum=0, maximum=1
        )
        amount(self.transfer_income, f"transfer_income in {self.year}")


@dataclass(frozen=True)
class EquityAdjustment:
    """One year of the history; ``adjustment`` is the signed change relative to the share."""

    year: int
    score: Fraction
    adjustment: Fraction
    share_before: Decimal
    share_after: Decimal
    held_below_cap: bool
    reason: str


@dataclass(frozen=True)
class EquityHistory:
    """Contributed value, initial share and every yearly adjustment (shares as fractions)."""

    contributed_value: Decimal
    venture_value: Decimal
    initial_share: Decimal
    adjustments: tuple[EquityAdjustment, ...]
    final_share: Decimal
    policy_version: int


def technology_equity(
    *,
    enterprise: str,
    contributions: Iterable[Contribution],
    other_capital: object,
    performance: Iterable[EquityYear] = (),
    policy: Policy,
) -> EquityHistory:
    """The calculator: initial share from appraisals, then the yearly adjustment history.

    Examples
    --------
    >>> history = technology_equity(
    ...     enterprise="Acme Robotics",
    ...     contributions=[Contribution("equipment", "CNC line", 1_500_000, "Valuers Ltd")],
    ...     other_capital=6_000_000,
    ...     performance=[EquityYear(2024, 1.0, 2_000_000), EquityYear(2025, 0.4, 0)],
    ...     policy=Policy())
    >>> history.initial_share, [a.share_after for a in history.adjustments]
    (Decimal('0.2000'), [Decimal('0.2144'), Decimal('0.1969')])
    """
    require_text(enterprise, "enterprise")
    contributions = tuple(contributions)
    if not contributions:
        raise ValueError("technology equity needs at least one appraised contribution")
    for contribution in contributions:
        if contribution.appraiser.strip().casefold() == enterprise.strip().casefold():
            raise ValueError(
                f"the appraisal of {contribution.description} must come from a third party, not {enterprise} itself"
            )
    contributed = sum(
        (amount(item.appraised_value, "appraised_value") for item in contributions), Fraction(0)
    )
    other = amount(other_capital, "other_capital")
    venture = contributed + other
    cap = exact(policy.equity.share_cap, "share_cap")
    if venture == 0 or contributed / venture >= cap:
        share_text = percent_text(contributed / venture) if venture else "100.00 %"
        largest = cap * other / (1 - cap) if cap < 1 else None
        limit = (
            f"; with {money_text(other)} of other capital the contributions must be worth less than {money_text(largest)}"
            if largest is not None
            else ""
        )
        raise ValueError(
            f"equity share {share_text} ({money_text(contributed)} of {money_text(venture)}) must be strictly "
            f"below {percent_text(cap)}{limit}"
        )
    initial = _recorded(contributed / venture)
    years = sorted(performance, key=lambda item: item.year)
    for earlier, later in zip(years, years[1:], strict=False):
        if earlier.year == later.year:
            raise ValueError(f"performance years must not repeat; {later.year} appears twice")
    share, adjustments = initial, []
    for year in years:
        adjustment = _adjust(year, share, cap, policy)
        adjustments.append(adjustment)
        share = Fraction(adjustment.share_after)
    return EquityHistory(
        contributed_value=to_cents(contributed),
        venture_value=to_cents(venture),
        initial_share=_as_decimal(initial),
        adjustments=tuple(adjustments),
        final_share=_as_decimal(share),
        policy_version=policy.version,
    )


def performance_score(year: EquityYear, policy: Policy) -> Fraction:
    """Weighted, clipped relative deviation from the targets, in [-1, 1].

    Examples
    --------
    >>> performance_score(EquityYear(2024, 0.9, 1_500_000), Policy())
    Fraction(5, 16)
    """
    equity = policy.equity
    pass_rate = exact(year.certification_pass_rate, "certification_pass_rate")
    target_rate = exact(equity.target_pass_rate, "target_pass_rate")
    income = exact(year.transfer_income, "transfer_income")
    target_income = exact(equity.target_transfer_income, "target_transfer_income")
    weight = exact(equity.pass_rate_weight, "pass_rate_weight")
    return weight * _clip((pass_rate - target_rate) / target_rate) + (1 - weight) * _clip(
        (income - target_income) / target_income
    )


def _adjust(year: EquityYear, share: Fraction, cap: Fraction, policy: Policy) -> EquityAdjustment:
    equity = policy.equity
    score = performance_score(year, policy)
    band = exact(equity.neutral_band, "neutral_band")
    low, high = exact(equity.min_adjustment, "min_adjustment"), exact(equity.max_adjustment, "max_adjustment")
    if abs(score) <= band:
        adjustment = Fraction(0)
    else:
        magnitude = low + (high - low) * (abs(score) - band) / (1 - band)
        adjustment = magnitude if score > 0 else -magnitude
    target = _recorded(share * (1 + adjustment))
    ceiling = _largest_below(cap)
    held = target > ceiling
    after = min(target, ceiling)
    figures = (
        f"pass rate {percent_text(exact(year.certification_pass_rate, 'pass rate'))} "
        f"(target {percent_text(exact(equity.target_pass_rate, 'target'))}), transfer income "
        f"{money_text(exact(year.transfer_income, 'income'))} "
        f"(target {money_text(exact(equity.target_transfer_income, 'target'))}): score {float(score):+.4f}"
    )
    if adjustment == 0:
        outcome = f"within the neutral band of ±{float(band):g}, share unchanged at {percent_text(share)}"
    else:
        direction = "raised" if adjustment > 0 else "lowered"
        outcome = f"share {direction} by {percent_text(abs(adjustment))} of itself, {percent_text(share)} → {percent_text(after)}"
        if held:
            outcome += f" (held below the {percent_text(cap)} cap)"
    return EquityAdjustment(
        year=year.year,
        score=score,
        adjustment=adjustment,
        share_before=_as_decimal(share),
        share_after=_as_decimal(after),
        held_below_cap=held,
        reason=f"{figures}; {outcome}",
    )


def _clip(value: Fraction) -> Fraction:
    return max(Fraction(-1), min(Fraction(1), value))


def _recorded(share: Fraction) -> Fraction:
    return math.floor(share / SHARE_STEP) * SHARE_STEP


def _largest_below(cap: Fraction) -> Fraction:
    return (math.ceil(cap / SHARE_STEP) - 1) * SHARE_STEP


def _as_decimal(share: Fraction) -> Decimal:
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_DOWN
    )
