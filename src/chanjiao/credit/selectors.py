"""Reads for the credit file: yearly records built from platform records, and what a page shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from chanjiao.core.credit import EnterpriseYear
from chanjiao.credit import sources
from chanjiao.credit.models import (
    RATING_CHOICES,
    Contribution,
    ContributionKind,
    CreditAssessment,
    EquityHistory,
    ExitNotice,
    IncentiveGrant,
    Incident,
    InsuranceClaim,
    NoticeStatus,
    PolicyVersion,
)
from chanjiao.registry.models import Organisation, Region

YUAN_PER_REGISTRY_UNIT = 10_000
"""The registry keeps revenue and R&D spending in units of 10,000 yuan; the credit file in yuan."""


def set_aside_years(enterprise_ids: Sequence[int]) -> dict[int, set[int]]:
    """Years whose red light an overturned appeal set aside, per enterprise."""
    years: dict[int, set[int]] = defaultdict(set)
    notices = ExitNotice.objects.filter(enterprise_id__in=enterprise_ids, status=NoticeStatus.OVERTURNED)
    for enterprise_id, red_years in notices.values_list("enterprise_id", "red_light_years"):
        years[enterprise_id].update(red_years)
    return years


def enterprise_records(
    enterprises: Sequence[Organisation], first_year: int, last_year: int
) -> dict[int, tuple[EnterpriseYear, ...]]:
    """One :class:`EnterpriseYear` per enterprise and year from ``first_year`` to ``last_year``.

    Sources: placements (students hosted), the registry (revenue and R&D spending, the latest
    annual figures, used for every year; mentors registered now, counted once in the last year),
    this app's contributions (equipment, by the year contributed), insurance claims (by policy
    year), disputes and breaches (by the year they occurred), and the other apps' figures read
    through :mod:`chanjiao.credit.sources` (placements breaking the internship rules among them). Red lights set aside on appeal are left out.
    """
    ids = [enterprise.pk for enterprise in enterprises]
    years = range(first_year, last_year + 1)
    hosted = sources.hosted_students(ids, years)
    mentors = sources.mentors(ids)
    needs = sources.technical_needs_solved(ids, years)
    courses = sources.courses_codeveloped(ids, years)
    lights = sources.evaluation_lights(ids, years)
    contributed = sources.contributed_figures(ids, years)
    set_aside = set_aside_years(ids)
    equipment = {
        (row["enterprise_id"], row["year"]): row["value"]
        for row in Contribution.objects.filter(
            enterprise_id__in=ids,
            kind=ContributionKind.EQUIPMENT,
            contributed_on__year__gte=first_year,
            contributed_on__year__lte=last_year,
        )
        .annotate(year=ExtractYear("contributed_on"))
        .values("enterprise_id", "year")
        .annotate(value=Sum("appraised_value"))
    }
    claims = {
        (row["cover__enterprise_id"], row["cover__year"]): row["n"]
        for row in InsuranceClaim.objects.filter(
            cover__enterprise_id__in=ids, cover__year__gte=first_year, cover__year__lte=last_year
        )
        .values("cover__enterprise_id", "cover__year")
        .annotate(n=Count("id"))
    }
    incidents = {
        (row["enterprise_id"], row["year"], row["kind"]): row["n"]
        for row in Incident.objects.filter(
            enterprise_id__in=ids, occurred_on__year__gte=first_year, occurred_on__year__lte=last_year
        )
        .annotate(year=ExtractYear("occurred_on"))
        .values("enterprise_id", "year", "kind")
        .annotate(n=Count("id"))
    }
    result = {}
    for enterprise in enterprises:
        revenue = float((enterprise.revenue or Decimal(0)) * YUAN_PER_REGISTRY_UNIT)
        rd_spending = float((enterprise.rd_spending or Decimal(0)) * YUAN_PER_REGISTRY_UNIT)
        rows = []
        for year in years:
            key = (enterprise.pk, year)
            light = lights.get(key)
            rows.append(
                EnterpriseYear(
                    year=year,
                    interns_hosted=hosted.get(key, {}).get("interns_hosted", 0),
                    apprentices_hosted=hosted.get(key, {}).get("apprentices_hosted", 0),
                    courses_codeveloped=int(courses.get(key, 0)),
                    mentors_provided=mentors.get(enterprise.pk, 0) if year == last_year else 0,
                    equipment_contributed=float(equipment.get(key, Decimal(0))),
                    rd_spending=rd_spending,
                    revenue=revenue,
                    technical_needs_solved=int(needs.get(key, 0)),
                    evaluation_light=None if year in set_aside[enterprise.pk] else light,
                    insurance_claims=claims.get(key, 0),
                    disputes=incidents.get((enterprise.pk, year, "dispute"), 0),
                    breaches=incidents.get((enterprise.pk, year, "breach"), 0),
                    internship_breaches=contributed.get(key, {}).get("internship_breaches", 0),
                )
            )
        result[enterprise.pk] = tuple(rows)
    return result


def default_rating_year(region: Region) -> int:
    """The latest year with placements hosted in the region, and never a year still to come."""
    this_year = timezone.now().year
    if not apps.is_installed("chanjiao.matching"):
        return this_year
    placement_model: Any = apps.get_model("matching", "Placement")
    latest = placement_model.objects.filter(
        enterprise__region__path__startswith=region.path, year__lte=this_year
    ).aggregate(latest=Max("year"))["latest"]
    return latest or this_year


def governing_version(region: Region) -> PolicyVersion | None:
    """The latest version of the policy of the deepest region on ``region``'s path that has one."""
    ids = [int(part) for part in region.path.strip("/").split("/")]
    versions = PolicyVersion.objects.filter(region_id__in=ids).select_related("region")
    return max(versions, key=lambda v: (v.region.level, v.version), default=None)


def current_assessment(enterprise: Organisation) -> CreditAssessment | None:
    return (
        CreditAssessment.objects.filter(enterprise=enterprise, is_current=True)
        .select_related("policy", "policy__region")
        .first()
    )


def credit_file(enterprise: Organisation) -> dict[str, Any]:
    """Everything the credit file page and API show, from stored records and results."""
    return {
        "enterprise": enterprise,
        "assessment": current_assessment(enterprise),
        "grants": list(
            IncentiveGrant.objects.filter(enterprise=enterprise).select_related(
                "granted_by__policy", "ended_by__policy"
            )
        ),
        "notices": list(ExitNotice.objects.filter(enterprise=enterprise)),
        "contributions": list(Contribution.objects.filter(enterprise=enterprise).select_related("recipient")),
        "incidents": list(Incident.objects.filter(enterprise=enterprise).select_related("counterparty")),
        "covers": list(enterprise.insurance_covers.prefetch_related("claims")),
    }


def rating_counts(assessments: QuerySet[CreditAssessment]) -> list[tuple[str, int]]:
    """How many assessments have each rating, best first (zeros included)."""
    counts = dict(assessments.values_list("rating").annotate(n=Count("id")).order_by())
    return [(rating, counts.get(rating, 0)) for rating, _label in RATING_CHOICES]


def stakes_listed(stakes: QuerySet) -> QuerySet:
    """Equity stakes with what their list rows show, read in a fixed number of queries."""
    histories = Prefetch("histories", queryset=EquityHistory.objects.select_related("policy"))
    return stakes.select_related("enterprise").prefetch_related("contributions", histories).order_by("pk")
