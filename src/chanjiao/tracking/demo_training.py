"""Demo practical training of this year's placements: mentors and supervising teachers, training
sessions, weekly logs of the running post internships (mostly approved, some waiting, a few
returned or withdrawn with a reason), mentor and teacher assessments against the criteria,
remediation plans for those who fell short, certification exams, learning records posted by the
virtual carriers, and a sign-in for one enterprise mentor (``mentor``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from decimal import Decimal

import numpy as np
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.demo.generator import CURRENT_YEAR, DEMO_PASSWORD
from chanjiao.demo.programs import PROGRAM_BY_CODE
from chanjiao.docking.bulk import insert_rows, reset_sequence
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Carrier, CarrierMember, Student, Teacher
from chanjiao.tracking.demo_careers import allocate_ids
from chanjiao.tracking.demo_curriculum import CurriculumFacts
from chanjiao.tracking.models import (
    MENTOR_KINDS,
    CertificationExam,
    LogDecision,
    PracticalTraining,
    RemediationPlan,
    RemediationStep,
    TrainingAssessment,
    TrainingLog,
    TrainingSession,
    XapiSource,
    XapiStatement,
)

TODAY = dt.date(CURRENT_YEAR, 11, 22)
MENTEES_PER_YEAR = 15  # beyond that a host's interns wait for a mentor to be assigned
LOG_WEEKS = 6  # weekly logs of the last six weeks of each running post internship with a mentor
REQUIRED_HOURS = {"cognitive": 120, "shadowing": 320, "post": 960, "": 640}
LOG_TASKS = (
    "设备点检与首件检验",
    "跟随师傅完成工单",
    "参与产线换型调试",
    "整理作业指导书",
    "参与质量问题分析",
    "独立完成典型工作任务",
)
REMEDIATION_STEPS = (
    (14, "安全规程专项培训"),
    (30, "在导师指导下重做典型工作任务"),
    (44, "导师与教师联合复核"),
)
RETURN_REASONS = ("工时与考勤记录不符，请核对后重新提交。", "内容过于简单，请写明具体完成的任务。")
VERBS = (
    ("http://adlnet.gov/expapi/verbs/completed", "完成"),
    ("http://adlnet.gov/expapi/verbs/passed", "通过"),
    ("http://adlnet.gov/expapi/verbs/attempted", "尝试"),
    ("http://adlnet.gov/expapi/verbs/experienced", "学习"),
)


def _at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def trainings(rng, region_path: str, facts: CurriculumFacts) -> dict[str, int]:
    """Training records for every placement of the region's students that has none yet."""
    mentors: dict[int, list[int]] = {}
    for pk, organisation_id in Teacher.objects.filter(
        kind__in=MENTOR_KINDS, organisation__region__path__startswith=region_path
    ).values_list("pk", "organisation_id"):
        mentors.setdefault(organisation_id, []).append(pk)
    teachers: dict[int, list[int]] = {}
    for pk, school_id in Teacher.objects.filter(
        kind="teacher", organisation__region__path__startswith=region_path
    ).values_list("pk", "organisation_id"):
        teachers.setdefault(school_id, []).append(pk)
    placements = list(
        Placement.objects.filter(student__school__region__path__startswith=region_path, training__isnull=True)
        .order_by("pk")
        .values_list(
            "pk",
            "enterprise_id",
            "student__school_id",
            "student__program_id",
            "stage",
            "status",
            "start_date",
            "end_date",
        )
    )
    log_ids = iter(allocate_ids(TrainingLog, len(placements) * LOG_WEEKS))
    plan_ids = iter(allocate_ids(RemediationPlan, len(placements)))
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    rows, logs, decisions, sessions, assessments = [], [], [], [], []
    plans, plan_criteria, steps = [], [], []
    load: Counter[tuple[int, int]] = Counter()
    for pk, host, school, program, stage, status, start, end in placements:
        free = [m for m in mentors.get(host, []) if load[m, start.year] < MENTEES_PER_YEAR]
        mentor = free[int(rng.integers(len(free)))] if free else None
        if mentor is not None:
            load[mentor, start.year] += 1
        school_teachers = teachers.get(school, [])
        supervisor = school_teachers[int(rng.integers(len(school_teachers)))] if school_teachers else None
        result = "in_progress"
        if status == "completed":
            result = "completed" if rng.random() > 0.04 else "not_met"
        elif status == "terminated":
            result = "not_met"
        finished = result != "in_progress"
        rows.append(
            (pk, mentor, supervisor, REQUIRED_HOURS.get(stage, 640), result, end if finished else None)
        )
        running_post = stage == "post" and status == "active"
        if running_post:
            sessions.append((pk, "on_campus", start - dt.timedelta(days=7), Decimal(8), "岗前安全与规范培训"))
            sessions.append((pk, "off_campus", start + dt.timedelta(days=3), Decimal(4), "企业入职培训"))
        if running_post and mentor is not None:
            for week in range(LOG_WEEKS, 0, -1):
                first = monday - dt.timedelta(weeks=week)
                if first < start:
                    continue
                state = "submitted" if week == 1 else ("approved" if rng.random() < 0.95 else "returned")
                log_id = next(log_ids)
                hours = Decimal(int(rng.integers(32, 41)))  # a five-day week within 8 hours a day
                task = LOG_TASKS[int(rng.integers(len(LOG_TASKS)))]
                friday = first + dt.timedelta(days=4)
                logs.append((log_id, pk, "weekly", first, friday, hours, task, state, _at(friday)))
                decided = _at(first + dt.timedelta(days=7), 9)
                if state == "approved":
                    decisions.append((log_id, "approve", "", decided))
                elif state == "returned":
                    decisions.append((log_id, "return", RETURN_REASONS[0], decided))
        assessed = finished and stage in {"shadowing", "post", ""} and end.year == CURRENT_YEAR
        if assessed and facts.criteria.get(program):
            low = result == "not_met"
            for criterion in rng.choice(facts.criteria[program], size=2, replace=False):
                for role in ("mentor", "teacher"):
                    score = int(np.clip(rng.normal(58 if low else 80, 8), 30, 100))
                    assessments.append((pk, int(criterion), role, score, score >= 60, "", end))
            if low:
                plan_id = next(plan_ids)
                opened = end + dt.timedelta(days=7)
                done = opened + dt.timedelta(days=45) < TODAY
                plans.append(
                    (plan_id, pk, "安全操作与岗位任务考核未达到企业要求。", opened, opened + dt.timedelta(days=45),
                     "completed" if done else "open", opened + dt.timedelta(days=44) if done else None,
                     "复核考核通过。" if done else "")
                )  # fmt: skip
                plan_criteria += [(plan_id, c) for c in facts.criteria[program][:2]]
                for offset, text in REMEDIATION_STEPS:
                    due = opened + dt.timedelta(days=offset)
                    steps.append((plan_id, text, due, due if due < TODAY else None))
    approved = [log for log in logs if log[7] == "approved"]
    withdrawn = {log[0] for log in approved[:: max(1, len(approved) // 15)][:15]}  # approvals later withdrawn
    decisions += [(log_id, "revoke", RETURN_REASONS[1], _at(TODAY, 9)) for log_id in sorted(withdrawn)]
    logs = [(*log[:7], "returned" if log[0] in withdrawn else log[7], log[8]) for log in logs]
    insert_rows(
        PracticalTraining,
        ("placement", "mentor", "supervisor", "required_hours", "status", "completed_on"),
        rows,
    )
    insert_rows(TrainingSession, ("training", "setting", "date", "hours", "activity"), sessions)
    log_fields = (
        "id",
        "training",
        "period",
        "starts_on",
        "ends_on",
        "hours",
        "content",
        "status",
        "submitted_at",
    )
    insert_rows(TrainingLog, log_fields, logs)
    reset_sequence(TrainingLog)
    insert_rows(LogDecision, ("log", "action", "reason", "at"), decisions)
    assessment_fields = (
        "training",
        "criterion",
        "assessor_role",
        "score",
        "passed",
        "comment",
        "assessed_on",
    )
    insert_rows(TrainingAssessment, assessment_fields, assessments)
    plan_fields = ("id", "training", "reason", "opened_on", "due_on", "status", "closed_on", "outcome")
    insert_rows(RemediationPlan, plan_fields, plans)
    reset_sequence(RemediationPlan)
    insert_rows(RemediationPlan.criteria.through, ("remediationplan", "assessmentcriterion"), plan_criteria)
    insert_rows(RemediationStep, ("plan", "description", "due_on", "done_on"), steps)
    return {
        "trainings": len(rows),
        "training_logs": len(logs),
        "assessments": len(assessments),
        "remediation_plans": len(plans),
    }


def exams(rng, region_path: str, facts: CurriculumFacts) -> int:
    """Certification exams in the last three years: students sit their program's certificates in
    their second year; cooperative programs pass more often."""
    rows = []
    students = Student.objects.filter(
        school__region__path__startswith=region_path, year__gte=CURRENT_YEAR - 4, year__lte=CURRENT_YEAR - 1
    )
    for pk, entry, program_id, code in students.values_list(
        "pk", "year", "program_id", "program__code"
    ).order_by("pk"):
        template = PROGRAM_BY_CODE.get(code)
        exam_year = entry + 1
        if template is None or exam_year < CURRENT_YEAR - 2 or rng.random() > 0.8:
            continue
        chance = 0.78 if program_id in facts.cooperative else 0.68
        for name in template.certificates[: 1 + int(rng.random() < 0.3)]:
            passed = bool(rng.random() < chance)
            exam_date = dt.date(exam_year, int(rng.choice([5, 11])), 20)
            if exam_date <= TODAY:
                level = "四级" if "四级" in name else ""
                number = f"{exam_year}{pk:08d}" if passed else ""
                rows.append((pk, name, level, "江苏省职业技能鉴定中心", exam_date, passed, number))
    fields = ("student", "name", "level", "issuer", "exam_date", "passed", "certificate_no")
    return insert_rows(CertificationExam, fields, rows)


def learning_records(rng, region_path: str) -> int:
    """Each virtual carrier's platform is registered and has posted statements of member-school students."""
    carriers = Carrier.objects.filter(region__path__startswith=region_path, carrier_class="virtual").order_by(
        "pk"
    )
    statements = []
    for carrier in carriers:
        source = XapiSource.objects.create(
            carrier=carrier, home_page=f"https://platform{carrier.pk}.example.cn"
        )
        schools = set(
            CarrierMember.objects.filter(carrier=carrier, organisation__kind="school").values_list(
                "organisation_id", flat=True
            )
        )
        if carrier.lead.kind == "school":
            schools.add(carrier.lead_id)
        learners = list(
            Student.objects.filter(school_id__in=schools, year__gte=CURRENT_YEAR - 2)
            .order_by("pk")
            .values_list("pk", "student_no")[:150]
        )
        for pk, number in learners:
            for _ in range(int(rng.integers(1, 6))):
                verb, display = VERBS[int(rng.integers(len(VERBS)))]
                lab = int(rng.integers(1, 13))
                score = round(float(rng.uniform(0.45, 1.0)), 2)
                when = TODAY - dt.timedelta(days=int(rng.integers(1, 300)))
                minutes = int(rng.integers(10, 90))
                completed = verb.endswith(("completed", "passed"))
                statement_id = uuid.UUID(int=int(rng.integers(0, 2**62)) << 64 | pk)
                raw = {
                    "id": str(statement_id),
                    "actor": {"account": {"homePage": source.home_page, "name": number}},
                    "verb": {"id": verb, "display": {"zh-CN": display}},
                    "object": {
                        "id": f"{source.home_page}/labs/{lab}",
                        "definition": {"name": {"zh-CN": f"仿真实训项目 {lab}"}},
                    },
                    "result": {
                        "score": {"scaled": score},
                        "completion": completed,
                        "duration": f"PT{minutes}M",
                    },
                    "timestamp": f"{when.isoformat()}T10:00:00+08:00",
                }
                statements.append(
                    XapiStatement(
                        statement_id=statement_id,
                        source=source,
                        student_id=pk,
                        verb=verb,
                        verb_display=display,
                        activity=f"{source.home_page}/labs/{lab}",
                        activity_name=f"仿真实训项目 {lab}",
                        success=score >= 0.6,
                        completion=completed,
                        score_scaled=score,
                        duration_seconds=minutes * 60.0,
                        timestamp=_at(when, 10),
                        raw=raw,
                    )
                )
    XapiStatement.objects.bulk_create(statements, batch_size=5000)
    return len(statements)


def mentor_account() -> str | None:
    """The ``mentor`` sign-in: an enterprise mentor of the demo enterprise (run before the
    trainings, so that they mentor some of its interns)."""
    enterprise = User.objects.filter(username="enterprise").values_list("organisation_id", flat=True).first()
    if enterprise is None or User.objects.filter(username="mentor").exists():
        return None
    mentor = Teacher.objects.filter(organisation_id=enterprise, kind="mentor").order_by("pk").first()
    if mentor is None:
        mentor = Teacher.objects.create(
            name="沈师傅", kind="mentor", organisation_id=enterprise, title="技师"
        )
    user = User.objects.create(
        username="mentor",
        role=Role.TEACHER,
        organisation_id=enterprise,
        display_name=f"企业导师 {mentor.name}",
        password=make_password(DEMO_PASSWORD),
    )
    Teacher.objects.filter(pk=mentor.pk).update(user=user)
    return user.username
