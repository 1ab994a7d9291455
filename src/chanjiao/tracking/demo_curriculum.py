"""Demo curriculum and teachers: standards published by the associations, a design for every
course, enterprises co-developing the courses of about two programs in three with their
mentors, five years of revisions (more often where enterprises take part), change requests of
every age (among them seed 004's 5G base-station module that waited 18 months), and the
evidence behind each college teacher's dual-qualified status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chanjiao.demo.generator import CURRENT_YEAR
from chanjiao.demo.programs import PROGRAM_BY_CODE
from chanjiao.docking.models import Course
from chanjiao.registry.models import Organisation, Program, Teacher
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    AssessmentCriterion,
    CertificateKind,
    ChangeRequestStatus,
    CourseChangeRequest,
    CourseCoDeveloper,
    CourseDesign,
    CourseRevision,
    DualQualifiedReview,
    EnterprisePractice,
    JobStandard,
    TeacherCertificate,
    TeachingAssignment,
)
from chanjiao.tracking.rules import DualQualifiedEvidence

YEARS = tuple(range(CURRENT_YEAR - 4, CURRENT_YEAR + 1))
COOPERATIVE_SHARE = 0.65
REVISIONS_PER_YEAR = {True: 0.35, False: 0.12}  # per course: co-developed with an enterprise or not
CRITERIA = (
    ("3.1", "安全与规范操作", 70),
    ("3.2", "{skill}：按岗位标准完成典型工作任务", 60),
    ("3.3", "质量检验与过程记录", 60),
    ("3.4", "团队协作与职业素养", 60),
)
PRACTICAL_SHARE_BY_NAME = {"职业素养与就业指导": 0.1, "专业导论": 0.0, "岗位实习": 1.0, "毕业设计": 0.8}
REQUEST_TOPICS = (
    "新增{skill}真实项目案例", "{skill}课程引入企业新工艺", "增加{skill}岗位实操课时", "引入企业新设备操作模块",
    "数字化转型相关内容进课堂", "增加质量管理体系内容",
)  # fmt: skip
CERTIFICATES = (
    (CertificateKind.SKILL_LEVEL, "职业技能等级证书（技师）", "江苏省人力资源和社会保障厅"),
    (CertificateKind.QUALIFICATION, "职业资格证书（高级工）", "江苏省职业技能鉴定中心"),
    (CertificateKind.INDUSTRY, "行业企业认证工程师", "行业协会"),
    (CertificateKind.PROFESSIONAL_TITLE, "工程师（中级职称）", "江苏省人力资源和社会保障厅"),
)


@dataclass
class CurriculumFacts:
    """What the later demo steps need: which programs are cooperative, criteria per program."""

    cooperative: set[int] = field(default_factory=set)
    criteria: dict[int, list[int]] = field(default_factory=dict)  # program id → criterion ids
    hosts: dict[int, list[int]] = field(default_factory=dict)  # program id → co-developing enterprises


def _pick(rng, items):
    return items[int(rng.integers(len(items)))]


def standards(rng, associations: list[Organisation], codes: set[str]) -> dict[str, tuple[JobStandard, list]]:
    """One job standard per program code, published by an association, with four criteria."""
    rows, by_code = [], {}
    for index, code in enumerate(sorted(codes)):
        template = PROGRAM_BY_CODE[code]
        rows.append(
            JobStandard(
                association=associations[index % len(associations)],
                code=f"T/SZ {code}-{2020 + index % 5}",
                title=f"{template.name}专业对应岗位能力标准",
                kind="job",
                occupation_id=template.crosswalk[0][0],
                skill_level=int(rng.choice([3, 4])),
                published_on=dt.date(2020 + index % 5, 1 + index % 12, 1),
            )
        )
    JobStandard.objects.bulk_create(rows)
    criteria = []
    for standard, code in zip(rows, sorted(codes), strict=True):
        skill = PROGRAM_BY_CODE[code].skills[0]
        items = [
            AssessmentCriterion(
                standard=standard, code=clause, text=text.format(skill=skill), pass_score=score
            )
            for clause, text, score in CRITERIA
        ]
        criteria.extend(items)
        by_code[code] = (standard, items)
    AssessmentCriterion.objects.bulk_create(criteria)
    return by_code


def curriculum(rng, programs: list[Program], region_path: str) -> CurriculumFacts:
    facts = CurriculumFacts()
    associations = list(
        Organisation.objects.filter(kind="association", region__path__startswith=region_path).order_by("pk")
    )
    codes = {p.code for p in programs if p.code in PROGRAM_BY_CODE}
    if not associations or not codes:
        return facts
    by_code = standards(rng, associations, codes)
    courses = list(Course.objects.filter(program__in=programs).order_by("pk"))
    mentors: dict[int, list[int]] = {}
    for pk, organisation_id in Teacher.objects.filter(
        kind__in=MENTOR_KINDS, organisation__region__path__startswith=region_path
    ).values_list("pk", "organisation_id"):
        mentors.setdefault(organisation_id, []).append(pk)
    by_industry: dict[str, list[int]] = {}
    for pk, industry in Organisation.objects.filter(
        kind="enterprise", region__path__startswith=region_path, pk__in=list(mentors)
    ).values_list("pk", "industry"):
        by_industry.setdefault(industry, []).append(pk)
    everyone = sorted(mentors)

    designs: list[CourseDesign] = []
    partners: list[CourseCoDeveloper] = []
    partner_mentors: list[list[int]] = []
    revisions: list[CourseRevision] = []
    design_standards: list[tuple[int, int]] = []
    design_criteria: list[tuple[int, int]] = []
    courses_by_program: dict[int, list[Course]] = {}
    for course in courses:
        courses_by_program.setdefault(course.program_id, []).append(course)
    for program in programs:
        template = PROGRAM_BY_CODE.get(program.code)
        program_courses = courses_by_program.get(program.pk, [])
        if template is None or not program_courses:
            continue
        standard, criteria = by_code[program.code]
        facts.criteria[program.pk] = [c.pk for c in criteria]
        cooperative = bool(rng.random() < COOPERATIVE_SHARE)
        pool = [e for letter in template.industries for e in by_industry.get(letter, [])] or everyone
        hosts = [
            int(e) for e in rng.choice(pool, size=min(len(pool), 1 + int(rng.random() < 0.5)), replace=False)
        ]
        facts.hosts[program.pk] = hosts
        skill_courses = {s for s in template.skills} | {f"{s}实训" for s in template.skills}
        co_developed = set()
        if cooperative and hosts:
            facts.cooperative.add(program.pk)
            eligible = [c for c in program_courses if c.name in skill_courses] or program_courses
            chosen = rng.choice(
                len(eligible), size=min(len(eligible), int(rng.integers(2, 5))), replace=False
            )
            for index in chosen:
                course, enterprise = eligible[int(index)], _pick(rng, hosts)
                co_developed.add(course.pk)
                partner = CourseCoDeveloper(
                    course=course,
                    organisation_id=enterprise,
                    contribution=_pick(
                        rng, ("提供真实生产案例与图纸", "派驻工程师授课", "共建实训项目", "提供设备与耗材")
                    ),
                    since=dt.date(int(rng.integers(YEARS[0] - 2, YEARS[-1])), 9, 1),
                )
                partners.append(partner)
                partner_mentors.append(mentors.get(enterprise, [])[:2])
        for course in program_courses:
            if course.kind == "practice":
                practical = course.hours
            elif course.name in PRACTICAL_SHARE_BY_NAME:
                practical = round(course.hours * PRACTICAL_SHARE_BY_NAME[course.name])
            else:
                practical = round(course.hours * rng.uniform(0.35, 0.75 if cooperative else 0.6))
            version = 1
            with_enterprise = course.pk in co_developed
            for year in YEARS:
                for _ in range(int(rng.poisson(REVISIONS_PER_YEAR[with_enterprise]))):
                    version += 1
                    revisions.append(
                        CourseRevision(
                            course=course,
                            version=version,
                            revised_on=dt.date(year, int(rng.choice([2, 7, 8])), int(rng.integers(1, 28))),
                            summary=_pick(
                                rng, ("更新典型工作任务", "调整实训项目", "引入新技术标准", "修订考核方式")
                            ),
                            hours=course.hours,
                            practical_hours=practical,
                            with_enterprise=with_enterprise,
                        )
                    )
            designs.append(CourseDesign(course=course, practical_hours=practical, version=version))
            if course.name in skill_courses:
                design_standards.append((course.pk, standard.pk))
                design_criteria.extend((course.pk, c.pk) for c in criteria)
    revisions.sort(key=lambda r: (r.course_id, r.version))
    _renumber_by_date(revisions)
    CourseDesign.objects.bulk_create(designs, batch_size=2000)
    CourseDesign.standards.through.objects.bulk_create(
        [CourseDesign.standards.through(coursedesign_id=c, jobstandard_id=s) for c, s in design_standards],
        batch_size=5000,
    )
    CourseDesign.criteria.through.objects.bulk_create(
        [
            CourseDesign.criteria.through(coursedesign_id=c, assessmentcriterion_id=a)
            for c, a in design_criteria
        ],
        batch_size=5000,
    )
    CourseCoDeveloper.objects.bulk_create(partners)
    CourseCoDeveloper.mentors.through.objects.bulk_create(
        [
            CourseCoDeveloper.mentors.through(coursecodeveloper_id=p.pk, teacher_id=m)
            for p, ms in zip(partners, partner_mentors, strict=True)
            for m in ms
        ]
    )
    CourseRevision.objects.bulk_create(revisions, batch_size=5000)
    return facts


def _renumber_by_date(revisions: list[CourseRevision]) -> None:
    """Versions follow the revision dates within each course (drawn year by year, not in order within a year)."""
    by_course: dict[int, list[CourseRevision]] = {}
    for revision in revisions:
        by_course.setdefault(revision.course_id, []).append(revision)
    for items in by_course.values():
        for version, revision in enumerate(sorted(items, key=lambda r: (r.revised_on, r.version)), start=2):
            revision.version = version


def change_requests(
    rng, programs: list[Program], facts: CurriculumFacts, today: dt.date, region_path: str
) -> int:
    """Requests from co-developing enterprises: taught after months, accepted, open, rejected."""
    by_program = {p.pk: p for p in programs}
    courses: dict[int, list[Course]] = {}
    for course in Course.objects.filter(program__in=programs).order_by("pk"):
        courses.setdefault(course.program_id, []).append(course)
    rows = []
    for program_id, hosts in sorted(facts.hosts.items()):
        if rng.random() > (0.5 if program_id in facts.cooperative else 0.15) or not courses.get(program_id):
            continue
        template = PROGRAM_BY_CODE[by_program[program_id].code]
        requested = today - dt.timedelta(days=int(rng.integers(20, 900)))
        status = str(rng.choice(["taught", "accepted", "open", "rejected"], p=[0.45, 0.2, 0.25, 0.1]))
        course = _pick(rng, courses[program_id])
        request = CourseChangeRequest(
            program_id=program_id,
            course=course if status == "taught" or rng.random() < 0.6 else None,
            enterprise_id=_pick(rng, hosts),
            title=_pick(rng, REQUEST_TOPICS).format(skill=_pick(rng, template.skills)),
            description="企业生产一线对相关岗位能力提出了新的要求，建议在课程中增加相应内容。",
            requested_on=requested,
            status=status,
        )
        if status != "open":
            request.decided_on = min(today, requested + dt.timedelta(days=int(rng.integers(10, 120))))
        if status == "rejected":
            request.decision_note = "与专业人才培养方案定位不符，建议以选修讲座形式开展。"
        if status == "taught":
            request.taught_on = min(today, request.decided_on + dt.timedelta(days=int(rng.integers(60, 420))))
        rows.append(request)
    electronics = next((p for p in programs if p.code == "510101"), None)
    if electronics is not None and courses.get(electronics.pk):
        enterprise = (
            Organisation.objects.filter(kind="enterprise", industry="I", region__path__startswith=region_path)
            .order_by("pk")
            .first()
        )
        if enterprise is not None:
            rows.append(
                CourseChangeRequest(
                    program=electronics,
                    course=courses[electronics.pk][0],
                    enterprise=enterprise,
                    title="5G 基站维护模块",
                    description="公司承建的 5G 基站进入运维期，需要熟悉基站设备巡检与故障处理的技术人员。",
                    requested_on=dt.date(CURRENT_YEAR - 1, 3, 1),
                    status=ChangeRequestStatus.TAUGHT,
                    decided_on=dt.date(CURRENT_YEAR - 1, 11, 15),
                    taught_on=dt.date(CURRENT_YEAR, 9, 1),
                )
            )
    CourseChangeRequest.objects.bulk_create(rows)
    return len(rows)


def teachers(
    rng, schools: list[Organisation], programs: list[Program], facts: CurriculumFacts, region_path: str
) -> int:
    """Certificates, enterprise practice, teaching hours and two reviews for every college teacher;
    the dual-qualified flag follows the latest review. Mentors of co-developing enterprises teach."""
    enterprises = list(
        Organisation.objects.filter(kind="enterprise", region__path__startswith=region_path).values_list(
            "pk", flat=True
        )
    )
    programs_by_school: dict[int, list[int]] = {}
    for program in programs:
        programs_by_school.setdefault(program.school_id, []).append(program.pk)
    certificates, practices, assignments, reviews, flags = [], [], [], [], {}
    review_days = (dt.date(CURRENT_YEAR - 2, 9, 1), dt.date(CURRENT_YEAR, 9, 1))
    for teacher_id, school_id, flagged in Teacher.objects.filter(
        kind="teacher", organisation__in=schools
    ).values_list("pk", "organisation_id", "dual_qualified"):
        own: list[TeacherCertificate] = []
        if flagged or rng.random() < 0.3:
            kind, name, issuer = CERTIFICATES[int(rng.integers(len(CERTIFICATES)))]
            own.append(
                TeacherCertificate(
                    teacher_id=teacher_id,
                    kind=kind,
                    name=name,
                    issuer=issuer,
                    number=f"{teacher_id:08d}",
                    issued_on=dt.date(int(rng.integers(2012, CURRENT_YEAR - 1)), 6, 30),
                )
            )
        stints: list[EnterprisePractice] = []
        target = int(rng.integers(190, 320)) if flagged else int(rng.integers(0, 170))
        year = CURRENT_YEAR - 4
        while sum(s.days for s in stints) < target and year <= CURRENT_YEAR - 1:
            days = int(min(target - sum(s.days for s in stints), rng.integers(30, 91)))
            if days > 0:
                start = dt.date(year, 7, 1)
                stints.append(
                    EnterprisePractice(
                        teacher_id=teacher_id,
                        enterprise_id=_pick(rng, enterprises),
                        start_date=start,
                        end_date=start + dt.timedelta(days=days + days // 5),
                        days=days,
                        tasks=_pick(
                            rng,
                            (
                                "参与产线工艺改进",
                                "跟岗学习新设备调试",
                                "参与企业技术攻关",
                                "参与质量体系建设",
                            ),
                        ),
                    )
                )
            year += 1
        certificates += own
        practices += stints
        for day in review_days:
            evidence = DualQualifiedEvidence(
                valid_certificates=sum(c.issued_on <= day for c in own),
                practice_days=sum(
                    s.days
                    for s in stints
                    if s.start_date <= day and s.end_date > day.replace(year=day.year - 5)
                ),
            )
            reviews.append(
                DualQualifiedReview(
                    teacher_id=teacher_id,
                    reviewed_on=day,
                    qualified=evidence.qualified,
                    valid_certificates=evidence.valid_certificates,
                    practice_days=evidence.practice_days,
                )
            )
        flags[teacher_id] = reviews[-1].qualified
        school_programs = programs_by_school.get(school_id, [])
        if school_programs:
            for year in YEARS[-3:]:
                for program_id in rng.choice(
                    school_programs, size=min(2, len(school_programs)), replace=False
                ):
                    assignments.append(
                        TeachingAssignment(
                            teacher_id=teacher_id,
                            program_id=int(program_id),
                            year=year,
                            hours=int(rng.integers(4, 21)) * 16,
                        )
                    )
    experts = dict(
        Teacher.objects.filter(
            kind__in=MENTOR_KINDS, organisation_id__in={e for h in facts.hosts.values() for e in h}
        )
        .order_by("pk")
        .values_list("organisation_id", "pk")
    )
    for program_id in sorted(facts.cooperative):
        for enterprise in facts.hosts[program_id]:
            if enterprise in experts:
                for year in YEARS[-2:]:
                    assignments.append(
                        TeachingAssignment(
                            teacher_id=experts[enterprise],
                            program_id=program_id,
                            year=year,
                            hours=int(rng.integers(1, 5)) * 16,
                        )
                    )
    TeacherCertificate.objects.bulk_create(certificates, batch_size=2000)
    EnterprisePractice.objects.bulk_create(practices, batch_size=2000)
    TeachingAssignment.objects.bulk_create(assignments, batch_size=5000)
    DualQualifiedReview.objects.bulk_create(reviews, batch_size=5000)
    for qualified in (True, False):
        Teacher.objects.filter(pk__in=[pk for pk, flag in flags.items() if flag is qualified]).update(
            dual_qualified=qualified
        )
    return len(flags)
