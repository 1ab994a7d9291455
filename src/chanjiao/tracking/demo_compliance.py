"""Demo internship compliance: a three-party agreement for every post internship that has started,
signed by the three parties in the weeks before the start, with liability insurance from the first
day and post interns paid between 80 % and 100 % of the post's wage; a few realistic breaches (an
agreement the student signed after the start, an internship begun without insurance); and a few
problems students reported to their school, some answered."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
from django.utils import timezone

from chanjiao.docking.bulk import insert_rows
from chanjiao.matching.models import InternshipStage, Placement, PlacementKind, PlacementStatus
from chanjiao.tracking.demo_training import TODAY
from chanjiao.tracking.models import InternshipAgreement, InternshipConcern

INSURERS = ("中国人民财产保险股份有限公司", "中国平安财产保险股份有限公司", "中国太平洋财产保险股份有限公司")
LATE_SIGNATURE_SHARE = 0.015
UNINSURED_SHARE = 0.01
CONCERNS = (
    (
        "hours",
        "车间要求我们和正式员工一样上夜班，每周六也要加班。",
        "已与企业核实并要求立即停止夜班安排，学校将每周回访。",
    ),
    ("pay", "实习报酬比协议约定的少发了一个月。", "已联系企业人事部门，报酬已于本周补发。"),
    ("safety", "岗前没有进行安全培训就安排上机操作。", ""),
    ("mismatch", "最近两周一直在仓库搬货，和专业无关。", ""),
)


def agreements(rng: np.random.Generator, region_path: str) -> dict[str, int]:
    placements = list(
        Placement.objects.filter(
            student__school__region__path__startswith=region_path,
            kind=PlacementKind.INTERNSHIP,
            start_date__lte=TODAY,
            internship_agreement__isnull=True,
        )
        .exclude(stage=InternshipStage.COGNITIVE)
        .exclude(status__in=[PlacementStatus.OFFERED, PlacementStatus.DECLINED])
        .order_by("pk")
        .values_list("pk", "stage", "start_date", "end_date", "status")
    )
    rows = []
    for pk, stage, start, end, _status in placements:
        school_signed = start - dt.timedelta(days=int(rng.integers(10, 31)))
        enterprise_signed = school_signed + dt.timedelta(days=int(rng.integers(0, 4)))
        student_signed = enterprise_signed + dt.timedelta(days=int(rng.integers(0, 4)))
        if rng.random() < LATE_SIGNATURE_SHARE:
            student_signed = start + dt.timedelta(days=int(rng.integers(3, 15)))
        insured = rng.random() >= UNINSURED_SHARE
        wage = pay = None
        if stage == InternshipStage.POST:
            wage = Decimal(int(rng.integers(40, 81)) * 100)
            pay = Decimal(math.ceil(float(wage) * float(rng.uniform(0.8, 1.0)) / 10) * 10)
        rows.append(
            (
                pk,
                pay,
                wage,
                INSURERS[int(rng.integers(len(INSURERS)))] if insured else "",
                f"SXZR{start.year}{pk:07d}" if insured else "",
                start if insured else None,
                end if insured else None,
                school_signed,
                enterprise_signed,
                student_signed,
                "",
                timezone.now(),
            )
        )
    fields = (
        "placement",
        "monthly_pay",
        "post_wage",
        "insurer",
        "insurance_policy_no",
        "insured_from",
        "insured_to",
        "school_signed_on",
        "enterprise_signed_on",
        "student_signed_on",
        "guardian_name",
        "updated_at",
    )
    insert_rows(InternshipAgreement, fields, rows)
    running = [pk for pk, stage, _s, _e, status in placements if status == PlacementStatus.ACTIVE]
    concerns = []
    for index, pk in enumerate(rng.choice(running, size=min(len(running), 2 * len(CONCERNS)), replace=False)):
        topic, description, response = CONCERNS[index % len(CONCERNS)]
        answered = bool(response) and index < len(CONCERNS)
        reported = timezone.make_aware(
            dt.datetime.combine(TODAY - dt.timedelta(days=int(rng.integers(3, 30))), dt.time(20))
        )
        concerns.append(
            InternshipConcern(
                placement_id=int(pk),
                topic=topic,
                description=description,
                status="answered" if answered else "open",
                reported_at=reported,
                response=response if answered else "",
                answered_at=reported + dt.timedelta(days=2) if answered else None,
            )
        )
    InternshipConcern.objects.bulk_create(concerns)
    return {"internship_agreements": len(rows), "internship_concerns": len(concerns)}
