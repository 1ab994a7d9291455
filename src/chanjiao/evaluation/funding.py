"""Performance-based funding on platform records: propose (nothing stored), then commit.

Institutions (colleges): the benchmark follows enrolment (or equal shares) and floats with the
skill-certification pass rate and graduate retention computed for the year. Regions (districts):
the special subsidy follows enrolment (or equal shares) with incentives and cuts from a district
evaluation's scores and lights. The rules are in :mod:`chanjiao.core.funding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.funding import (
    InstitutionAllocation,
    InstitutionLine,
    InstitutionPolicy,
    RegionalAllocation,
    RegionalPolicy,
    RegionLine,
    allocate_institutions,
    allocate_regions,
)
from chanjiao.evaluation.indicators import indicator_data
from chanjiao.evaluation.models import (
    Colour,
    Evaluation,
    FundingAllocation,
    FundingKind,
    FundingLine,
    UnitKind,
)
from chanjiao.evaluation.units import Unit, units_of
from chanjiao.ledger.services import record_change
from chanjiao.registry.models import ProgramYear, Region

BASES = ("enrolment", "equal")


@dataclass
class Proposal:
    kind: str
    region: Region
    year: int
    budget: Decimal
    base: str
    units: list[Unit]
    allocation: InstitutionAllocation | RegionalAllocation
    evaluation: Evaluation | None = None
    other_scores: dict[int, float] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """One plain row per unit, as shown, exported and stored."""
        if isinstance(self.allocation, InstitutionAllocation):
            return [
                _institution_row(unit, line)
                for unit, line in zip(self.units, self.allocation.lines, strict=True)
            ]
        return [_region_row(unit, line) for unit, line in zip(self.units, self.allocation.lines, strict=True)]


def _row(
    unit: Unit, weight: float, benchmark: Decimal, inputs: dict, status: str, factor: float, line
) -> dict:
    return {
        "unit_kind": unit.kind,
        "unit_id": unit.id,
        "unit_name": unit.name,
        "base_weight": weight,
        "benchmark": benchmark,
        "inputs": inputs,
        "status": status,
        "factor": factor,
        "amount": line.amount,
        "reason": line.reason,
    }


def _institution_row(unit: Unit, line: InstitutionLine) -> dict[str, Any]:
    inputs = {
        "certification_pass_rate": line.certification_pass_rate,
        "graduate_retention_rate": line.graduate_retention_rate,
        "performance": line.performance,
    }
    return _row(unit, line.benchmark_weight, line.benchmark, inputs, "", line.float_share, line)


def _region_row(unit: Unit, line: RegionLine) -> dict[str, Any]:
    inputs = {
        "integration_score": line.integration_score,
        "other_score": line.other_score,
        "appraisal_score": line.appraisal_score,
        "red_light": line.red_light,
    }
    return _row(unit, line.base_weight, line.nominal, inputs, line.status, line.multiplier, line)


def _enrolment(units: list[Unit], year: int, *, by_region: bool) -> list[float]:
    years = ProgramYear.objects.filter(year=year)
    if not by_region:
        totals = dict(
            years.filter(program__school_id__in=[u.id for u in units])
            .values_list("program__school_id")
            .annotate(total=Sum("enrolment"))
        )
        return [float(totals.get(u.id) or 0) for u in units]
    paths = dict(Region.objects.filter(pk__in=[u.id for u in units]).values_list("pk", "path"))
    return [
        float(
            years.filter(program__school__region__path__startswith=paths[u.id]).aggregate(t=Sum("enrolment"))[
                "t"
            ]
            or 0
        )
        for u in units
    ]


def _base_weights(base: str, units: list[Unit], year: int, *, by_region: bool) -> list[float]:
    if base not in BASES:
        raise ValueError(f"unknown base {base!r}; choose enrolment or equal")
    if base == "equal":
        return [1.0] * len(units)
    weights = _enrolment(units, year, by_region=by_region)
    if not any(weights):
        raise ValueError(f"no enrolment is recorded for {year}; choose equal shares or record program years")
    return weights


def propose_institutions(
    *, region: Region, year: int, budget: Decimal, policy: InstitutionPolicy, base: str = "enrolment"
) -> Proposal:
    """Who would get what: each college's benchmark and its float, nothing stored."""
    units = units_of(str(UnitKind.COLLEGE), region, year)
    if not units:
        raise ValueError(f"{region} has no colleges to fund")
    data = indicator_data(
        ["skill_certification_pass_rate", "graduate_retention_rate"], str(UnitKind.COLLEGE), units, year
    )
    allocation = allocate_institutions(
        budget,
        [str(u.id) for u in units],
        _base_weights(base, units, year, by_region=False),
        [float(v) for v in data.raw[:, 0]],
        [float(v) for v in data.raw[:, 1]],
        policy,
    )
    return Proposal(str(FundingKind.INSTITUTIONS), region, year, budget, base, units, allocation)


def propose_regions(
    *,
    evaluation: Evaluation,
    budget: Decimal,
    policy: RegionalPolicy,
    base: str = "enrolment",
    other_scores: dict[int, float] | None = None,
) -> Proposal:
    """Who would get what of the special subsidy after a district evaluation, nothing stored."""
    if evaluation.config["unit_kind"] != UnitKind.REGION:
        raise ValueError("regional funding follows an evaluation of regions (districts)")
    results = list(evaluation.results.order_by("position"))
    units = [Unit(r.unit_kind, r.unit_id, r.unit_name, r.region_id) for r in results]
    year = evaluation.config["year"]
    other_scores = {int(k): float(v) for k, v in (other_scores or {}).items()}
    unknown = sorted(set(other_scores) - {u.id for u in units})
    if unknown:
        raise ValueError(f"other appraisal scores name regions outside the evaluation: {unknown}")
    allocation = allocate_regions(
        budget,
        [str(u.id) for u in units],
        _base_weights(base, units, year, by_region=True),
        [r.score for r in results],
        [other_scores.get(u.id) for u in units],
        [r.colour == Colour.RED for r in results],
        policy,
    )
    return Proposal(
        str(FundingKind.REGIONS),
        evaluation.cycle.scheme.region,
        year,
        budget,
        base,
        units,
        allocation,
        evaluation,
        other_scores,
    )


@transaction.atomic
def commit_allocation(*, actor: User | None, proposal: Proposal, title: str = "") -> FundingAllocation:
    """Store the proposal as the allocation of record; it is never changed afterwards."""
    allocation = FundingAllocation.objects.create(
        kind=proposal.kind,
        title=title or f"{FundingKind(proposal.kind).label} · {proposal.region} · {proposal.year}",
        region=proposal.region,
        year=proposal.year,
        budget=proposal.allocation.budget,
        policy=proposal.allocation.policy.to_dict(),
        parameters={
            "base": proposal.base,
            "other_scores": {str(k): v for k, v in (proposal.other_scores or {}).items()},
        },
        evaluation=proposal.evaluation,
        committed_by=actor,
    )
    FundingLine.objects.bulk_create([FundingLine(allocation=allocation, **row) for row in proposal.rows()])
    record_change(instance=allocation, actor=actor)
    record_activity(
        actor=actor,
        verb="commit_funding",
        target=allocation,
        summary=f"{allocation.title}: ¥{allocation.budget:,}",
    )
    return allocation
