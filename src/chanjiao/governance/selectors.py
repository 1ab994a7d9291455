"""Reads for agreements and councils: revisions in force, clause checks, seats and composition."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet

from chanjiao.core.credit import (
    AgreementCheck,
    CompositionCheck,
    CouncilSeat,
    Policy,
    check_agreement,
    check_council_composition,
)
from chanjiao.credit.models import PolicyVersion
from chanjiao.credit.selectors import governing_version
from chanjiao.governance.models import Agreement, AgreementRevision, AgreementStatus, Council
from chanjiao.registry.models import CarrierMember, Organisation, Region

IN_FORCE_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.RENEWED)

CORE_KIND = {
    "enterprise": "enterprise",
    "school": "school",
    "government": "government",
    "association": "association",
    "research": "research_institute",
    "evaluator": "other",
}
"""Registry organisation kinds → the organisation kinds council rules count seats by."""


def in_force_revision(agreement: Agreement) -> AgreementRevision | None:
    """The latest revision every party has signed (from the prefetched revisions, if any)."""
    return next((r for r in agreement.revisions.all() if r.in_force_at is not None), None)


def latest_revision(agreement: Agreement) -> AgreementRevision:
    """The newest revision (revisions are ordered newest first; prefetched ones are used)."""
    return next(iter(agreement.revisions.all()))


def with_revisions(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Agreements with their region, parties, revisions, policy versions and signatures read in
    a fixed number of queries, whatever the number of agreements."""
    revisions = AgreementRevision.objects.select_related("policy").prefetch_related("signatures")
    return agreements.select_related("region").prefetch_related(
        "party_rows", Prefetch("revisions", queryset=revisions)
    )


def check_revision(revision: AgreementRevision, policy: Policy, today: date) -> AgreementCheck:
    """Mandatory clauses the policy requires now, and the expiry state, of one revision."""
    return check_agreement(
        revision.clauses, policy, today=today, starts_on=revision.starts_on, ends_on=revision.ends_on
    )


def agreement_counts(organisation: Organisation, policy: Policy, today: date) -> tuple[int, int]:
    """Agreements of ``organisation`` in force today, and how many of them lack a clause ``policy``
    requires (what the one-window education check reads)."""
    active = incomplete = 0
    agreements = Agreement.objects.filter(party_rows__organisation=organisation, status__in=IN_FORCE_STATUSES)
    for agreement in agreements.prefetch_related("revisions"):
        revision = in_force_revision(agreement)
        if revision is None:
            continue
        check = check_revision(revision, policy, today)
        if check.expiry == "expired":
            continue
        active += 1
        incomplete += not check.complete
    return active, incomplete


def governing_version_once(region: Region, memo: dict[int, PolicyVersion | None]) -> PolicyVersion | None:
    """``governing_version(region)``, read once per region by everyone sharing ``memo`` (a list
    page of agreements or councils in the same few regions)."""
    if region.pk not in memo:
        memo[region.pk] = governing_version(region)
    return memo[region.pk]


def _seat_holders() -> QuerySet[CarrierMember]:
    return (
        CarrierMember.objects.filter(council_seats__gt=0)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def with_seats(councils: QuerySet[Council]) -> QuerySet[Council]:
    """Councils with their carrier's seat holders read in one query for all of them."""
    return councils.prefetch_related(
        Prefetch("carrier__memberships", queryset=_seat_holders(), to_attr="seat_holders")
    )


def council_members(council: Council) -> list[CarrierMember]:
    """The carrier's members that hold council seats (prefetched by ``with_seats`` on lists)."""
    prefetched = getattr(council.carrier, "seat_holders", None)
    if prefetched is not None:
        return list(prefetched)
    return list(_seat_holders().filter(carrier=council.carrier))


def compositions(councils: Iterable[Council]) -> list[tuple[Council, CompositionCheck | None]]:
    """Each council with its seat check under the policy governing its carrier's region (national
    defaults without one); each region's policy is read once."""
    memo: dict[int, PolicyVersion | None] = {}
    checks = []
    for council in councils:
        version = governing_version_once(council.carrier.region, memo)
        checks.append((council, composition(council, version.policy if version else Policy())))
    return checks


def seat_labels(member: CarrierMember) -> list[str]:
    """One label per seat: an organisation with three seats votes three times, the same way."""
    return [f"{member.organisation_id}#{number}" for number in range(1, member.council_seats + 1)]


def council_seats(council: Council) -> list[CouncilSeat]:
    return [
        CouncilSeat(label, member.organisation.name, CORE_KIND.get(member.organisation.kind, "other"))
        for member in council_members(council)
        for label in seat_labels(member)
    ]


def composition(council: Council, policy: Policy) -> CompositionCheck | None:
    """Seats by organisation kind and the enterprise-seat check (``None`` without any seat)."""
    seats = council_seats(council)
    return check_council_composition(seats, policy) if seats else None
