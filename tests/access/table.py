"""The expected scope, written from docs/roles-and-access.md and the product brief (not from the
platform's policy code): one rule per kind of record, named after the doc's table rows.

Legend as in the doc: ``everyone()`` = all, ``officer`` = R, ``rep`` = O, ``person`` = S or A.
Each rule lists who sees a record and who does each action on it; an action a route names but a
rule does not list is judged by the rule's ``change``.
"""

from __future__ import annotations

from django.db.models import Q

from access.scope import ALL, Rule, computed, everyone, officer, person, rep, under
from access.table_records import surveys_tracking_ledger
from access.units import assigned_evaluators, unit_officers, unit_reps
from chanjiao.accounts.models import ApiToken, User
from chanjiao.credit.models import (
    Application,
    BenefitSharing,
    Contribution,
    CreditAssessment,
    EquityStake,
    ExitNotice,
    InsuranceCover,
    PolicyVersion,
)
from chanjiao.docking.models import (
    Advice,
    Booking,
    CallResponse,
    ConsortiumProduct,
    CooperationCall,
    Course,
    Posting,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.evaluation.models import (
    AnnualReturn,
    Assignment,
    CaseEvent,
    Cycle,
    Evaluation,
    FundingAllocation,
    RectificationCase,
    Scheme,
    UnitResult,
)
from chanjiao.governance.models import Agreement, Council, Meeting, Motion
from chanjiao.matching.models import (
    ExpertInvitation,
    MatchingRound,
    Offer,
    Placement,
    RoundPosition,
    RoundStudent,
)
from chanjiao.notifications.models import Notification
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    Occupation,
    Organisation,
    Program,
    ProgramYear,
    Region,
    Student,
    Teacher,
)

STAFF = ~Q(role__in=["government", "admin"]) & Q(is_superuser=False)
SCHOOL_OR_ENTERPRISE_REPS = computed("rep", lambda model, pks: _reps_of_kinds(pks, ("school", "enterprise")))


def _reps_of_kinds(pks, kinds):
    """Every school's or enterprise's office (booking a resource, answering a call): any of them."""
    orgs = set(Organisation.objects.filter(kind__in=kinds).values_list("pk", flat=True))
    return {pk: orgs for pk in pks}


def _registry() -> dict[str, Rule]:
    org_region = "region__path"
    return {
        "api_token": Rule(ApiToken, (person("user"),), {"change": (person("user"),)}),
        "region": Rule(Region, (ALL,), {"change": (officer("path"),)}),  # a region's credit policy: R
        "occupation": Rule(Occupation, (ALL,), {"change": ()}),
        # a self-registered enterprise is listed once approved; only R decides on it
        "organisation": Rule(
            Organisation,
            (everyone(when=Q(status="active")), rep("pk"), officer(org_region)),
            {
                "change": (rep("pk"), officer(org_region)),
                "approve": (officer(org_region, when=Q(status="pending")),),
                "reject": (officer(org_region, when=Q(status="pending")),),
                # an organisation that leaves the platform: R offboards it and may reopen it (that
                # only an active one leaves and a closed one reopens is a rule answered with a message)
                "offboard": (officer(org_region),),
                "reopen": (officer(org_region),),
            },
        ),
        # staff accounts: O, R, S see; O, R manage, but officer and administrator accounts are the
        # administrators' ("Accounts")
        "user": Rule(
            User,
            (person("pk"), rep("organisation"), officer("organisation__region__path")),
            {"change": (rep("organisation", when=STAFF), officer("organisation__region__path", when=STAFF))},
        ),
        # the credit file and partner suggestions of an organisation: O, R
        "organisation_private": Rule(
            Organisation,
            (rep("pk"), officer(org_region), computed("person", assigned_evaluators)),
            {"change": (rep("pk"), officer(org_region))},
        ),
        "program": Rule(Program, (ALL,), {"change": (rep("school"), officer("school__region__path"))}),
        "program_year": Rule(
            ProgramYear,
            (ALL,),
            {"change": (rep("program__school"), officer("program__school__region__path"))},
        ),
        "carrier": Rule(
            Carrier,
            (ALL,),
            {"change": (rep("lead"), officer("region__path"))},
        ),
        "carrier_member": Rule(
            CarrierMember, (ALL,), {"change": (rep("carrier__lead"), officer("carrier__region__path"))}
        ),
        "student": Rule(
            Student,
            (person("user"), rep("school"), officer("school__region__path")),
            {"change": (rep("school"),)},
        ),
        # college teachers are seen by all; enterprise mentors by their enterprise, R and themselves
        "teacher": Rule(
            Teacher,
            (
                everyone(when=Q(organisation__kind="school")),
                rep("organisation"),
                officer("organisation__region__path"),
                person("user"),
            ),
            {
                "change": (rep("organisation"),),
                # the dual-qualified record: the teacher adds its own evidence; review O (school), R;
                # its page takes all of these
                "evidence": (rep("organisation"), person("user"), officer("organisation__region__path")),
                "certificates": (rep("organisation"), person("user")),
                "practices": (rep("organisation"), person("user")),
                "assignments": (rep("organisation"), person("user")),
                "review": (
                    rep("organisation", when=Q(organisation__kind="school")),
                    officer("organisation__region__path"),
                ),
            },
        ),
    }


def _docking() -> dict[str, Rule]:
    draft = Q(status="draft")
    return {
        "posting": Rule(
            Posting,
            (everyone(when=~draft), rep("enterprise")),
            {
                "change": (rep("enterprise"),),
                "code": (rep("enterprise"), officer("region__path", when=~draft)),
            },
        ),
        "need": Rule(
            TechnicalNeed,
            (ALL,),
            {
                "change": (rep("enterprise"),),
                "match": (rep("enterprise"), officer("region__path")),
                "experts": (rep("enterprise"), officer("region__path")),
                "invitations": (rep("enterprise"), officer("region__path")),
            },
        ),
        "consortium": Rule(
            Carrier,
            (ALL,),
            {
                "change": (rep("lead"), officer("region__path")),
                # members list their own products, postings and needs
                "products": (rep("lead"), officer("region__path"), rep("members")),
            },
        ),
        "consortium_product": Rule(
            ConsortiumProduct,
            (ALL,),
            {"change": (rep("consortium__lead"), officer("consortium__region__path"), rep("producer"))},
        ),
        "course": Rule(
            Course, (ALL,), {"change": (rep("program__school"), officer("program__school__region__path"))}
        ),
        "resource": Rule(
            SharedResource,
            (ALL,),
            {
                "change": (rep("owner"),),
                "book": (SCHOOL_OR_ENTERPRISE_REPS,),
                "bookings": (SCHOOL_OR_ENTERPRISE_REPS,),
            },
        ),
        "booking": Rule(
            Booking,
            (rep("requester"), rep("resource__owner"), officer("resource__region__path")),
            {"decide": (rep("resource__owner"),), "cancel": (rep("requester"),)},
        ),
        "call": Rule(
            CooperationCall,
            (ALL,),
            {
                "change": (rep("school"),),
                "respond": (SCHOOL_OR_ENTERPRISE_REPS,),
                "responses": (SCHOOL_OR_ENTERPRISE_REPS,),
            },
        ),
        # the responses to a call: the call's school, R (and each responder its own)
        "call_responses": Rule(
            CooperationCall, (rep("school"), officer("region__path")), {"change": (rep("school"),)}
        ),
        "call_response": Rule(
            CallResponse, (rep("call__school"), rep("organisation"), officer("call__region__path"))
        ),
        "advice": Rule(
            Advice,
            (rep("school"), officer("region__path")),
            {"respond": (rep("school"),), "decide": (officer("region__path"),)},
        ),
    }


def _matching() -> dict[str, Rule]:
    round_see = (
        rep("organiser"),
        officer("region__path"),
        person("participants__student__user"),
        rep("participants__student__school"),
        rep("positions__enterprise"),
    )
    published = Q(round__stage__in=("published", "scramble", "closed"))
    return {
        "placement": Rule(
            Placement,
            (
                person("student__user"),
                rep("student__school"),
                rep("enterprise"),
                officer("student__school__region__path"),
                officer("enterprise__region__path"),
            ),
            {"change": (rep("student__school"),)},
        ),
        "round": Rule(
            MatchingRound,
            round_see,
            {
                "change": (rep("organiser"),),
                "my-choices": (person("participants__student__user"),),
                "my-list": (person("participants__student__user"),),
                # answering many offers at once: the parties of the round's offers
                "offers": (person("participants__student__user"), rep("positions__enterprise")),
            },
            personal=frozenset({"my-choices", "my-list", "offers"}),
        ),
        # a candidate's profile: who sees the student's list, and the enterprises the student
        # listed a position of or got an offer from
        "candidate": Rule(
            RoundStudent,
            (
                person("student__user"),
                rep("student__school"),
                rep("round__organiser"),
                officer("round__region__path"),
                rep("choices__position__enterprise"),
                rep("offers__position__enterprise"),
            ),
            {},
        ),
        # the organiser's and officers' view of a round: who is in it, every offer, the report
        "round_organiser": Rule(
            MatchingRound, (rep("organiser"), officer("region__path")), {"change": (rep("organiser"),)}
        ),
        "round_student": Rule(
            MatchingRound,
            (person("participants__student__user"),),
            {"change": (person("participants__student__user"),)},
            personal=frozenset({"change", "my-choices", "my-list"}),
        ),
        "position": Rule(
            RoundPosition,
            under("round__", round_see),
            {
                "change": (rep("round__organiser"),),
                "ranking": (rep("enterprise"),),
                "candidates": (rep("enterprise"), rep("round__organiser"), officer("round__region__path")),
            },
        ),
        "offer": Rule(
            Offer,
            (
                rep("round__organiser"),
                officer("round__region__path"),
                person("participant__student__user", when=published),
                rep("participant__student__school", when=published),
                rep("position__enterprise", when=published),
            ),
            {"respond": (person("participant__student__user"), rep("position__enterprise"))},
        ),
        "expert_invitation": Rule(
            ExpertInvitation,
            (rep("need__enterprise"), officer("need__region__path"), person("expert__user")),
            {
                "respond": (person("expert__user"),),
                "withdraw": (rep("need__enterprise"), officer("need__region__path")),
            },
            personal=frozenset({"respond"}),
        ),
    }


def _evaluation() -> dict[str, Rule]:
    unit_see = (
        computed("rep", unit_reps),
        computed("officer", unit_officers),
        computed("person", assigned_evaluators),
    )
    return {
        "scheme": Rule(Scheme, (officer("region__path"),), {"change": (officer("region__path"),)}),
        "cycle": Rule(
            Cycle, (officer("scheme__region__path"),), {"change": (officer("scheme__region__path"),)}
        ),
        "evaluation": Rule(
            Evaluation,
            (officer("cycle__scheme__region__path"),),
            {"change": (officer("cycle__scheme__region__path"),)},
        ),
        "allocation": Rule(
            FundingAllocation, (officer("region__path"),), {"change": (officer("region__path"),)}
        ),
        "assignment": Rule(
            Assignment,
            (officer("cycle__scheme__region__path"), person("evaluator")),
            {"change": (officer("cycle__scheme__region__path"),), "score": (person("evaluator"),)},
            personal=frozenset({"score"}),
        ),
        "result": Rule(UnitResult, unit_see, {"change": (officer("region__path"),)}),
        "case": Rule(
            RectificationCase,
            unit_see,
            {"change": (officer("region__path"),), "respond": (computed("rep", unit_reps),)},
        ),
        "evidence": Rule(
            CaseEvent,
            tuple(g.__class__(g.kind, g.path, g.when, _through_case(g.resolver)) for g in unit_see),
        ),
        "return": Rule(
            AnnualReturn,
            (computed("rep", unit_reps), computed("officer", unit_officers)),
            {"change": (computed("rep", unit_reps), computed("officer", unit_officers))},
        ),
    }


def _through_case(resolver):
    def resolve(model, pks):
        case_of = dict(CaseEvent.objects.filter(pk__in=pks).values_list("pk", "case_id"))
        by_case = resolver(RectificationCase, sorted(set(case_of.values())))
        return {pk: by_case.get(case_of[pk], set()) for pk in pks}

    return resolve


def _credit_governance() -> dict[str, Rule]:
    def enterprise_file(model, path="enterprise"):
        return Rule(
            model,
            (rep(path), officer(f"{path}__region__path")),
            {
                "change": (officer(f"{path}__region__path"),),
                "appeal": (rep(path),),
                "claims": (rep(path), officer(f"{path}__region__path")),
                "years": (rep(path), officer(f"{path}__region__path")),
            },
        )

    members = ("carrier__lead", "carrier__members")
    return {
        "assessment": enterprise_file(CreditAssessment),
        "notice": enterprise_file(ExitNotice),
        "cover": enterprise_file(InsuranceCover),
        "stake": enterprise_file(EquityStake),
        "application": enterprise_file(Application),
        "contribution": Rule(
            Contribution,
            (rep("enterprise"), rep("recipient"), officer("enterprise__region__path")),
            {"change": (rep("enterprise"), officer("enterprise__region__path"))},
        ),
        "sharing": Rule(
            BenefitSharing,
            (rep("parties__organisation"), officer("parties__organisation__region__path")),
            {"change": (rep("parties__organisation"), officer("parties__organisation__region__path"))},
        ),
        "policy_version": Rule(PolicyVersion, (ALL,), {"change": (officer("region__path"),)}),
        "agreement": Rule(
            Agreement,
            (rep("parties"), officer("region__path")),
            {"change": (rep("parties"),)},
        ),
        "council": Rule(
            Council,
            (ALL,),
            {
                "change": (rep("carrier__lead"), officer("carrier__region__path")),
                "meetings": (rep("carrier__lead"),),
            },
        ),
        "meeting": Rule(
            Meeting,
            tuple(rep("council__" + m) for m in members),
            {"change": (rep("council__carrier__lead"),)},
        ),
        "motion": Rule(
            Motion,
            tuple(rep("meeting__council__" + m) for m in members),
            {
                "change": (rep("meeting__council__carrier__lead"),),
                "vote": tuple(rep("meeting__council__" + m) for m in members),
                "votes": tuple(rep("meeting__council__" + m) for m in members),
            },
        ),
    }


def _notifications() -> dict[str, Rule]:
    # a notice and a preference are their user's alone: administrators do not read them either
    own = frozenset({"view", "change", "read"})
    return {
        "notification": Rule(Notification, (person("user"),), {"read": (person("user"),)}, personal=own),
    }


RULES: dict[str, Rule] = {
    **_registry(),
    **_docking(),
    **_matching(),
    **_evaluation(),
    **_credit_governance(),
    **surveys_tracking_ledger(),
    **_notifications(),
}


def rule_of_model(model) -> str | None:
    """The first (general) rule written for a model."""
    return next((name for name, rule in RULES.items() if rule.model is model), None)
