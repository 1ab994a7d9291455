"""An enterprise mentor signs in, finds their intern's training and approves a weekly log, then
withdraws the approval with a reason."""

import datetime as dt

import pytest

from chanjiao.accounts.models import Role
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Teacher
from chanjiao.tracking.models import LogDecision, PracticalTraining, TrainingLog
from factories import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_mentor_approves_a_log_and_withdraws_the_approval_with_a_reason(world, page):
    # given 赵师傅 signs in as the mentor of 王小明's post internship, which has a log waiting
    mentor_user = make_user(Role.TEACHER, world["enterprise"], "zhao_mentor")
    Teacher.objects.filter(pk=world["mentor"].pk).update(user=mentor_user)
    placement = Placement.objects.create(
        student=world["student"],
        enterprise=world["enterprise"],
        kind="internship",
        stage="post",
        year=2025,
        start_date=dt.date(2025, 7, 1),
        end_date=dt.date(2025, 12, 31),
        status="active",
    )
    training = PracticalTraining.objects.create(placement=placement, mentor=world["mentor"])
    log = TrainingLog.objects.create(
        training=training,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 5),
        hours=40,
        content="首件检验与对刀",
    )
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", "zhao_mentor")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")

    # when they open their trainings from the menu and approve the log
    page.click("summary:has-text('Training & careers')")
    page.click("text=Practical training")
    page.click(f"text={world['student'].name}")
    page.click(f"#log-{log.pk} button[name=approve]")
    page.wait_for_selector(f"#log-{log.pk} .log-status:has-text('Approved')")

    # and then withdraw the approval, giving the reason
    page.fill(f"#log-{log.pk} input[name=reason]", "工时与考勤记录不符")
    page.click(f"#log-{log.pk} button:has-text('Withdraw approval')")
    page.wait_for_selector(f"#log-{log.pk} .log-status:has-text('Returned for changes')")

    # then the log went back to the student, with both decisions on record
    assert TrainingLog.objects.get().status == "returned"
    assert list(LogDecision.objects.values_list("action", "reason", "actor__username")) == [
        ("approve", "", "zhao_mentor"),
        ("revoke", "工时与考勤记录不符", "zhao_mentor"),
    ]
    assert "工时与考勤记录不符" in page.inner_text(f"#log-{log.pk}")
