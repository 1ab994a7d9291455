"""Governance endpoints: agreements (draft, amend or renew, sign, exit) and councils (composition,
meetings, motions, votes). The same access helpers, forms and services as the web pages."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.core.credit import Policy
from chanjiao.credit.forms_base import clean_payload
from chanjiao.credit.services import ensure_policy
from chanjiao.governance import selectors, services, services_councils
from chanjiao.governance.filters import AgreementFilter
from chanjiao.governance.forms import (
    CLAUSE_PREFIX,
    AgreementForm,
    AmendmentForm,
    CouncilForm,
    ExitForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    VoteForm,
)
from chanjiao.governance.models import Agreement, Council, Meeting, Motion
from chanjiao.governance.policy import party_of, voting_member
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.web.api_forms import form_data

router = Router(tags=["governance"])


def _flatten(payload: dict[str, Any]) -> dict[str, Any]:
    """``{"clauses": {"exit": ...}}`` becomes the form's ``clause_exit`` field."""
    clauses = payload.pop("clauses", None) or {}
    return {**payload, **{CLAUSE_PREFIX + key: text for key, text in clauses.items()}}


class SignatureOut(Schema):
    organisation_id: int
    signed_at: datetime


class RevisionOut(Schema):
    number: int
    kind: str
    clauses: dict[str, str]
    other_terms: str
    starts_on: date
    ends_on: date | None
    note: str
    policy_version: int
    in_force_at: datetime | None
    signatures: list[SignatureOut]

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version

    @staticmethod
    def resolve_signatures(obj):
        return list(obj.signatures.all())  # prefetched by selectors.with_revisions on lists


class AgreementOut(Schema):
    id: int
    title: str
    kind: str
    region_id: int
    carrier_id: int | None
    status: str
    party_ids: list[int]
    revisions: list[RevisionOut]
    warnings: list[str]
    expiry: str | None
    exited_on: date | None
    exit_reason: str

    @staticmethod
    def resolve_party_ids(obj):
        return [party.organisation_id for party in obj.party_rows.all()]

    @staticmethod
    def resolve_revisions(obj):
        return list(obj.revisions.all())

    @staticmethod
    def _check(obj, context):
        """The clause check of the revision in force, once per agreement; the policy governing a
        region is read once per request, however many agreements of a page share it."""
        if not hasattr(obj, "_clause_check"):
            memo = context["request"].__dict__.setdefault("_governing_versions", {})
            version = selectors.governing_version_once(obj.region, memo)
            revision = selectors.in_force_revision(obj) or selectors.latest_revision(obj)
            today = timezone.localdate()
            obj._clause_check = selectors.check_revision(revision, version.policy, today) if version else None
        return obj._clause_check

    @staticmethod
    def resolve_warnings(obj, context):
        check = AgreementOut._check(obj, context)
        return list(check.warnings) if check else []

    @staticmethod
    def resolve_expiry(obj, context):
        check = AgreementOut._check(obj, context)
        return check.expiry if check else None


class AgreementIn(Schema):
    title: str | None = None
    kind: str | None = None
    parties: list[int] | None = None
    carrier: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    other_terms: str | None = None
    clauses: dict[str, str] | None = None


class AmendmentIn(Schema):
    renewal: bool = False
    starts_on: date | None = None
    ends_on: date | None = None
    other_terms: str | None = None
    note: str | None = None
    clauses: dict[str, str] | None = None


class ExitIn(Schema):
    exited_on: date | None = None
    reason: str | None = None


class AgreementQuery(SearchQuery):
    status: str | None = None
    kind: str | None = None
    party: int | None = None


@router.get("/governance/agreements", response=list[AgreementOut])
@paginate(PageNumberPagination, page_size=50)
def list_agreements(request, query: Query[AgreementQuery]):
    agreements = filtered(AgreementFilter, request, access.visible(request.user, Agreement), query)
    return selectors.with_revisions(agreements.distinct())


@router.get("/governance/agreements/{agreement_id}", response=AgreementOut)
def get_agreement(request, agreement_id: int):
    return access.get(request.user, Agreement, agreement_id)


@router.post("/governance/agreements", response={201: AgreementOut})
def draft(request, payload: AgreementIn):
    """A draft from the template: every clause the policy makes mandatory must be given."""
    access.require_create(request.user, Agreement)
    organisation = request.user.organisation
    policy = ensure_policy(region=organisation.region, actor=request.user).policy
    data = clean_payload(
        AgreementForm, _flatten(payload.dict(exclude_none=True)), policy=policy, own_organisation=organisation
    )
    return 201, services.draft_agreement(organisation=organisation, data=data, actor=request.user)


@router.post("/governance/agreements/{agreement_id}/revisions", response={201: AgreementOut})
def amend(request, agreement_id: int, payload: AmendmentIn):
    """An amendment (or, with ``renewal``, a renewal) for every party to sign."""
    agreement = access.get(request.user, Agreement, agreement_id, Action.CHANGE)
    policy = ensure_policy(region=agreement.region, actor=request.user).policy
    current = selectors.latest_revision(agreement).clauses
    data = clean_payload(
        AmendmentForm, _flatten(payload.dict(exclude_none=True)), policy=policy, current=current
    )
    services.amend_agreement(agreement=agreement, data=data, actor=request.user)
    return 201, agreement


@router.post("/governance/agreements/{agreement_id}/sign", response=AgreementOut)
def sign(request, agreement_id: int):
    agreement = access.get(request.user, Agreement, agreement_id, Action.CHANGE)
    services.sign_agreement(
        agreement=agreement, organisation=party_of(request.user, agreement), actor=request.user
    )
    agreement.refresh_from_db()
    return agreement


@router.post("/governance/agreements/{agreement_id}/exit", response=AgreementOut)
def exit_(request, agreement_id: int, payload: ExitIn):
    agreement = access.get(request.user, Agreement, agreement_id, Action.CHANGE)
    data = clean_payload(ExitForm, payload.dict(exclude_none=True))
    return services.exit_agreement(
        agreement=agreement, organisation=party_of(request.user, agreement), actor=request.user, **data
    )


# -- councils --------------------------------------------------------------------------------------


class CompositionOut(Schema):
    seats_by_kind: dict[str, int]
    total_seats: int
    enterprise_seats: int
    enterprise_share: float
    compliant: bool
    warning: str
    seats_to_add: int | None
    seats_to_convert: int
    policy_version: int


class CouncilOut(Schema):
    id: int
    carrier_id: int
    name: str
    established_on: date | None
    composition: CompositionOut | None

    @staticmethod
    def resolve_composition(obj, context):
        memo = context["request"].__dict__.setdefault("_governing_versions", {})
        version = selectors.governing_version_once(obj.carrier.region, memo)
        check = selectors.composition(obj, version.policy if version else Policy())
        if check is None:
            return None
        return {
            **check.__dict__,
            "seats_by_kind": dict(check.seats_by_kind),
            "enterprise_share": float(check.enterprise_share),
        }


class CouncilIn(Schema):
    carrier: int | None = None
    name: str | None = None
    established_on: date | None = None


class MotionOut(Schema):
    id: int
    meeting_id: int
    kind: str
    title: str
    text: str
    status: str
    outcome: str
    rule: str
    seats: int
    present: int
    yes: int
    no: int
    abstain: int
    reason: str
    policy_version: int | None
    votes: dict[str, str]

    @staticmethod
    def resolve_policy_version(obj):
        return obj.policy.version if obj.policy else None

    @staticmethod
    def resolve_votes(obj):
        return {
            str(organisation): choice
            for organisation, choice in obj.votes.values_list("organisation_id", "choice")
        }


class MeetingOut(Schema):
    id: int
    council_id: int
    title: str
    held_on: date
    location: str
    agenda: str
    minutes: str
    status: str
    motions: list[MotionOut]

    @staticmethod
    def resolve_motions(obj):
        return list(obj.motions.select_related("policy"))


class MeetingIn(Schema):
    title: str | None = None
    held_on: date | None = None
    location: str | None = None
    agenda: str | None = None


class MinutesIn(Schema):
    minutes: str | None = None


class MotionIn(Schema):
    kind: str | None = None
    title: str | None = None
    text: str | None = None


class VoteIn(Schema):
    choice: str | None = None


@router.get("/governance/councils", response=list[CouncilOut])
@paginate(PageNumberPagination, page_size=50)
def list_councils(request):
    return selectors.with_seats(access.visible(request.user, Council))


@router.get("/governance/councils/{council_id}", response=CouncilOut)
def get_council(request, council_id: int):
    return access.get(request.user, Council, council_id)


@router.post("/governance/councils", response={201: CouncilOut})
def constitute(request, payload: CouncilIn):
    data = clean_payload(CouncilForm, payload.dict(exclude_none=True))
    access.require_create(request.user, Council, carrier=data["carrier"])
    return 201, services_councils.constitute_council(actor=request.user, **data)


@router.get("/governance/councils/{council_id}/meetings", response=list[MeetingOut])
def list_meetings(request, council_id: int):
    """Members only."""
    council = access.get(request.user, Council, council_id, Action.VIEW_PRIVATE)
    return list(council.meetings.all())


@router.post("/governance/councils/{council_id}/meetings", response={201: MeetingOut})
def schedule(request, council_id: int, payload: MeetingIn):
    council = access.get(request.user, Council, council_id, Action.MANAGE)
    data = form_data(MeetingForm, payload.dict(exclude_none=True))
    return 201, services_councils.schedule_meeting(council=council, data=data, actor=request.user)


@router.get("/governance/meetings/{meeting_id}", response=MeetingOut)
def get_meeting(request, meeting_id: int):
    return access.get(request.user, Meeting, meeting_id)


@router.post("/governance/meetings/{meeting_id}/minutes", response=MeetingOut)
def minutes(request, meeting_id: int, payload: MinutesIn):
    meeting = access.get(request.user, Meeting, meeting_id, Action.MANAGE)
    data = clean_payload(MinutesForm, payload.dict(exclude_none=True))
    return services_councils.record_minutes(meeting=meeting, minutes=data["minutes"], actor=request.user)


@router.post("/governance/meetings/{meeting_id}/motions", response={201: MotionOut})
def propose(request, meeting_id: int, payload: MotionIn):
    meeting = access.get(request.user, Meeting, meeting_id, Action.MANAGE)
    data = form_data(MotionForm, payload.dict(exclude_none=True))
    return 201, services_councils.propose_motion(meeting=meeting, data=data, actor=request.user)


@router.get("/governance/motions/{motion_id}", response=MotionOut)
def get_motion(request, motion_id: int):
    return access.get(request.user, Motion, motion_id)


@router.post("/governance/motions/{motion_id}/votes", response=MotionOut)
def vote(request, motion_id: int, payload: VoteIn):
    """A member organisation with seats votes; its vote counts for each of its seats."""
    motion = access.get(request.user, Motion, motion_id, Action.RESPOND)
    voter = voting_member(request.user, motion)
    data = clean_payload(VoteForm, payload.dict(exclude_none=True))
    services_councils.cast_vote(
        motion=motion, organisation=voter.organisation, choice=data["choice"], actor=request.user
    )
    return motion


@router.post("/governance/motions/{motion_id}/close", response=MotionOut)
def close(request, motion_id: int):
    motion = access.get(request.user, Motion, motion_id, Action.MANAGE)
    return services_councils.close_motion(motion=motion, actor=request.user)
