"""Enterprise credit file rules: the region's policy configuration, the credit rating, cooperation
agreements and council governance. Pure functions; the Django credit and governance apps call them.
"""

from chanjiao.core.credit.agreements import AgreementCheck, check_agreement
from chanjiao.core.credit.criteria import CriterionResult, evaluate
from chanjiao.core.credit.governance import (
    ORGANISATION_KINDS,
    CompositionCheck,
    CouncilSeat,
    MotionResult,
    check_council_composition,
    tally_motion,
)
from chanjiao.core.credit.policy import Policy
from chanjiao.core.credit.policy_governance import AgreementPolicy, GovernancePolicy
from chanjiao.core.credit.policy_money import (
    EquityPolicy,
    InsurancePolicy,
    TaxDeductionPolicy,
    TrainingReimbursementPolicy,
)
from chanjiao.core.credit.policy_rules import (
    RATINGS,
    CreditPolicy,
    Criterion,
    GradeRule,
    IncentivePolicy,
    IncentiveRule,
    OneWindowPolicy,
    RatingCap,
    rating_rank,
)
from chanjiao.core.credit.rating import CreditRating, RatingPath, rate_enterprise
from chanjiao.core.credit.records import METRICS, EnterpriseYear, record_window

__all__ = [
    "METRICS",
    "ORGANISATION_KINDS",
    "RATINGS",
    "AgreementCheck",
    "AgreementPolicy",
    "CompositionCheck",
    "CouncilSeat",
    "CreditPolicy",
    "CreditRating",
    "Criterion",
    "CriterionResult",
    "EnterpriseYear",
    "EquityPolicy",
    "GovernancePolicy",
    "GradeRule",
    "IncentivePolicy",
    "IncentiveRule",
    "InsurancePolicy",
    "MotionResult",
    "OneWindowPolicy",
    "Policy",
    "RatingCap",
    "RatingPath",
    "TaxDeductionPolicy",
    "TrainingReimbursementPolicy",
    "check_agreement",
    "check_council_composition",
    "evaluate",
    "rate_enterprise",
    "rating_rank",
    "record_window",
    "tally_motion",
]
