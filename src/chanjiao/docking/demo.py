"""Docking data for the demo region: five years of postings with noisy titles coded by the
coder (and partly confirmed or corrected, as enterprises do), technical needs, consortium lists,
courses, shareable resources with bookings, cooperation calls; then the supply–demand table.

Demand is drawn so the dashboard tells the region's story: shortages in manufacturing,
integrated circuits and elder care, surpluses in accounting, e-commerce and preschool education,
fast-growing platform jobs no program trains for. At province scale there are over a million
postings, written with COPY / executemany and coded in one batch of distinct titles.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils import timezone

from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.demo.programs import PROGRAMS
from chanjiao.docking import demo_catalogue as cat
from chanjiao.docking.bulk import insert_rows
from chanjiao.docking.coding import cleaned_title, suggest_codes
from chanjiao.docking.models import CodeStatus, CodingFeedback, Posting, PostingStatus
from chanjiao.registry.models import Organisation, ProgramOccupation, ProgramYear, Region

YEARS = tuple(range(CURRENT_YEAR - 4, CURRENT_YEAR + 1))
STILL_OPEN_FROM = dt.date(CURRENT_YEAR, 9, 1)
KINDS = ("job", "internship", "apprenticeship", "order_class")
PROVINCE_POSTINGS = 1_050_000
CITY_SEATS_PER_POSTING = 2.0
CONFIRMED_SHARE = {"city": 0.55, "province": 0.04}
POSTING_FIELDS = (
    "enterprise", "kind", "title", "description", "skills", "certificates", "seats", "region", "salary_min",
    "salary_max", "start_date", "status", "published_on", "occupation", "code_status", "suggested_occupation",
    "suggested_level", "suggested_confidence", "suggested_alternatives", "coded_at", "created_at", "updated_at",
)  # fmt: skip
SKILLS_BY_CODE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
for _template in PROGRAMS:
    for _code, _ in _template.crosswalk:
        SKILLS_BY_CODE.setdefault(_code, (_template.skills, _template.certificates))


@dataclass
class CityMarket:
    city: Region
    enterprises: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # industry → (ids, regions, weights)
    supply: dict[str, float]  # occupation → graduates a year, averaged
    total_supply: float


def city_market(city: Region) -> CityMarket:
    rows = list(
        Organisation.objects.filter(kind="enterprise", region__path__startswith=city.path)
        .order_by("pk")
        .values_list("pk", "industry", "region_id", "employees")
    )
    by_industry: dict[str, list] = defaultdict(list)
    for row in rows:
        by_industry[row[1]].append(row)
        by_industry["*"].append(row)
    enterprises = {
        letter: (
            np.array([r[0] for r in group]),
            np.array([r[2] for r in group]),
            (w := np.array([float(r[3] or 10) ** 0.8 for r in group])) / w.sum(),
        )
        for letter, group in by_industry.items()
    }
    crosswalk = pd.DataFrame(
        list(
            ProgramOccupation.objects.filter(program__school__region__path__startswith=city.path).values_list(
                "program_id", "occupation_id", "weight"
            )
        ),
        columns=["program", "occupation", "weight"],
    )
    graduates = pd.DataFrame(
        list(
            ProgramYear.objects.filter(
                program__school__region__path__startswith=city.path, year__in=YEARS
            ).values_list("program_id", "expected_graduates")
        ),
        columns=["program", "graduates"],
    )
    supply: dict[str, float] = {}
    total = float(graduates["graduates"].sum()) / len(YEARS) if len(graduates) else 0.0
    if len(crosswalk) and len(graduates):
        crosswalk["share"] = crosswalk["weight"] / crosswalk.groupby("program")["weight"].transform("sum")
        merged = graduates.merge(crosswalk, on="program")
        supply = (
            (merged["graduates"] * merged["share"])
            .groupby(merged["occupation"])
            .sum()
            .div(len(YEARS))
            .to_dict()
        )
    return CityMarket(city=city, enterprises=enterprises, supply=supply, total_supply=total)


def seat_targets(market: CityMarket) -> dict[tuple[int, int], float]:
    """Seats to post per (profile index, year) in the city, before scaling."""
    targets = {}
    for index, profile in enumerate(cat.PROFILES):
        own = market.supply.get(profile.supply_code or profile.code or "", 0.0)
        base = profile.ratio * own if own > 0 and profile.ratio > 0 else profile.share * market.total_supply
        for year in YEARS:
            targets[(index, year)] = base * (1 + profile.growth) ** (year - YEARS[0])
    return targets


class PostingWriter:
    """Draws postings for one city and turns them into rows for ``insert_rows``."""

    def __init__(self, rng: np.random.Generator, suggestions: dict, confirmed_share: float):
        self.rng = rng
        self.suggestions = suggestions
        self.alternatives = {
            title: json.dumps(s.alternatives, ensure_ascii=False) for title, s in suggestions.items()
        }
        self.confirmed_share = confirmed_share
        self.month_p = np.array(cat.MONTH_WEIGHTS) / sum(cat.MONTH_WEIGHTS)

    def titles(self, profile: cat.DemandProfile, city: Region, count: int) -> list[str]:
        bases = self.rng.integers(len(profile.titles), size=count)
        prefixes = self.rng.integers(len(cat.TITLE_PREFIXES), size=count)
        suffixes = self.rng.integers(len(cat.TITLE_SUFFIXES), size=count)
        return [
            cat.TITLE_PREFIXES[p].format(city=city.short_name) + profile.titles[b] + cat.TITLE_SUFFIXES[x]
            for b, p, x in zip(bases.tolist(), prefixes.tolist(), suffixes.tolist(), strict=True)
        ]

    def employers(self, market: CityMarket, industries: str, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Enterprise ids and their regions, from the posting's industries, larger ones more often."""
        letters = [x for x in industries if x in market.enterprises] or ["*"]
        chosen = self.rng.integers(len(letters), size=count)
        ids, regions = np.empty(count, dtype=np.int64), np.empty(count, dtype=np.int64)
        for index, letter in enumerate(letters):
            mask = chosen == index
            pool_ids, pool_regions, weights = market.enterprises[letter]
            picks = self.rng.choice(len(pool_ids), size=int(mask.sum()), p=weights)
            ids[mask], regions[mask] = pool_ids[picks], pool_regions[picks]
        return ids, regions

    def rows(
        self, market: CityMarket, profile: cat.DemandProfile, year: int, seats_total: int, seats_mean: float
    ):
        """Postings that together offer exactly ``seats_total`` seats, mostly ``seats_mean`` each."""
        rng = self.rng
        count = max(1, round(seats_total / seats_mean))
        ids, regions = self.employers(market, profile.industries, count)
        regions = np.where(rng.random(count) < 0.1, market.city.pk, regions)  # some name only the city
        titles = self.titles(profile, market.city, count)
        months = (rng.choice(12, size=count, p=self.month_p) + 1).tolist()
        days = rng.integers(1, 29, size=count).tolist()
        seats = (1 + rng.multinomial(seats_total - count, np.full(count, 1.0 / count))).tolist()
        kinds = rng.choice(4, size=count, p=np.array(profile.kinds) / sum(profile.kinds)).tolist()
        low = ((profile.salary[0] * rng.lognormal(0, 0.1, size=count) / 100).round() * 100).astype(int)
        high = (
            low
            + ((profile.salary[1] - profile.salary[0]) * rng.uniform(0.6, 1.4, size=count) / 100)
            .round()
            .astype(int)
            * 100
        )
        lead_days = rng.integers(14, 60, size=count).tolist()
        confirmed = (rng.random(count) < self.confirmed_share).tolist()
        fate = rng.random(count).tolist()
        skills, certificates = SKILLS_BY_CODE.get(profile.code or "", ((), ()))
        wanted_skills = rng.random((count, len(skills))) < 0.6
        wanted_certificates = rng.random((count, len(certificates))) < 0.3
        for i in range(count):
            published = dt.date(year, months[i], days[i])
            title = titles[i]
            suggestion = self.suggestions[title]
            chosen = profile.code or suggestion.code
            if confirmed[i] and chosen:
                occupation = chosen
                status = CodeStatus.CONFIRMED if chosen == suggestion.code else CodeStatus.OVERRIDDEN
            else:
                occupation = suggestion.code
                status = CodeStatus.SUGGESTED if suggestion.code else CodeStatus.UNCODED
            if published >= STILL_OPEN_FROM:
                state = PostingStatus.PUBLISHED
            else:
                state = (
                    PostingStatus.FILLED
                    if fate[i] < 0.55
                    else PostingStatus.CLOSED
                    if fate[i] < 0.95
                    else PostingStatus.PUBLISHED
                )
            moment = timezone.make_aware(dt.datetime(year, months[i], days[i], 9))
            wanted = [s for s, keep in zip(skills, wanted_skills[i], strict=True) if keep]
            yield (
                int(ids[i]),
                KINDS[kinds[i]],
                title,
                f"岗位职责：负责{title}相关工作。任职要求：{'、'.join(wanted) or '吃苦耐劳，服从安排'}。",
                json.dumps(wanted, ensure_ascii=False),
                json.dumps(
                    [c for c, keep in zip(certificates, wanted_certificates[i], strict=True) if keep],
                    ensure_ascii=False,
                ),
                seats[i],
                int(regions[i]),
                int(low[i]),
                int(high[i]),
                published + dt.timedelta(days=lead_days[i]),
                state,
                published,
                occupation,
                status,
                suggestion.code,
                suggestion.level,
                suggestion.confidence,
                self.alternatives[title],
                moment if status in {CodeStatus.CONFIRMED, CodeStatus.OVERRIDDEN} else None,
                moment,
                moment,
            )


def _all_titles(cities: list[Region]) -> list[str]:
    titles = set()
    for city in cities:
        for profile in cat.PROFILES:
            for base in profile.titles:
                for prefix in cat.TITLE_PREFIXES:
                    for suffix in cat.TITLE_SUFFIXES:
                        titles.add(f"{prefix.format(city=city.short_name)}{base}{suffix}")
    return sorted(titles)


def populate_postings(*, dataset, progress) -> dict[str, int]:
    """Write the postings of every city of the demo region and the coding feedback they imply."""
    rng = np.random.default_rng(dataset.seed + 3_000)
    if dataset.scale == "city":
        cities = [dataset.region]
    else:
        cities = list(Region.objects.filter(parent=dataset.region, level=2).order_by("pk"))
    markets = [city_market(city) for city in cities]
    targets = [seat_targets(market) for market in markets]
    total_seats = sum(sum(t.values()) for t in targets)
    if dataset.scale == "city":
        seats_mean, scale = CITY_SEATS_PER_POSTING, 1.0
    else:  # enough postings of 1–2 seats for a province-wide job board
        seats_mean = 1.3
        scale = PROVINCE_POSTINGS * seats_mean / max(total_seats, 1.0)
    progress(0, 1, "coding posting titles")
    titles = _all_titles(cities)
    suggestions = dict(zip(titles, suggest_codes(titles), strict=True))
    writer = PostingWriter(rng, suggestions, CONFIRMED_SHARE[dataset.scale])
    written = 0
    for market, target in zip(markets, targets, strict=True):
        progress(
            written,
            PROVINCE_POSTINGS if dataset.scale != "city" else written + 1,
            f"{market.city.name}: postings",
        )

        def city_rows(market=market, target=target):
            for (index, year), seats in sorted(target.items()):
                total = round(seats * scale)
                if total >= 1:
                    yield from writer.rows(market, cat.PROFILES[index], year, total, seats_mean)

        written += insert_rows(Posting, POSTING_FIELDS, city_rows())
    feedback = _feedback([c.path for c in cities])
    return {"postings": written, "coding_feedback": feedback}


def _feedback(paths: list[str]) -> int:
    """One feedback row per posting a person confirmed or corrected."""
    cleaned: dict[str, str] = {}
    rows = [  # read in full first: PostgreSQL cannot fetch from a cursor while a COPY is running
        (
            posting_id,
            title,
            cleaned.get(title) or cleaned.setdefault(title, cleaned_title(title)),
            description,
            suggested or "",
            occupation,
            status == CodeStatus.OVERRIDDEN,
            at,
        )
        for path in paths
        for posting_id, title, description, suggested, occupation, status, at in Posting.objects.filter(
            region__path__startswith=path, code_status__in=[CodeStatus.CONFIRMED, CodeStatus.OVERRIDDEN]
        )
        .order_by("pk")
        .values_list(
            "pk",
            "title",
            "description",
            "suggested_occupation_id",
            "occupation_id",
            "code_status",
            "coded_at",
        )
        .iterator(chunk_size=5000)
    ]
    return insert_rows(
        CodingFeedback,
        (
            "posting",
            "title",
            "cleaned_title",
            "description",
            "suggested_code",
            "occupation",
            "overridden",
            "at",
        ),
        rows,
    )


def populate_docking(*, dataset, progress) -> dict[str, int]:
    """Everything docking adds to a demo region (the table comes in `refresh_demo_table`)."""
    from chanjiao.docking.demo_records import populate_records

    counts = populate_postings(dataset=dataset, progress=progress)
    counts.update(populate_records(dataset=dataset))
    return counts


def refresh_demo_table(*, dataset, progress) -> dict[str, int]:
    """The supply–demand table and its advice, some of it answered and decided."""
    from chanjiao.docking.demo_records import walk_advice_workflow
    from chanjiao.docking.refresh import refresh_supply_demand

    progress(0, 1, "supply–demand table")
    run = refresh_supply_demand(actor=None)
    return {"supply_demand_cells": run.cells, "advice": walk_advice_workflow(dataset=dataset)}
