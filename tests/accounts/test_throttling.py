"""Sign-in throttling (django-axes): failures count per account at one address, per account from any
address and per address over all accounts; the address comes from a trusted proxy only; the web
sign-in, the admin sign-in and API tokens are all throttled, with a 429 and a message people read."""

import pytest
from django.test import Client, RequestFactory

from chanjiao.accounts.addresses import client_address
from chanjiao.accounts.services import create_api_token
from factories import make_user

MESSAGE = "Too many failed sign-ins. Wait 15 minutes and try again."


def sign_in(username, password, address="203.0.113.1", url="/accounts/login/", **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(url, {"username": username, "password": password})
    return response, client


@pytest.fixture
def li(db):
    return make_user("government", username="li")


def test_five_wrong_passwords_lock_that_account_at_that_address_and_no_one_else(li):
    make_user("school", username="wang")

    failures = [sign_in("li", "wrong")[0].status_code for _ in range(5)]
    li_here, li_client = sign_in("li", "pw-for-tests")
    wang_here, wang_client = sign_in("wang", "pw-for-tests")
    li_elsewhere, _ = sign_in("li", "pw-for-tests", address="198.51.100.7")

    assert failures == [400, 400, 400, 400, 429]
    assert li_here.status_code == 429 and MESSAGE in li_here.content.decode()
    assert "_auth_user_id" not in li_client.session
    assert wang_here.status_code == 302 and "_auth_user_id" in wang_client.session
    assert li_elsewhere.status_code == 302


def test_an_owners_sign_in_does_not_reset_guesses_at_the_account_from_elsewhere(li, settings):
    settings.LOGIN_THROTTLE_ACCOUNT_FAILURES = 8
    statuses = []
    for guess in range(12):  # a guesser who moves to a new address before each address's limit
        statuses.append(
            sign_in("li", f"guess-{guess}", address=f"198.51.100.{guess // 4 + 1}")[0].status_code
        )
        if guess % 4 == 3:
            assert sign_in("li", "pw-for-tests")[0].status_code in {302, 429}

    assert statuses[:7] == [400] * 7
    assert statuses[7:] == [429] * 5  # the account's own limit holds whatever the owner does


def test_an_owners_sign_in_clears_the_owners_own_typos(li):
    for _ in range(4):
        sign_in("li", "typo")
    signed_in, _ = sign_in("li", "pw-for-tests")

    again = [sign_in("li", "typo")[0].status_code for _ in range(4)]

    assert signed_in.status_code == 302
    assert again == [400] * 4


def test_one_address_guessing_many_accounts_is_stopped_at_the_address_limit(db, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 6
    for number in range(6):
        make_user("student", username=f"student{number}")

    sprayed = [sign_in(f"student{number}", "123456")[0].status_code for number in range(6)]
    then, _ = sign_in("student0", "pw-for-tests")

    assert sprayed == [400] * 5 + [429]
    assert then.status_code == 429


def test_the_admin_sign_in_is_throttled_too(db):
    make_user("admin", username="root")

    failures = [sign_in("root", "wrong", url="/admin/login/")[0].status_code for _ in range(5)]
    locked, client = sign_in("root", "pw-for-tests", url="/admin/login/")

    assert failures == [200] * 4 + [429]
    assert locked.status_code == 429 and MESSAGE in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_api_tokens_are_throttled_by_address_with_a_429(db, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 6
    _token, raw = create_api_token(user=make_user("school"), name="nightly")
    guesser = Client(REMOTE_ADDR="203.0.113.9")

    guesses = [guesser.get("/api/me", HTTP_AUTHORIZATION=f"Bearer cj_guess{n}").status_code for n in range(6)]
    refused = guesser.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    elsewhere = Client(REMOTE_ADDR="198.51.100.3").get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert guesses == [401] * 5 + [429]
    assert refused.status_code == 429 and refused.json() == {"detail": MESSAGE}
    assert refused["Retry-After"] == "900"
    assert elsewhere.status_code == 200


def test_the_refusals_speak_chinese(li, settings):
    settings.LOGIN_THROTTLE_ADDRESS_FAILURES = 5  # the address is locked too, for tokens as well
    for _ in range(5):
        sign_in("li", "wrong")

    page, _ = sign_in("li", "wrong", HTTP_ACCEPT_LANGUAGE="zh-hans")
    api = Client(REMOTE_ADDR="203.0.113.1").get(
        "/api/me", HTTP_AUTHORIZATION="Bearer cj_x", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert page.status_code == 429 and "登录失败次数过多，请 15 分钟后再试。" in page.content.decode()
    assert api.status_code == 429 and api.json() == {"detail": "登录失败次数过多，请 15 分钟后再试。"}


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/accounts/login/", **headers)


def test_the_client_address_is_taken_from_a_trusted_proxy_only(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]

    assert client_address(request_from("10.0.0.5", "198.51.100.1, 203.0.113.4")) == "203.0.113.4"
    assert client_address(request_from("10.0.0.5", "198.51.100.1, 192.0.2.1")) == "198.51.100.1"
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"  # not our proxy
    assert client_address(request_from("10.0.0.5", "not-an-address")) == "10.0.0.5"
    assert client_address(request_from("10.0.0.5")) == "10.0.0.5"
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("10.0.0.5", "198.51.100.1")) == "10.0.0.5"


def test_behind_the_proxy_one_clients_failures_do_not_lock_another(li, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    for _ in range(5):
        sign_in("li", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    guesser, _ = sign_in("li", "pw-for-tests", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    owner, _ = sign_in("li", "pw-for-tests", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.30")

    assert guesser.status_code == 429
    assert owner.status_code == 302
