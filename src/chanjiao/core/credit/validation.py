"""Checks and exact conversions for the plain values that rules receive.

Every check raises ``ValueError`` with a message that names the field and shows the bad value, so
a page can show it to the person who typed it. Numbers used in rules are converted to
:class:`fractions.Fraction` through their decimal text, so ``0.05`` means exactly 5/100 and a
comparison such as "R&D share > 5 %" never flips on binary rounding.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import cast


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal | Fraction) and not isinstance(value, bool)


def require_number(
    value: object,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> None:
    """Raise ``ValueError`` unless ``value`` is a finite number within the inclusive bounds.

    Examples
    --------
    >>> require_number(0.3, "subsidy_rate", minimum=0, maximum=1)
    >>> require_number(-1, "premium", minimum=0)
    Traceback (most recent call last):
    ...
    ValueError: premium must be a number of at least 0, got -1
    """
    bounds = _bounds_text(minimum, maximum)
    if not _is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
        raise ValueError(f"{name} must be a number{bounds}, got {value!r}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):  # type: ignore[operator]
        raise ValueError(f"{name} must be a number{bounds}, got {value!r}")


def require_int(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> None:
    """Raise ``ValueError`` unless ``value`` is an integer (not a bool) within the inclusive bounds.

    Examples
    --------
    >>> require_int(3, "window_years", minimum=1)
    >>> require_int(2.5, "window_years", minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: window_years must be a whole number of at least 1, got 2.5
    """
    bounds = _bounds_text(minimum, maximum)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number{bounds}, got {value!r}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be a whole number{bounds}, got {value!r}")


def require_text(value: object, name: str) -> None:
    """Raise ``ValueError`` unless ``value`` is a string with visible characters.

    Examples
    --------
    >>> require_text("tax_credit", "key")
    >>> require_text("  ", "key")
    Traceback (most recent call last):
    ...
    ValueError: key must be a non-empty text, got '  '
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty text, got {value!r}")


def require_choice(value: object, name: str, choices: Iterable[str]) -> None:
    """Raise ``ValueError`` unless ``value`` is one of ``choices``.

    Examples
    --------
    >>> require_choice("AA", "rating", ("AAA", "AA"))
    >>> require_choice("D", "rating", ("AAA", "AA"))
    Traceback (most recent call last):
    ...
    ValueError: rating must be one of 'AAA', 'AA', got 'D'
    """
    options = tuple(choices)
    if value not in options:
        listed = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")


def require_unique(values: Iterable[str], name: str) -> None:
    """Raise ``ValueError`` naming the first value that appears twice.

    Examples
    --------
    >>> require_unique(["school", "enterprise"], "parties")
    >>> require_unique(["school", "school"], "parties")
    Traceback (most recent call last):
    ...
    ValueError: parties must not repeat 'school'
    """
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{name} must not repeat {value!r}")
        seen.add(value)


def exact(value: object, name: str, *, minimum: float | None = None) -> Fraction:
    """Exact value of a number or numeric text; floats are read through their shortest decimal text.

    Examples
    --------
    >>> exact(0.05, "rd_share")
    Fraction(1, 20)
    >>> exact("1234.50", "premium")
    Fraction(2469, 2)
    >>> exact("abc", "premium")
    Traceback (most recent call last):
    ...
    ValueError: premium must be a number, got 'abc'
    """
    if isinstance(value, str):
        try:
            parsed = Decimal(value.strip())
        except ArithmeticError:
            raise ValueError(f"{name} must be a number, got {value!r}") from None
        if not parsed.is_finite():
            raise ValueError(f"{name} must be a number, got {value!r}")
        value = parsed
    require_number(value, name, minimum=minimum)
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(cast("int | Decimal | Fraction", value))


def _bounds_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum} to {maximum}"
    if minimum is not None:
        return f" of at least {minimum}"
    if maximum is not None:
        return f" of at most {maximum}"
    return ""
