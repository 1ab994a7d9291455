"""Governance app models: agreements and councils."""

from chanjiao.governance.models.agreements import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementRevision,
    AgreementSignature,
    AgreementStatus,
    RevisionKind,
)
from chanjiao.governance.models.councils import (
    Council,
    Meeting,
    MeetingStatus,
    Motion,
    MotionKind,
    MotionStatus,
    Vote,
    VoteChoice,
)

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementParty",
    "AgreementRevision",
    "AgreementSignature",
    "AgreementStatus",
    "Council",
    "Meeting",
    "MeetingStatus",
    "Motion",
    "MotionKind",
    "MotionStatus",
    "RevisionKind",
    "Vote",
    "VoteChoice",
]
