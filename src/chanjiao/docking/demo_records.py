"""Demo technical needs (the seeds' consortium mined 216 and solved 116), consortium lists,
courses, shareable resources with bookings, cooperation calls and the advice workflow."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.demo.programs import PROGRAM_BY_CODE
from chanjiao.docking import demo_catalogue as cat
from chanjiao.docking.models import (
    Advice,
    AdviceStatus,
    Booking,
    CallResponse,
    ConsortiumProduct,
    CooperationCall,
    Course,
    NeedExpert,
    NeedStatus,
    Posting,
    PostingStatus,
    SharedResource,
    TechnicalNeed,
)
from chanjiao.docking.models.needs import CONSORTIUM_KINDS
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, Program, Region, Teacher

MINED, SOLVED = 216, 116
DECISION_OF = {"expand": "expand", "reduce": "reduce", "warn": "close", "keep": "keep"}
RESPONSES = {
    "agree": "学院同意该建议，已纳入下一年度招生计划调整方案。",
    "partly": "部分同意：拟调整专业方向，压缩传统方向招生，增设新方向。",
    "disagree": "不同意：本专业毕业生对口就业率较高，建议维持现有规模。",
}


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10))


class RecordBuilder:
    def __init__(self, rng: np.random.Generator, scale: str):
        self.rng = rng
        self.scale = scale

    def pick(self, items):
        return items[int(self.rng.integers(len(items)))]

    def needs(self, city: Region, consortium: Carrier | None, enterprises, teachers) -> int:
        members = (
            set(CarrierMember.objects.filter(carrier=consortium).values_list("organisation_id", flat=True))
            if consortium
            else set()
        )
        owners = [e for e in enterprises if e.pk in members] or enterprises
        listed = MINED if self.scale == "city" else 60
        plan = (
            [NeedStatus.SOLVED] * round(listed * SOLVED / MINED)
            + [NeedStatus.ABANDONED] * round(listed * 0.08)
            + [NeedStatus.IN_PROGRESS] * round(listed * 0.12)
            + [NeedStatus.MATCHED] * round(listed * 0.1)
        )
        plan += [NeedStatus.OPEN] * (listed - len(plan))
        extra = [NeedStatus.OPEN] * 30 + [NeedStatus.SOLVED] * 10  # needs outside the consortium's list
        statuses = list(self.rng.permutation(plan)) + extra
        needs, timeline = [], []
        for index, status in enumerate(statuses):
            in_list = index < listed
            owner = self.pick(owners if in_list else enterprises)
            title, field = self.pick(cat.NEED_PROBLEMS.get(owner.industry, cat.NEED_PROBLEMS["C"]))
            opened = dt.date(CURRENT_YEAR - 3, 1, 1) + dt.timedelta(
                days=int(self.rng.integers(0, 3 * 365 + 300))
            )
            matched = opened + dt.timedelta(days=int(self.rng.integers(15, 60)))
            started = matched + dt.timedelta(days=int(self.rng.integers(7, 30)))
            closed = started + dt.timedelta(days=int(self.rng.integers(60, 240)))
            outcome = {
                NeedStatus.SOLVED: self.pick(cat.NEED_OUTCOMES),
                NeedStatus.ABANDONED: self.pick(cat.ABANDON_REASONS),
            }.get(status, "")
            needs.append(
                TechnicalNeed(
                    enterprise=owner,
                    title=title,
                    description=f"{owner.name}：{title}。希望与院校专家合作，在{field}方向开展联合攻关。",
                    field=field,
                    industry=owner.industry,
                    budget=round(float(self.rng.choice([5, 10, 20, 30, 50, 80])), 2),
                    region_id=owner.region_id,
                    status=status,
                    carrier=consortium if in_list else None,
                    outcome=outcome,
                    matched_at=_aware(matched) if status != NeedStatus.OPEN else None,
                    started_at=_aware(started)
                    if status in {NeedStatus.IN_PROGRESS, NeedStatus.SOLVED}
                    else None,
                    closed_at=_aware(closed) if status in {NeedStatus.SOLVED, NeedStatus.ABANDONED} else None,
                )
            )
            timeline.append(_aware(opened))
        created = TechnicalNeed.objects.bulk_create(needs)
        for need, opened_at in zip(created, timeline, strict=True):
            TechnicalNeed.objects.filter(pk=need.pk).update(created_at=opened_at)
        links = []
        for need in created:
            if need.status != NeedStatus.OPEN and teachers:
                for teacher in self.rng.choice(
                    teachers, size=min(len(teachers), int(self.rng.integers(1, 4))), replace=False
                ):
                    links.append(NeedExpert(need=need, expert=teacher))
        NeedExpert.objects.bulk_create(links, ignore_conflicts=True)
        return len(created)

    def consortium_lists(self, consortium: Carrier, enterprises) -> int:
        members = list(
            Organisation.objects.filter(carrier_memberships__carrier=consortium, kind="enterprise").order_by(
                "pk"
            )
        )
        producers = members or enterprises
        chosen = self.rng.choice(len(cat.CORE_PRODUCTS), size=min(8, len(cat.CORE_PRODUCTS)), replace=False)
        products = [
            ConsortiumProduct(
                consortium=consortium,
                name=cat.CORE_PRODUCTS[int(i)][0],
                producer=self.pick(producers),
                description=f"{consortium.name}重点产业链核心产品。",
            )
            for i in chosen
        ]
        ConsortiumProduct.objects.bulk_create(products)
        Posting.objects.filter(
            enterprise__in=members, published_on__year__gte=CURRENT_YEAR - 1, status=PostingStatus.PUBLISHED
        ).update(carrier=consortium)
        return len(products)

    def courses(self, programs) -> int:
        rows = []
        for program in programs:
            template = PROGRAM_BY_CODE.get(program.code)
            skills = template.skills if template else ()
            names = [*skills, *[f"{s}实训" for s in skills], *cat.GENERIC_COURSES]
            for semester, name in enumerate(names, start=1):
                rows.append(
                    Course(
                        program=program,
                        code=f"{program.code}{semester:02d}",
                        name=name,
                        kind="practice" if name.endswith("实训") or name == "岗位实习" else "integrated",
                        hours=int(self.rng.choice([32, 48, 64, 96])),
                        semester=min(semester, 6),
                    )
                )
        Course.objects.bulk_create(rows, batch_size=5000)
        return len(rows)

    def resources(self, schools_with_families, enterprises) -> tuple[int, int]:
        resources = []
        for school, families in schools_with_families:
            offered = [item for family in families for item in cat.RESOURCES.get(family, ())]
            for kind, name in offered[:4]:
                resources.append(
                    SharedResource(
                        owner=school,
                        kind=kind,
                        name=name,
                        description=f"{school.name}{name}，面向企业和兄弟院校开放共享。",
                        region_id=school.region_id,
                        location=f"{school.name}实训楼",
                        capacity=int(self.rng.choice([10, 20, 30, 40, 60])),
                        daily_fee=round(float(self.rng.choice([0, 200, 500, 800, 1500])), 2),
                    )
                )
        created = SharedResource.objects.bulk_create(resources)
        bookings = []
        for resource in created:
            start = dt.date(CURRENT_YEAR + 2, 1, 4) + dt.timedelta(days=int(self.rng.integers(0, 60)))
            for step in range(int(self.rng.integers(0, 4))):
                begin = start + dt.timedelta(days=10 * step)
                bookings.append(
                    Booking(
                        resource=resource,
                        requester=self.pick(enterprises),
                        start_date=begin,
                        end_date=begin + dt.timedelta(days=int(self.rng.integers(1, 6))),
                        purpose=self.pick(("员工技能培训", "新产品试制", "技能等级认定考核", "校企联合实训")),
                        status=("approved", "requested", "rejected")[step % 3],
                    )
                )
        Booking.objects.bulk_create(bookings)
        return len(created), len(bookings)

    def calls(self, schools_with_programs, enterprises) -> tuple[int, int]:
        calls = []
        for school, families, programs in schools_with_programs:
            for index in range(int(self.rng.integers(2, 4))):
                kind, pattern = cat.CALLS[int(self.rng.integers(len(cat.CALLS)))]
                program = self.pick(programs) if programs else None
                deadline = dt.date(CURRENT_YEAR + (2 if index == 0 else 0), int(self.rng.integers(1, 13)), 28)
                calls.append(
                    CooperationCall(
                        school=school,
                        title=pattern.format(
                            family=cat.FAMILY_NAMES.get(families[0], "产教融合") if families else "产教融合",
                            year=CURRENT_YEAR + 1,
                            program=program.name if program else "",
                        ),
                        kind=kind,
                        description=f"{school.name}面向区域企业征集合作伙伴，共建共享、协同育人。",
                        region_id=school.region_id,
                        deadline=deadline,
                        budget=round(float(self.rng.choice([10, 20, 50, 100])), 2),
                        status="open" if deadline.year > CURRENT_YEAR else "closed",
                    )
                )
        created = CooperationCall.objects.bulk_create(calls)
        responses = []
        for call in created:
            count = min(len(enterprises), int(self.rng.integers(0, 5)))
            for enterprise in self.rng.choice(enterprises, size=count, replace=False):
                responses.append(
                    CallResponse(
                        call=call,
                        organisation=enterprise,
                        message="我单位愿意参与，可提供实习岗位和兼职教师。",
                    )
                )
        CallResponse.objects.bulk_create(responses, ignore_conflicts=True)
        return len(created), len(responses)


def populate_records(*, dataset) -> dict[str, int]:
    rng = np.random.default_rng(dataset.seed + 3_100)
    builder = RecordBuilder(rng, dataset.scale)
    cities = (
        [dataset.region]
        if dataset.scale == "city"
        else list(Region.objects.filter(parent=dataset.region, level=2))
    )
    counts: dict[str, int] = defaultdict(int)
    for city in sorted(cities, key=lambda c: c.pk):
        within = {"region__path__startswith": city.path}
        enterprises = list(Organisation.objects.filter(kind="enterprise", **within).order_by("pk"))
        schools = list(Organisation.objects.filter(kind="school", **within).order_by("pk"))
        programs = list(Program.objects.filter(school__in=schools).select_related("school").order_by("pk"))
        teachers = list(Teacher.objects.filter(organisation__in=schools, kind="teacher").order_by("pk")[:400])
        consortia = list(Carrier.objects.filter(kind__in=CONSORTIUM_KINDS, **within).order_by("kind", "pk"))
        municipal = next(
            (c for c in consortia if c.kind == "municipal_consortium"), consortia[0] if consortia else None
        )
        if not enterprises or not schools:
            continue
        counts["technical_needs"] += builder.needs(city, municipal, enterprises, teachers)
        for consortium in consortia:
            counts["core_products"] += builder.consortium_lists(consortium, enterprises)
        counts["courses"] += builder.courses(programs)
        families_of: dict[int, list[str]] = defaultdict(list)
        for program in programs:
            template = PROGRAM_BY_CODE.get(program.code)
            if template and template.family not in families_of[program.school_id]:
                families_of[program.school_id].append(template.family)
        made, booked = builder.resources([(s, families_of[s.pk]) for s in schools], enterprises)
        counts["shared_resources"] += made
        counts["bookings"] += booked
        by_school: dict[int, list[Program]] = defaultdict(list)
        for program in programs:
            by_school[program.school_id].append(program)
        calls, responses = builder.calls(
            [(s, families_of[s.pk], by_school[s.pk]) for s in schools], enterprises
        )
        counts["cooperation_calls"] += calls
        counts["call_responses"] += responses
    return dict(counts)


def walk_advice_workflow(*, dataset) -> int:
    """Some colleges have answered their advice and the officer has decided part of it; the demo
    school's own advice is left for its user to answer."""
    rng = np.random.default_rng(dataset.seed + 3_200)
    officer = User.objects.filter(username="officer").first()
    demo_school = User.objects.filter(username="school").values_list("organisation_id", flat=True).first()
    advice = list(
        Advice.objects.filter(region__path__startswith=dataset.region.path, program__isnull=False)
        .exclude(recommendation="keep")
        .exclude(school_id=demo_school)
        .order_by("pk")
    )
    now = timezone.now()
    positions = list(RESPONSES)
    for item in advice:
        if rng.random() > 0.4:
            continue
        position = positions[int(rng.integers(len(positions)))]
        item.response_position, item.response = position, RESPONSES[position]
        item.responded_at, item.status = now, AdviceStatus.RESPONDED
        if rng.random() < 0.5:
            item.decision = DECISION_OF[item.recommendation] if position != "disagree" else "review"
            item.decision_note = (
                "经论证，按调整建议执行。" if position != "disagree" else "下一年度结合毕业生跟踪数据复核。"
            )
            item.decided_by, item.decided_at, item.status = officer, now, AdviceStatus.DECIDED
        item.save()
    return Advice.objects.filter(region__path__startswith=dataset.region.path).count()
