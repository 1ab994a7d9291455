"""Background job: recompute every rating, incentive and equity history in a region."""

from __future__ import annotations

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.credit.models import EquityStake
from chanjiao.credit.services import assess_enterprises
from chanjiao.credit.services_money import compute_equity_history
from chanjiao.jobs.registry import job_kind
from chanjiao.registry.models import Organisation, OrgKind, Region


@transaction.atomic
def recompute_region(
    *, region: Region, actor: User | None, as_of_year: int | None = None, progress=None
) -> dict:
    """Reassess every enterprise in ``region`` (and below) under the policies now governing them,
    and recompute the technology-equity histories of their stakes: all of it or, when interrupted,
    none of it."""
    enterprises = list(
        Organisation.objects.filter(kind=OrgKind.ENTERPRISE, region__path__startswith=region.path)
        .select_related("region")
        .order_by("pk")
    )
    assessments = assess_enterprises(
        enterprises=enterprises, actor=actor, as_of_year=as_of_year, progress=progress
    )
    refused = 0
    stakes = EquityStake.objects.filter(enterprise__region__path__startswith=region.path).select_related(
        "enterprise", "enterprise__region"
    )
    for stake in stakes:
        try:
            compute_equity_history(stake=stake, actor=actor)
        except ValueError:
            # The new policy refuses this stake (e.g. a lower share cap): it keeps its last history.
            refused += 1
    counts = {rating: 0 for rating in ("AAA", "AA", "A", "B", "C")}
    for assessment in assessments:
        counts[assessment.rating] += 1
    summary = {"assessed": len(assessments), "ratings": counts, "equity_histories_refused": refused}
    if assessments:
        record_activity(
            actor=actor, verb="recompute_credit", target=assessments[0].policy, summary=f"{region}: {summary}"
        )
    return summary


@job_kind("credit.recompute", max_attempts=3)
def recompute_job(*, job, progress, region_id: int, as_of_year: int | None = None):
    region = Region.objects.get(pk=region_id)
    return recompute_region(region=region, actor=job.created_by, as_of_year=as_of_year, progress=progress)
