"""Reads for agreements and councils: revisions in force, clause checks, seats and composition."""

from __future__ import annotations

from datetime import date

from chanjiao.core.credit import (
    AgreementCheck,
    CompositionCheck,
    CouncilSeat,
    Policy,
    check_agreement,
    check_council_composition,
)
from chanjiao.governance.models import Agreement, AgreementRevision, AgreementStatus, Council
from chanjiao.registry.models import CarrierMember, Organisation

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
    """The latest revision every party has signed."""
    return agreement.revisions.filter(in_force_at__isnull=False).order_by("-number").first()


def latest_revision(agreement: Agreement) -> AgreementRevision:
    return agreement.revisions.order_by("-number").first()  # type: ignore[return-value]


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


def council_members(council: Council) -> list[CarrierMember]:
    """The carrier's members that hold council seats."""
    return list(
        council.carrier.memberships.filter(council_seats__gt=0)
        .select_related("organisation")
        .order_by("organisation__name")
    )


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
