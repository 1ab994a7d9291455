"""Fixtures for tracking: a course with a design and criteria, placements with mentors."""

import datetime as dt
import json

import pytest
from django.apps import apps

from chanjiao.accounts.models import Role
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Teacher
from factories import make_org, make_student, make_user

# The app builds on the docking app's courses; until both are installed there is nothing to test.
collect_ignore_glob = [] if apps.is_installed("chanjiao.tracking") else ["test_*.py"]


def _send(client, method, url, payload=None, **extra):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json", **extra)


@pytest.fixture
def send():
    """``send(client, "post", url, payload)``: a JSON request."""
    return _send


@pytest.fixture
def curriculum(world):
    """A course of the school's program assessing a standard with two criteria."""
    from chanjiao.docking.models import Course
    from chanjiao.tracking.models import AssessmentCriterion, CourseDesign, JobStandard

    association = make_org("association", "苏州市智能制造行业协会")
    standard = JobStandard.objects.create(
        association=association,
        code="T/SZIM 001-2024",
        title="数控车工岗位标准",
        occupation_id="6-18-01-01",
        published_on=dt.date(2024, 3, 1),
    )
    safety = AssessmentCriterion.objects.create(
        standard=standard, code="3.1", text="安全操作规程", pass_score=70
    )
    turning = AssessmentCriterion.objects.create(
        standard=standard, code="3.2", text="数控车削零件精度", pass_score=60
    )
    course = Course.objects.create(
        program=world["program"], name="数控车削编程与加工", kind="integrated", hours=96
    )
    theory = Course.objects.create(program=world["program"], name="机械制图", kind="theory", hours=64)
    design = CourseDesign.objects.create(course=course, practical_hours=64)
    design.standards.set([standard])
    design.criteria.set([safety, turning])
    return {
        "association": association,
        "association_user": make_user(Role.ASSOCIATION, association, "association_user"),
        "standard": standard,
        "safety": safety,
        "turning": turning,
        "course": course,
        "theory": theory,
    }


def make_placement(student, enterprise, **fields):
    data = {
        "kind": "internship",
        "stage": "post",
        "year": 2025,
        "start_date": dt.date(2025, 7, 1),
        "end_date": dt.date(2025, 12, 31),
        "status": "active",
        **fields,
    }
    return Placement.objects.create(student=student, enterprise=enterprise, **data)


@pytest.fixture
def people(world):
    """Sign-in accounts for the mentor, a second mentor of the same enterprise, the teacher and the student."""
    mentor_user = make_user(Role.TEACHER, world["enterprise"], "mentor_user")
    Teacher.objects.filter(pk=world["mentor"].pk).update(user=mentor_user)
    other_mentor = Teacher.objects.create(name="孙师傅", kind="mentor", organisation=world["enterprise"])
    other_mentor_user = make_user(Role.TEACHER, world["enterprise"], "other_mentor_user")
    Teacher.objects.filter(pk=other_mentor.pk).update(user=other_mentor_user)
    teacher_user = make_user(Role.TEACHER, world["school"], "teacher_user")
    Teacher.objects.filter(pk=world["teacher"].pk).update(user=teacher_user)
    world["student"].user = world["student_user"]
    world["student"].save()
    world["mentor"].refresh_from_db()
    other_mentor.refresh_from_db()
    world["teacher"].refresh_from_db()
    return {
        "mentor_user": mentor_user,
        "other_mentor": other_mentor,
        "other_mentor_user": other_mentor_user,
        "teacher_user": teacher_user,
    }


@pytest.fixture
def trainings(world, people, curriculum):
    """Two placements at the same enterprise: the student's with 赵师傅, a classmate's with 孙师傅."""
    from chanjiao.tracking.models import PracticalTraining

    mine = make_placement(world["student"], world["enterprise"])
    classmate = make_student(world["program"], name="李小红")
    theirs = make_placement(classmate, world["enterprise"])
    PracticalTraining.objects.create(placement=mine, mentor=world["mentor"], supervisor=world["teacher"])
    PracticalTraining.objects.create(placement=theirs, mentor=people["other_mentor"])
    return {"mine": mine, "theirs": theirs, "classmate": classmate}


@pytest.fixture
def cohort(world):
    """Two 2024 graduates of the school's program; 陈明 interned at the enterprise."""
    from chanjiao.tracking.services.careers import register_graduates

    chen = make_student(world["program"], name="陈明", year=2021, student_no="2021001")
    liu = make_student(world["program"], name="刘芳", year=2021, student_no="2021002")
    make_placement(
        chen,
        world["enterprise"],
        year=2023,
        start_date=dt.date(2023, 7, 1),
        end_date=dt.date(2023, 12, 31),
        status="completed",
    )
    register_graduates(actor=None, program=world["program"], graduation_year=2024)
    return {"chen": chen.graduate, "liu": liu.graduate}
