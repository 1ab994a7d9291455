"""Graduate outcomes: rates with intervals, counterpart employment by CSCO level, salary bands
and the matched starting-salary difference between cooperative and non-cooperative programs.
Plain data in, plain data out (numpy arrays for the per-graduate columns)."""

from chanjiao.core.outcomes.matched import MatchedDifference
from chanjiao.core.outcomes.occupations import CSCO_LEVELS, counterpart_matches, csco_prefix
from chanjiao.core.outcomes.proportions import Rate, rate, wilson_interval
from chanjiao.core.outcomes.salaries import SALARY_BANDS, SalaryBand, band_midpoints, band_of

__all__ = [
    "CSCO_LEVELS",
    "SALARY_BANDS",
    "MatchedDifference",
    "Rate",
    "SalaryBand",
    "band_midpoints",
    "band_of",
    "counterpart_matches",
    "csco_prefix",
    "rate",
    "wilson_interval",
]
