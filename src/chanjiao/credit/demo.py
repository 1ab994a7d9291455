"""The demo city's credit file: Suzhou's policy in two versions, records that explain every
rating (R&D, contributions, insurance with and without claims, disputes and breaches), equity,
benefit sharing, one-window applications, and every enterprise assessed under both versions.

Version 1 is the national defaults. Version 2 is Suzhou's edit: course co-development is not on
the platform yet, so AA asks for equipment contributed instead; repeated breaches rate C;
agreements must also settle student personal-data protection; incentives and clauses carry
their Chinese titles. Ratings are computed under
version 1, then recomputed under version 2, so the demo shows old results tied to the old version.
"""

from __future__ import annotations

from typing import Any

from chanjiao.accounts.models import User
from chanjiao.core.credit import Policy
from chanjiao.credit.jobs import recompute_region
from chanjiao.credit.models import PolicyVersion
from chanjiao.credit.services import assess_enterprises, save_policy
from chanjiao.registry.models import Organisation, OrgKind, Region

DEMO_YEAR = 2025
"""The demo city's current year (placements run to 2025)."""

SUZHOU_EDIT: dict[str, Any] = {
    "aa": [
        {"metric": "hosted_students_each_year", "operator": ">=", "threshold": 50},
        {"metric": "rd_share", "operator": ">", "threshold": 0.03},
        {"metric": "equipment_contributed", "operator": ">=", "threshold": 100_000},
    ],
    "a": [
        {"metric": "hosted_students_each_year", "operator": ">=", "threshold": 20},
        {"metric": "mentors_provided", "operator": ">=", "threshold": 1},
    ],
    "repeated_breaches": {
        "condition": {"metric": "breaches", "operator": ">=", "threshold": 2},
        "max_rating": "C",
    },
    "clause": ("student_data_protection", "学生个人信息保护"),
    "incentive_titles": {
        "tax_credit": "税收抵免",
        "land_priority": "用地优先",
        "procurement_priority": "政府采购供应商优先",
        "green_credit": "绿色信贷",
    },
    "clause_titles": {
        "ip_ownership": "知识产权归属",
        "training_safety_and_insurance": "实训安全与保险",
        "distribution_of_results": "成果分配",
        "rights_defence": "对外维权主体",
        "dispute_resolution": "争议解决",
        "risk_sharing": "风险分担",
        "exit": "退出机制",
    },
}


def demo_policy(dataset) -> PolicyVersion:
    """Version 1 of the demo city's policy (the national defaults), saved by the demo officer."""
    existing = PolicyVersion.objects.filter(region=dataset.region, version=1).first()
    if existing is not None:
        return existing
    return save_policy(
        region=dataset.region,
        policy_settings=Policy().to_dict(),
        finance_tier="strong",
        note="全国默认规则",
        actor=User.objects.filter(username="officer").first(),
    )


def suzhou_edit(version: PolicyVersion) -> dict:
    """Version 1's settings with Suzhou's changes."""
    settings = version.policy.to_dict()
    grades = {grade["rating"]: grade for grade in settings["credit"]["grades"]}
    grades["AA"]["criteria"] = SUZHOU_EDIT["aa"]
    grades["A"]["criteria"] = SUZHOU_EDIT["a"]
    settings["credit"]["caps"] = [SUZHOU_EDIT["repeated_breaches"], *settings["credit"]["caps"]]
    clauses = settings["agreements"]["mandatory_clauses"]
    clauses.update({key: title for key, title in SUZHOU_EDIT["clause_titles"].items() if key in clauses})
    key, title = SUZHOU_EDIT["clause"]
    clauses[key] = title
    for rule in settings["incentives"]["rules"]:
        rule["title"] = SUZHOU_EDIT["incentive_titles"].get(rule["key"], rule["title"])
    return settings


def populate_credit(*, dataset, progress) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    from chanjiao.credit.demo_records import populate_records

    officer = User.objects.filter(username="officer").first()
    region = Region.objects.get(pk=dataset.region_id)
    first = demo_policy(dataset)
    counts = populate_records(dataset=dataset)
    enterprises = list(
        Organisation.objects.filter(kind=OrgKind.ENTERPRISE, region__path__startswith=region.path)
        .select_related("region")
        .order_by("pk")
    )
    assess_enterprises(enterprises=enterprises, actor=officer, as_of_year=DEMO_YEAR)
    save_policy(
        region=region,
        policy_settings=suzhou_edit(first),
        finance_tier="strong",
        note="课程共建记录上线前以设备投入代替；两次及以上违约评为C；协议须约定学生个人信息保护",
        actor=officer,
    )
    summary = recompute_region(region=region, actor=officer, as_of_year=DEMO_YEAR)
    counts["credit_assessments"] = 2 * summary["assessed"]
    return counts
