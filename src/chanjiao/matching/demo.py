"""Placements for the demo city: three internship stages a cohort goes through (cognitive in the
first year, shadowing in the second, post internship in the third), modern apprenticeships in
manufacturing programs and order classes, hosted mostly by enterprises of the program's industries
and more often by larger ones (weight ∝ employees^1.1)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.demo.programs import PROGRAM_BY_CODE
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Student

TODAY = dt.date(CURRENT_YEAR, 11, 22)
STAGES = (  # (years after entry, stage, probability, start month/day, end month/day)
    (0, "cognitive", 0.55, (7, 1), (7, 21)),
    (1, "shadowing", 0.75, (3, 1), (6, 30)),
    (2, "post", 0.92, (7, 1), (12, 31)),
)


def populate_placements(*, dataset) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    rng = np.random.default_rng(dataset.seed + 4_000)
    organisations = dataset.organisations.all()
    enterprises = list(
        organisations.filter(kind="enterprise").order_by("pk").values_list("pk", "industry", "employees")
    )
    by_industry: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for letter in {industry for _, industry, _ in enterprises}:
        ids = np.array([pk for pk, industry, _ in enterprises if industry == letter])
        weights = np.array([float(e or 1) ** 1.1 for _, industry, e in enterprises if industry == letter])
        by_industry[letter] = (ids, weights / weights.sum())
    all_ids = np.array([pk for pk, _, _ in enterprises])

    def host(industries: str) -> int:
        letters = [x for x in industries if x in by_industry]
        if not letters or rng.random() < 0.15:
            return int(all_ids[rng.integers(len(all_ids))])
        ids, weights = by_industry[letters[int(rng.integers(len(letters)))]]
        return int(rng.choice(ids, p=weights))

    students = (
        Student.objects.filter(school__in=organisations)
        .order_by("pk")
        .values_list("pk", "year", "program__code")
    )
    rows: list[Placement] = []
    for student_id, entry_year, program_code in students:
        template = PROGRAM_BY_CODE.get(program_code)
        industries = template.industries if template else "C"
        codes = [c for c, _ in template.crosswalk] if template else [None]
        weights = np.array([w for _, w in template.crosswalk]) if template else np.array([1.0])
        apprentice = (
            template is not None
            and template.family in {"manufacturing", "automotive"}
            and rng.random() < 0.08
        )
        for offset, stage, probability, (m1, d1), (m2, d2) in STAGES:
            year = entry_year + offset
            if year > CURRENT_YEAR or rng.random() > probability:
                continue
            start, end = dt.date(year, m1, d1), dt.date(year, m2, d2)
            if start > TODAY:
                continue
            kind = "apprenticeship" if apprentice and offset == 1 else "internship"
            status = "terminated" if rng.random() < 0.03 else ("completed" if end < TODAY else "active")
            rows.append(
                Placement(
                    student_id=student_id,
                    enterprise_id=host(industries),
                    kind=kind,
                    stage=stage if kind == "internship" else "",
                    occupation_id=codes[int(rng.choice(len(codes), p=weights / weights.sum()))],
                    year=year,
                    start_date=start,
                    end_date=end,
                    status=status,
                    source="direct",
                )
            )
    Placement.objects.bulk_create(rows, batch_size=5000)
    return {"placements": len(rows)}
