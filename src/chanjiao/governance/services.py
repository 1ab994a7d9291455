"""Writes for agreements: drafting, amending and renewing, signing, exiting."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.credit.policy import Policy
from chanjiao.credit.services import ensure_policy
from chanjiao.governance.models import (
    Agreement,
    AgreementParty,
    AgreementRevision,
    AgreementSignature,
    AgreementStatus,
    RevisionKind,
)
from chanjiao.governance.selectors import (
    IN_FORCE_STATUSES,
    check_revision,
    in_force_revision,
    latest_revision,
)
from chanjiao.ledger.services import record_change
from chanjiao.registry.models import Organisation


@transaction.atomic
def draft_agreement(*, organisation: Organisation, data: dict[str, Any], actor: User) -> Agreement:
    """A draft between ``organisation`` and the other parties; revision 1 holds its terms
    (``data["clauses"]`` maps each mandatory clause's key to its text)."""
    version = ensure_policy(region=organisation.region, actor=actor)
    agreement = Agreement.objects.create(
        title=data["title"],
        kind=data["kind"],
        region=organisation.region,
        carrier=data.get("carrier"),
        created_by=actor,
    )
    parties = [organisation, *[p for p in data["parties"] if p.pk != organisation.pk]]
    AgreementParty.objects.bulk_create([AgreementParty(agreement=agreement, organisation=p) for p in parties])
    AgreementRevision.objects.create(
        agreement=agreement,
        number=1,
        kind=RevisionKind.ORIGINAL,
        clauses=data["clauses"],
        other_terms=data.get("other_terms", ""),
        starts_on=data["starts_on"],
        ends_on=data.get("ends_on"),
        policy=version,
        created_by=actor,
    )
    record_activity(actor=actor, verb="draft_agreement", target=agreement, summary=agreement.title)
    record_change(instance=agreement, actor=actor)
    return agreement


@transaction.atomic
def amend_agreement(*, agreement: Agreement, data: dict[str, Any], actor: User) -> AgreementRevision:
    """A new revision for every party to sign; until then the revision in force stays in force.

    A renewal extends an agreement in force beyond its current end date."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.EXITED:
        raise ValueError(_("An agreement that has been exited cannot be amended."))
    current = in_force_revision(agreement)
    renewal = bool(data.get("renewal"))
    if renewal:
        if current is None:
            raise ValidationError({"renewal": _("Only an agreement in force can be renewed.")})
        if data.get("ends_on") is None or (current.ends_on and data["ends_on"] <= current.ends_on):
            raise ValidationError({"ends_on": _("A renewal must end after the current end date.")})
    version = ensure_policy(region=agreement.region, actor=actor)
    revision = AgreementRevision.objects.create(
        agreement=agreement,
        number=latest_revision(agreement).number + 1,
        kind=RevisionKind.RENEWAL if renewal else RevisionKind.AMENDMENT,
        clauses=data["clauses"],
        other_terms=data.get("other_terms", ""),
        starts_on=data["starts_on"],
        ends_on=data.get("ends_on"),
        note=data.get("note", ""),
        policy=version,
        created_by=actor,
    )
    record_activity(
        actor=actor, verb="amend_agreement", target=agreement, summary=f"r{revision.number}: {revision.note}"
    )
    record_change(instance=agreement, actor=actor)
    return revision


def require_mandatory_clauses(revision: AgreementRevision, policy: Policy) -> None:
    """An agreement comes into force only with every clause its region's policy makes mandatory
    now; ValueError names the missing or empty ones."""
    check = check_revision(revision, policy, timezone.localdate())
    if not check.complete:
        titles = dict(policy.agreements.mandatory_clauses)
        raise ValueError(
            _("It cannot be signed: mandatory clauses are missing or empty: %(clauses)s. Amend it first.")
            % {"clauses": "; ".join(titles[key] for key in (*check.missing, *check.empty))}
        )


@transaction.atomic
def sign_agreement(*, agreement: Agreement, organisation: Organisation, actor: User) -> AgreementRevision:
    """``organisation`` signs the latest revision; when every party has signed it comes into
    force (a draft becomes active, a renewal makes the agreement renewed)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.EXITED:
        raise ValueError(_("An agreement that has been exited cannot be signed."))
    if not agreement.party_rows.filter(organisation=organisation).exists():
        raise PermissionDenied(f"{organisation} is not a party to this agreement.")
    revision = latest_revision(agreement)
    if revision.in_force_at is not None or revision.signatures.filter(organisation=organisation).exists():
        raise ValueError(_("Your organisation has already signed the latest revision."))
    require_mandatory_clauses(revision, ensure_policy(region=agreement.region, actor=actor).policy)
    AgreementSignature.objects.create(revision=revision, organisation=organisation, signed_by=actor)
    record_activity(
        actor=actor, verb="sign_agreement", target=agreement, summary=f"{organisation}: r{revision.number}"
    )
    parties = set(agreement.party_rows.values_list("organisation_id", flat=True))
    if parties <= set(revision.signatures.values_list("organisation_id", flat=True)):
        revision.in_force_at = timezone.now()
        revision.save(update_fields=["in_force_at"])
        if agreement.status == AgreementStatus.DRAFT:
            agreement.status = AgreementStatus.ACTIVE
        elif revision.kind == RevisionKind.RENEWAL:
            agreement.status = AgreementStatus.RENEWED
        agreement.save(update_fields=["status"])
        record_activity(
            actor=actor, verb="agreement_in_force", target=agreement, summary=f"r{revision.number}"
        )
    record_change(instance=agreement, actor=actor)
    return revision


@transaction.atomic
def exit_agreement(
    *, agreement: Agreement, organisation: Organisation, exited_on: date, reason: str, actor: User
) -> Agreement:
    """A party leaves an agreement in force under its exit clause; the agreement ends."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in IN_FORCE_STATUSES:
        raise ValueError(_("Only an agreement in force can be exited."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the exit.")})
    agreement.status, agreement.exited_on = AgreementStatus.EXITED, exited_on
    agreement.exit_reason, agreement.exited_by = reason.strip(), organisation
    agreement.save(update_fields=["status", "exited_on", "exit_reason", "exited_by"])
    record_activity(
        actor=actor, verb="exit_agreement", target=agreement, summary=f"{organisation}: {reason[:200]}"
    )
    record_change(instance=agreement, actor=actor)
    return agreement
