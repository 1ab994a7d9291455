"""A demo city generated once for the access matrix, its demo accounts signed in, and the private
values each role must not find on any page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client

from access.crawl import Crawl, crawl
from access.matrix import Samples
from access.scope import Who
from chanjiao.accounts.models import Role, User
from chanjiao.demo.generator import generate
from chanjiao.docking.models import Posting
from chanjiao.matching.models import Placement, RoundStudent
from chanjiao.registry.models import Organisation, Region, Student
from chanjiao.surveys.models import Item, Questionnaire, Response
from chanjiao.tracking.models import CertificationExam, Graduate, XapiStatement

SEED = 7
DEMO_ROLES = (
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
)
# An officer of another city: what is Suzhou's alone must stay out of its reach.
OUTSIDE_OFFICER = "officer_nanjing"
NANJING = 320100


@dataclass(frozen=True)
class Needle:
    kind: str
    pattern: str  # a regular expression matching the value as pages show it
    rule: str  # who may see it: a rule of the table and a record
    pk: object


def _number(value: Decimal) -> str:
    """A figure as raw (JSON, cells), with thousands separators, and rounded to yuan (credit file)."""
    plain = f"{value:.2f}"
    grouped = f"{value:,.2f}"
    forms = [re.escape(plain), re.escape(grouped)]
    if abs(value) >= 10_000:
        forms.append(re.escape(f"{value:,.0f}"))
    alternatives = "|".join(forms)
    return rf"(?<![\d.,])(?:{alternatives})(?![\d]|[.,]\d)"


def _private_values() -> list[Needle]:
    needles = []
    firms = [
        User.objects.get(username="enterprise").organisation,
        User.objects.get(username="enterprise2").organisation,
        Organisation.objects.filter(kind="enterprise", revenue__gte=10_000)
        .exclude(users__isnull=False)
        .order_by("pk")
        .first(),
    ]
    distinctive = [
        (Decimal("97531.86"), Decimal("8642.97")),
        (Decimal("86420.13"), Decimal("7531.64")),
        (Decimal("75319.42"), Decimal("6420.85")),
    ]
    for firm, (revenue, rd) in zip(firms, distinctive, strict=True):
        for value in (firm.revenue, firm.rd_spending):
            if value is not None and abs(value) >= 1_000:  # the generated figures, as logged
                needles.append(Needle("revenue", _number(value), "organisation_private", firm.pk))
        Organisation.objects.filter(pk=firm.pk).update(revenue=revenue, rd_spending=rd)
        needles += [
            Needle("revenue", _number(revenue), "organisation_private", firm.pk),
            Needle("revenue", _number(rd), "organisation_private", firm.pk),
        ]
    for n, firm in enumerate(firms[:2]):
        posting = Posting.objects.filter(enterprise=firm).order_by("pk").first()
        if posting is not None:
            title = f"矩阵草稿岗位{n}DRAFT{n}X"
            Posting.objects.filter(pk=posting.pk).update(status="draft", title=title)
            needles.append(Needle("draft", re.escape(title), "posting", posting.pk))
    school = User.objects.get(username="school").organisation
    other_school = Organisation.objects.filter(kind="school").exclude(pk=school.pk).order_by("pk").first()
    linked = [
        Placement.objects.values("student_id"),
        RoundStudent.objects.values("student_id"),
        Graduate.objects.values("student_id"),
        CertificationExam.objects.values("student_id"),
        XapiStatement.objects.values("student_id"),
    ]
    for n, owner in enumerate((school, other_school)):
        alone = Student.objects.filter(school=owner, user__isnull=True)
        for rows in linked:
            alone = alone.exclude(pk__in=rows)
        student = alone.order_by("pk").first()
        name, number = f"矩阵隐{n}生", f"0000AM{n}731"
        Student.objects.filter(pk=student.pk).update(name=name, student_no=number)
        needles += [
            Needle("student", re.escape(name), "student", student.pk),
            Needle("student", re.escape(number), "student", student.pk),
        ]
    # The demo's questionnaires are all Likert: each gets an open question with one answer.
    for n, questionnaire in enumerate(Questionnaire.objects.order_by("pk")):
        response = questionnaire.responses.order_by("pk").first()
        if response is None:
            continue
        Item.objects.create(
            questionnaire=questionnaire,
            code="AMOPEN",
            kind="text",
            required=False,
            position=999,
            text_zh="还有什么建议？",
            text_en="Anything else?",
        )
        answer = f"矩阵答复{n}ANSWER{n}Z"
        Response.objects.filter(pk=response.pk).update(answers={**response.answers, "AMOPEN": answer})
        needles.append(Needle("survey-answer", re.escape(answer), "response", response.pk))
    return needles


def _roles() -> list[Who]:
    bureau = Organisation.objects.create(
        kind="government", name="南京市教育局（矩阵）", region=Region.objects.get(pk=NANJING)
    )
    User.objects.create(
        username=OUTSIDE_OFFICER, role=Role.GOVERNMENT, organisation=bureau, display_name="南京 officer"
    )
    roles = [Who("anonymous", None, "", None, None)]
    for user in User.objects.filter(username__in=(*DEMO_ROLES, OUTSIDE_OFFICER)).select_related(
        "organisation__region"
    ):
        org = user.organisation
        roles.append(
            Who(
                user.username,
                user.pk,
                user.role,
                org.pk if org else None,
                org.region.path if org and user.role == Role.GOVERNMENT else None,
                is_admin=user.is_platform_admin,
            )
        )
    order = ["anonymous", *DEMO_ROLES, OUTSIDE_OFFICER]
    return sorted(roles, key=lambda who: order.index(who.name))


@dataclass
class City:
    roles: list[Who]
    clients: dict[str, Client]
    samples: Samples
    needles: list[Needle]


@pytest.fixture(scope="package")
def city(django_db_setup, django_db_blocker):
    """The demo city, generated once for this folder's checks (the matrix, the crawl) inside a
    transaction rolled back after the last of them."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(scale="city", seed=SEED)
        needles = _private_values()
        roles = _roles()
        clients = {}
        for who in roles:
            client = Client(raise_request_exception=False)
            if not who.anonymous:
                client.force_login(User.objects.get(pk=who.user_id))
            clients[who.name] = client
        yield City(roles, clients, Samples(roles), needles)
        transaction.set_rollback(True)


@pytest.fixture(scope="package")
def crawled(city, django_db_blocker) -> Crawl:
    """Every demo role's pages two links deep from its home page, in English and Chinese: the
    pages (role, language, url, status, html) and the links they showed, with their statuses."""
    with django_db_blocker.unblock():
        return crawl()
