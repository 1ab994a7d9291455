"""Incentive and money rules: automatic incentives and exit, one-window checks, insurance,
technology equity, benefit sharing, super-deduction and training reimbursement.

Amounts are :class:`decimal.Decimal` yuan to the cent; rates and shares are exact fractions.
"""

from chanjiao.core.incentives.deductions import (
    SuperDeduction,
    TrainingReimbursement,
    super_deduction,
    training_reimbursement,
)
from chanjiao.core.incentives.equity import Contribution, EquityHistory, EquityYear, technology_equity
from chanjiao.core.incentives.exemption import (
    ExitDecision,
    IncentiveDecision,
    IncentiveEligibility,
    automatic_incentives,
    check_exit,
)
from chanjiao.core.incentives.insurance import (
    InsuranceLine,
    InsuranceStatement,
    InsuranceYear,
    insurance_line,
    insurance_statement,
    subsidy_rate,
)
from chanjiao.core.incentives.one_window import (
    Application,
    CheckWording,
    OneWindowResult,
    PlatformFacts,
    check_application,
    check_text,
)
from chanjiao.core.incentives.sharing import ShareTable, proportional_shares, shapley_shares, shapley_values

__all__ = [
    "Application",
    "CheckWording",
    "Contribution",
    "EquityHistory",
    "EquityYear",
    "ExitDecision",
    "IncentiveDecision",
    "IncentiveEligibility",
    "InsuranceLine",
    "InsuranceStatement",
    "InsuranceYear",
    "OneWindowResult",
    "PlatformFacts",
    "ShareTable",
    "SuperDeduction",
    "TrainingReimbursement",
    "automatic_incentives",
    "check_application",
    "check_text",
    "check_exit",
    "insurance_line",
    "insurance_statement",
    "proportional_shares",
    "shapley_shares",
    "shapley_values",
    "subsidy_rate",
    "super_deduction",
    "technology_equity",
    "training_reimbursement",
]
