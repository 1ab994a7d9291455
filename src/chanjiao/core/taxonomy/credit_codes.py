"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

Eighteen characters: the registering authority (1) and kind (1), the six-digit division code of
the registering region, a nine-character organisation code and a check character computed from
the other seventeen. The alphabet is the digits and the capitals without I, O, S, V and Z.

>>> is_valid("91350100M000100Y43")
True
>>> is_valid("91350100M000100Y44")
False
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_character(body: str) -> str:
    """The check character of the first seventeen characters of a code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """Whether ``code`` (upper case, no spaces) has the standard's shape and check character."""
    return bool(SHAPE.match(code)) and check_character(code[:17]) == code[17]


def division_of(code: str) -> int:
    """The division code of the registering region (``320505`` for Suzhou's Huqiu district)."""
    return int(code[2:8])
