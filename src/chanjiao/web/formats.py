"""One way to show money, shares, dates and times on every page, in the reader's language.

Money is yuan to the cent with thousands separators (``¥300,000.00``); a share is a percentage
whose spacing follows the language (``87.8 %`` in English, ``87.8%`` in Chinese); a moment is
shown in the platform's time zone (``TIME_ZONE``), never in UTC, as ``2026-12-07 16:30``; a date
as ``2026-12-07`` (the format modules in ``chanjiao.config.formats`` make Django's own date
output the same). Templates use them through ``{% load formats %}``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import pgettext

MISSING = "—"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATE_FORMAT = "%Y-%m-%d"


def _decimal(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money(value, digits: int = 2) -> str:
    """Yuan with thousands separators: 300000 → ``¥300,000.00``; -12.5 → ``-¥12.50``; None → ``—``."""
    amount = _decimal(value)
    if amount is None or not amount.is_finite():
        return MISSING
    quantum = Decimal(1).scaleb(-digits)
    rounded = abs(amount).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{'-' if amount < 0 and rounded else ''}¥{rounded:,}"


def percent(share, digits: int = 1) -> str:
    """A share (0.878) as a percentage in the reader's language: ``87.8 %`` / ``87.8%``."""
    value = _decimal(share)
    if value is None or not value.is_finite():
        return MISSING
    number = (value * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return pgettext("a percentage", "%(number)s %%") % {"number": number}


def local_datetime(value: dt.datetime | None) -> str:
    """A moment in the platform's time zone: ``2026-12-07 16:30`` (a naive value is taken as local)."""
    if value is None:
        return MISSING
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(DATETIME_FORMAT)


def local_date(value: dt.date | dt.datetime | None) -> str:
    """A day as ``2026-12-07``; a moment gives its day in the platform's time zone."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime(DATE_FORMAT)
