"""A student drags their choices into order; the coordinator runs the round and publishes it from
the browser; the student reads why they got the seat they got."""

import datetime as dt

import pytest
from django.utils import timezone

from chanjiao.demo.models import DemoDataset
from chanjiao.docking.models import Posting
from chanjiao.matching.demo_round import populate_round
from chanjiao.matching.models import MatchingRound, StudentChoice
from chanjiao.matching.services import open_round, set_student_choices
from chanjiao.registry.models import Organisation, ProgramOccupation, Region
from factories import make_student

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def sign_out(page):
    page.click("header button[type=submit]")
    page.wait_for_url("**/accounts/login/**")


@pytest.fixture
def city_round(world):
    """A round of two 车工 internships (one seat each); the world's student and a stronger
    classmate both want the first one."""
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-01", weight=1.0)
    student = world["student"]
    student.user = world["student_user"]
    student.save()
    rival = make_student(world["program"], name="赵强", skills=["数控编程"])
    first, second = (
        Posting.objects.create(
            enterprise=enterprise,
            title=title,
            kind="internship",
            seats=1,
            skills=["数控编程"],
            region_id=enterprise.region_id,
            status="published",
            published_on=timezone.localdate(),
            occupation_id="6-18-01-01",
        )
        for enterprise, title in (
            (world["enterprise"], "精密车工实习"),
            (world["other_enterprise"], "车工实习"),
        )
    )
    now = timezone.now()
    rnd = open_round(
        actor=world["officer"],
        organiser=world["suzhou_bureau"],
        data={
            "name": "苏州岗位实习双选",
            "kinds": ["internship"],
            "cohort_from": 2024,
            "cohort_to": 2024,
            "ranking_opens": now - dt.timedelta(days=1),
            "ranking_closes": now + dt.timedelta(days=7),
            "starts_on": dt.date(2026, 7, 1),
            "ends_on": dt.date(2026, 12, 31),
            "lottery_seed": 11,
        },
    )
    positions = {p.title: p for p in rnd.positions.all()}
    rival_place = rnd.participants.get(student=rival)
    set_student_choices(actor=None, participant=rival_place, positions=[positions["精密车工实习"]])
    return {"round": rnd, "positions": positions, "first": first, "second": second, **world}


def test_a_student_ranks_the_coordinator_runs_and_the_student_reads_why(page, city_round):
    rnd = city_round["round"]

    sign_in(page, "student_user")
    page.goto(f"{page.base_url}/matching/rounds/{rnd.pk}/my-list/")
    for title in ("车工实习", "精密车工实习"):
        page.click(f"button[data-add='{city_round['positions'][title].pk}']")
    items = page.locator("#my-list [data-handle]")
    items.nth(1).drag_to(items.nth(0))
    assert page.locator("#my-list li").first.inner_text().count("精密车工实习") == 1
    page.click("#save-list")
    page.wait_for_selector("text=Your list is saved.")
    participant = rnd.participants.get(student=city_round["student"])
    assert list(
        StudentChoice.objects.filter(participant=participant)
        .order_by("rank")
        .values_list("position__title", flat=True)
    ) == ["精密车工实习", "车工实习"]
    sign_out(page)

    sign_in(page, "officer")
    page.goto(f"{page.base_url}/matching/rounds/{rnd.pk}/")
    page.fill("#early-run-reason", "所有志愿已提交")  # ranking is still open
    page.click("#run-round")
    page.wait_for_selector("text=Publish the results")
    assert page.inner_text("#report-summary .card strong >> nth=0") == "2"
    assert "of 3 students placed" in page.inner_text("#report-summary")
    page.click("#report-link")
    assert page.inner_text("#welfare-blocking") == "0"
    page.go_back()
    page.click("#publish-round")
    page.click("#confirm")  # the confirmation page: how many placements publishing creates
    page.wait_for_selector("#open-scramble")
    sign_out(page)

    sign_in(page, "student_user")
    page.goto(f"{page.base_url}/matching/rounds/{rnd.pk}/")
    page.click("#result-link")
    explanation = page.inner_text("#explanation-main")
    assert "Placed at 车工实习 · 苏州华信电子科技有限公司, your choice 2." in explanation
    assert (
        "The only seat at 精密车工实习 · 苏州精密机械有限公司 went to a candidate the enterprise ranked higher; "
        "you were number 2 of 2 applicants." in explanation
    )
    page.click("[data-accept]")
    page.wait_for_selector("text=Your answer is recorded.")


def test_the_officer_runs_the_demo_round_and_a_student_reads_the_result(page, city_round):
    dataset = DemoDataset.objects.create(scale="city", seed=5, region=Region.objects.get(pk=320500))
    dataset.organisations.set(Organisation.objects.exclude(pk=city_round["nanjing_bureau"].pk))
    populate_round(dataset=dataset)
    demo = MatchingRound.objects.exclude(pk=city_round["round"].pk).get()

    sign_in(page, "officer")
    page.goto(f"{page.base_url}/matching/rounds/{demo.pk}/")
    page.fill("#early-run-reason", "所有志愿已提交")  # ranking is still open
    page.click("#run-round")
    page.wait_for_selector("#publish-round")
    page.click("#publish-round")
    page.click("#confirm")  # the confirmation page: how many placements publishing creates
    page.wait_for_selector("#open-scramble")
    sign_out(page)

    sign_in(page, "student_user")
    page.goto(f"{page.base_url}/matching/rounds/{demo.pk}/my-result/")
    summary = page.inner_text("#explanation-main .summary")
    assert summary.startswith(("Placed at", "Not placed"))
    assert page.locator("#explanation-main li.choice").count() >= 1
