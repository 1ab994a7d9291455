"""Helpers shared by the evaluation tests (plain functions; fixtures are in conftest.py)."""

import datetime as dt
import json

from chanjiao.core.indicators import Dimension, Framework
from chanjiao.evaluation.indicators import DEFINITIONS
from chanjiao.evaluation.models import AnnualReturn, UnitKind
from chanjiao.matching.models import Placement

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
