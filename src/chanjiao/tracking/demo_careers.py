"""Demo graduates: five cohorts (graduated 2021-2025) of every program, with the enterprise each
trained with in their last year (and whether it hired them), a destination at graduation and a
record for each year since, as far as they answered. The last two cohorts' post internships are
on the platform as placements with their training record; earlier cohorts interned before the
schools recorded placements here, so only their cooperating enterprise was registered.

The story the figures tell: graduates of cooperative programs (an enterprise co-develops their
courses) are hired by their host more often, work in their trade more often and start about 6 %
higher than comparable graduates of other programs; a graduate hired by the host mostly stays;
the response rate falls year by year after graduation.

Rows are written as plain tuples (``chanjiao.docking.bulk.insert_rows``): building a hundred
thousand model instances would cost far more than the database work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from chanjiao.core.outcomes import band_of
from chanjiao.demo.catalogue import GIVEN_CHARS, SURNAMES
from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.demo.programs import PROGRAM_BY_CODE, PROGRAMS
from chanjiao.docking.bulk import insert_rows, reset_sequence
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Organisation, Program, Region, Student, Teacher
from chanjiao.tracking.demo_curriculum import CurriculumFacts
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    CareerRecord,
    FollowUpInvitation,
    FollowUpWave,
    Graduate,
    PracticalTraining,
)

COHORTS = tuple(range(CURRENT_YEAR - 4, CURRENT_YEAR + 1))
RECORDED_PLACEMENTS_FROM = CURRENT_YEAR - 1  # earlier cohorts interned before the platform
MENTEES_PER_YEAR = 15
NOW = timezone.make_aware(dt.datetime(CURRENT_YEAR, 11, 22, 9, 0))
BASE_SALARY = {
    "it": 6200, "electronics": 5600, "manufacturing": 5200, "automotive": 5000, "construction": 5000,
    "business": 4600, "design": 4800, "health": 4500, "services": 4200, "textile": 4300, "agriculture": 4000,
}  # fmt: skip
DESTINATIONS = {  # school level → (destinations, probabilities) of graduates not hired by their host
    "higher": (("employed", "self_employed", "flexible", "further_study", "military", "seeking", "not_seeking"),
               (0.66, 0.03, 0.05, 0.20, 0.01, 0.04, 0.01)),
    "secondary": (("employed", "self_employed", "flexible", "further_study", "military", "seeking", "not_seeking"),
                  (0.40, 0.01, 0.04, 0.50, 0.01, 0.03, 0.01)),
}  # fmt: skip
WORKING = {"employed", "self_employed", "flexible"}
RESPONSE = (0.97, 0.86, 0.80, 0.74, 0.68, 0.62)  # by years after graduation
OTHER_CODES = tuple(sorted({code for template in PROGRAMS for code, _ in template.crosswalk}))
EXTERNAL_EMPLOYERS = (
    "上海某智能科技有限公司",
    "无锡某精密制造有限公司",
    "南京某信息技术有限公司",
    "杭州某电子商务有限公司",
)
AWARDS = ("市技术能手", "省职业技能大赛三等奖", "企业技术革新奖", "市青年岗位能手")
STUDENT_FIELDS = (
    "id",
    "student_no",
    "name",
    "gender",
    "school",
    "program",
    "year",
    "home_region",
    "skills",
    "certificates",
)
TRAINING_FIELDS = (
    "placement",
    "mentor",
    "supervisor",
    "required_hours",
    "status",
    "completed_on",
    "hired",
    "hired_on",
)
GRADUATE_FIELDS = ("student", "graduation_year", "cooperating_enterprise", "email", "phone", "registered_at")
CAREER_FIELDS = (
    "graduate", "years_after", "destination", "employer_name", "employer", "occupation", "region", "salary_band",
    "promoted", "with_cooperating_enterprise", "patents", "awards", "source", "job_title", "recorded_at",
)  # fmt: skip


@dataclass
class Cohorts:
    students: int = 0
    placements: int = 0
    graduates: int = 0
    records: int = 0


def allocate_ids(model, count: int) -> range:
    """The next ``count`` primary keys of a table (the demo is its only writer while it runs)."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return range(last + 1, last + 1 + count)


class Alumni:
    def __init__(self, rng, *, region: Region, programs: list[Program], facts: CurriculumFacts):
        self.rng = rng
        self.programs = programs
        self.facts = facts
        self.districts = list(region.children.values_list("pk", flat=True)) or [region.pk]
        self.elsewhere = (
            list(
                Region.objects.filter(parent_id=region.parent_id, level=2)
                .exclude(pk=region.pk)
                .values_list("pk", flat=True)
            )
            or self.districts
        )
        rows = list(
            Organisation.objects.filter(kind="enterprise", region__path__startswith=region.path)
            .order_by("pk")
            .values_list("pk", "industry", "employees", "name", "size")
        )
        self.names = {pk: name for pk, _, _, name, _ in rows}
        self.large = {pk for pk, _, _, _, size in rows if size == "large"}
        self.all_enterprises = [pk for pk, *_ in rows]
        self.by_industry: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for letter in {industry for _, industry, *_ in rows}:
            ids = np.array([pk for pk, industry, *_ in rows if industry == letter])
            weights = np.array([float(e or 1) ** 1.1 for pk, industry, e, *_ in rows if industry == letter])
            self.by_industry[letter] = (ids, weights / weights.sum())
        self.mentors: dict[int, int] = dict(
            Teacher.objects.filter(kind__in=MENTOR_KINDS, organisation__region__path__startswith=region.path)
            .order_by("-pk")
            .values_list("organisation_id", "pk")
        )
        self.teachers: dict[int, list[int]] = {}
        for pk, school_id in Teacher.objects.filter(
            kind="teacher", organisation__region__path__startswith=region.path
        ).values_list("pk", "organisation_id"):
            self.teachers.setdefault(school_id, []).append(pk)
        self.crosswalks = {
            t.code: (
                [c for c, _ in t.crosswalk],
                np.array([w for _, w in t.crosswalk]) / sum(w for _, w in t.crosswalk),
            )
            for t in PROGRAMS
        }

    def pick(self, items):
        return items[int(self.rng.integers(len(items)))]

    def name(self) -> str:
        given = "".join(self.pick(GIVEN_CHARS) for _ in range(1 + int(self.rng.random() < 0.7)))
        return self.pick(SURNAMES) + given

    def host(self, program: Program, industries: str) -> int:
        hosts = self.facts.hosts.get(program.pk, [])
        if program.pk in self.facts.cooperative and hosts and self.rng.random() < 0.6:
            return self.pick(hosts)
        letters = [x for x in industries if x in self.by_industry]
        if not letters or self.rng.random() < 0.15:
            return self.pick(self.all_enterprises)
        ids, weights = self.by_industry[self.pick(letters)]
        return int(self.rng.choice(ids, p=weights))

    def occupation(self, code: str, counterpart: bool) -> str:
        if counterpart:
            codes, weights = self.crosswalks[code]
            return codes[int(self.rng.choice(len(codes), p=weights))]
        return self.pick(OTHER_CODES)

    def generate(self, per_cohort: dict[int, int]) -> Cohorts:
        counts = Cohorts()
        students: list[tuple] = []
        plans: list[tuple[int, Program, int]] = []
        ids = iter(allocate_ids(Student, sum(per_cohort.values()) * len(COHORTS)))
        for program in self.programs:
            template = PROGRAM_BY_CODE.get(program.code)
            if template is None:
                continue
            for year in COHORTS:
                entry = year - program.duration_years
                for k in range(int(round(per_cohort.get(program.pk, 0) * self.rng.uniform(0.85, 1.0)))):
                    pk = next(ids)
                    skills = json.dumps(
                        [s for s in template.skills if self.rng.random() < 0.8], ensure_ascii=False
                    )
                    gender = "F" if self.rng.random() < 0.45 else "M"
                    students.append(
                        (pk, f"{entry}{program.code}{k:05d}", self.name(), gender, program.school_id, program.pk,
                         entry, self.pick(self.districts), skills, "[]")
                    )  # fmt: skip
                    plans.append((pk, program, year))
        insert_rows(Student, STUDENT_FIELDS, students)
        reset_sequence(Student)
        counts.students = len(students)
        placements: list[Placement] = []
        trainings: list[tuple] = []
        graduates: list[tuple] = []
        hired_by: dict[int, int] = {}
        hosts: dict[int, int] = {}
        mentees: Counter[tuple[int, int]] = Counter()
        for student_id, program, year in plans:
            if self.rng.random() > 0.92:
                graduates.append((student_id, year, None, "", "", NOW))
                continue
            host = self.host(program, PROGRAM_BY_CODE[program.code].industries)
            terminated = self.rng.random() < 0.03
            met = not terminated and self.rng.random() > 0.05
            hire_chance = 0.26 + 0.14 * (program.pk in self.facts.cooperative) + 0.08 * (host in self.large)
            hired = met and self.rng.random() < hire_chance
            graduates.append((student_id, year, None if terminated else host, "", "", NOW))
            if not terminated:
                hosts[student_id] = host
            if hired:
                hired_by[student_id] = host
            if year < RECORDED_PLACEMENTS_FROM:
                continue
            placement = Placement(
                student_id=student_id,
                enterprise_id=host,
                kind="internship",
                stage="post",
                occupation_id=self.occupation(program.code, True),
                year=year - 1,
                start_date=dt.date(year - 1, 7, 1),
                end_date=dt.date(year - 1, 12, 31),
                status="terminated" if terminated else "completed",
            )
            placements.append(placement)
            teachers = self.teachers.get(program.school_id, [])
            mentor = self.mentors.get(host)
            if mentor is not None and mentees[mentor, year] >= MENTEES_PER_YEAR:
                mentor = None
            if mentor is not None:
                mentees[mentor, year] += 1
            trainings.append(
                (placement, mentor, self.pick(teachers) if teachers else None, 960,
                 "completed" if met else "not_met", placement.end_date, None if terminated else hired,
                 dt.date(year, 1, 10) if hired else None)
            )  # fmt: skip
        Placement.objects.bulk_create(placements, batch_size=5000)
        insert_rows(PracticalTraining, TRAINING_FIELDS, [(p.pk, *rest) for p, *rest in trainings])
        insert_rows(Graduate, GRADUATE_FIELDS, graduates)
        counts.placements, counts.graduates = len(placements), len(graduates)
        levels = dict(Organisation.objects.filter(kind="school").values_list("pk", "school_level"))
        records: list[tuple] = []
        for student_id, program, year in plans:
            level = levels.get(program.school_id) or "higher"
            records += self.career(
                student_id, hosts.get(student_id), program, year, level, hired_by.get(student_id)
            )
        counts.records = insert_rows(CareerRecord, CAREER_FIELDS, records)
        return counts

    def career(
        self,
        graduate_id: int,
        coop: int | None,
        program: Program,
        year: int,
        level: str,
        hired_by: int | None,
    ) -> list[tuple]:
        """Destination at graduation, then a year at a time until this year; only the answered years are kept."""
        rng = self.rng
        template = PROGRAM_BY_CODE[program.code]
        cooperative = program.pk in self.facts.cooperative
        level_factor = 0.86 if level == "secondary" else 1.0
        salary = BASE_SALARY.get(template.family, 4800) * level_factor * (1.06 if cooperative else 1.0)
        salary *= 1.03 ** (year - COHORTS[0]) * float(np.exp(rng.normal(0, 0.16)))
        employer: int | None = None
        if hired_by is not None:
            destination, employer = "employed", hired_by
        else:
            names, weights = DESTINATIONS["secondary" if level == "secondary" else "higher"]
            destination = names[int(rng.choice(len(names), p=weights))]
        code = None
        if destination in WORKING:
            counterpart_chance = 0.9 if hired_by else (0.66 if cooperative else 0.54)
            code = self.occupation(program.code, rng.random() < counterpart_chance)
            if employer is None and destination == "employed" and rng.random() < 0.7:
                employer = self.pick(self.all_enterprises)
        region = self.pick(self.districts) if rng.random() < 0.78 else self.pick(self.elsewhere)
        records = []
        for years_after in range(0, min(5, CURRENT_YEAR - year) + 1):
            promoted = False
            if years_after:
                salary *= rng.uniform(1.02, 1.09)
                stayed = destination in WORKING and rng.random() < (
                    0.85 if coop and employer == coop else 0.78
                )
                promoted = stayed and rng.random() < 0.16
                if not stayed and not (destination == "further_study" and years_after < 2):
                    if rng.random() < 0.8:
                        destination = "employed"
                        employer = self.pick(self.all_enterprises) if rng.random() < 0.7 else None
                        code = self.occupation(program.code, rng.random() < 0.5)
                        salary *= rng.uniform(0.98, 1.12)
                    else:
                        destination, employer, code = "seeking", None, None
            if rng.random() > RESPONSE[years_after]:
                continue
            working = destination in WORKING
            employed = destination == "employed"
            employer_name = (
                (self.names[employer] if employer else self.pick(EXTERNAL_EMPLOYERS)) if employed else ""
            )
            source = (
                "form" if year + years_after == CURRENT_YEAR else ("entry" if years_after == 0 else "import")
            )
            records.append(
                (graduate_id, years_after, destination, employer_name, employer if employed else None,
                 code if working else None, region if working else None, band_of(salary) if working else "",
                 bool(promoted), (working and employer == coop) if coop else None,
                 int(rng.poisson(0.03)) if working else 0,
                 self.pick(AWARDS) if working and rng.random() < 0.03 else "", source, "", NOW)
            )  # fmt: skip
        return records


def follow_up_waves(schools: list[Organisation]) -> int:
    """This year's follow-up of every school: invited, links sent, answered (the records of this year)."""
    sent = timezone.make_aware(dt.datetime(CURRENT_YEAR, 10, 8, 9, 0))
    answered = timezone.make_aware(dt.datetime(CURRENT_YEAR, 10, 20, 20, 0))
    waves = [
        FollowUpWave(
            school=school,
            survey_year=CURRENT_YEAR,
            opened_on=dt.date(CURRENT_YEAR, 10, 8),
            closes_on=dt.date(CURRENT_YEAR, 12, 31),
        )
        for school in schools
    ]
    FollowUpWave.objects.bulk_create(waves)
    wave_of = {wave.school_id: wave.pk for wave in waves}
    this_year = set(
        CareerRecord.objects.filter(source="form", graduate__student__school__in=schools).values_list(
            "graduate_id", flat=True
        )
    )
    invitations = [
        (wave_of[school_id], pk, CURRENT_YEAR - year, sent, answered if pk in this_year else None)
        for pk, school_id, year in Graduate.objects.filter(
            student__school__in=schools, graduation_year__gte=CURRENT_YEAR - 5
        ).values_list("pk", "student__school_id", "graduation_year")
    ]
    fields = ("wave", "graduate", "years_after", "issued_at", "responded_at")
    return insert_rows(FollowUpInvitation, fields, invitations)
