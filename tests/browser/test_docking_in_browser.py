"""An enterprise posts a job, sees the coder's suggested occupation and corrects it; the officer
refreshes the supply–demand table and sees the gap change."""

import pytest
from django.utils import timezone

from chanjiao.docking.refresh import refresh_supply_demand
from chanjiao.registry.models import ProgramOccupation, ProgramYear

# The live server needs committed data; the reference tables loaded by migrations are restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def sign_out(page):
    page.click("header button:has-text('Sign out')")
    page.wait_for_url("**/accounts/login/")


def pick(page, field_id, search, value):
    """Choose a record in a picker as a user does: type part of its name, then choose it."""
    page.fill(f"input.picker-search[aria-controls={field_id}]", search)
    page.wait_for_selector(f"#{field_id} option[value='{value}']", state="attached")
    page.select_option(f"#{field_id}", value)


def test_enterprise_corrects_the_suggested_code_and_the_officer_sees_the_gap_change(world, page):
    year = timezone.localdate().year
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-01", weight=0.5)
    ProgramOccupation.objects.create(program=world["program"], occupation_id="6-18-01-07", weight=0.5)
    ProgramYear.objects.create(program=world["program"], year=year, enrolment=90, expected_graduates=80)
    refresh_supply_demand()
    cell_url = f"{page.base_url}/supply-demand/cell/?region=320500&level=4&year={year}&occupation=6-18-01-07"

    sign_in(page, "officer")
    page.goto(cell_url)
    assert page.inner_text("#cell-gap") == "-40.0"
    sign_out(page)

    sign_in(page, "enterprise_user")
    page.goto(page.base_url + "/docking/postings/new/")
    page.fill("#id_title", "数控车工（包吃住）")
    page.fill("#id_seats", "5")
    pick(page, "id_region", "虎丘", "320505")
    page.click("form.record-form button[type=submit]")
    page.wait_for_selector("#code-in-use", timeout=60_000)  # the first posting fits the coder
    assert page.inner_text("#code-in-use") == "6-18-01-01"
    assert "Suggested by the coder" in page.inner_text("#coding")
    pick(page, "id_occupation", "6-18-01-07", "6-18-01-07")
    page.click("#override-code")
    page.wait_for_selector("text=Corrected by hand")
    assert page.inner_text("#code-in-use") == "6-18-01-07"
    page.click("#to-published")
    page.wait_for_selector("#posting-status:has-text('Published')")
    sign_out(page)

    sign_in(page, "officer")
    page.goto(page.base_url + f"/supply-demand/?region=320500&level=4&year={year}")
    assert "1 posting changed since." in page.inner_text("#run")
    page.click("#refresh")
    page.wait_for_selector("text=Succeeded")
    page.goto(cell_url)
    assert page.inner_text("#cell-gap") == "-35.0"
    assert "数控车工（包吃住）" in page.inner_text("#postings")
