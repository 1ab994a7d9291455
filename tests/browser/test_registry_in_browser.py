"""A person signs in, switches to Chinese, searches enterprises and opens a carrier's members."""

import pytest

from chanjiao.accounts.models import Role
from factories import make_user

# The live server needs committed data; the reference tables loaded by migrations are restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_officer_searches_enterprises_and_opens_a_carrier_in_chinese(world, page):
    sign_in(page, "officer")
    assert "The region at a glance" in page.content()

    page.select_option("#language-select", "zh-hans")
    page.wait_for_selector("text=地区概览")

    page.click("text=组织机构")
    page.fill("input[name=q]", "精密")
    page.wait_for_function("() => !document.querySelector('#results').innerText.includes('苏州华信')")
    assert "苏州精密机械有限公司" in page.inner_text("#results")

    page.goto(page.base_url + "/carriers/")
    page.click(f"text={world['carrier'].name}")
    members = page.inner_text("#members")
    assert "苏州精密机械有限公司" in members and "苏州华信电子科技有限公司" in members
    assert "成员 (3)" in page.content()


def test_a_student_signs_in_and_sees_their_home(page, world):
    make_user(Role.STUDENT, world["school"], "xiaoming")

    sign_in(page, "xiaoming")

    assert "Student" in page.inner_text("header")


def test_on_a_phone_the_menu_folds_behind_one_button(page, world):
    make_user(Role.STUDENT, world["school"], "xiaoming")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "xiaoming")
    page.click("text=Menu")
    page.select_option("#language-select", "zh-hans")
    page.wait_for_selector("text=菜单")

    header = page.locator("header").bounding_box()
    assert header["height"] <= 80  # the brand and the button, one line
    assert not page.locator("#site-menu").is_visible()

    page.click("text=菜单")
    assert page.locator("#site-menu").is_visible()
    assert page.locator(".site-account").is_visible()
    assert page.locator("header").bounding_box()["height"] > header["height"]
