"""Factories for registry records and signed-in clients."""

import itertools

from django.test import Client

from chanjiao.accounts.models import Role, User
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, Program, Student

SUZHOU, HUQIU, WUZHONG, NANJING, XUANWU = 320500, 320505, 320506, 320100, 320102
_counter = itertools.count(1)


def make_org(kind="enterprise", name=None, region=HUQIU, **fields):
    defaults = {
        "enterprise": {"size": "sme", "industry": "C", "revenue": 5000, "rd_spending": 300},
        "school": {"school_level": "higher"},
    }.get(kind, {})
    return Organisation.objects.create(
        kind=kind, name=name or f"{kind} {next(_counter)}", region_id=region, **{**defaults, **fields}
    )


def make_user(role, organisation=None, username=None):
    user = User.objects.create_user(
        username=username or f"{role}{next(_counter)}",
        password="pw-for-tests",
        role=role,
        organisation=organisation,
    )
    if role == Role.ADMIN:
        user.is_superuser = user.is_staff = True
        user.save()
    return user


def make_program(school, code="460103", name="数控技术", capacity=100):
    return Program.objects.create(school=school, code=code, name=name, capacity=capacity)


def make_student(program, student_no=None, **fields):
    return Student.objects.create(
        school=program.school,
        program=program,
        student_no=student_no or f"S{next(_counter):06d}",
        name=fields.pop("name", "王小明"),
        year=fields.pop("year", 2024),
        **fields,
    )


def make_carrier(lead, members=(), kind="training_base", region=HUQIU, name=None):
    carrier = Carrier.objects.create(
        name=name or f"carrier {next(_counter)}", kind=kind, region_id=region, lead=lead
    )
    CarrierMember.objects.create(carrier=carrier, organisation=lead, role="lead")
    for org in members:
        CarrierMember.objects.create(carrier=carrier, organisation=org, role="member", council_seats=1)
    return carrier


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
