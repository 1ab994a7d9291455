"""The demo city's agreements and councils: agreements of the demo school in every state (a
draft awaiting a signature, active, renewed, exited after a breach, expiring soon), a council
for every carrier governed by one, and a consortium meeting whose motions were voted."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.core.credit import Policy
from chanjiao.governance.models import Council, MotionKind
from chanjiao.governance.services import amend_agreement, draft_agreement, exit_agreement, sign_agreement
from chanjiao.governance.services_councils import (
    cast_vote,
    close_motion,
    propose_motion,
    record_minutes,
    schedule_meeting,
)
from chanjiao.registry.models import Carrier, CarrierMember, GovernanceBody, Organisation, OrgKind

CLAUSE_TEXT = {
    "ip_ownership": "教学资源著作权归学校；企业提供的工艺与数据归企业；共同开发成果共有",
    "training_safety_and_insurance": "企业负责岗前安全培训，为每名学生投保产教融合综合保险",
    "distribution_of_results": "成果转化收益按双方签署的收益分配表分配",
    "rights_defence": "权利受第三方侵害时由权利人维权，另一方提供证据与协助",
    "dispute_resolution": "协商解决；协商不成提交苏州仲裁委员会仲裁",
    "risk_sharing": "设备损耗由企业承担，学生日常管理风险由学校承担",
    "exit": "任何一方提前三个月书面通知可退出，并妥善安置在岗学生",
}


def _clauses() -> dict[str, str]:
    return {key: CLAUSE_TEXT.get(key, title) for key, title in Policy().agreements.mandatory_clauses}


def populate_governance(*, dataset) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    from chanjiao.credit.demo import demo_policy

    demo_policy(dataset)
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["officer", "school", "enterprise", "enterprise2"])
    }
    councils = _councils(dataset)
    agreements = _agreements(users) if {"school", "enterprise", "enterprise2"} <= set(users) else 0
    motions = _consortium_meeting(dataset, users.get("officer"))
    return {"councils": councils, "agreements": agreements, "council_motions": motions}


def _councils(dataset) -> int:
    carriers = Carrier.objects.filter(
        governance_body=GovernanceBody.COUNCIL, region__path__startswith=dataset.region.path
    ).order_by("pk")
    created = Council.objects.bulk_create(
        [Council(carrier=c, name=f"{c.name}理事会", established_on=c.start_date) for c in carriers]
    )
    return len(created)


def _agreements(users) -> int:
    school_user, enterprise_user, enterprise2_user = (
        users["school"],
        users["enterprise"],
        users["enterprise2"],
    )
    school = school_user.organisation
    partners = list(
        Organisation.objects.filter(kind=OrgKind.ENTERPRISE, carrier_memberships__carrier__lead=school)
        .exclude(pk__in=[enterprise_user.organisation_id, enterprise2_user.organisation_id])
        .distinct()
        .order_by("pk")[:3]
    )
    today = timezone.localdate()

    def agreement(title, kind, partner, starts, ends, signers):
        created = draft_agreement(
            organisation=school,
            data={
                "title": title,
                "kind": kind,
                "parties": [partner],
                "starts_on": starts,
                "ends_on": ends,
                "clauses": _clauses(),
            },
            actor=school_user,
        )
        for organisation, user in signers:
            sign_agreement(agreement=created, organisation=organisation, actor=user)
        return created

    both = [(school, school_user), (enterprise_user.organisation, enterprise_user)]
    agreement(
        "半导体封测现代学徒制合作协议",
        "apprenticeship",
        enterprise_user.organisation,
        dt.date(2024, 9, 1),
        dt.date(2027, 8, 31),
        both,
    )
    agreement(
        "纺织品检测订单班合作协议",
        "order_class",
        enterprise2_user.organisation,
        dt.date(2026, 9, 1),
        dt.date(2029, 8, 31),
        [(school, school_user)],
    )
    count = 2
    if len(partners) == 3:
        renewed, exited, expiring = partners
        system = [(school, school_user), (renewed, None)]
        first = agreement(
            "智能制造实训基地共建协议", "carrier", renewed, dt.date(2022, 9, 1), dt.date(2025, 8, 31), system
        )
        amend_agreement(
            agreement=first,
            data={
                "renewal": True,
                "starts_on": dt.date(2022, 9, 1),
                "ends_on": dt.date(2028, 8, 31),
                "note": "续签三年",
                "clauses": _clauses(),
            },
            actor=school_user,
        )
        for organisation, user in system:
            sign_agreement(agreement=first, organisation=organisation, actor=user)
        left = agreement(
            "顶岗实习合作协议",
            "school_enterprise",
            exited,
            dt.date(2023, 9, 1),
            dt.date(2026, 8, 31),
            [(school, school_user), (exited, None)],
        )
        exit_agreement(
            agreement=left,
            organisation=school,
            exited_on=dt.date(2025, 6, 30),
            reason="企业未按协议接收顶岗实习学生，学校依退出条款提前三个月书面通知后退出",
            actor=school_user,
        )
        agreement(
            "数控加工订单班协议",
            "order_class",
            expiring,
            today - dt.timedelta(days=3 * 365),
            today + dt.timedelta(days=45),
            [(school, school_user), (expiring, None)],
        )
        count += 3
    return count


def _consortium_meeting(dataset, officer) -> int:
    """The municipal consortium's annual meeting: a curriculum motion passed, a use-of-funds
    motion short of two-thirds, a program-setting motion still open for votes."""
    council = Council.objects.filter(
        carrier__kind="municipal_consortium", carrier__region__path__startswith=dataset.region.path
    ).first()
    if council is None or officer is None:
        return 0
    members = list(
        CarrierMember.objects.filter(carrier=council.carrier, council_seats__gt=0)
        .select_related("organisation")
        .order_by("pk")
    )
    meeting = schedule_meeting(
        council=council,
        data={
            "title": "2025年度理事会全体会议",
            "held_on": dt.date(2025, 12, 12),
            "location": "苏州市教育局会议室",
            "agenda": "一、审议工业机器人运维课程模块\n二、审议2026年度专项经费使用方案\n三、审议新增集成电路技术专业",
        },
        actor=officer,
    )
    curriculum = propose_motion(
        meeting=meeting,
        data={
            "kind": MotionKind.CURRICULUM,
            "title": "新增工业机器人运维课程模块",
            "text": "由合作企业与学校共同开发，2026年秋季学期开设。",
        },
        actor=officer,
    )
    funds = propose_motion(
        meeting=meeting,
        data={
            "kind": MotionKind.USE_OF_FUNDS,
            "title": "2026年度专项经费使用方案",
            "text": "专项经费的60%用于共享实训基地设备更新。",
        },
        actor=officer,
    )
    program = propose_motion(
        meeting=meeting,
        data={
            "kind": MotionKind.PROGRAM_SETTING,
            "title": "新增集成电路技术专业",
            "text": "2026年招生，面向半导体企业岗位需求。",
        },
        actor=officer,
    )
    for position, member in enumerate(members):
        cast_vote(
            motion=curriculum,
            organisation=member.organisation,
            choice="no" if position % 7 == 3 else "yes",
            actor=None,
        )
        schools_say = "yes" if member.organisation.kind == OrgKind.SCHOOL else "no"
        cast_vote(
            motion=funds,
            organisation=member.organisation,
            choice=schools_say if position % 5 else "abstain",
            actor=None,
        )
    close_motion(motion=curriculum, actor=officer)
    close_motion(motion=funds, actor=officer)
    record_minutes(
        meeting=meeting,
        minutes="会议审议三项议案：课程模块议案获通过；经费使用方案未达三分之二多数，退回修改；专业设置议案会后继续表决。",
        actor=officer,
    )
    return len([curriculum, funds, program])
