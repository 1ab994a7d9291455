"""Performance-based funding rules: institutions float around a benchmark, regions earn
incentives or lose part of the special subsidy. Plain data in, plain data out; money in
:class:`decimal.Decimal` yuan to the cent, adding up to the budget exactly.
"""

from chanjiao.core.funding.institutions import (
    InstitutionAllocation,
    InstitutionLine,
    allocate_institutions,
    floats_around_reference,
)
from chanjiao.core.funding.policy import MIN_INTEGRATION_WEIGHT, InstitutionPolicy, RegionalPolicy
from chanjiao.core.funding.regions import RegionalAllocation, RegionLine, allocate_regions, appraisal_score

__all__ = [
    "MIN_INTEGRATION_WEIGHT",
    "InstitutionAllocation",
    "InstitutionLine",
    "InstitutionPolicy",
    "RegionLine",
    "RegionalAllocation",
    "RegionalPolicy",
    "allocate_institutions",
    "allocate_regions",
    "appraisal_score",
    "floats_around_reference",
]
