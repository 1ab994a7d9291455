"""Who may do what with enterprise credit and incentives (read by ``chanjiao.accounts.access``).

- An enterprise's credit file (its ratings, incentives, exit notices, insurance, equity and
  one-window applications) is its representatives' and its officers' (those whose region contains
  the enterprise): the organisation's private view. Nobody else sees it (404).
- The enterprise's representatives reassess its file, record its contributions, insurance and
  equity, appeal its exit notices and apply through the one window; students, teachers and mentors
  of the enterprise do none of this. Officers of its region record the same, find disputes and
  breaches, decide appeals and review applications; an officer of another region does nothing.
- A contribution is also its recipient's to see; a dispute or breach its counterparty's.
- A benefit-sharing table is its parties' and their officers'; each party's representative signs.
- The credit policy is public; officers change their region's and recompute its ratings.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Anyone, Officer, Rep, Via, Where, declare, extend
from chanjiao.credit.models import (
    Application,
    BenefitParty,
    BenefitSharing,
    Contribution,
    CreditAssessment,
    DepartmentReview,
    EquityHistory,
    EquityPerformance,
    EquityStake,
    ExitNotice,
    IncentiveGrant,
    Incident,
    InsuranceClaim,
    InsuranceCover,
    PolicyVersion,
)
from chanjiao.registry.models import Organisation, OrgKind, Region

ENTERPRISE = Q(enterprise__kind=OrgKind.ENTERPRISE)
FILE_VIEW = [Rep("enterprise"), Officer("enterprise__region")]
# Records an enterprise's own representatives and its officers write into its credit file.
RECORDERS = [Rep("enterprise", kinds=[OrgKind.ENTERPRISE]), Officer("enterprise__region", when=ENTERPRISE)]
FILE_RELATED = ("enterprise", "enterprise__region")

# A region's credit policy (its next version) and the recomputation of its ratings.
extend(Region, change=[Officer("pk")])
declare(PolicyVersion, related=("region", "created_by"), view=[Anyone()])

declare(
    CreditAssessment,
    related=(*FILE_RELATED, "policy"),
    view=FILE_VIEW,
    create=RECORDERS,  # reassessing the file from its current records
)
declare(IncentiveGrant, related=FILE_RELATED, view=FILE_VIEW)
declare(
    ExitNotice,
    related=(*FILE_RELATED, "assessment"),
    personal=[Action.RESPOND],
    view=FILE_VIEW,
    respond=[Rep("enterprise")],  # the enterprise's appeal
    decide=[Officer("enterprise__region")],
)
declare(
    Contribution,
    related=("enterprise", "recipient", "carrier"),
    view=[Rep("enterprise", "recipient"), Officer("enterprise__region")],
    create=RECORDERS,
)
declare(
    InsuranceCover,
    related=FILE_RELATED,
    view=FILE_VIEW,
    create=RECORDERS,
    change=RECORDERS,  # its claims
)
declare(InsuranceClaim, related=("cover",), view=[Via("cover")])
declare(
    Incident,
    related=("enterprise", "counterparty", "agreement"),
    view=[Rep("enterprise", "counterparty"), Officer("enterprise__region")],
    create=[Officer("enterprise__region", when=ENTERPRISE)],
)
declare(
    Application,
    related=("enterprise", "policy"),
    personal=[Action.CREATE],
    view=FILE_VIEW,
    create=[Rep("enterprise", kinds=[OrgKind.ENTERPRISE])],
    review=[Officer("enterprise__region")],
)
declare(DepartmentReview, related=("application",), view=[Via("application")])
declare(
    EquityStake,
    related=("enterprise", "carrier"),
    view=FILE_VIEW,
    create=RECORDERS,
    change=RECORDERS,  # its yearly performance
)
declare(EquityPerformance, related=("stake",), view=[Via("stake")])
declare(EquityHistory, related=("stake", "policy"), view=[Via("stake")])
declare(
    BenefitSharing,
    personal=[Action.CREATE, Action.CHANGE],
    view=[Rep("parties__organisation"), Officer("parties__organisation__region")],
    create=[Where(lambda actor: Q() if actor.represents else None, _("organisations' representatives"))],
    change=[Rep("parties__organisation")],  # a party's signature
)
declare(BenefitParty, related=("sharing", "organisation"), view=[Via("sharing")])


def credit_files(user) -> QuerySet[Organisation]:
    """Enterprises whose credit file the user sees: its representatives and its officers."""
    return access.visible(user, Organisation, Action.VIEW_PRIVATE).filter(kind=OrgKind.ENTERPRISE)


def credit_file(user, pk) -> Organisation:
    """The enterprise whose credit file the user may see, or 404."""
    return access.pick(credit_files(user), pk)


def recordable(user, model) -> QuerySet[Organisation]:
    """Enterprises the user may name when adding a ``model`` record to a credit file."""
    return access.options(user, model, "enterprise").filter(kind=OrgKind.ENTERPRISE).select_related("region")


def applicant(user) -> Organisation | None:
    """The enterprise the user applies for through the one window (its own), or None."""
    return recordable(user, Application).first()


def governs_credit(user) -> bool:
    """Whether the user changes some region's credit policy (officers, administrators): the ratings
    list, the region's panel and its recomputation are theirs."""
    return access.possible(user, Action.CHANGE, Region)
