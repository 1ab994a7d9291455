"""Credit app models, one module per responsibility."""

from chanjiao.credit.models.assessment import (
    RATING_CHOICES,
    CreditAssessment,
    ExitNotice,
    GrantStatus,
    IncentiveGrant,
    NoticeStatus,
)
from chanjiao.credit.models.money import (
    BenefitParty,
    BenefitSharing,
    EquityHistory,
    EquityPerformance,
    EquityStake,
    SharingMethod,
    SharingStatus,
)
from chanjiao.credit.models.one_window import (
    ONE_WINDOW_SUBSIDIES,
    Application,
    ApplicationStatus,
    Department,
    DepartmentReview,
    ReviewDecision,
)
from chanjiao.credit.models.policy import PolicyVersion
from chanjiao.credit.models.records import (
    Contribution,
    ContributionKind,
    Incident,
    IncidentKind,
    InsuranceClaim,
    InsuranceCover,
)

__all__ = [
    "ONE_WINDOW_SUBSIDIES",
    "RATING_CHOICES",
    "Application",
    "ApplicationStatus",
    "BenefitParty",
    "BenefitSharing",
    "Contribution",
    "ContributionKind",
    "CreditAssessment",
    "Department",
    "DepartmentReview",
    "EquityHistory",
    "EquityPerformance",
    "EquityStake",
    "ExitNotice",
    "GrantStatus",
    "Incident",
    "IncidentKind",
    "IncentiveGrant",
    "InsuranceClaim",
    "InsuranceCover",
    "NoticeStatus",
    "PolicyVersion",
    "ReviewDecision",
    "SharingMethod",
    "SharingStatus",
]
