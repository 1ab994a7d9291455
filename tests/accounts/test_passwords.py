"""Changing one's password, and resetting it by e-mail: web and API, throttled, not enumerating."""

import re

from django.core import mail
from django.test import Client

from chanjiao.accounts.models import User
from factories import client_for, make_user

NEW = "Kq7!turbine-lathe"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body)[1]


def test_a_user_changes_their_password_on_the_web(db):
    user = make_user("teacher", username="qian")
    client = client_for(user)

    wrong = client.post(
        "/accounts/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW}
    )
    right = client.post(
        "/accounts/password/", {"old_password": "pw-for-tests", "new_password1": NEW, "new_password2": NEW}
    )

    assert wrong.status_code == 400
    assert right.status_code == 302 and right["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").status_code == 200  # still signed in
    assert User.objects.get(username="qian").check_password(NEW)


def test_the_password_page_is_in_chinese(db):
    client = client_for(make_user("student"))
    client.cookies["django_language"] = "zh-hans"

    page = client.get("/accounts/password/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "密码修改" in page and "旧密码" in page


def test_guessing_the_current_password_is_throttled_like_sign_in(db):
    user = make_user("school", username="sun")
    client = client_for(user)
    guess = {"new_password1": NEW, "new_password2": NEW}

    statuses = [
        client.post("/accounts/password/", {**guess, "old_password": f"guess{i}"}).status_code
        for i in range(5)
    ]
    locked = client.post("/accounts/password/", {**guess, "old_password": "pw-for-tests"})

    assert statuses == [400] * 4 + [429]
    assert locked.status_code == 429
    assert User.objects.get(username="sun").check_password("pw-for-tests")


def test_a_user_changes_their_password_through_the_api(db):
    user = make_user("enterprise", username="he")
    client = client_for(user)

    wrong = client.post(
        "/api/accounts/password", {"old_password": "x", "new_password": NEW}, content_type="application/json"
    )
    weak = client.post(
        "/api/accounts/password",
        {"old_password": "pw-for-tests", "new_password": "123"},
        content_type="application/json",
    )
    right = client.post(
        "/api/accounts/password",
        {"old_password": "pw-for-tests", "new_password": NEW},
        content_type="application/json",
    )

    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["body", "old_password"]
    assert weak.status_code == 422
    assert right.status_code == 200
    assert User.objects.get(username="he").check_password(NEW)
    assert client.get("/api/me").status_code == 200


def test_reset_by_email_sets_a_new_password_once(db):
    user = make_user("school", username="zhou")
    user.email = "zhou@school.example.cn"
    user.save()
    client = Client()

    asked = client.post("/accounts/password-reset/", {"email": "ZHOU@school.example.cn"})
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    chosen = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    reused = Client().get(link)

    assert asked.status_code == 302 and asked["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox[0].to == ["zhou@school.example.cn"]
    assert form.status_code == 200
    assert chosen.status_code == 302 and chosen["Location"] == "/accounts/reset/done/"
    assert User.objects.get(username="zhou").check_password(NEW)
    assert reused.status_code == 400 and "This link no longer works" in reused.content.decode()


def test_reset_answers_the_same_whether_or_not_the_address_exists(db):
    user = make_user("school")
    user.email = "known@example.cn"
    user.save()

    known = Client().post("/accounts/password-reset/", {"email": "known@example.cn"})
    unknown = Client().post("/accounts/password-reset/", {"email": "unknown@example.cn"})
    api_known = Client().post(
        "/api/accounts/password-reset", {"email": "known@example.cn"}, content_type="application/json"
    )
    api_unknown = Client().post(
        "/api/accounts/password-reset", {"email": "unknown@example.cn"}, content_type="application/json"
    )

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert api_known.status_code == api_unknown.status_code == 202
    assert api_known.json() == api_unknown.json()
    assert len(mail.outbox) == 2 and {m.to[0] for m in mail.outbox} == {"known@example.cn"}


def test_reset_requests_for_one_address_are_throttled(db):
    client = Client()

    statuses = [
        client.post("/accounts/password-reset/", {"email": "target@example.cn"}).status_code for _ in range(6)
    ]
    api = client.post(
        "/api/accounts/password-reset", {"email": "target@example.cn"}, content_type="application/json"
    )

    assert statuses == [302] * 4 + [429, 429]  # the fifth request locks, as the fifth wrong password does
    assert len(mail.outbox) == 0  # no account has this address
    assert api.status_code == 429


def test_a_deactivated_account_gets_no_reset_link(db):
    user = make_user("student")
    user.email, user.is_active = "gone@example.cn", False
    user.save()

    Client().post("/accounts/password-reset/", {"email": "gone@example.cn"})

    assert mail.outbox == []
