"""A national synthetic dataset as Parquet files: 31 provinces, sized like the real ones.

`chanjiao demo --scale nation` writes it for the batch steps (it never touches the web database).
At ``fraction=1`` the nation has about 35 million vocational students and 100 million postings a
year, as the national statistics give; a smaller fraction scales every count alike. Students are
spread over provinces by population (2020 census), postings and enterprises by GDP (2023); the
sizes of a province are in ``provinces.parquet``.

Layout under the output folder::

    provinces.parquet                          one row per province: counts and zone
    schools.parquet  enterprises.parquet       one row each, with province and city
    postings/year=Y/month=M/province=P/part-0.parquet
                                               posting, enterprise, region, occupation (CSCO code
                                               as coded), title (as posted), seats, published_on
    rounds/province=P/students.parquet         a placement round per province: each final-year
    rounds/province=P/positions.parquet        student's choices and their scores; seats

Each partition draws from its own seed (``seed``, province, year, month), so any partition can be
written again alone and comes out the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from chanjiao.core.taxonomy import load_occupations
from chanjiao.core.taxonomy.regions import load_divisions, zone_of_province
from chanjiao.docking.demo_catalogue import MONTH_WEIGHTS, PROFILES, TITLE_PREFIXES, TITLE_SUFFIXES

NATIONAL_STUDENTS = 35_000_000
NATIONAL_POSTINGS = 100_000_000  # a year
STUDENTS_PER_SCHOOL = 3_200  # about 11,000 vocational schools and colleges
POSTINGS_PER_ENTERPRISE = 40  # a year
CHOICES_PER_STUDENT = 10
SEATS_PER_STUDENT = 1.1  # a round offers a tenth more seats than final-year students
FINAL_YEAR_SHARE = 1 / 3
# Province code: population in millions (2020 census), GDP in trillions of yuan (2023), rounded.
PROVINCE_SIZES = {
    110000: (21.9, 4.38), 120000: (13.9, 1.67), 130000: (74.6, 4.39), 140000: (34.9, 2.57),
    150000: (24.0, 2.46), 210000: (42.6, 3.02), 220000: (24.1, 1.35), 230000: (31.9, 1.59),
    310000: (24.9, 4.72), 320000: (84.7, 12.82), 330000: (64.6, 8.26), 340000: (61.0, 4.71),
    350000: (41.5, 5.44), 360000: (45.2, 3.22), 370000: (101.5, 9.21), 410000: (99.4, 5.91),
    420000: (57.8, 5.58), 430000: (66.4, 5.00), 440000: (126.0, 13.57), 450000: (50.1, 2.72),
    460000: (10.1, 0.76), 500000: (32.1, 3.01), 510000: (83.7, 6.01), 520000: (38.6, 2.09),
    530000: (47.2, 3.00), 540000: (3.6, 0.24), 610000: (39.5, 3.38), 620000: (25.0, 1.19),
    630000: (5.9, 0.38), 640000: (7.2, 0.53), 650000: (25.9, 1.91),
}  # fmt: skip

Progress = Callable[[int, int, str], None]


def _quiet(done: int, total: int, message: str = "") -> None:
    return None


@dataclass(frozen=True)
class ProvincePlan:
    """The sizes of one province at the dataset's fraction."""

    province: int
    name: str
    zone: str
    students: int
    schools: int
    enterprises: int
    postings: int  # a year
    final_year_students: int
    cities: tuple[int, ...]

    def postings_in_month(self, month: int) -> int:
        return round(self.postings * MONTH_WEIGHTS[month - 1] / sum(MONTH_WEIGHTS))


def plan_nation(fraction: float) -> list[ProvincePlan]:
    """Per-province sizes for ``fraction`` of the nation (1.0: the whole national load).

    Examples
    --------
    >>> plans = plan_nation(1.0)
    >>> len(plans), sum(p.students for p in plans) // 1_000_000, sum(p.postings for p in plans) // 1_000_000
    (31, 35, 100)
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    divisions = load_divisions()
    population = sum(size[0] for size in PROVINCE_SIZES.values())
    product = sum(size[1] for size in PROVINCE_SIZES.values())
    plans = []
    for division in (d for d in divisions if d.id in PROVINCE_SIZES):
        people, gdp = PROVINCE_SIZES[division.id]
        students = round(fraction * NATIONAL_STUDENTS * people / population)
        postings = round(fraction * NATIONAL_POSTINGS * gdp / product)
        cities = tuple(d.id for d in divisions if d.level == 2 and d.id // 10_000 == division.id // 10_000)
        plans.append(
            ProvincePlan(
                province=division.id,
                name=division.name,
                zone=zone_of_province(division.short_name),
                students=students,
                schools=max(1, round(students / STUDENTS_PER_SCHOOL)),
                enterprises=max(1, round(postings / POSTINGS_PER_ENTERPRISE)),
                postings=postings,
                final_year_students=round(students * FINAL_YEAR_SHARE),
                cities=cities,
            )
        )
    return plans


@lru_cache(maxsize=1)
def title_pool() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Titles as posted with their CSCO code and drawing weight: the demo's noisy job-board
    titles (most postings) and the names of skilled and service occupations."""
    titles, codes, weights = [], [], []
    for profile in PROFILES:
        if profile.code is None:
            continue
        for title in profile.titles:
            titles.append(title)
            codes.append(profile.code)
            weights.append(max(profile.ratio, 0.3) / len(profile.titles))
    listed = set(titles)
    for occupation in load_occupations():
        if occupation.level == 4 and occupation.code[0] in "2346" and occupation.name not in listed:
            titles.append(occupation.name)
            codes.append(occupation.code)
            weights.append(0.02)
    weight = np.array(weights)
    return np.array(titles, dtype=object), np.array(codes, dtype=object), weight / weight.sum()


def _city_names() -> dict[int, str]:
    return {d.id: d.short_name or d.name for d in load_divisions() if d.level == 2}


def _rng(seed: int, *parts: int) -> np.random.Generator:
    return np.random.default_rng([seed, *parts])


def _enterprise_regions(plan: ProvincePlan, seed: int) -> np.ndarray:
    """Each enterprise's city: a few large cities hold most enterprises (Zipf-like)."""
    rng = _rng(seed, plan.province, 1)
    weight = 1.0 / np.arange(1, len(plan.cities) + 1) ** 0.9
    return np.array(plan.cities)[rng.choice(len(plan.cities), plan.enterprises, p=weight / weight.sum())]


def postings_table(plan: ProvincePlan, year: int, month: int, seed: int, first_id: int) -> pa.Table:
    """The postings of one province and month (deterministic for the arguments)."""
    rng = _rng(seed, plan.province, year, month)
    count = plan.postings_in_month(month)
    titles, codes, weights = title_pool()
    pick = rng.choice(len(titles), count, p=weights)
    enterprise = rng.integers(0, plan.enterprises, count)
    region = _enterprise_regions(plan, seed)[enterprise]
    names = _city_names()
    prefix = rng.integers(0, len(TITLE_PREFIXES), count)
    suffix = rng.integers(0, len(TITLE_SUFFIXES), count)
    posted = [
        TITLE_PREFIXES[p].format(city=names.get(int(r), "")) + titles[t] + TITLE_SUFFIXES[s]
        for p, t, s, r in zip(prefix.tolist(), pick.tolist(), suffix.tolist(), region.tolist(), strict=True)
    ]
    day = rng.integers(1, 29, count)
    published = np.datetime64(f"{year}-{month:02d}-01") + (day - 1).astype("timedelta64[D]")
    return pa.table(
        {
            "posting": pa.array(np.arange(first_id, first_id + count, dtype=np.int64)),
            "enterprise": pa.array(plan.province * 1_000_000 + enterprise, type=pa.int64()),
            "region": pa.array(region, type=pa.int32()),
            "occupation": pa.array(codes[pick].tolist(), type=pa.string()),
            "title": pa.array(posted, type=pa.string()),
            "seats": pa.array(np.minimum(rng.geometric(0.45, count), 50), type=pa.int16()),
            "published_on": pa.array(published.astype("datetime64[D]")),
        }
    )


def postings_path(root: Path, year: int, month: int, province: int) -> Path:
    return root / "postings" / f"year={year}" / f"month={month}" / f"province={province}" / "part-0.parquet"


def write_postings(root: Path, plan: ProvincePlan, year: int, month: int, seed: int, first_id: int) -> int:
    """Write one partition of postings; returns how many."""
    table = postings_table(plan, year, month, seed, first_id)
    path = postings_path(root, year, month, plan.province)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")
    return table.num_rows


def _distinct_choices(
    rng: np.random.Generator, n_students: int, width: int, popularity: np.ndarray
) -> np.ndarray:
    """``width`` distinct positions per student, popular positions drawn more often."""
    cumulative = np.cumsum(popularity / popularity.sum())

    def draw(size: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cumulative, rng.random(size)), len(popularity) - 1)

    rows = draw(n_students * width).reshape(n_students, width)
    while True:
        order = np.argsort(rows, axis=1, kind="stable")
        ordered = np.take_along_axis(rows, order, axis=1)
        repeated_sorted = np.zeros(rows.shape, dtype=bool)
        repeated_sorted[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
        if not repeated_sorted.any():
            return rows
        repeated = np.zeros(rows.shape, dtype=bool)
        np.put_along_axis(repeated, order, repeated_sorted, axis=1)
        rows[repeated] = draw(int(repeated.sum()))


def write_round(root: Path, plan: ProvincePlan, seed: int) -> tuple[int, int]:
    """Write the province's placement round; returns (students, positions)."""
    rng = _rng(seed, plan.province, 2)
    n_students = plan.final_year_students
    seats = np.minimum(rng.geometric(0.1, max(1, round(n_students * SEATS_PER_STUDENT / 10))), 60)
    width = min(CHOICES_PER_STUDENT, len(seats))
    choices = _distinct_choices(rng, n_students, width, 1.0 / np.arange(1, len(seats) + 1) ** 0.6)
    ability = rng.normal(0.6, 0.15, (n_students, 1))
    scores = np.clip(ability + rng.normal(0, 0.08, choices.shape), 0, 1).round(3)
    offsets = np.arange(0, n_students * width + 1, width, dtype=np.int32)
    directory = root / "rounds" / f"province={plan.province}"
    directory.mkdir(parents=True, exist_ok=True)
    students = pa.table(
        {
            "student": pa.array(plan.province * 10_000_000 + np.arange(n_students), type=pa.int64()),
            "choices": pa.ListArray.from_arrays(
                pa.array(offsets), pa.array(choices.ravel().astype(np.int32))
            ),
            "scores": pa.ListArray.from_arrays(pa.array(offsets), pa.array(scores.ravel())),
        }
    ).replace_schema_metadata(
        {"region": str(plan.province), "lottery_seed": str(seed), "max_list": str(width)}
    )
    pq.write_table(students, directory / "students.parquet", compression="zstd")
    positions = pa.table({"position": pa.array(np.arange(len(seats)), type=pa.int32()), "seats": seats})
    pq.write_table(positions, directory / "positions.parquet", compression="zstd")
    return n_students, len(seats)


def _registry_tables(plan: ProvincePlan, seed: int) -> tuple[pa.Table, pa.Table]:
    rng = _rng(seed, plan.province, 3)
    school_city = np.array(plan.cities)[rng.integers(0, len(plan.cities), plan.schools)]
    share = rng.dirichlet(np.full(plan.schools, 4.0))
    students = np.floor(share * plan.students).astype(np.int64)
    students[: plan.students - int(students.sum())] += 1
    schools = pa.table(
        {
            "school": pa.array(plan.province * 10_000 + np.arange(plan.schools), type=pa.int64()),
            "province": pa.array(np.full(plan.schools, plan.province), type=pa.int32()),
            "region": pa.array(school_city, type=pa.int32()),
            "students": pa.array(students),
        }
    )
    enterprises = pa.table(
        {
            "enterprise": pa.array(plan.province * 1_000_000 + np.arange(plan.enterprises), type=pa.int64()),
            "province": pa.array(np.full(plan.enterprises, plan.province), type=pa.int32()),
            "region": pa.array(_enterprise_regions(plan, seed), type=pa.int32()),
        }
    )
    return schools, enterprises


@dataclass(frozen=True)
class NationSummary:
    provinces: int
    students: int
    schools: int
    enterprises: int
    postings: int
    round_students: int
    round_positions: int


def write_nation(
    root: Path, *, seed: int = 1, fraction: float = 0.05, year: int = 2025, progress: Progress = _quiet
) -> NationSummary:
    """Write the national dataset under ``root`` (see the module docstring); returns its counts."""
    plans = plan_nation(fraction)
    root.mkdir(parents=True, exist_ok=True)
    steps, done = len(plans) * 14, 0
    schools, enterprises = [], []
    posting_id = round_students = round_positions = 0
    for plan in plans:
        school_table, enterprise_table = _registry_tables(plan, seed)
        schools.append(school_table)
        enterprises.append(enterprise_table)
        for month in range(1, 13):
            progress(done, steps, f"postings {plan.name} {year}-{month:02d}")
            posting_id += write_postings(root, plan, year, month, seed, posting_id)
            done += 1
        progress(done, steps, f"placement round {plan.name}")
        students, positions = write_round(root, plan, seed)
        round_students, round_positions = round_students + students, round_positions + positions
        done += 2
    pq.write_table(pa.concat_tables(schools), root / "schools.parquet", compression="zstd")
    pq.write_table(pa.concat_tables(enterprises), root / "enterprises.parquet", compression="zstd")
    summary = pa.table(
        {
            "province": [plan.province for plan in plans],
            "name": [plan.name for plan in plans],
            "zone": [plan.zone for plan in plans],
            "students": [plan.students for plan in plans],
            "schools": [plan.schools for plan in plans],
            "enterprises": [plan.enterprises for plan in plans],
            "postings": [plan.postings for plan in plans],
            "final_year_students": [plan.final_year_students for plan in plans],
        }
    )
    pq.write_table(summary, root / "provinces.parquet")
    counts = NationSummary(
        provinces=len(plans),
        students=sum(plan.students for plan in plans),
        schools=sum(plan.schools for plan in plans),
        enterprises=sum(plan.enterprises for plan in plans),
        postings=posting_id,
        round_students=round_students,
        round_positions=round_positions,
    )
    (root / "nation.json").write_text(
        json.dumps({"seed": seed, "fraction": fraction, "year": year, **counts.__dict__})
    )
    progress(steps, steps, "done")
    return counts
