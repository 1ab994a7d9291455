"""Records behind the demo city's ratings: contributions, insurance, disputes and breaches,
technology equity, benefit sharing and one-window applications. Deterministic from the seed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np

from chanjiao.accounts.models import User
from chanjiao.credit import sources
from chanjiao.credit.calculations import share_table
from chanjiao.credit.models import (
    Contribution,
    ContributionKind,
    Incident,
    IncidentKind,
    InsuranceClaim,
    InsuranceCover,
    ReviewDecision,
)
from chanjiao.credit.services_money import create_sharing, create_stake, record_equity_year, sign_sharing
from chanjiao.credit.services_one_window import review_application, submit_application
from chanjiao.registry.models import Carrier, Organisation, OrgKind

APPRAISERS = ("苏州信达资产评估有限公司", "江苏中天资产评估事务所", "苏州天平资产评估有限公司")
INSURERS = ("中国人民财产保险苏州分公司", "中国平安财产保险苏州分公司", "太平洋财产保险苏州分公司")
EQUIPMENT = ("数控加工实训设备", "工业机器人工作站", "智能产线实训单元", "检测仪器", "虚拟仿真实训软件")
CLAIMS = ("实训中手部划伤", "顶岗实习途中交通事故", "设备操作扭伤", "实训车间烫伤")
YEARS = (2023, 2024, 2025)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("organisation").first()


def populate_records(*, dataset) -> dict[str, int]:
    rng = np.random.default_rng(dataset.seed + 6_000)
    officer, enterprise_user = _user("officer"), _user("enterprise")
    demo = enterprise_user.organisation if enterprise_user else None
    enterprises = {
        e.pk: e
        for e in Organisation.objects.filter(
            kind=OrgKind.ENTERPRISE, region__path__startswith=dataset.region.path
        )
        .select_related("region")
        .order_by("pk")
    }
    schools = list(
        Organisation.objects.filter(
            kind=OrgKind.SCHOOL, region__path__startswith=dataset.region.path
        ).order_by("pk")
    )
    hosted = sources.hosted_students(list(enterprises), range(YEARS[0], YEARS[-1] + 1))
    per_year = {(pk, year): sum(hosted.get((pk, year), {}).values()) for pk in enterprises for year in YEARS}
    # Enterprises by the fewest students they hosted in any of the three years, most first.
    ranked = sorted(enterprises, key=lambda pk: (-min(per_year[(pk, y)] for y in YEARS), pk))
    counts = {
        "credit_contributions": _contributions(rng, enterprises, ranked, schools, demo, officer),
        "insurance_covers": _insurance(rng, enterprises, ranked, per_year, demo, officer),
    }
    counts["credit_incidents"] = _incidents(enterprises, ranked, schools, demo, officer)
    if demo is not None and schools:
        _equity_and_sharing(demo, schools[0], enterprise_user, _user("school"))
        _applications(demo, per_year[(demo.pk, 2025)], _user("enterprise2"), enterprise_user, officer)
    return counts


def _contributions(rng, enterprises, ranked, schools, demo, officer) -> int:
    rows = []
    if demo is not None and schools:
        rows += [
            Contribution(
                enterprise=demo,
                kind=ContributionKind.EQUIPMENT,
                description="半导体封装测试实训线",
                recipient=schools[0],
                contributed_on=dt.date(2024, 5, 20),
                appraised_value=Decimal("320000.00"),
                appraiser=APPRAISERS[0],
                appraisal_reference="信达评报字〔2024〕第0518号",
                recorded_by=officer,
            ),
            Contribution(
                enterprise=demo,
                kind=ContributionKind.TECHNOLOGY,
                description="晶圆缺陷视觉检测算法",
                recipient=schools[0],
                contributed_on=dt.date(2024, 9, 1),
                appraised_value=Decimal("1200000.00"),
                appraiser=APPRAISERS[1],
                appraisal_reference="中天评报字〔2024〕第211号",
                recorded_by=officer,
            ),
        ]
    for pk in ranked[:40]:
        if demo is not None and pk == demo.pk:
            continue
        if rng.random() < 0.7:
            year = int(rng.choice(YEARS))
            rows.append(
                Contribution(
                    enterprise=enterprises[pk],
                    kind=ContributionKind.EQUIPMENT,
                    description=str(rng.choice(EQUIPMENT)),
                    recipient=schools[int(rng.integers(len(schools)))],
                    contributed_on=dt.date(year, int(rng.integers(1, 13)), 1),
                    appraised_value=Decimal(int(rng.integers(60, 600)) * 1000),
                    appraiser=str(rng.choice(APPRAISERS)),
                    appraisal_reference=f"评报字〔{year}〕第{int(rng.integers(100, 999))}号",
                    recorded_by=officer,
                )
            )
        if rng.random() < 0.2:
            rows.append(
                Contribution(
                    enterprise=enterprises[pk],
                    kind=ContributionKind.FUNDS,
                    description="奖学金与实训耗材经费",
                    recipient=schools[int(rng.integers(len(schools)))],
                    contributed_on=dt.date(2025, 3, 1),
                    appraised_value=Decimal(int(rng.integers(50, 300)) * 1000),
                    appraiser="银行转账凭证",
                    recorded_by=officer,
                )
            )
    Contribution.objects.bulk_create(rows)
    return len(rows)


def _insurance(rng, enterprises, ranked, per_year, demo, officer) -> int:
    insured = set(ranked[:60]) | {pk for pk in ranked[60:] if rng.random() < 0.25}
    if demo is not None:
        insured.add(demo.pk)
    covers = [
        InsuranceCover(
            enterprise=enterprises[pk],
            year=year,
            insurer=str(rng.choice(INSURERS)),
            policy_number=f"PEDU{year}{pk:05d}",
            premium=Decimal(max(1200, per_year[(pk, year)] * 150)),
            insured_people=per_year[(pk, year)],
            recorded_by=officer,
        )
        for pk in sorted(insured)
        for year in YEARS
        if per_year[(pk, year)] > 0
    ]
    covers = InsuranceCover.objects.bulk_create(covers)
    claims = []
    for cover in covers:
        demo_claim = demo is not None and cover.enterprise_id == demo.pk and cover.year == 2024
        if demo_claim or (demo is None or cover.enterprise_id != demo.pk) and rng.random() < 0.07:
            claims.append(
                InsuranceClaim(
                    cover=cover,
                    occurred_on=dt.date(cover.year, int(rng.integers(3, 12)), int(rng.integers(1, 28))),
                    description=str(rng.choice(CLAIMS)),
                    paid=Decimal(int(rng.integers(20, 300)) * 100),
                    recorded_by=officer,
                )
            )
    InsuranceClaim.objects.bulk_create(claims)
    return len(covers)


def _incidents(enterprises, ranked, schools, demo, officer) -> int:
    """A breach linked to the agreement a school exited; repeated breaches (C under Suzhou's
    policy); three disputes capping a strong host at A."""
    from chanjiao.governance.models import Agreement, AgreementStatus

    rows = []
    exited = Agreement.objects.filter(status=AgreementStatus.EXITED).prefetch_related("party_rows").first()
    if exited is not None:
        party = next(
            (
                row.organisation
                for row in exited.party_rows.all()
                if row.organisation.kind == OrgKind.ENTERPRISE
            ),
            None,
        )
        if party is not None:
            rows.append(
                Incident(
                    enterprise=party,
                    kind=IncidentKind.BREACH,
                    occurred_on=dt.date(2025, 4, 15),
                    description="未按协议接收顶岗实习学生，也未提前通知学校",
                    counterparty=schools[0],
                    agreement=exited,
                    recorded_by=officer,
                )
            )
    others = [pk for pk in ranked if demo is None or pk != demo.pk]
    repeated, disputed = others[30], others[2]
    for occurred in (dt.date(2024, 10, 8), dt.date(2025, 5, 12)):
        rows.append(
            Incident(
                enterprise=enterprises[repeated],
                kind=IncidentKind.BREACH,
                occurred_on=occurred,
                description="拖欠学徒津贴，违反现代学徒制协议",
                counterparty=schools[-1],
                recorded_by=officer,
            )
        )
    for month in (3, 6, 9):
        rows.append(
            Incident(
                enterprise=enterprises[disputed],
                kind=IncidentKind.DISPUTE,
                occurred_on=dt.date(2025, month, 10),
                description="实习岗位与协议约定不符，学生投诉",
                counterparty=schools[1 % len(schools)],
                recorded_by=officer,
            )
        )
    Incident.objects.bulk_create(rows)
    return len(rows)


def _equity_and_sharing(demo, school, enterprise_user, school_user) -> None:
    technology = Contribution.objects.filter(enterprise=demo, kind=ContributionKind.TECHNOLOGY)
    carrier = Carrier.objects.filter(lead=school, kind="industrial_college").first()
    stake = create_stake(
        enterprise=demo,
        data={
            "venture": carrier.name if carrier else "半导体产业学院",
            "carrier": carrier,
            "other_capital": Decimal("4000000.00"),
            "contributions": list(technology),
        },
        actor=enterprise_user,
    )
    for year, rate, income in ((2024, "0.86", "650000.00"), (2025, "0.91", "1350000.00")):
        record_equity_year(
            stake=stake,
            data={"year": year, "certification_pass_rate": Decimal(rate), "transfer_income": Decimal(income)},
            actor=enterprise_user,
        )
    parties = [
        (school, Decimal("300000.00"), "研发人员工时折算"),
        (demo, Decimal("900000.00"), "检测设备与产线数据"),
    ]
    table = share_table(
        method="proportional",
        total=Decimal("800000.00"),
        parties=[(org.pk, org.name, amount) for org, amount, _note in parties],
    )
    signed = create_sharing(
        data={
            "title": "晶圆缺陷检测算法成果转化收益",
            "description": "技术许可收入按贡献分配",
            "total": Decimal("800000.00"),
            "method": "proportional",
            "parties": parties,
            "table": table,
        },
        actor=school_user,
    )
    sign_sharing(sharing=signed, organisation=school, actor=school_user)
    sign_sharing(sharing=signed, organisation=demo, actor=enterprise_user)
    values = [
        (frozenset({school.pk}), Decimal("0")),
        (frozenset({demo.pk}), Decimal("200000")),
        (frozenset({school.pk, demo.pk}), Decimal("500000")),
    ]
    shapley_parties = [(school, Decimal("0"), "工艺试验与学生团队"), (demo, Decimal("0"), "封装产线")]
    create_sharing(
        data={
            "title": "封装工艺改进联合专利许可收益",
            "total": Decimal("500000.00"),
            "method": "shapley",
            "parties": shapley_parties,
            "coalition_values": values,
            "table": share_table(
                method="shapley",
                total=Decimal("500000.00"),
                parties=[(org.pk, org.name, c) for org, c, _n in shapley_parties],
                coalition_values=values,
            ),
        },
        actor=enterprise_user,
    )


def _applications(demo, hosted_2025, enterprise2_user, enterprise_user, officer) -> None:
    """The demo enterprise's training-subsidy application (education has approved); the second
    enterprise's apprenticeship-subsidy application, whose claims exceed its records (rejected)."""
    nothing_else = {
        "claimed_technical_needs_solved": 0,
        "claimed_equipment_contributed": Decimal("0.00"),
        "statement": "",
    }
    application = submit_application(
        enterprise=demo,
        data={
            "incentive": "training_subsidy",
            "year": 2025,
            "claimed_hosted_students": hosted_2025,
            "claimed_rd_spending": (demo.rd_spending or Decimal(0)) * 10_000,
            **nothing_else,
        },
        actor=enterprise_user,
    )
    review_application(
        application=application,
        department="education",
        decision=ReviewDecision.APPROVED,
        note="",
        actor=officer,
    )
    if enterprise2_user is None:
        return
    rejected = submit_application(
        enterprise=enterprise2_user.organisation,
        data={
            "incentive": "apprenticeship_subsidy",
            "year": 2025,
            "claimed_hosted_students": 60,
            "claimed_rd_spending": Decimal("0.00"),
            **nothing_else,
        },
        actor=enterprise2_user,
    )
    review_application(
        application=rejected,
        department="education",
        decision=ReviewDecision.REJECTED,
        note="申报接收学生数与平台记录不符",
        actor=officer,
    )
