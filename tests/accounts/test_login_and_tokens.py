"""Signing in (throttled), signing out, API tokens on the profile page."""

from django.test import Client

from chanjiao.accounts.models import ApiToken
from factories import client_for, make_user


def test_sign_in_and_out(db):
    make_user("government", username="wang")
    client = Client()

    response = client.post("/accounts/login/", {"username": "wang", "password": "pw-for-tests"})
    home = client.get("/")
    client.post("/accounts/logout/")

    assert response.status_code == 302 and response["Location"] == "/"
    assert home.status_code == 200
    assert client.get("/").status_code == 302


def test_login_is_throttled_after_repeated_failures(db):
    make_user("government", username="li")
    client = Client()

    failures = [
        client.post("/accounts/login/", {"username": "li", "password": "wrong"}).status_code for _ in range(5)
    ]
    locked = client.post("/accounts/login/", {"username": "li", "password": "pw-for-tests"})

    assert failures == [400] * 4 + [429]  # the fifth failure locks (tests/accounts/test_throttling.py)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_token_is_shown_once_stored_hashed_and_revocable(db):
    user = make_user("school", username="zhao")
    client = client_for(user)

    page = client.post("/accounts/profile/", {"name": "nightly export"}).content.decode()
    token = ApiToken.objects.get(user=user)
    raw = page.split('id="new-token">')[1].split("<")[0]
    works = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    revoked = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code

    assert raw.startswith("cj_") and raw not in token.key_hash
    assert works == 200 and revoked == 401


def test_token_needs_a_name_and_others_tokens_cannot_be_revoked(db):
    owner, stranger = make_user("school"), make_user("school")
    ApiToken.objects.create(user=owner, name="t", prefix="x", key_hash="h" * 64)

    unnamed = client_for(owner).post("/accounts/profile/", {"name": "  "})
    theft = client_for(stranger).post(f"/accounts/tokens/{ApiToken.objects.get().pk}/revoke/")

    assert unnamed.status_code == 400
    assert theft.status_code == 404
    assert ApiToken.objects.count() == 1
