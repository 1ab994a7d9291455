"""Small helpers every matching service shares."""

from __future__ import annotations

from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.matching.models import MatchingRound


def saved_actor(actor: User | None) -> User | None:
    """The user to store as author: None for the platform itself or an unsaved user."""
    return actor if actor is not None and actor.pk else None


def require_status(rnd: MatchingRound, *statuses: object) -> None:
    if rnd.status not in statuses:
        raise ValueError(
            _("This cannot be done while the round is “%(status)s”.") % {"status": rnd.get_status_display()}
        )
