"""Fixtures for the credit app: students hosted per year, a Suzhou policy, JSON clients."""

import datetime as dt
import itertools
import json

import pytest

from chanjiao.credit.services import save_policy
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Region, Student

_numbers = itertools.count(1)


@pytest.fixture
def send():
    """``send(client, "post", url, payload)``: a JSON request."""

    def request(client, method, url, payload=None):
        return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")

    return request


@pytest.fixture
def error_fields():
    """The fields a 422 answer names."""
    return lambda response: [item["loc"][-1] for item in response.json()["detail"]]


@pytest.fixture
def host(world):
    """``host(enterprise, {2023: 100, 2024: 120})`` creates that many students of the world's
    program and one internship each with the enterprise in each year (apprentices with ``kind``)."""

    def create(enterprise, per_year, kind="internship", status="completed"):
        program = world["program"]
        for year, count in per_year.items():
            students = Student.objects.bulk_create(
                [
                    Student(
                        school=program.school,
                        program=program,
                        student_no=f"H{next(_numbers):07d}",
                        name="实习生",
                        year=year,
                    )
                    for _ in range(count)
                ]
            )
            Placement.objects.bulk_create(
                [
                    Placement(
                        student=student,
                        enterprise=enterprise,
                        kind=kind,
                        stage="post" if kind == "internship" else "",
                        year=year,
                        start_date=dt.date(year, 7, 1),
                        end_date=dt.date(year, 12, 31),
                        status=status,
                    )
                    for student in students
                ]
            )

    return create


@pytest.fixture
def suzhou_policy(world):
    """Suzhou's policy, version 1: the national defaults with the strong finance tier."""
    return save_policy(
        region=Region.objects.get(pk=320500),
        policy_settings={},
        finance_tier="strong",
        note="defaults",
        actor=world["officer"],
    )


@pytest.fixture
def aaa_records(world, host, suzhou_policy):
    """The world's enterprise hosts ≥ 100 students in each of 2023–2025; its R&D spending is
    800 of 12,000 (6.67 %): the seeds' AAA example."""
    host(world["enterprise"], {2023: 100, 2024: 104, 2025: 110})
    host(world["other_enterprise"], {2024: 3, 2025: 5})


CLAUSES = {
    "ip_ownership": "课程与教材著作权归学校，工艺改进成果归企业",
    "training_safety_and_insurance": "企业提供安全培训并投保产教融合综合保险",
    "distribution_of_results": "合作成果收益按贡献分配",
    "rights_defence": "由权利人维权，另一方协助",
    "dispute_resolution": "协商不成提交苏州仲裁委员会",
    "risk_sharing": "设备损耗由企业承担，学生管理风险由学校承担",
    "exit": "提前三个月书面通知，妥善安置在岗学生",
}


@pytest.fixture
def active_agreement(world, suzhou_policy):
    """An agreement in force between the world's school and enterprise, 2025 to 2027."""
    from chanjiao.governance.services import draft_agreement, sign_agreement

    agreement = draft_agreement(
        organisation=world["school"],
        data={
            "title": "数控技术现代学徒制合作协议",
            "kind": "apprenticeship",
            "parties": [world["enterprise"]],
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "clauses": dict(CLAUSES),
        },
        actor=world["school_user"],
    )
    sign_agreement(agreement=agreement, organisation=world["school"], actor=world["school_user"])
    sign_agreement(agreement=agreement, organisation=world["enterprise"], actor=world["enterprise_user"])
    return agreement
