"""An enterprise signs in and sees its credit rating, the incentives granted with their basis and
its comprehensive insurance statement; then switches to Chinese."""

import datetime as dt

import pytest

from chanjiao.credit.services import save_policy
from chanjiao.credit.services_records import record_claim, record_cover
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Region, Student

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_an_enterprise_sees_its_rating_incentives_and_insurance_statement(world, page):
    enterprise, program = world["enterprise"], world["program"]
    save_policy(
        region=Region.objects.get(pk=320500),
        policy_settings={},
        finance_tier="strong",
        note="v1",
        actor=world["officer"],
    )
    for year in (2023, 2024, 2025):
        students = Student.objects.bulk_create(
            [
                Student(
                    school=program.school,
                    program=program,
                    student_no=f"B{year}{n:04d}",
                    name="实习生",
                    year=year,
                )
                for n in range(100)
            ]
        )
        Placement.objects.bulk_create(
            [
                Placement(
                    student=s,
                    enterprise=enterprise,
                    kind="internship",
                    year=year,
                    start_date=dt.date(year, 7, 1),
                    end_date=dt.date(year, 12, 31),
                    status="completed",
                )
                for s in students
            ]
        )
    cover = record_cover(
        actor=world["enterprise_user"],
        data={
            "enterprise": enterprise,
            "year": 2024,
            "insurer": "人保财险",
            "premium": 10_000,
            "insured_people": 100,
        },
    )
    record_claim(
        actor=world["enterprise_user"],
        cover=cover,
        data={"occurred_on": dt.date(2024, 9, 3), "description": "实训划伤", "paid": 3_000},
    )
    record_cover(
        actor=world["enterprise_user"],
        data={
            "enterprise": enterprise,
            "year": 2025,
            "insurer": "人保财险",
            "premium": 12_000,
            "insured_people": 100,
        },
    )

    sign_in(page, "enterprise_user")
    assert "Enterprise credit" in page.inner_text("#credit-panel")
    page.click("#credit-panel >> text=Our credit file")

    assert page.inner_text("#rating-badge") == "AAA"
    incentives = page.inner_text("#incentives")
    assert "Tax credit" in incentives and "rating AAA meets the required AAA" in incentives
    statement = page.inner_text("#insurance-statement")
    assert "8,400.00" in statement and "360.00" in statement and "6,240.00" in statement

    page.select_option("#language-select", "zh-hans")
    page.wait_for_selector("text=综合保险")
    assert page.inner_text("#rating-badge") == "AAA"
