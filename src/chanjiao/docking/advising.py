"""Program adjustment advice and cluster alignment, computed from the supply–demand table.

A college's labour market is its city (the school's region at city level). For each program and
year the evidence is, per crosswalk occupation, the city's seats posted, expected graduates,
relative ratio and demand trend; the program's relative ratio and trend are their averages
weighted by the crosswalk. Region-wide advice does the same for all programs of one catalogue
code in a city, weighting each program's crosswalk by its graduates.

Placement outcomes of the year (placements made and completed, students hired by their host)
come from the apps that record them (`chanjiao.web.plugins.program_outcomes`).

Advice that a college has answered, or an officer has decided, is never rewritten.
"""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from chanjiao.docking.analytics import AdviceRules, advise, alignment_scores
from chanjiao.docking.bulk import insert_rows, reset_sequence
from chanjiao.docking.models import Advice, AdviceStatus, AlignmentScore, SupplyDemandCell
from chanjiao.registry.models import Occupation, Program, ProgramOccupation, ProgramYear
from chanjiao.web.plugins import program_outcomes

ALIGNMENT_LEVEL = 3
MARKET_LEVEL = 2
RULES = AdviceRules()


def _weighted_mean(values: pd.Series, weights: pd.Series, groups: list[pd.Series]) -> pd.Series:
    known = values.notna()
    numerator = (values.fillna(0) * weights).groupby(groups).sum()
    denominator = weights.where(known, 0).groupby(groups).sum()
    return (numerator / denominator.replace(0, np.nan)).astype(float)


def _program_frames(trees, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    programs = pd.DataFrame(
        list(Program.objects.values_list("id", "school_id", "school__region_id", "code", "name")),
        columns=["program", "school", "school_region", "code", "name"],
    )
    graduates = pd.DataFrame(
        list(ProgramYear.objects.filter(year=year).values_list("program_id", "expected_graduates")),
        columns=["program", "graduates"],
    )
    programs = programs.merge(graduates, on="program", how="left").fillna({"graduates": 0})
    programs["market"] = [trees.regions.ancestor_at(r, MARKET_LEVEL) for r in programs["school_region"]]
    crosswalk = pd.DataFrame(
        list(
            ProgramOccupation.objects.filter(weight__gt=0).values_list(
                "program_id", "occupation_id", "weight"
            )
        ),
        columns=["program", "occupation", "weight"],
    )
    crosswalk["share"] = crosswalk["weight"] / crosswalk.groupby("program")["weight"].transform("sum")
    crosswalk["level"] = [trees.occupations.levels[c] for c in crosswalk["occupation"]]
    return programs, crosswalk


def _market_cells(year: int, markets: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    cells = pd.DataFrame(
        list(
            SupplyDemandCell.objects.filter(year=year, region_id__in=markets).values_list(
                "level", "occupation_id", "region_id", "demand", "supply", "trend", "forecast"
            )
        ),
        columns=["level", "occupation", "market", "demand", "supply", "trend", "forecast"],
    )
    totals = (
        cells[cells["level"] == 1]
        .groupby("market", as_index=False)[["demand", "supply"]]
        .sum()
        .rename(columns={"demand": "demand_total", "supply": "supply_total"})
    )
    return cells, totals


def _evidence(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Relative ratio and trend per key from per-occupation rows, plus the rows as evidence."""
    demand, supply = rows["demand"].to_numpy(float), rows["supply"].to_numpy(float)
    demand_total, supply_total = rows["demand_total"].to_numpy(float), rows["supply_total"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (demand / demand_total) / (supply / supply_total)
    rows["relative_ratio"] = np.where(np.isfinite(ratio), ratio, np.nan)
    groups = [rows[k] for k in keys]
    summary = pd.DataFrame(
        {
            "relative_ratio": _weighted_mean(rows["relative_ratio"], rows["share"], groups),
            "trend": _weighted_mean(rows["trend"], rows["share"], groups),
        }
    ).reset_index()
    return summary


def _occupation_rows(crosswalk: pd.DataFrame, cells: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    rows = crosswalk.merge(cells, on=["level", "occupation", "market"], how="left").merge(
        totals, on="market", how="left"
    )
    return rows.fillna({"demand": 0, "supply": 0, "demand_total": 0, "supply_total": 0})


def _number(value, digits: int):
    return None if value is None or pd.isna(value) else round(float(value), digits)


def _occupation_evidence(rows: list[dict], names: dict[str, str]) -> list[dict]:
    return [
        {
            "code": r["occupation"],
            "name": names.get(r["occupation"], ""),
            "weight": _number(r["share"], 3),
            "demand": int(r["demand"]),
            "supply": _number(r["supply"], 1),
            "gap": _number(r["demand"] - r["supply"], 1),
            "relative_ratio": _number(r["relative_ratio"], 3),
            "trend": _number(r["trend"], 3),
            "forecast": _number(r["forecast"], 1),
        }
        for r in sorted(rows, key=lambda r: (-r["share"], r["occupation"]))
    ]


ADVICE_FIELDS = (
    "id",
    "year",
    "region",
    "school",
    "program",
    "program_code",
    "program_name",
    "recommendation",
    "relative_ratio",
    "trend",
    "evidence",
    "status",
    "response_position",
    "response",
    "decision",
    "decision_note",
    "created_at",
    "updated_at",
)


ADVICE_CONTENT = ("program_name", "recommendation", "relative_ratio", "trend", "evidence")


def _save_advice(year: int, proposals: list[dict]) -> None:
    """Write proposed advice: new keys get new rows; advice still proposed whose content changed is
    replaced under its own id (one DELETE and one bulk insert, far cheaper than per-row updates);
    advice a college answered or an officer decided, and unchanged advice, are left alone."""
    existing: dict = {}
    for pk, program_id, region_id, code, status, created_at, *content in Advice.objects.filter(
        year=year
    ).values_list("pk", "program_id", "region_id", "program_code", "status", "created_at", *ADVICE_CONTENT):
        existing[program_id or (region_id, code)] = (pk, status, created_at, content)
    now = timezone.now()
    next_id = (Advice.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    replaced, rows = [], []
    for proposal in proposals:
        key = proposal["program_id"] or (proposal["region_id"], proposal["program_code"])
        pk, status, created_at, content = existing.get(key, (None, AdviceStatus.PROPOSED, now, None))
        if status != AdviceStatus.PROPOSED or content == [proposal[field] for field in ADVICE_CONTENT]:
            continue  # answered, or unchanged: leave the row (and the table) alone
        if pk is None:
            pk, next_id = next_id, next_id + 1
        else:
            replaced.append(pk)
        rows.append(
            (
                pk,
                year,
                proposal["region_id"],
                proposal["school_id"],
                proposal["program_id"],
                proposal["program_code"],
                proposal["program_name"],
                proposal["recommendation"],
                proposal["relative_ratio"],
                proposal["trend"],
                json.dumps(proposal["evidence"], ensure_ascii=False),
                "proposed",  # AdviceStatus.PROPOSED
                "",
                "",
                "",
                "",
                created_at,
                now,
            )
        )
    for start in range(0, len(replaced), 5000):
        Advice.objects.filter(pk__in=replaced[start : start + 5000]).delete()
    insert_rows(Advice, ADVICE_FIELDS, rows)
    reset_sequence(Advice)


def _proposals(summary: pd.DataFrame, rows: pd.DataFrame, keys: list[str], names: dict, extra) -> list[dict]:
    recommendations = advise(summary["relative_ratio"].to_numpy(), summary["trend"].to_numpy(), RULES)
    grouped: dict[tuple, list[dict]] = {}
    for row in rows.to_dict("records"):
        grouped.setdefault(tuple(row[k] for k in keys), []).append(row)
    proposals = []
    for record, recommendation in zip(summary.to_dict("records"), recommendations, strict=True):
        key = tuple(record[k] for k in keys)
        group = grouped[key]
        ratio, trend = record["relative_ratio"], record["trend"]
        proposals.append(
            {
                "recommendation": str(recommendation),
                "relative_ratio": None if pd.isna(ratio) else round(float(ratio), 4),
                "trend": None if pd.isna(trend) else round(float(trend), 4),
                "evidence": {
                    "demand_total": int(group[0]["demand_total"]),
                    "supply_total": round(float(group[0]["supply_total"]), 1),
                    "occupations": _occupation_evidence(group, names),
                    **extra(record),
                },
                **_identity(record, keys),
            }
        )
    return proposals


def _identity(record: dict, keys: list[str]) -> dict:
    if keys == ["program"]:
        return {
            "program_id": int(record["program"]),
            "school_id": int(record["school"]),
            "region_id": int(record["market"]),
            "program_code": record["code"],
            "program_name": record["name"],
        }
    return {
        "program_id": None,
        "school_id": None,
        "region_id": int(record["market"]),
        "program_code": record["code"],
        "program_name": record["name"],
    }


@transaction.atomic
def refresh_advice_and_alignment(*, trees, year: int | None) -> None:
    """Recompute advice for ``year`` (kept where people already acted) and alignment for all years."""
    refresh_alignment(trees)
    if year is None:
        return
    programs, crosswalk = _program_frames(trees, year)
    if programs.empty or crosswalk.empty:
        return
    cells, totals = _market_cells(year, sorted(set(programs["market"])))
    names = dict(Occupation.objects.filter(code__in=set(crosswalk["occupation"])).values_list("code", "name"))

    per_program = crosswalk.merge(programs, on="program")
    rows = _occupation_rows(per_program, cells, totals)
    summary = _evidence(rows, ["program"]).merge(programs, on="program")
    outcomes = program_outcomes(year)
    proposals = _proposals(
        summary,
        rows,
        ["program"],
        names,
        lambda r: {
            "year": year,
            "graduates": int(r["graduates"]),
            "placements": outcomes.get(int(r["program"])),
        },
    )

    weights = per_program.assign(weighted=per_program["share"] * per_program["graduates"].clip(lower=1))
    regional = weights.groupby(["market", "code", "occupation", "level"], as_index=False)["weighted"].sum()
    regional["share"] = regional["weighted"] / regional.groupby(["market", "code"])["weighted"].transform(
        "sum"
    )
    region_rows = _occupation_rows(regional, cells, totals)
    region_summary = _evidence(region_rows, ["market", "code"])
    program_facts = programs.groupby(["market", "code"]).agg(
        name=("name", lambda names_: names_.mode().iloc[0]),
        graduates=("graduates", "sum"),
        programs=("program", "count"),
    )
    region_summary = region_summary.merge(program_facts.reset_index(), on=["market", "code"])
    group_outcomes: dict[tuple[int, str], Counter[str]] = {}
    for program, market, code in programs[["program", "market", "code"]].itertuples(index=False):
        if counts := outcomes.get(int(program)):
            group_outcomes.setdefault((int(market), code), Counter()).update(counts)
    proposals += _proposals(
        region_summary,
        region_rows,
        ["market", "code"],
        names,
        lambda r: {
            "year": year,
            "graduates": int(r["graduates"]),
            "programs": int(r["programs"]),
            "placements": group_outcomes.get((int(r["market"]), r["code"])),
        },
    )
    _save_advice(year, proposals)


def refresh_alignment(trees) -> int:
    """Cosine between each college's graduates and its city's seats over minor groups, per year."""
    AlignmentScore.objects.all().delete()
    crosswalk = pd.DataFrame(
        list(
            ProgramOccupation.objects.filter(weight__gt=0).values_list(
                "program_id", "occupation_id", "weight"
            )
        ),
        columns=["program", "occupation", "weight"],
    )
    graduates = pd.DataFrame(
        list(
            ProgramYear.objects.filter(expected_graduates__gt=0).values_list(
                "program_id", "program__school_id", "program__school__region_id", "year", "expected_graduates"
            )
        ),
        columns=["program", "school", "school_region", "year", "graduates"],
    )
    if crosswalk.empty or graduates.empty:
        return 0
    crosswalk["share"] = crosswalk["weight"] / crosswalk.groupby("program")["weight"].transform("sum")
    crosswalk["group"] = [trees.occupations.ancestor_at(c, ALIGNMENT_LEVEL) for c in crosswalk["occupation"]]
    supply = graduates.merge(crosswalk, on="program")
    supply["supply"] = supply["graduates"] * supply["share"]
    supply["market"] = [trees.regions.ancestor_at(r, MARKET_LEVEL) for r in supply["school_region"]]
    school_supply = supply.groupby(["school", "market", "year", "group"], as_index=False)["supply"].sum()
    demand = pd.DataFrame(
        list(
            SupplyDemandCell.objects.filter(
                level=ALIGNMENT_LEVEL, region_id__in=set(school_supply["market"]), demand__gt=0
            ).values_list("region_id", "year", "occupation_id", "demand")
        ),
        columns=["market", "year", "group", "demand"],
    )
    # One row per (school, year) against its city's demand that year, over the union of groups.
    keys = school_supply[["school", "market", "year"]].drop_duplicates()
    city = keys.merge(demand, on=["market", "year"])
    vectors = school_supply.merge(city, on=["school", "market", "year", "group"], how="outer").fillna(
        {"supply": 0.0, "demand": 0.0}
    )
    groups = sorted(set(vectors["group"]))
    column = {group: index for index, group in enumerate(groups)}
    pairs = vectors[["school", "market", "year"]].drop_duplicates().reset_index(drop=True)
    pair_index = {tuple(p): i for i, p in enumerate(pairs.itertuples(index=False, name=None))}
    supply_matrix = np.zeros((len(pairs), len(groups)))
    demand_matrix = np.zeros((len(pairs), len(groups)))
    rows_of = [
        pair_index[key] for key in vectors[["school", "market", "year"]].itertuples(index=False, name=None)
    ]
    columns_of = [column[group] for group in vectors["group"]]
    supply_matrix[rows_of, columns_of] = vectors["supply"].to_numpy(float)
    demand_matrix[rows_of, columns_of] = vectors["demand"].to_numpy(float)
    scores = alignment_scores(supply_matrix, demand_matrix)
    has_demand = demand_matrix.sum(axis=1) > 0
    rows = [
        (
            int(school),
            int(market),
            int(year),
            round(float(scores[i]), 4),
            int((supply_matrix[i] > 0).sum()),
            round(float(supply_matrix[i].sum()), 1),
            int(demand_matrix[i].sum()),
        )
        for i, (school, market, year) in enumerate(pairs.itertuples(index=False, name=None))
        if has_demand[i]
    ]
    return insert_rows(
        AlignmentScore, ("school", "region", "year", "score", "occupations", "supply", "demand"), rows
    )
