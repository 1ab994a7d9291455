"""Money to the cent: reading amounts exactly, rounding, and splitting a total without losing a cent.

Rounding rules used across incentives:

* a single amount computed from a rate (a subsidy, a deduction) is rounded **half up** to the cent,
  the usual rule in Chinese public finance; what is left (the enterprise's share) is the
  difference, so the parts of a premium always add up to the premium;
* a total split among parties uses the **largest-remainder** rule (:func:`split_total`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from chanjiao.core.credit.validation import exact

CENT = Decimal("0.01")


def amount(value: object, name: str) -> Fraction:
    """A non-negative amount of yuan in whole cents, exactly.

    Examples
    --------
    >>> amount("1200.50", "premium")
    Fraction(2401, 2)
    >>> amount(10.005, "premium")
    Traceback (most recent call last):
    ...
    ValueError: premium must be in whole cents, got 10.005
    """
    value_exact = exact(value, name, minimum=0)
    if (value_exact * 100).denominator != 1:
        raise ValueError(f"{name} must be in whole cents, got {value!r}")
    return value_exact


def to_cents(value: Fraction, rounding: str = ROUND_HALF_UP) -> Decimal:
    """An exact amount as yuan with two decimals (half up unless told).

    Examples
    --------
    >>> to_cents(Fraction(1, 200)), to_cents(Fraction(-1, 200))
    (Decimal('0.01'), Decimal('-0.01'))
    """
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=rounding)


def split_total(total: Fraction, weights: Sequence[Fraction]) -> tuple[Decimal, ...]:
    """Split ``total`` (whole cents) in proportion to ``weights``; the parts add up exactly.

    Largest-remainder rule: each party first gets its exact share rounded down to the cent; the
    cents left over (fewer than the number of parties) go one each to the parties whose discarded
    fractions of a cent are largest, ties to the party listed first. Every part differs from the
    exact share by less than one cent.

    Examples
    --------
    >>> split_total(Fraction(100), [Fraction(1), Fraction(1), Fraction(1)])
    (Decimal('33.34'), Decimal('33.33'), Decimal('33.33'))
    """
    if (total * 100).denominator != 1 or total < 0:
        raise ValueError(f"total must be a non-negative amount in whole cents, got {total}")
    if not weights or any(weight < 0 for weight in weights) or sum(weights) <= 0:
        raise ValueError("weights must be non-negative and not all zero")
    weight_sum = sum(weights, Fraction(0))
    exact_cents = [total * 100 * weight / weight_sum for weight in weights]
    cents = [math.floor(share) for share in exact_cents]
    leftover = int(total * 100) - sum(cents)
    by_remainder = sorted(
        range(len(weights)), key=lambda index: (-(exact_cents[index] - cents[index]), index)
    )
    for index in by_remainder[:leftover]:
        cents[index] += 1
    return tuple(Decimal(cent).scaleb(-2) for cent in cents)
