"""Query-count budgets: a list page or API list costs the same number of queries for 2 rows as
for 12, so a query per row (an N+1) fails here before it slows the platform down.

Each list is read after a warm-up request, once with 2 rows of its kind and once with 12, by the
platform administrator (who sees every row), by an officer of the region and by a school (whose
access is decided per row: their lists read the policy's tables once, not per row). A list a
reader may not open at all is skipped for that reader."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.accounts.models import Role
from chanjiao.registry.models import Teacher
from factories import HUQIU, client_for, make_carrier, make_org, make_program, make_student, make_user

SMALL, LARGE = 2, 12
_n = itertools.count(1)


def _placement(w):
    from chanjiao.matching.models import Placement

    Placement.objects.create(
        student=make_student(w["program"]),
        enterprise=w["enterprise"],
        kind="internship",
        year=2025,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2025, 12, 31),
    )


def _posting(w):
    from chanjiao.docking.models import Posting

    Posting.objects.create(enterprise=w["enterprise"], title=f"数控车工 {next(_n)}", region_id=HUQIU)


def _need(w):
    from chanjiao.docking.models import TechnicalNeed

    TechnicalNeed.objects.create(
        enterprise=w["enterprise"], title=f"need {next(_n)}", description="精度", region_id=HUQIU
    )


def _resource(w):
    from chanjiao.docking.models import SharedResource

    SharedResource.objects.create(
        owner=w["school"], kind="equipment", name=f"五轴 {next(_n)}", region_id=HUQIU
    )


def _course(w):
    from chanjiao.docking.models import Course

    Course.objects.create(program=w["program"], name=f"course {next(_n)}")


def _agreement(w):
    from chanjiao.credit.services import ensure_policy
    from chanjiao.governance.models import Agreement, AgreementParty, AgreementRevision, AgreementSignature

    agreement = Agreement.objects.create(title=f"协议 {next(_n)}", kind="school_enterprise", region_id=HUQIU)
    policy = ensure_policy(region=w["school"].region, actor=None)
    for number in (1, 2):
        revision = AgreementRevision.objects.create(
            agreement=agreement, number=number, kind="original", starts_on=dt.date(2025, 1, 1), policy=policy
        )
        for org in (w["school"], w["enterprise"]):
            AgreementParty.objects.get_or_create(agreement=agreement, organisation=org)
            AgreementSignature.objects.create(revision=revision, organisation=org)


def _council(w):
    from chanjiao.governance.models import Council

    carrier = make_carrier(w["school"], members=[w["enterprise"], w["other_enterprise"]])
    Council.objects.create(carrier=carrier, name=f"理事会 {next(_n)}")


def _contribution(w):
    from chanjiao.credit.models import Contribution

    Contribution.objects.create(
        enterprise=w["enterprise"],
        kind="equipment",
        description="数控机床",
        contributed_on=dt.date(2025, 3, 1),
        appraised_value=Decimal("120"),
        appraiser="苏州评估所",
    )


def _cover(w):
    from chanjiao.credit.models import InsuranceCover

    InsuranceCover.objects.create(enterprise=w["enterprise"], year=2000 + next(_n), insurer="人保", premium=1)


def _incident(w):
    from chanjiao.credit.models import Incident

    Incident.objects.create(
        enterprise=w["enterprise"], kind="dispute", occurred_on=dt.date(2025, 5, 1), description="纠纷"
    )


def _return(w):
    from chanjiao.evaluation.models import AnnualReturn

    AnnualReturn.objects.create(unit_kind="enterprise", unit_id=w["enterprise"].pk, year=2000 + next(_n))


def _standard(w):
    from chanjiao.tracking.models import JobStandard

    JobStandard.objects.create(
        association=w["association"],
        code=f"T/SZ {next(_n)}",
        title="数控车工",
        published_on=dt.date(2024, 3, 1),
    )


def _questionnaire(w):
    from chanjiao.surveys.models import Questionnaire

    Questionnaire.objects.create(owner=w["school"], title_zh=f"问卷 {next(_n)}")


def _round(w):
    from chanjiao.matching.models import MatchingRound

    day = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    MatchingRound.objects.create(
        name=f"round {next(_n)}",
        organiser=w["school"],
        region_id=HUQIU,
        cohort_from=2024,
        cohort_to=2025,
        ranking_opens=day,
        ranking_closes=day + dt.timedelta(days=7),
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 6, 30),
    )


def _wave(w):
    from chanjiao.tracking.models import FollowUpWave

    FollowUpWave.objects.create(
        school=w["school"],
        survey_year=2000 + next(_n),
        opened_on=dt.date(2025, 1, 1),
        closes_on=dt.date(2025, 3, 1),
    )


def _stake(w):
    from chanjiao.credit.models import Contribution
    from chanjiao.credit.services_money import create_stake

    contribution = Contribution.objects.create(
        enterprise=w["enterprise"],
        kind="technology",
        description="专利",
        contributed_on=dt.date(2025, 3, 1),
        appraised_value=Decimal("80"),
        appraiser="苏州评估所",
    )
    data = {"venture": f"合资 {next(_n)}", "other_capital": Decimal("1000"), "contributions": [contribution]}
    create_stake(enterprise=w["enterprise"], data=data, actor=None)


def _sharing(w):
    from chanjiao.credit.models import BenefitParty, BenefitSharing

    sharing = BenefitSharing.objects.create(title=f"收益分配 {next(_n)}", total=Decimal("100"), table={})
    for org in (w["school"], w["enterprise"]):
        BenefitParty.objects.create(sharing=sharing, organisation=org, contribution=Decimal("50"))


# name: (web list, API list, add one row)
LISTS = {
    "organisations": ("/organisations/", "/api/organisations", lambda w: make_org("enterprise")),
    "programs": (
        "/programs/",
        "/api/programs",
        lambda w: make_program(w["school"], code=f"4{next(_n):05d}", name="专业"),
    ),
    "carriers": (
        "/carriers/",
        "/api/carriers",
        lambda w: make_carrier(w["school"], members=[w["enterprise"]]),
    ),
    "students": ("/people/students/", "/api/students", lambda w: make_student(w["program"])),
    "teachers": (
        "/people/teachers/",
        "/api/teachers",
        lambda w: Teacher.objects.create(name="孙老师", kind="teacher", organisation=w["school"]),
    ),
    "placements": ("/placements/", "/api/placements", _placement),
    "postings": ("/docking/postings/", "/api/docking/postings", _posting),
    "needs": ("/docking/needs/", "/api/docking/needs", _need),
    "resources": ("/docking/resources/", "/api/docking/resources", _resource),
    "courses": ("/docking/courses/", "/api/docking/courses", _course),
    "agreements": ("/governance/agreements/", "/api/governance/agreements", _agreement),
    "councils": ("/governance/councils/", "/api/governance/councils", _council),
    "contributions": ("/credit/contributions/", "/api/credit/contributions", _contribution),
    "insurance": ("/credit/insurance/", "/api/credit/insurance", _cover),
    "incidents": ("/credit/incidents/", "/api/credit/incidents", _incident),
    "equity stakes": ("/credit/equity/", "/api/credit/equity-stakes", _stake),
    "benefit sharing": ("/credit/sharing/", "/api/credit/benefit-sharing", _sharing),
    "returns": ("/evaluation/returns/", "/api/evaluation/returns", _return),
    "standards": ("/standards/", "/api/tracking/standards", _standard),
    "questionnaires": ("/surveys/", "/api/surveys/questionnaires", _questionnaire),
    "rounds": ("/matching/rounds/", "/api/matching/rounds", _round),
    "follow-ups": ("/graduates/follow-ups/", "/api/tracking/follow-ups", _wave),
}


READERS = {
    "admin": lambda w: make_user(Role.ADMIN, None, "budget_admin"),
    "officer": lambda w: make_user(Role.GOVERNMENT, w["suzhou_bureau"], "budget_officer"),
    "school": lambda w: make_user(Role.SCHOOL, w["school"], "budget_school"),
}


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_queries_for_2_rows_as_for_12(world, name, reader):
    web, api, add_row = LISTS[name]
    world["association"] = make_org("association", "苏州市智能制造行业协会")
    client = client_for(READERS[reader](world))
    for _ in range(SMALL):
        add_row(world)
    for url in (web, api):
        # warm-up: per-process caches (menus, translations, policy tables)
        if client.get(url).status_code == 403:
            pytest.skip(f"{reader} may not open {url}")
    small = {url: _queries(client, url) for url in (web, api)}

    for _ in range(LARGE - SMALL):
        add_row(world)
    large = {url: _queries(client, url) for url in (web, api)}

    assert large == small, f"queries grow with rows: {small} for {SMALL} rows, {large} for {LARGE}"
