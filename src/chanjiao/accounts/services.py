"""Writes that concern users and the activity record."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone

from chanjiao.accounts.models import Activity, ApiToken, User, hash_token


def record_activity(*, actor: User | None, verb: str, target: models.Model, summary: str = "") -> Activity:
    return Activity.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
    )


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValueError("Give the token a name, e.g. the script that will use it.")
    raw = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[3:11], key_hash=hash_token(raw))
    record_activity(actor=user, verb="create_token", target=token, summary=name)
    return token, raw


@transaction.atomic
def revoke_api_token(*, user: User, token: ApiToken) -> None:
    record_activity(actor=user, verb="revoke_token", target=token, summary=token.name)
    token.delete()


def user_for_token(raw: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw or "")).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
