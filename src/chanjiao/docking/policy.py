"""Who may do what with docking records (read by ``chanjiao.accounts.access``).

- Published postings, technical needs, consortium lists, courses, resources and calls are public
  to signed-in users; a posting's draft is its enterprise's.
- An enterprise's representatives post and change its postings and needs; a school's its
  resources, calls and courses (officers in scope change courses, like programs); the owner
  decides bookings, the requester cancels them.
- Officers in scope confirm or correct a public posting's code, choose experts for needs, see
  bookings, call responses and advice there, decide advice and refresh the supply–demand table.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action, Anyone, Officer, Rep, Via, Where, declare
from chanjiao.docking.models import (
    Advice,
    AdviceStatus,
    Booking,
    CallResponse,
    CoderModel,
    CodingFeedback,
    ConsortiumProduct,
    CooperationCall,
    Course,
    Posting,
    PostingStatus,
    SharedResource,
    SupplyDemandRun,
    TechnicalNeed,
)
from chanjiao.docking.models.needs import CONSORTIUM_KINDS
from chanjiao.registry.models import Carrier, OrgKind, OrgStatus

PUBLIC = ~Q(status=PostingStatus.DRAFT)
# An enterprise that registered itself posts once an officer of its region has approved it.
APPROVED_ENTERPRISE = Q(enterprise__status=OrgStatus.ACTIVE)
PARTNER_KINDS = (OrgKind.SCHOOL, OrgKind.ENTERPRISE)

declare(
    Posting,
    related=("enterprise", "region", "occupation"),
    view=[Anyone(when=PUBLIC), Rep("enterprise")],
    create=[Rep("enterprise", kinds=[OrgKind.ENTERPRISE], when=APPROVED_ENTERPRISE)],
    change=[Rep("enterprise")],
    code=[Rep("enterprise"), Officer("region", when=PUBLIC)],
)
declare(
    CodingFeedback,
    related=("posting", "occupation", "actor"),
    view=[Officer("posting__region"), Rep("posting__enterprise")],
)
declare(
    TechnicalNeed,
    related=("enterprise", "region", "carrier"),
    view=[Anyone()],
    create=[Rep("enterprise", kinds=[OrgKind.ENTERPRISE], when=APPROVED_ENTERPRISE)],
    change=[Rep("enterprise")],
    manage=[Rep("enterprise"), Officer("region")],
)
declare(ConsortiumProduct, related=("producer",), view=[Anyone()], change=[Via("consortium", Action.CHANGE)])
declare(
    Course,
    related=("program", "program__school", "co_developer"),
    view=[Anyone()],
    create=[Via("program", Action.CHANGE)],
    change=[Via("program", Action.CHANGE)],
)
declare(
    SharedResource,
    related=("owner", "region"),
    view=[Anyone()],
    create=[Rep("owner", kinds=[OrgKind.SCHOOL])],
    change=[Rep("owner")],
)
declare(
    Booking,
    related=("resource", "resource__owner", "requester", "requested_by"),
    view=[Officer("resource__region"), Rep("requester", "resource__owner")],
    decide=[Rep("resource__owner")],
    cancel=[Rep("requester")],
)
declare(
    CooperationCall,
    related=("school", "region"),
    view=[Anyone()],
    create=[Rep("school", kinds=[OrgKind.SCHOOL])],
    change=[Rep("school")],
)
declare(
    CallResponse,
    related=("organisation",),
    view=[Rep("call__school", "organisation"), Officer("call__region")],
)
OPEN = ~Q(status=AdviceStatus.DECIDED)
declare(
    Advice,
    related=("school", "program", "region", "decided_by", "responded_by"),
    view=[Rep("school"), Officer("school__region"), Officer("region", when=Q(program__isnull=True))],
    respond=[Rep("school", when=OPEN & Q(program__isnull=False))],
    decide=[Officer("school__region", when=OPEN), Officer("region", when=OPEN & Q(school__isnull=True))],
)
# The occupation coder serves every region: any officer retrains it on the confirmed codes.
declare(
    CoderModel,
    view=[Anyone()],
    manage=[Where(lambda actor: Q() if actor.governs else None, _("government officers"))],
)
# The table covers every region at once: any officer refreshes it.
declare(
    SupplyDemandRun,
    view=[Anyone()],
    manage=[Where(lambda actor: Q() if actor.governs else None, _("government officers"))],
)


def may_take_up(user, owner_id: int) -> bool:
    """Whether the user's organisation may book a resource or answer a call of ``owner_id``:
    representatives of another school or of an enterprise."""
    actor = access.actor_of(user)
    return bool(
        actor
        and actor.represents
        and actor.organisation_kind in PARTNER_KINDS
        and actor.represents != owner_id
    )


def consortia_user_lists_in(user) -> QuerySet[Carrier]:
    """Consortia whose lists the user's organisation may add its postings and needs to: those
    it is a member of, as their representative."""
    consortia = access.visible(user, Carrier).filter(kind__in=CONSORTIUM_KINDS)
    actor = access.actor_of(user)
    if actor is not None and actor.admin:
        return consortia
    if actor is None or not actor.represents:
        return consortia.none()
    return consortia.filter(memberships__organisation_id=actor.represents).distinct()
