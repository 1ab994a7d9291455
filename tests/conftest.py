"""Shared fixtures: small registries built with factories (the demo region is tested on its own)."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.registry.models import Teacher
from factories import (
    NANJING,
    SUZHOU,
    WUZHONG,
    make_carrier,
    make_org,
    make_program,
    make_student,
    make_user,
)


@pytest.fixture
def world(db):
    """Two schools, two enterprises, officers of Suzhou and Nanjing, a carrier, people."""
    school = make_org("school", "苏州示范职业技术学院")
    other_school = make_org("school", "苏州另一职业学院", region=WUZHONG)
    enterprise = make_org("enterprise", "苏州精密机械有限公司", revenue=12000, rd_spending=800)
    other_enterprise = make_org("enterprise", "苏州华信电子科技有限公司", revenue=9000, rd_spending=100)
    suzhou_bureau = make_org("government", "苏州市教育局", region=SUZHOU)
    nanjing_bureau = make_org("government", "南京市教育局", region=NANJING)
    program = make_program(school)
    other_program = make_program(other_school, code="510201", name="计算机应用技术")
    student = make_student(program)
    other_student = make_student(other_program)
    carrier = make_carrier(school, members=[enterprise, other_enterprise], kind="industrial_college")
    mentor = Teacher.objects.create(
        name="赵师傅", kind="mentor", organisation=enterprise, expertise="数控车削"
    )
    teacher = Teacher.objects.create(name="钱老师", kind="teacher", organisation=school, dual_qualified=True)
    return {
        "school": school,
        "other_school": other_school,
        "enterprise": enterprise,
        "other_enterprise": other_enterprise,
        "suzhou_bureau": suzhou_bureau,
        "nanjing_bureau": nanjing_bureau,
        "program": program,
        "other_program": other_program,
        "student": student,
        "other_student": other_student,
        "carrier": carrier,
        "mentor": mentor,
        "teacher": teacher,
        "school_user": make_user(Role.SCHOOL, school, "school_user"),
        "other_school_user": make_user(Role.SCHOOL, other_school, "other_school_user"),
        "enterprise_user": make_user(Role.ENTERPRISE, enterprise, "enterprise_user"),
        "other_enterprise_user": make_user(Role.ENTERPRISE, other_enterprise, "other_enterprise_user"),
        "officer": make_user(Role.GOVERNMENT, suzhou_bureau, "officer"),
        "nanjing_officer": make_user(Role.GOVERNMENT, nanjing_bureau, "nanjing_officer"),
        "admin": make_user(Role.ADMIN, None, "admin_user"),
        "student_user": make_user(Role.STUDENT, school, "student_user"),
    }


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with an empty cache, whatever an earlier test left in it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language, whatever an earlier test activated."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def client():
    """One 2-worker Dask LocalCluster (worker processes) shared by every test of the batch steps."""
    from chanjiao.scale.cluster import dask_client

    with dask_client(workers=2, address="") as client:
        client.wait_for_workers(2)
        yield client
