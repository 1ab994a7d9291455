"""Build a demo region from a seed: a real city (or province) with plausible institutions.

`city` scale: Suzhou with 12 schools, ~150 programs, 800 enterprises, 25,000 students,
40 carriers of every kind, teachers, mentors and one account per role.
`province` scale: every prefecture city of Jiangsu, ~1,000,000 students, written with bulk
inserts. Generation is idempotent: a (scale, seed) pair is generated once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.contrib.auth.hashers import make_password
from django.db import transaction

from chanjiao.accounts.models import Role, User
from chanjiao.core.taxonomy.credit_codes import check_character
from chanjiao.demo import catalogue as cat
from chanjiao.demo import programs as programs_catalogue
from chanjiao.demo.carriers import build_carriers
from chanjiao.demo.models import DemoDataset
from chanjiao.registry.models import (
    Organisation,
    Program,
    ProgramOccupation,
    ProgramYear,
    Region,
    Student,
    Teacher,
)
from chanjiao.web.plugins import demo_steps

DEMO_PASSWORD = "chanjiao-demo"
CURRENT_YEAR = 2025

Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


def credit_code(area: int, serial: int) -> str:
    """A well-formed unified social credit code (GB 32100-2015 check character)."""
    body = f"91{area:06d}{serial:09d}"[:17]
    return body + check_character(body)


@dataclass
class Scale:
    schools_per_city: int | None  # None: the curated Suzhou list
    enterprises_per_city: int
    students: int
    carriers_per_city: int
    teachers_per_school: int


SCALES = {
    "city": Scale(None, 800, 25_000, 40, 40),
    "province": Scale(8, 1_200, 1_000_000, 20, 60),
}


class Builder:
    def __init__(self, seed: int, progress: Progress):
        self.rng = np.random.default_rng(seed)
        self.progress = progress
        self.serial = seed * 10_000_000
        self.names_used: set[str] = set()

    # -- names ---------------------------------------------------------------------------
    def person_name(self) -> str:
        surname = cat.SURNAMES[int(self.rng.integers(len(cat.SURNAMES)))]
        given = "".join(
            cat.GIVEN_CHARS[int(self.rng.integers(len(cat.GIVEN_CHARS)))]
            for _ in range(1 + int(self.rng.random() < 0.7))
        )
        return surname + given

    def enterprise_name(self, city: Region, industry: str) -> str:
        while True:
            brand = "".join(cat.BRAND_CHARS[int(i)] for i in self.rng.integers(len(cat.BRAND_CHARS), size=2))
            words = cat.INDUSTRY_WORDS[industry]
            word = words[int(self.rng.integers(len(words)))]
            suffix = "股份有限公司" if self.rng.random() < 0.1 else "有限公司"
            name = f"{city.short_name}{brand}{word}{suffix}"
            if name not in self.names_used:
                self.names_used.add(name)
                return name

    def next_credit_code(self, area: int) -> str:
        self.serial += 1
        return credit_code(area, self.serial)

    # -- organisations -------------------------------------------------------------------
    def schools(
        self, city: Region, districts: list[Region], scale: Scale
    ) -> list[tuple[Organisation, tuple[str, ...]]]:
        if scale.schools_per_city is None:
            templates = list(cat.SUZHOU_SCHOOLS)
        else:
            descriptors = ("工业", "信息", "经贸", "交通", "卫生", "农林", "建筑", "商贸", "机电", "旅游")
            templates = []
            for i in range(scale.schools_per_city):
                families = tuple(self.rng.choice(programs_catalogue.FAMILIES, size=2, replace=False))
                level = "secondary" if i >= scale.schools_per_city - 2 else "higher"
                suffix = "中等专业学校" if level == "secondary" else "职业技术学院"
                district = districts[int(self.rng.integers(len(districts)))].pk if districts else city.pk
                templates.append(
                    cat.SchoolTemplate(
                        f"{city.name.rstrip('市')}{descriptors[i % len(descriptors)]}{suffix}",
                        level,
                        district,
                        families,
                    )
                )
        created = []
        for template in templates:
            school = Organisation.objects.create(
                kind="school",
                name=template.name,
                region_id=template.district,
                school_level=template.level,
                credit_code=self.next_credit_code(template.district).replace("91", "12", 1),
                description=f"{template.name}，面向{city.name}重点产业培养技术技能人才。",
            )
            created.append((school, template.families))
        return created

    def programs(self, schools) -> list[tuple[Program, programs_catalogue.ProgramTemplate]]:
        rows = []
        for school, families in schools:
            pool = [p for p in programs_catalogue.PROGRAMS if p.family in families]
            others = [p for p in programs_catalogue.PROGRAMS if p.family not in families]
            size = 8 if school.school_level == "secondary" else 13
            chosen = list(self.rng.choice(len(pool), size=min(size, len(pool)), replace=False))
            picked = [pool[i] for i in chosen]
            if len(picked) < size:
                extra = self.rng.choice(len(others), size=size - len(picked), replace=False)
                picked += [others[i] for i in extra]
            for template in picked:
                capacity = int(self.rng.choice([40, 50, 80, 100, 120, 150, 200]))
                rows.append(
                    (
                        Program(
                            school=school,
                            code=template.code,
                            name=template.name,
                            capacity=capacity,
                            duration_years=3,
                        ),
                        template,
                    )
                )
        Program.objects.bulk_create([p for p, _ in rows])
        programs = {
            (p.school_id, p.code): p for p in Program.objects.filter(school__in=[s for s, _ in schools])
        }
        rows = [(programs[(p.school_id, p.code)], t) for p, t in rows]
        ProgramOccupation.objects.bulk_create(
            [
                ProgramOccupation(program=p, occupation_id=code, weight=w)
                for p, t in rows
                for code, w in t.crosswalk
            ]
        )
        years = []
        for program, _ in rows:
            for year in range(CURRENT_YEAR - 4, CURRENT_YEAR + 1):
                enrolment = int(program.capacity * self.rng.uniform(0.8, 1.05))
                years.append(
                    ProgramYear(
                        program=program,
                        year=year,
                        enrolment=enrolment,
                        expected_graduates=int(enrolment * self.rng.uniform(0.9, 0.98)),
                    )
                )
        ProgramYear.objects.bulk_create(years)
        return rows

    def enterprises(self, city: Region, districts: list[Region], count: int) -> list[Organisation]:
        industries = [code for code, _ in cat.INDUSTRY_MIX]
        shares = np.array([s for _, s in cat.INDUSTRY_MIX])
        picks = self.rng.choice(len(industries), size=count, p=shares / shares.sum())
        sizes = self.rng.choice(["large", "sme", "micro"], size=count, p=[0.05, 0.6, 0.35])
        ownerships = self.rng.choice(
            ["private", "foreign", "state", "joint", "collective"],
            size=count,
            p=[0.65, 0.15, 0.08, 0.10, 0.02],
        )
        rows = []
        for i in range(count):
            industry = industries[int(picks[i])]
            size = str(sizes[i])
            district = districts[int(self.rng.integers(len(districts)))] if districts else city
            employees = int(
                {
                    "large": self.rng.integers(1000, 20000),
                    "sme": self.rng.integers(20, 1000),
                    "micro": self.rng.integers(3, 20),
                }[size]
            )
            revenue = round(float(employees * self.rng.lognormal(3.6, 0.5)), 2)  # 10k yuan
            rd_share = float(np.clip(self.rng.lognormal(np.log(0.03), 0.6), 0.0, 0.2))
            rows.append(
                Organisation(
                    kind="enterprise",
                    name=self.enterprise_name(city, industry),
                    region=district,
                    credit_code=self.next_credit_code(district.pk),
                    industry=industry,
                    size=size,
                    ownership=str(ownerships[i]),
                    employees=employees,
                    revenue=revenue,
                    rd_spending=round(revenue * rd_share, 2),
                    certified_integration_enterprise=bool(
                        self.rng.random() < (0.3 if size == "large" else 0.03)
                    ),
                )
            )
        return Organisation.objects.bulk_create(rows, batch_size=2000)

    def bodies(self, templates) -> dict[str, list[Organisation]]:
        by_kind: dict[str, list[Organisation]] = {}
        for kind, name, region_id in templates:
            org = Organisation.objects.create(
                kind=kind,
                name=name,
                region_id=region_id,
                credit_code=self.next_credit_code(region_id).replace("91", "11", 1),
            )
            by_kind.setdefault(kind, []).append(org)
        return by_kind

    # -- people --------------------------------------------------------------------------
    def teachers(self, schools, enterprises, per_school: int) -> None:
        rows = []
        for school, families in schools:
            expertise = [p.skills for p in programs_catalogue.PROGRAMS if p.family in families]
            for _ in range(per_school):
                skills = expertise[int(self.rng.integers(len(expertise)))]
                rows.append(
                    Teacher(
                        name=self.person_name(),
                        kind="teacher",
                        organisation=school,
                        title=cat.TEACHER_TITLES[int(self.rng.integers(len(cat.TEACHER_TITLES)))],
                        dual_qualified=bool(self.rng.random() < 0.55),
                        expertise="、".join(skills),
                    )
                )
        for enterprise in enterprises:
            for _ in range(int(self.rng.choice([0, 0, 1, 1, 2, 3]))):
                words = cat.INDUSTRY_WORDS[enterprise.industry]
                rows.append(
                    Teacher(
                        name=self.person_name(),
                        kind="mentor" if self.rng.random() < 0.8 else "part_time",
                        organisation=enterprise,
                        title=cat.MENTOR_TITLES[int(self.rng.integers(len(cat.MENTOR_TITLES)))],
                        dual_qualified=False,
                        expertise=words[int(self.rng.integers(len(words)))],
                    )
                )
        Teacher.objects.bulk_create(rows, batch_size=2000)

    def students(
        self, programs, total: int, regions: list[Region], done_before: int, grand_total: int
    ) -> int:
        capacities = np.array([p.capacity for p, _ in programs], dtype=float)
        counts = self.rng.multinomial(total, capacities / capacities.sum())
        batch: list[Student] = []
        written = 0
        for (program, template), n in zip(programs, counts, strict=True):
            for k in range(int(n)):
                year = CURRENT_YEAR - int(self.rng.integers(0, 3))
                skills = [s for s in template.skills if self.rng.random() < 0.7]
                certificates = [c for c in template.certificates if self.rng.random() < 0.35]
                batch.append(
                    Student(
                        student_no=f"{year}{program.code}{k:05d}",
                        name=self.person_name(),
                        gender="F" if self.rng.random() < 0.45 else "M",
                        school_id=program.school_id,
                        program=program,
                        year=year,
                        home_region=regions[int(self.rng.integers(len(regions)))],
                        skills=skills,
                        certificates=certificates,
                    )
                )
                if len(batch) >= 5000:
                    Student.objects.bulk_create(batch)
                    written += len(batch)
                    batch = []
                    self.progress(done_before + written, grand_total, "students")
        Student.objects.bulk_create(batch)
        written += len(batch)
        self.progress(done_before + written, grand_total, "students")
        return written


def _accounts(city: Region, schools, enterprises, bodies) -> list[tuple[str, str, str]]:
    """One account per role, password DEMO_PASSWORD; returns (username, role, organisation)."""
    password = make_password(DEMO_PASSWORD)
    school = schools[0][0]
    student = Student.objects.filter(school=school).order_by("pk").first()
    teacher = Teacher.objects.filter(organisation=school).order_by("pk").first()
    enterprise = next(e for e in enterprises if e.size == "large" and e.industry == "C")
    second_enterprise = next(e for e in enterprises if e.industry == "C" and e.pk != enterprise.pk)
    plan = [
        ("admin", Role.ADMIN, None, "平台管理员"),
        ("officer", Role.GOVERNMENT, bodies["government"][0], "教育局 王处长"),
        ("school", Role.SCHOOL, school, "校企合作处 李老师"),
        ("enterprise", Role.ENTERPRISE, enterprise, "人力资源部 张经理"),
        ("enterprise2", Role.ENTERPRISE, second_enterprise, "人力资源部 陈经理"),
        ("association", Role.ASSOCIATION, bodies["association"][0], "协会秘书处 周秘书长"),
        ("evaluator", Role.EVALUATOR, bodies["evaluator"][0], "评估专家 吴老师"),
        ("student", Role.STUDENT, school, student.name if student else "学生"),
        ("teacher", Role.TEACHER, school, teacher.name if teacher else "教师"),
    ]
    accounts = []
    for username, role, org, display in plan:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "organisation": org,
                "display_name": display,
                "password": password,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created and role == Role.STUDENT and student:
            Student.objects.filter(pk=student.pk).update(user=user)
        if created and role == Role.TEACHER and teacher:
            Teacher.objects.filter(pk=teacher.pk).update(user=user)
        accounts.append((username, str(Role(role).label), str(org or "")))
    return accounts


def demo_accounts() -> list[tuple[str, str, str]]:
    users = (
        User.objects.filter(
            username__in=[
                "admin",
                "officer",
                "school",
                "enterprise",
                "enterprise2",
                "association",
                "evaluator",
                "student",
                "teacher",
                "mentor",
            ]
        )
        .select_related("organisation")
        .order_by("pk")
    )
    return [(u.username, u.get_role_display(), str(u.organisation or "")) for u in users]


def generate(*, scale: str = "city", seed: int = 1, progress: Progress = _no_progress) -> DemoDataset:
    """Generate the demo region for (scale, seed), or return the one already there."""
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; choose city or province.")
    existing = DemoDataset.objects.filter(scale=scale, seed=seed).first()
    if existing is not None:
        return existing
    spec = SCALES[scale]
    builder = Builder(seed, progress)
    if scale == "city":
        cities = [Region.objects.get(pk=cat.SUZHOU)]
    else:
        cities = list(Region.objects.filter(parent_id=320000, level=2).order_by("pk"))
    per_city_students = spec.students // len(cities)
    totals = {"schools": 0, "programs": 0, "enterprises": 0, "carriers": 0, "students": 0}
    with transaction.atomic():
        first_organisation_id = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        for index, city in enumerate(cities):
            progress(totals["students"], spec.students, f"{city.name}: organisations")
            districts = list(city.children.order_by("pk"))
            schools = builder.schools(city, districts, spec)
            programs = builder.programs(schools)
            enterprises = builder.enterprises(city, districts, spec.enterprises_per_city)
            bodies = builder.bodies(
                cat.SUZHOU_BODIES
                if scale == "city"
                else [
                    ("government", f"{city.name}教育局", city.pk),
                    ("association", f"{city.name}制造业协会", city.pk),
                    ("evaluator", f"{city.name}教育评估院", city.pk),
                ]
            )
            carriers = build_carriers(builder.rng, city, schools, enterprises, bodies, spec.carriers_per_city)
            builder.teachers(schools, enterprises, spec.teachers_per_school)
            n_students = per_city_students + (
                spec.students - per_city_students * len(cities) if index == len(cities) - 1 else 0
            )
            totals["students"] += builder.students(
                programs, n_students, districts or [city], totals["students"], spec.students
            )
            totals["schools"] += len(schools)
            totals["programs"] += len(programs)
            totals["enterprises"] += len(enterprises)
            totals["carriers"] += len(carriers)
            if index == 0 and scale == "city":
                totals["accounts"] = len(_accounts(city, schools, enterprises, bodies))
        region = cities[0] if scale == "city" else Region.objects.get(pk=320000)
        dataset = DemoDataset.objects.create(scale=scale, seed=seed, region=region, counts=totals)
        dataset.organisations.add(
            *Organisation.objects.filter(pk__gt=first_organisation_id).values_list("pk", flat=True)
        )
        for config, step in demo_steps():
            progress(spec.students, spec.students, f"{config.verbose_name}")
            totals.update(step(dataset=dataset, progress=progress) or {})
        dataset.counts = totals
        dataset.save(update_fields=["counts"])
    progress(spec.students, spec.students, "done")
    return dataset
