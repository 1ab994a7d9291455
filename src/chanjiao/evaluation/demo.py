"""Evaluation in the demo city: annual returns of raw figures, schemes, past cycles, cases, funding.

Every unit files raw counts for 2023-2025 that follow a hidden quality (which improves a little
each year), never scores: the platform computes the indicators. Three carriers let key equipment
fall idle (failure above 40 %), and the participation of the others comes from the placements on
the platform, so red lights appear next to a range of yellow and green. The 2023 and 2024 annual
cycles are evaluated (history), the 2025 ones for districts, colleges and enterprises too; the
2025 carrier cycle is left for the officer to run. A two-track cycle for 2025 has evaluators
assigned and some on-site scores, and the red and yellow carriers of 2024 have cases in every
state. One institutional funding allocation for 2024 is committed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from django.db.models import Sum
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.core.funding import InstitutionPolicy
from chanjiao.evaluation import funding, rectification, runs, services
from chanjiao.evaluation.models import (
    AnnualReturn,
    CaseEvent,
    CaseKind,
    CycleKind,
    RectificationCase,
    Scheme,
    UnitKind,
)
from chanjiao.evaluation.units import Unit, units_of
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, OrgKind, ProgramYear

YEARS = (2023, 2024, 2025)
TROUBLED_CARRIERS = 3
CARRIER, COLLEGE, ENTERPRISE, REGION = (
    str(k) for k in (UnitKind.CARRIER, UnitKind.COLLEGE, UnitKind.ENTERPRISE, UnitKind.REGION)
)
AHP_DIMENSIONS = [[1.0, 2.0, 0.5], [0.5, 1.0, 1 / 3], [2.0, 3.0, 1.0]]


def _binomial(rng, n: int, p: float) -> int:
    return int(rng.binomial(max(int(n), 0), float(np.clip(p, 0.0, 1.0))))


def _likert(rng, respondents: int, quality: float) -> list[int]:
    centre = 2.6 + 1.8 * quality
    weights = np.exp(-((np.arange(1, 6) - centre) ** 2) / 1.2)
    return [int(v) for v in rng.multinomial(respondents, weights / weights.sum())]


def figures(
    rng, *, kind: str, quality: float, size: float, year_index: int, revenue: float, troubled: bool
) -> dict:
    """One unit's raw figures for one year.

    ``quality`` (0-1) drives every rate, ``size`` scales the counts, ``revenue`` (10k yuan) is
    what the partners earn, so spending comes out as a share of it.
    """
    q = float(np.clip(quality + 0.04 * year_index, 0.0, 1.0))
    row: dict = {}
    graduates = int(size * rng.uniform(0.8, 1.2))
    if kind != ENTERPRISE:
        programmes = max(1, int(size / 60))
        partners = max(2, int(size / 25))
        total_hours = programmes * 2600
        teachers = max(6, int(size / 8))
        employed = _binomial(rng, graduates, 0.82 + 0.15 * q)
        reference = 4800 + 150 * year_index
        row.update(
            partner_enterprises=partners,
            active_partner_enterprises=_binomial(rng, partners, 0.3 + 0.6 * q),
            programmes=programmes,
            curriculum_revisions=int(rng.poisson(programmes * (0.3 + 1.2 * q))),
            total_course_hours=total_hours,
            practical_course_hours=int(total_hours * np.clip(0.32 + 0.3 * q + rng.normal(0, 0.04), 0.1, 0.9)),
            full_time_teachers=teachers,
            dual_qualified_teachers=_binomial(rng, teachers, 0.4 + 0.4 * q),
            graduates=graduates,
            graduates_employed=employed,
            graduates_counterpart_employed=_binomial(rng, employed, 0.5 + 0.35 * q),
            median_starting_salary=int(reference * (0.95 + 0.2 * q + rng.normal(0, 0.03))),
            reference_starting_salary=reference,
        )
        if year_index == len(YEARS) - 1:
            tracked = graduates * 3
            row.update(
                tracked_graduates=tracked,
                tracked_promoted=_binomial(rng, tracked, 0.1 + 0.25 * q),
                tracked_stable=_binomial(rng, tracked, 0.3 + 0.4 * q),
                tracked_innovating=_binomial(rng, tracked, 0.01 + 0.05 * q),
            )
    else:
        row["interns_hosted"] = int(rng.poisson(2 + size / 20))
    items = int(rng.integers(6, 40))
    failure = rng.uniform(0.42, 0.6) if troubled else 0.03 + 0.25 * (1 - q) * rng.uniform(0.5, 1.2)
    candidates = int(graduates * rng.uniform(0.7, 1.0))
    placed = _binomial(rng, graduates, 0.2 + 0.3 * q)
    needs = int(rng.poisson(3 + 10 * q))
    row.update(
        enterprise_education_spending=Decimal(
            str(
                round(
                    revenue * float(np.clip(rng.lognormal(np.log(0.2 + 1.5 * q), 0.35), 0.02, 4.0)) / 100, 2
                )
            )
        ),
        key_equipment_items=items,
        key_equipment_failed=min(items, int(np.ceil(items * failure))),
        certification_candidates=candidates,
        certification_passed=_binomial(rng, candidates, 0.58 + 0.35 * q),
        graduates_placed_with_partners=placed,
        graduates_retained=_binomial(rng, placed, 0.4 + 0.45 * q),
        technical_needs=needs,
        technical_needs_solved=_binomial(rng, needs, 0.3 + 0.5 * q),
        achievement_transfer_income=Decimal(str(round(float(rng.lognormal(np.log(5 + 80 * q), 0.6)), 2))),
        patents_granted=int(rng.poisson(0.5 + 4 * q)),
        **{
            f"satisfaction_{level + 1}": n
            for level, n in enumerate(_likert(rng, int(rng.integers(40, 200)), q))
        },
    )
    for optional in ("achievement_transfer_income", "patents_granted", "satisfaction_1"):
        if rng.random() < 0.06:  # some units leave a section blank: imputed and flagged on the scorecard
            fields = (
                [f"satisfaction_{i}" for i in range(1, 6)] if optional == "satisfaction_1" else [optional]
            )
            for name in fields:
                row[name] = None
    return row


def _revenues(units: list[Unit], kind: str) -> dict[int, float]:
    if kind == ENTERPRISE:
        return {
            pk: float(v or 0)
            for pk, v in Organisation.objects.filter(pk__in=[u.id for u in units]).values_list(
                "pk", "revenue"
            )
        }
    if kind == CARRIER:
        rows = (
            CarrierMember.objects.filter(
                carrier_id__in=[u.id for u in units], organisation__kind=OrgKind.ENTERPRISE
            )
            .values("carrier_id")
            .annotate(total=Sum("organisation__revenue"))
        )
        return {row["carrier_id"]: float(row["total"] or 0) for row in rows}
    return {u.id: 2_000_000.0 if kind == REGION else 400_000.0 for u in units}


def _sizes(units: list[Unit], kind: str, rng) -> dict[int, float]:
    if kind == COLLEGE:
        rows = ProgramYear.objects.filter(program__school_id__in=[u.id for u in units], year=2025)
        totals = dict(rows.values_list("program__school_id").annotate(total=Sum("expected_graduates")))
        return {u.id: float(totals.get(u.id) or 500) for u in units}
    scale: dict[str, tuple[int, int]] = {CARRIER: (60, 320), REGION: (2000, 9000), ENTERPRISE: (20, 200)}
    low, high = scale[kind]
    return {u.id: float(rng.uniform(low, high)) for u in units}


def _file_returns(rng, kind: str, units: list[Unit], reporter: User | None, troubled: set[int]) -> int:
    quality = {u.id: float(rng.beta(2.6, 2.0)) for u in units}
    sizes = _sizes(units, kind, rng)
    revenues = _revenues(units, kind)
    rows = [
        AnnualReturn(
            unit_kind=kind,
            unit_id=unit.id,
            year=year,
            reported_by=reporter,
            **figures(
                rng,
                kind=kind,
                quality=quality[unit.id],
                size=sizes[unit.id],
                year_index=index,
                revenue=revenues.get(unit.id, 0.0) or 50_000.0,
                troubled=unit.id in troubled and index >= 1,
            ),
        )
        for index, year in enumerate(YEARS)
        for unit in units
    ]
    AnnualReturn.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _cases(officer: User | None, evaluation, unit_user) -> int:
    cases = rectification.open_cases(actor=officer, evaluation=evaluation)
    today = timezone.localdate()
    rectifications = [c for c in cases if c.kind == CaseKind.RECTIFICATION]
    supervisions = [c for c in cases if c.kind == CaseKind.SUPERVISION]
    if rectifications:
        closed = rectifications[0]
        rectification.respond_to_case(
            actor=unit_user,
            case=closed,
            actions="与合作企业签订年度实习实训协议，新增企业导师三名，闲置设备重新调配并建立共享预约制度。",
            evidence="设备使用登记表（2025年1-6月）；导师聘任文件。",
        )
        rectification.close_case(
            actor=officer, case=closed, conclusion="复查合格：整改措施已落实，相关指标回到红线以上。"
        )
    if len(rectifications) > 1:
        funded = rectifications[1]
        rectification.grant_fund(
            actor=officer, case=funded, amount=Decimal("300000.00"), note="设备维修与校企共享平台建设"
        )
        rectification.respond_to_case(
            actor=unit_user,
            case=funded,
            actions="已启动设备维修，联系合作企业补充投入。",
            evidence="维修合同。",
        )
    if len(rectifications) > 2:
        overdue = rectifications[2]
        RectificationCase.objects.filter(pk=overdue.pk).update(deadline=today - dt.timedelta(days=20))
        CaseEvent.objects.filter(case=overdue).update(note="逾期未提交整改报告。")
    if supervisions:
        rectification.record_consultation(
            actor=officer,
            case=supervisions[0],
            expert_name="江苏省职业教育研究所 孙研究员",
            consulted_on=today - dt.timedelta(days=30),
            advice="加强企业参与课程开发，提高实践课程比例，每季度召开一次校企联席会议。",
        )
    return len(cases)


def populate_evaluation(*, dataset, progress) -> dict[str, int]:
    if dataset.scale != "city":
        return {}
    rng = np.random.default_rng(dataset.seed + 5_000)
    region = dataset.region
    if Scheme.objects.filter(region=region).exists():
        return {}
    organisations = dataset.organisations.all()
    own = set(organisations.values_list("pk", flat=True))
    bureau = organisations.filter(kind=OrgKind.GOVERNMENT).order_by("pk").first()
    officer = User.objects.filter(role=Role.GOVERNMENT, organisation=bureau).order_by("pk").first()
    evaluator = (
        User.objects.filter(role=Role.EVALUATOR, organisation__in=organisations).order_by("pk").first()
    )

    counts = {"annual_returns": 0, "evaluations": 0}
    schemes = {}
    for kind, name in [
        (CARRIER, "苏州市产教融合载体年度评价"),
        (COLLEGE, "苏州市职业院校产教融合评价"),
        (ENTERPRISE, "苏州市合作企业评价"),
        (REGION, "苏州市各区（县级市）产教融合评价"),
    ]:
        progress(0, 1, f"evaluation: {name}")
        units = [
            u
            for u in units_of(kind, region, YEARS[-1])
            if kind == REGION
            or (kind == CARRIER and Carrier.objects.filter(pk=u.id, lead_id__in=own).exists())
            or u.id in own
        ]
        troubled = (
            {int(i) for i in rng.choice([u.id for u in units], size=TROUBLED_CARRIERS, replace=False)}
            if kind == CARRIER
            else set()
        )
        counts["annual_returns"] += _file_returns(rng, kind, units, officer, troubled)
        scheme = services.create_scheme(
            actor=officer,
            data={"name": name, "unit_kind": kind, "region": region, "weighting_method": "framework"},
        )
        schemes[kind] = scheme
    services.set_ahp_judgements(
        actor=officer, scheme=schemes[CARRIER], group="integration_index", matrix=AHP_DIMENSIONS
    )
    services.set_regional_weights(
        actor=officer,
        scheme=schemes[REGION],
        zone=region.zone or "east",
        weight_sets=schemes[REGION].regional_weight_sets,
    )

    evaluated = {}
    for kind, scheme in schemes.items():
        for year in YEARS:
            cycle = services.create_cycle(
                actor=officer,
                scheme=scheme,
                kind=CycleKind.ANNUAL,
                year=year,
                name=f"{scheme.name}（{year}年度监测）",
            )
            if kind == CARRIER and year == YEARS[-1]:
                continue  # left for the officer to evaluate
            if kind != CARRIER and year != YEARS[-1]:
                continue
            progress(0, 1, f"evaluation: {cycle.name}")
            evaluated[(kind, year)] = runs.run_evaluation(actor=officer, cycle=cycle, background=False)
            counts["evaluations"] += 1

    carrier_2024 = evaluated[(CARRIER, 2024)]
    school_user = User.objects.filter(role=Role.SCHOOL, organisation__in=organisations).order_by("pk").first()
    counts["rectification_cases"] = _cases(officer, carrier_2024, school_user)

    two_track = services.create_cycle(
        actor=officer,
        scheme=schemes[CARRIER],
        kind=CycleKind.TRIENNIAL,
        year=YEARS[-1],
        name=f"{schemes[CARRIER].name}（{YEARS[-1]}年三年一次双轨评估）",
    )
    if evaluator is not None:
        for index, unit in enumerate(units_of(CARRIER, region, YEARS[-1])[:8]):
            assignment = services.assign_evaluator(
                actor=officer, cycle=two_track, unit=unit, evaluator=evaluator
            )
            if index < 5:
                services.record_onsite_score(
                    actor=evaluator,
                    assignment=assignment,
                    data={
                        "onsite_score": Decimal(str(round(float(rng.uniform(55, 95)), 1))),
                        "visited_on": dt.date(YEARS[-1], 10, 10 + index),
                        "findings": "实地查看实训基地与设备使用记录，访谈企业导师与学生。",
                    },
                )
        counts["onsite_assignments"] = two_track.assignments.count()

    proposal = funding.propose_institutions(
        region=region, year=2024, budget=Decimal("50000000.00"), policy=InstitutionPolicy()
    )
    funding.commit_allocation(actor=officer, proposal=proposal, title="2024年度职业院校绩效奖补资金")
    counts["funding_allocations"] = 1
    return counts
