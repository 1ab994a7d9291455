"""Refresh the pre-aggregated supply–demand tables in one transaction.

1. ``DemandCell``: seats of every posting ever published, by occupation as coded, region as
   posted and month of first publication (one INSERT … SELECT … GROUP BY).
2. Supply: each program's expected graduates of a year, spread over its crosswalk occupations
   in proportion to the weights (normalised to sum to one), placed in the school's region.
3. ``SupplyDemandCell``: both rolled up to every CSCO level and every enclosing region, with
   gap, ratio, trend and next year's forecast.
4. Advice and cluster alignment (``chanjiao.docking.advising``).

Readers keep seeing the previous tables until the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.db.models import Count, IntegerField, Sum
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.docking.analytics import SmoothingSelector, Tree, demand_ratio, relative_trend, rollup
from chanjiao.docking.analytics.forecast import HoltForecaster
from chanjiao.docking.bulk import insert_frame
from chanjiao.docking.models import DemandCell, Posting, RegionMonth, SupplyDemandCell, SupplyDemandRun
from chanjiao.registry.models import Occupation, ProgramOccupation, ProgramYear, Region

Progress = Callable[[int, int, str], None]
TREND_WINDOW = 3
MARKET_LEVEL = 2  # cities: the labour markets the dashboard offers, with the province
FORECAST_HOLDOUT_YEARS = 2
CELL_FIELDS = (
    "level",
    "occupation",
    "region",
    "region_parent",
    "year",
    "demand",
    "postings",
    "supply",
    "gap",
    "ratio",
    "trend",
    "forecast",
)


def _quiet(done: int, total: int, message: str = "") -> None:
    return None


@dataclass
class Trees:
    occupations: Tree
    regions: Tree
    region_parent: dict[int, int | None]
    region_level: dict[int, int]


def load_trees() -> Trees:
    occupations = Tree.from_rows(Occupation.objects.values_list("code", "level", "parent_id"))
    rows = list(Region.objects.values_list("id", "level", "parent_id"))
    return Trees(
        occupations=occupations,
        regions=Tree.from_rows(rows),
        region_parent={pk: parent for pk, _, parent in rows},
        region_level={pk: level for pk, level, _ in rows},
    )


def rebuild_demand_cells() -> pd.DataFrame:
    """Replace ``DemandCell`` with seats per occupation, region and month of first publication.

    The grouping runs as a plain SELECT (PostgreSQL scans in parallel for a SELECT, never for an
    INSERT … SELECT) and the cells go back in with COPY; the cells are returned for the roll-up.
    """
    DemandCell.objects.all().delete()
    grouped = (
        Posting.objects.filter(published_on__isnull=False, occupation__isnull=False)
        .annotate(
            cell_year=Cast(ExtractYear("published_on"), IntegerField()),
            cell_month=Cast(ExtractMonth("published_on"), IntegerField()),
        )
        .values("occupation_id", "region_id", "cell_year", "cell_month")
        .annotate(cell_seats=Sum("seats"), cell_postings=Count("*"))
        .order_by()
        .values_list("occupation_id", "region_id", "cell_year", "cell_month", "cell_seats", "cell_postings")
    )
    select, params = grouped.query.sql_with_params()
    with connection.cursor() as cursor:  # plain rows: no per-value conversion by the ORM
        cursor.execute(select, params)
        rows = cursor.fetchall()
    cells = pd.DataFrame(rows, columns=["occupation", "region", "year", "month", "seats", "postings"])
    cells = cells.astype(
        {"region": "int64", "year": "int64", "month": "int64", "seats": "int64", "postings": "int64"}
    )
    insert_frame(DemandCell, ("occupation", "region", "year", "month", "seats", "postings"), cells)
    return cells


def rebuild_region_months(cells: pd.DataFrame, trees: Trees) -> int:
    """Replace ``RegionMonth``: monthly seats of every region, including everything below it."""
    RegionMonth.objects.all().delete()
    by_region = cells.groupby(["region", "year", "month"], as_index=False)[["seats", "postings"]].sum()
    lineage = pd.DataFrame(
        [
            (region, ancestor)
            for region in by_region["region"].unique()
            for ancestor in trees.regions.lineage(int(region))
        ],
        columns=["region", "ancestor"],
    )
    rolled = (
        by_region.merge(lineage, on="region")
        .groupby(["ancestor", "year", "month"], as_index=False)[["seats", "postings"]]
        .sum()
        .astype("int64")
    )
    return insert_frame(RegionMonth, ("region", "year", "month", "seats", "postings"), rolled)


def demand_frame(cells: pd.DataFrame) -> pd.DataFrame:
    """Seats and postings per occupation, region and year, with no supply."""
    frame = cells.groupby(["occupation", "region", "year"], as_index=False)[["seats", "postings"]].sum()
    frame = frame.rename(columns={"seats": "demand"})
    frame["supply"] = 0.0
    return frame


def supply_frame() -> tuple[pd.DataFrame, float]:
    """Graduates per occupation, school region and year, and those no crosswalk places."""
    crosswalk = pd.DataFrame(
        list(ProgramOccupation.objects.values_list("program_id", "occupation_id", "weight")),
        columns=["program", "occupation", "weight"],
    )
    crosswalk = crosswalk[crosswalk["weight"] > 0]
    crosswalk["share"] = crosswalk["weight"] / crosswalk.groupby("program")["weight"].transform("sum")
    years = pd.DataFrame(
        list(
            ProgramYear.objects.filter(expected_graduates__gt=0).values_list(
                "program_id", "program__school__region_id", "year", "expected_graduates"
            )
        ),
        columns=["program", "region", "year", "graduates"],
    )
    placed = years.merge(crosswalk, on="program", how="inner")
    unplaced = float(years.loc[~years["program"].isin(crosswalk["program"]), "graduates"].sum())
    placed["supply"] = placed["graduates"] * placed["share"]
    frame = placed.groupby(["occupation", "region", "year"], as_index=False)["supply"].sum()
    frame["demand"] = 0
    frame["postings"] = 0
    return frame, unplaced


def last_complete_year(last_year: int, today: dt.date) -> int:
    """The current calendar year is still filling up: forecasts start from the year before."""
    return min(last_year, today.year - 1)


def build_cells(fine: pd.DataFrame, trees: Trees, *, today: dt.date) -> tuple[pd.DataFrame, dict]:
    """Roll the fine cells up and add gap, ratio, trend and forecast (one row per cell)."""
    table = rollup(
        fine["occupation"].to_numpy(),
        fine["region"].to_numpy(),
        fine["year"].to_numpy(),
        {"demand": fine["demand"], "postings": fine["postings"], "supply": fine["supply"]},
        occupation_tree=trees.occupations,
        region_tree=trees.regions,
    )
    info: dict = {"first_year": None, "last_year": None}
    if table.empty:
        return table.assign(gap=[], ratio=[], trend=[], forecast=[]), info
    demand_years = fine.loc[fine["demand"] > 0, "year"]
    first_year = int(demand_years.min() if len(demand_years) else table["year"].min())
    last_year = int(table["year"].max())
    years = np.arange(int(table["year"].min()), last_year + 1)
    series = table.pivot_table(
        index=["level", "occupation", "region"], columns="year", values="demand", aggfunc="sum", fill_value=0
    ).reindex(columns=years, fill_value=0)
    matrix = series.to_numpy(dtype=float)
    trend = pd.DataFrame(
        relative_trend(matrix, TREND_WINDOW), index=series.index, columns=pd.Index(years, name="year")
    )
    table = table.merge(
        trend.stack().rename("trend").reset_index(),
        on=["level", "occupation", "region", "year"],
        how="left",
    )
    through = last_complete_year(int(demand_years.max()) if len(demand_years) else last_year, today)
    history = [y for y in years if first_year <= y <= through]
    table["forecast"] = np.nan
    if len(history) >= 2:
        columns = [list(years).index(y) for y in history]
        levels = series.index.get_level_values("level")
        regions = series.index.get_level_values("region")
        city = np.array([trees.region_level.get(r) == 2 for r in regions])
        selecting = (levels == 4) & city
        selector = SmoothingSelector(holdout=FORECAST_HOLDOUT_YEARS).fit(
            matrix[selecting][:, columns] if selecting.any() else matrix[:, columns]
        )
        forecast = HoltForecaster(selector.alpha_, selector.beta_).fit(matrix[:, columns]).predict()
        forecasts = (
            pd.Series(forecast, index=series.index, name="next").reset_index().assign(year=history[-1])
        )
        table = table.merge(forecasts, on=["level", "occupation", "region", "year"], how="left")
        table["forecast"] = table.pop("next")
        info.update(
            forecast_alpha=selector.alpha_,
            forecast_beta=selector.beta_,
            forecast_error=_finite(selector.holdout_error_),
            forecast_mae=_finite(selector.holdout_mae_),
            naive_error=_finite(selector.naive_error_),
            holdout_years=selector.holdout_years_,
        )
    table["gap"] = table["demand"] - table["supply"]
    table["ratio"] = demand_ratio(table["demand"].to_numpy(), table["supply"].to_numpy())
    info.update(first_year=first_year, last_year=last_year, forecast_through=through)
    return table, info


def _finite(value: float) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def write_cells(table: pd.DataFrame, trees: Trees) -> int:
    SupplyDemandCell.objects.all().delete()
    frame = pd.DataFrame(
        {
            "level": table["level"].astype("int64"),
            "occupation": table["occupation"],
            "region": table["region"].astype("int64"),
            "region_parent": table["region"].map(trees.region_parent).astype("Int64"),
            "year": table["year"].astype("int64"),
            "demand": table["demand"].round().astype("int64"),
            "postings": table["postings"].round().astype("int64"),
            "supply": table["supply"].astype(float).round(3),
            "gap": table["gap"].astype(float).round(3),
            "ratio": table["ratio"].astype(float).round(4),
            "trend": table["trend"].astype(float).round(4),
            "forecast": table["forecast"].astype(float).round(2),
        }
    )
    return insert_frame(SupplyDemandCell, CELL_FIELDS, frame)


@transaction.atomic
def refresh_supply_demand(*, actor: User | None = None, progress: Progress = _quiet) -> SupplyDemandRun:
    """Recompute every supply–demand table from postings and programs; returns the run record."""
    from chanjiao.docking.advising import refresh_advice_and_alignment

    started, clock = timezone.now(), time.perf_counter()
    steps = 5
    progress(0, steps, "demand by month")
    monthly = rebuild_demand_cells()
    progress(1, steps, "supply from programs")
    trees = load_trees()
    rebuild_region_months(monthly, trees)
    demand = demand_frame(monthly)
    supply, unplaced = supply_frame()
    fine = pd.concat([demand, supply], ignore_index=True)
    progress(2, steps, "roll-up, trends and forecast")
    table, info = build_cells(fine, trees, today=timezone.localdate())
    progress(3, steps, "writing the table")
    cells = write_cells(table, trees)
    progress(4, steps, "advice and alignment")
    refresh_advice_and_alignment(trees=trees, year=info.get("forecast_through"))
    run = SupplyDemandRun.objects.create(
        started_at=started,
        seconds=round(time.perf_counter() - clock, 3),
        postings=Posting.objects.filter(published_on__isnull=False).count(),
        uncoded_postings=Posting.objects.filter(published_on__isnull=False, occupation__isnull=True).count(),
        demand_cells=len(monthly),
        cells=cells,
        first_year=info["first_year"],
        last_year=info["last_year"],
        graduates_without_crosswalk=unplaced,
        forecast_alpha=info.get("forecast_alpha"),
        forecast_beta=info.get("forecast_beta"),
        forecast_error=info.get("forecast_error"),
        forecast_mae=info.get("forecast_mae"),
        naive_error=info.get("naive_error"),
        holdout_years=info.get("holdout_years", 0),
        years=sorted(int(y) for y in table["year"].unique()) if len(table) else [],
        regions=sorted(
            int(r) for r in table["region"].unique() if trees.region_level.get(int(r), 3) <= MARKET_LEVEL
        ),
        started_by=actor if actor is not None and actor.pk else None,
    )
    record_activity(actor=actor, verb="refresh_supply_demand", target=run, summary=f"{cells} cells")
    progress(steps, steps, "done")
    return run


def changes_since(run: SupplyDemandRun | None) -> int:
    """Postings published or recoded since the run: how stale the tables are."""
    postings = Posting.objects.filter(published_on__isnull=False)
    if run is None:
        return postings.count()
    return postings.filter(updated_at__gt=run.started_at).count()
