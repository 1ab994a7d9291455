"""Docking: talent demand, technical needs, consortium lists, education resources, and the
pre-aggregated supply–demand tables with program advice."""

from chanjiao.docking.models.needs import ConsortiumProduct, NeedExpert, NeedStatus, TechnicalNeed
from chanjiao.docking.models.postings import (
    CoderModel,
    CodeStatus,
    CodingFeedback,
    Posting,
    PostingKind,
    PostingStatus,
)
from chanjiao.docking.models.resources import (
    Booking,
    BookingStatus,
    CallKind,
    CallResponse,
    CallStatus,
    CooperationCall,
    Course,
    CourseKind,
    ResourceKind,
    SharedResource,
)
from chanjiao.docking.models.supply_demand import (
    Advice,
    AdviceDecision,
    AdviceStatus,
    AlignmentScore,
    DemandCell,
    Recommendation,
    RegionMonth,
    ResponsePosition,
    SupplyDemandCell,
    SupplyDemandRun,
)

__all__ = [
    "Advice",
    "AdviceDecision",
    "AdviceStatus",
    "AlignmentScore",
    "Booking",
    "BookingStatus",
    "CallKind",
    "CallResponse",
    "CallStatus",
    "CoderModel",
    "CodeStatus",
    "CodingFeedback",
    "ConsortiumProduct",
    "CooperationCall",
    "Course",
    "CourseKind",
    "DemandCell",
    "NeedExpert",
    "NeedStatus",
    "Posting",
    "PostingKind",
    "PostingStatus",
    "Recommendation",
    "RegionMonth",
    "ResourceKind",
    "ResponsePosition",
    "SharedResource",
    "SupplyDemandCell",
    "SupplyDemandRun",
    "TechnicalNeed",
]
