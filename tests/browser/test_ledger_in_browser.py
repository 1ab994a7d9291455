"""An officer follows a carrier's "verified" badge to its proof, then checks the exported record."""

import pytest

from chanjiao.ledger.services import record_existing, sign_tree_head

# The live server needs committed data; the reference tables loaded by migrations are restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, username):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def test_officer_follows_the_badge_and_verifies_the_exported_record(world, page, settings):
    settings.LEDGER_SIGNING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    record_existing(actor=None)
    sign_tree_head(actor=None)
    carrier = world["carrier"]
    sign_in(page, "officer")

    page.goto(f"{page.base_url}/carriers/{carrier.pk}/")
    page.click("text=Carrier verified · leaf 0 of signed head 10")
    page.wait_for_url(f"{page.base_url}/ledger/records/carrier/{carrier.pk}/")
    assert "included in the signed tree head of size 10" in page.inner_text("#status")
    assert carrier.name in page.inner_text("#document")

    exported = page.request.get(f"{page.base_url}/api/ledger/records/carrier/{carrier.pk}").text()
    page.goto(page.base_url + "/ledger/verify/")
    page.fill("textarea[name=bundle]", exported)
    page.click("#verify-form button[type=submit]")
    page.wait_for_selector("#result")
    assert "The record is in the log" in page.inner_text("#result")

    page.fill("textarea[name=bundle]", exported.replace(carrier.name, "另一个载体"))
    page.click("#verify-form button[type=submit]")
    page.wait_for_selector("text=The record does not check")
