"""Reads for the supply–demand dashboard and its drill-downs: every figure comes from the
pre-aggregated tables, except the drill-downs, which list the records behind one cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Max, QuerySet, Sum
from django.db.models.functions import Abs
from django.urls import reverse

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.docking.models import DemandCell, RegionMonth, SupplyDemandCell, SupplyDemandRun
from chanjiao.docking.selectors_tree import occupation_members
from chanjiao.registry.models import Occupation, ProgramOccupation, ProgramYear, Region

LEVELS = (1, 2, 3, 4)


@dataclass(frozen=True)
class View:
    """What the dashboard shows: a region, an occupation level, a year."""

    region: Region
    level: int
    year: int | None

    def query(self, **extra: Any) -> str:
        return urlencode({"region": self.region.pk, "level": self.level, "year": self.year or "", **extra})


def latest_run() -> SupplyDemandRun | None:
    return SupplyDemandRun.objects.order_by("-started_at").first()


def table_years(run: SupplyDemandRun | None) -> list[int]:
    return list(run.years) if run else []


def default_year(region: Region) -> int | None:
    """The latest year of the region with both seats posted and graduates expected."""
    both = SupplyDemandCell.objects.filter(region=region, level=1, demand__gt=0, supply__gt=0)
    year = both.aggregate(latest=Max("year"))["latest"]
    if year is None:
        year = SupplyDemandCell.objects.filter(region=region, level=1).aggregate(latest=Max("year"))["latest"]
    return year


def default_region(user: User) -> Region:
    """An officer's own region; otherwise the city of the user's organisation; else the region
    with the most seats posted."""
    actor = access.actor_of(user)
    if actor and actor.governs:
        return user.organisation.region
    if user.organisation_id:
        region = user.organisation.region
        while region.level > 2 and region.parent_id:
            region = region.parent
        return region
    busiest = (
        SupplyDemandCell.objects.filter(level=1, region__level=2)
        .values("region_id")
        .annotate(seats=Sum("demand"))
        .order_by("-seats")
        .first()
    )
    if busiest:
        return Region.objects.get(pk=busiest["region_id"])
    return Region.objects.filter(level=1).order_by("pk").first() or Region.objects.order_by("pk").first()


def cells(view: View) -> QuerySet[SupplyDemandCell]:
    return SupplyDemandCell.objects.filter(
        region=view.region, level=view.level, year=view.year
    ).select_related("occupation")


def totals(view: View) -> dict[str, float | None]:
    sums = SupplyDemandCell.objects.filter(region=view.region, level=1, year=view.year).aggregate(
        demand=Sum("demand"), supply=Sum("supply"), postings=Sum("postings")
    )
    demand, supply = sums["demand"] or 0, sums["supply"] or 0.0
    return {
        "demand": demand,
        "supply": supply,
        "postings": sums["postings"] or 0,
        "gap": demand - supply,
        "ratio": demand / supply if supply else None,
    }


def shortages(view: View, n: int = 10) -> list[SupplyDemandCell]:
    return list(cells(view).filter(gap__gt=0).order_by("-gap", "occupation_id")[:n])


def surpluses(view: View, n: int = 10) -> list[SupplyDemandCell]:
    return list(cells(view).filter(gap__lt=0).order_by("gap", "occupation_id")[:n])


def heatmap(view: View, n_occupations: int = 12) -> dict[str, Any] | None:
    """Districts (or cities) below the region × the occupations with the largest gaps there."""
    top = list(
        cells(view)
        .annotate(size=Abs("gap"))
        .order_by("-size", "occupation_id")
        .values_list("occupation_id", "occupation__name")[:n_occupations]
    )
    if not top:
        return None
    codes = [code for code, _ in top]
    rows = SupplyDemandCell.objects.filter(
        region_parent=view.region, level=view.level, year=view.year, occupation_id__in=codes
    ).values_list("region_id", "occupation_id", "demand", "supply", "gap")
    grid: dict[int, dict[str, tuple[int, float, float]]] = {}
    for region_id, code, demand, supply, gap in rows:
        grid.setdefault(region_id, {})[code] = (demand, supply, gap)
    if not grid:
        return None
    regions = Region.objects.filter(pk__in=grid).order_by("pk")
    largest = max((abs(c[2]) for row in grid.values() for c in row.values()), default=0) or 1.0

    cell_url = reverse("docking:cell")

    def entry(region_id: int, code: str) -> dict[str, Any]:
        demand, supply, gap = grid[region_id].get(code, (0, 0.0, 0.0))
        query = urlencode({"region": region_id, "level": view.level, "year": view.year, "occupation": code})
        return {
            "code": code,
            "demand": demand,
            "supply": supply,
            "gap": gap,
            "label": f"{gap:+.0f}" if gap else "0",
            "title": f"{demand} / {supply:.0f}",
            "colour": heat_colour(gap / largest),
            "url": f"{cell_url}?{query}",
        }

    return {
        "occupations": top,
        "rows": [(region, [entry(region.pk, code) for code in codes]) for region in regions],
    }


def heat_colour(intensity: float) -> str:
    """Red for shortages (more seats than graduates), blue for surpluses, stronger when larger."""
    alpha = round(0.08 + 0.8 * min(abs(intensity), 1.0), 2)
    return f"rgba(220, 38, 38, {alpha})" if intensity > 0 else f"rgba(37, 99, 235, {alpha})"


def trend(view: View, occupation: str | None = None) -> list[dict[str, Any]]:
    """Demand and supply per year for the region (one occupation, or all), with the forecast."""
    if occupation:
        rows = SupplyDemandCell.objects.filter(region=view.region, level=view.level, occupation_id=occupation)
        series = list(rows.order_by("year").values("year", "demand", "supply", "forecast"))
    else:
        series = list(
            SupplyDemandCell.objects.filter(region=view.region, level=1)
            .values("year")
            .annotate(demand=Sum("demand"), supply=Sum("supply"), forecast=Sum("forecast"))
            .order_by("year")
        )
    return [{**row, "supply": round(row["supply"] or 0.0, 1)} for row in series]


def monthly_demand(region: Region, occupation: str | None = None, level: int | None = None) -> list[dict]:
    """Seats posted per month in the region (and below), for one occupation or all."""
    if not occupation:
        return list(
            RegionMonth.objects.filter(region=region)
            .order_by("year", "month")
            .values("year", "month", "seats")
        )
    demand = DemandCell.objects.filter(
        occupation_id__in=occupation_members(occupation, level),
        region_id__in=Region.objects.filter(path__startswith=region.path).values("pk"),
    )
    return list(demand.values("year", "month").annotate(seats=Sum("seats")).order_by("year", "month"))


def cell(view: View, occupation: str) -> SupplyDemandCell | None:
    return (
        SupplyDemandCell.objects.filter(
            region=view.region, level=view.level, year=view.year, occupation_id=occupation
        )
        .select_related("occupation")
        .first()
    )


def programs_behind(view: View, occupation: str) -> list[dict[str, Any]]:
    """Programs whose graduates make up the cell's supply, with each one's contribution."""
    members = occupation_members(occupation, view.level)
    links = ProgramOccupation.objects.filter(
        occupation_id__in=members, program__school__region__path__startswith=view.region.path
    ).select_related("program", "program__school", "occupation")
    program_ids = {link.program_id for link in links}
    totals_by_program = dict(
        ProgramOccupation.objects.filter(program_id__in=program_ids)
        .values("program_id")
        .annotate(total=Sum("weight"))
        .values_list("program_id", "total")
    )
    graduates = dict(
        ProgramYear.objects.filter(program_id__in=program_ids, year=view.year).values_list(
            "program_id", "expected_graduates"
        )
    )
    rows: dict[int, dict[str, Any]] = {}
    for link in links:
        total = totals_by_program.get(link.program_id) or 0
        share = link.weight / total if total else 0.0
        row = rows.setdefault(
            link.program_id,
            {
                "program": link.program,
                "graduates": graduates.get(link.program_id, 0),
                "share": 0.0,
                "occupations": [],
            },
        )
        row["share"] += share
        row["occupations"].append(link.occupation_id)
    result = [{**row, "supply": round(row["graduates"] * row["share"], 1)} for row in rows.values()]
    return sorted(result, key=lambda r: (-r["supply"], r["program"].pk))


def occupation_choices(view: View) -> list[tuple[str, str]]:
    return list(
        cells(view)
        .order_by("-demand", "occupation_id")
        .values_list("occupation_id", "occupation__name")[:200]
    )


def region_choices(run: SupplyDemandRun | None) -> list[Region]:
    """The province and the cities the table has rows for."""
    return list(Region.objects.filter(pk__in=run.regions).order_by("level", "pk")) if run else []


def occupation(code: str) -> Occupation | None:
    return Occupation.objects.filter(code=code).first()
