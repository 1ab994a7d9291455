"""Monthly salary bands graduates report, and the figure each band stands for.

Follow-up forms ask for a band rather than an amount: graduates answer bands far more often
and more honestly. Statistics use each band's midpoint; the open bands at either end take the
width of their neighbour (below 3,000 stands for 2,500, from 15,000 up for 17,500).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SalaryBand:
    code: str
    low: int  # yuan per month, inclusive
    high: int | None  # exclusive; None for the open top band
    midpoint: float


SALARY_BANDS: tuple[SalaryBand, ...] = (
    SalaryBand("lt3000", 0, 3000, 2500.0),
    SalaryBand("3000_3999", 3000, 4000, 3500.0),
    SalaryBand("4000_4999", 4000, 5000, 4500.0),
    SalaryBand("5000_5999", 5000, 6000, 5500.0),
    SalaryBand("6000_7999", 6000, 8000, 7000.0),
    SalaryBand("8000_9999", 8000, 10000, 9000.0),
    SalaryBand("10000_14999", 10000, 15000, 12500.0),
    SalaryBand("ge15000", 15000, None, 17500.0),
)
_MIDPOINT = {band.code: band.midpoint for band in SALARY_BANDS}


def band_midpoints(codes: Sequence[str | None]) -> np.ndarray:
    """The midpoint of each band code; NaN where no band was given.

    Examples
    --------
    >>> band_midpoints(["4000_4999", "", "ge15000"]).tolist()
    [4500.0, nan, 17500.0]
    """
    values = np.full(len(codes), np.nan)
    for index, code in enumerate(codes):
        if not code:
            continue
        if code not in _MIDPOINT:
            raise ValueError(f"Unknown salary band {code!r}; bands are {', '.join(_MIDPOINT)}.")
        values[index] = _MIDPOINT[code]
    return values


def band_of(amount: float) -> str:
    """The band a monthly amount in yuan falls in (used when a record gives an amount).

    Examples
    --------
    >>> band_of(4999.5), band_of(5000), band_of(80000)
    ('4000_4999', '5000_5999', 'ge15000')
    """
    if amount < 0:
        raise ValueError(f"A salary cannot be negative, got {amount}.")
    return next(band.code for band in SALARY_BANDS if band.high is None or amount < band.high)
