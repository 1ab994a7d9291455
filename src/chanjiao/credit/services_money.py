"""Writes for technology-equity stakes and benefit-sharing tables."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.incentives import EquityYear
from chanjiao.credit.calculations import equity_json
from chanjiao.credit.forms_money import core_contribution
from chanjiao.credit.models import (
    BenefitParty,
    BenefitSharing,
    EquityHistory,
    EquityPerformance,
    EquityStake,
    SharingStatus,
)
from chanjiao.credit.services import ensure_policy
from chanjiao.registry.models import Organisation


@transaction.atomic
def create_stake(*, enterprise: Organisation, data: dict[str, Any], actor: User) -> EquityStake:
    """Record a stake from appraised contributions and compute its history under the policy."""
    stake = EquityStake.objects.create(
        enterprise=enterprise,
        venture=data["venture"],
        carrier=data.get("carrier"),
        other_capital=data["other_capital"],
        created_by=actor,
    )
    stake.contributions.set(data["contributions"])
    record_activity(actor=actor, verb="create_stake", target=stake, summary=str(stake))
    compute_equity_history(stake=stake, actor=actor)
    return stake


@transaction.atomic
def record_equity_year(*, stake: EquityStake, data: dict[str, Any], actor: User) -> EquityHistory:
    """Add a year's performance and recompute the adjustment history."""
    EquityPerformance.objects.create(stake=stake, **data)
    record_activity(actor=actor, verb="record_equity_year", target=stake, summary=f"{stake}: {data['year']}")
    return compute_equity_history(stake=stake, actor=actor)


@transaction.atomic
def compute_equity_history(*, stake: EquityStake, actor: User | None) -> EquityHistory:
    """The stake's history under the policy now governing the enterprise's region, stored with
    that version; earlier histories stay tied to the versions they used."""
    version = ensure_policy(region=stake.enterprise.region, actor=actor)
    result = equity_json(
        enterprise=stake.enterprise.name,
        contributions=[core_contribution(c) for c in stake.contributions.all()],
        other_capital=stake.other_capital,
        performance=[
            EquityYear(p.year, p.certification_pass_rate, p.transfer_income) for p in stake.performance.all()
        ],
        policy=version.policy,
    )
    return EquityHistory.objects.create(
        stake=stake,
        policy=version,
        initial_share=result["initial_share"],
        final_share=result["final_share"],
        result=result,
        computed_by=actor if actor is not None and actor.pk else None,
    )


@transaction.atomic
def create_sharing(*, data: dict[str, Any], actor: User) -> BenefitSharing:
    """Record a benefit-sharing table from validated form data (the table is already computed)."""
    coalitions = [
        {"parties": sorted(members), "value": str(value)}
        for members, value in data.get("coalition_values") or []
    ]
    sharing = BenefitSharing.objects.create(
        title=data["title"],
        description=data.get("description", ""),
        total=data["total"],
        method=data["method"],
        coalition_values=coalitions,
        table=data["table"],
        created_by=actor,
    )
    BenefitParty.objects.bulk_create(
        [
            BenefitParty(
                sharing=sharing, organisation=organisation, contribution=contribution, contribution_note=note
            )
            for organisation, contribution, note in data["parties"]
        ]
    )
    record_activity(actor=actor, verb="create_sharing", target=sharing, summary=sharing.title)
    return sharing


@transaction.atomic
def sign_sharing(*, sharing: BenefitSharing, organisation: Organisation, actor: User) -> BenefitSharing:
    """A party signs the table; once every party has signed, it is final."""
    party = (
        BenefitParty.objects.select_for_update().filter(sharing=sharing, organisation=organisation).first()
    )
    if party is None:
        raise PermissionDenied(_("Only a party to the table signs it."))
    if party.signed_at is not None:
        raise ValueError(_("Your organisation has already signed this table."))
    party.signed_by, party.signed_at = actor, timezone.now()
    party.save(update_fields=["signed_by", "signed_at"])
    if not sharing.parties.filter(signed_at__isnull=True).exists():
        sharing.status = SharingStatus.SIGNED
        sharing.save(update_fields=["status"])
    record_activity(actor=actor, verb="sign_sharing", target=sharing, summary=f"{organisation}: {sharing}")
    return sharing
