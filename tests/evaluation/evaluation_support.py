"""Helpers shared by the evaluation tests (plain functions; fixtures are in conftest.py)."""

import datetime as dt
import json

from chanjiao.core.indicators import Dimension, Framework
from chanjiao.evaluation import runs, services
from chanjiao.evaluation.indicators import DEFINITIONS
from chanjiao.evaluation.models import AnnualReturn, UnitKind
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Region
from factories import SUZHOU

YEAR = 2025


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def file_return(kind, unit_id, year=YEAR, **figures):
    return AnnualReturn.objects.create(unit_kind=kind, unit_id=unit_id, year=year, **figures)


def place(student, enterprise, year=YEAR, status="completed"):
    return Placement.objects.create(
        student=student,
        enterprise=enterprise,
        kind="internship",
        year=year,
        start_date=dt.date(year, 7, 1),
        end_date=dt.date(year, 8, 31),
        status=status,
    )


def two_indicator_framework() -> dict:
    """Employment (results) and key-equipment failure (process), equal weights."""
    return Framework(
        Dimension(
            "integration_index",
            "Industry-education integration index",
            "产教融合综合指数",
            (
                Dimension(
                    "process", "Process management", "过程管理", (DEFINITIONS["key_equipment_failure_rate"],)
                ),
                Dimension(
                    "results", "Result effectiveness", "结果成效", (DEFINITIONS["graduate_employment_rate"],)
                ),
            ),
        )
    ).to_dict()


def result_of(evaluation, carrier):
    return evaluation.results.get(unit_kind=UnitKind.CARRIER, unit_id=carrier.pk)


def run_district_evaluation(officer, returns, **scheme_fields):
    """Evaluate the districts of Suzhou on the two indicators (red above 40 % equipment failed).

    ``returns`` maps a district's id to its return's figures; the others file none.
    """
    scheme = services.create_scheme(
        actor=officer,
        data={
            "name": "区县评价",
            "unit_kind": UnitKind.REGION,
            "region": Region.objects.get(pk=SUZHOU),
            "outliers": "none",
            **scheme_fields,
        },
    )
    services.set_thresholds(
        actor=officer, scheme=scheme, green_from=50.0, yellow_from=None,
        red_lines=[{"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 40.0}],
        red_deadline_days=90, yellow_deadline_days=180,
    )  # fmt: skip
    services.set_framework(actor=officer, scheme=scheme, framework=two_indicator_framework())
    for region_id, figures in returns.items():
        file_return(UnitKind.REGION, region_id, **figures)
    cycle = services.create_cycle(actor=officer, scheme=scheme, kind="annual", year=YEAR)
    return runs.run_evaluation(actor=officer, cycle=cycle)
