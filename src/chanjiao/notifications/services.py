"""Every notifications write: sending notices (and their mail), marking them read, preferences."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chanjiao.accounts.models import User
from chanjiao.notifications.models import NoticeKind, NoticePreference, Notification

logger = logging.getLogger(__name__)


# Lookups go by chunks: SQLite takes at most 32,766 parameters in one query, and a province's
# round notices more people than that.
CHUNK = 5000


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _choices(user_ids: set[int], kind: str) -> dict[int, tuple[bool, bool]]:
    """(notify, mail) per user for a kind; users without a stored choice get (True, True)."""
    stored = {
        user_id: (enabled, email)
        for chunk in _chunks(sorted(user_ids))
        for user_id, enabled, email in NoticePreference.objects.filter(
            user_id__in=chunk, kind=kind
        ).values_list("user_id", "enabled", "email")
    }
    return {user_id: stored.get(user_id, (True, True)) for user_id in user_ids}


@dataclass(frozen=True)
class Notice:
    """One notice to one user (see ``notify``)."""

    user_id: int
    title: str
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    key: str = ""


@transaction.atomic
def notify_each(*, kind: str, notices: Iterable[Notice]) -> list[Notification]:
    """Send many notices of one kind in a few queries, whatever their number: users who turned
    the kind off are skipped, and so is a notice whose ``key`` the user already had. ``title`` is
    an English message id (``gettext_noop``) with ``%(name)s`` placeholders filled from ``params``
    when shown. Mail follows once the transaction commits, when the platform sends mail
    (NOTIFICATIONS_SEND_EMAIL) and the user keeps mail on for the kind."""
    if kind not in NoticeKind.values:
        raise ValueError(f"unknown notice kind {kind!r}")
    notices = list(notices)
    choices = _choices({n.user_id for n in notices}, kind)
    keys = sorted({n.key for n in notices if n.key})
    had = {
        pair
        for chunk in _chunks(keys)
        for pair in Notification.objects.filter(key__in=chunk).values_list("user_id", "key")
    }
    fresh, seen = [], set()
    for notice in notices:
        identity = (notice.user_id, notice.key)
        if not choices[notice.user_id][0] or (notice.key and (identity in had or identity in seen)):
            continue
        seen.add(identity)
        fresh.append(notice)
    created = Notification.objects.bulk_create(
        [
            Notification(user_id=n.user_id, kind=kind, title=n.title, params=n.params, url=n.url, key=n.key)
            for n in fresh
        ],
        batch_size=2000,
    )
    if settings.NOTIFICATIONS_SEND_EMAIL:
        to_mail = [n.pk for n in created if choices[n.user_id][1]]
        if to_mail:
            transaction.on_commit(lambda: mail_notifications(to_mail))
    return created


def notify(
    *,
    user_ids: Iterable[int],
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    key: str = "",
) -> list[Notification]:
    """The same notice to several users (see ``notify_each``)."""
    return notify_each(
        kind=kind,
        notices=[Notice(user_id, title, params or {}, url, key) for user_id in sorted(set(user_ids))],
    )


def mail_notifications(notification_ids: list[int]) -> int:
    """Mail each notice to its user's address through one connection; how many were sent. A
    refused or unreachable server is logged: the notice stays in the app either way."""
    notices = [
        notice
        for chunk in _chunks(sorted(notification_ids))
        for notice in Notification.objects.filter(pk__in=chunk, emailed_at__isnull=True)
        .exclude(user__email="")
        .select_related("user")
    ]
    if not notices:
        return 0
    connection = get_connection(fail_silently=False)
    sent = []
    try:
        connection.open()
        for notice in notices:
            with translation.override(settings.NOTIFICATIONS_MAIL_LANGUAGE):
                subject = notice.text
                link = settings.SITE_URL.rstrip("/") + notice.url if notice.url else ""
                body = "\n\n".join(
                    part
                    for part in (
                        notice.text,
                        link,
                        _("Turn this kind of notice off on your notification preferences page."),
                    )
                    if part
                )
            try:
                EmailMessage(subject, body, to=[notice.user.email], connection=connection).send()
            except (OSError, smtplib.SMTPException) as error:
                logger.warning("notice %s not mailed: %s", notice.pk, error)
            else:
                sent.append(notice.pk)
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail server unavailable, %s notices not mailed: %s", len(notices), error)
    finally:
        connection.close()
    for chunk in _chunks(sent):
        Notification.objects.filter(pk__in=chunk).update(emailed_at=timezone.now())
    return len(sent)


@transaction.atomic
def mark_read(*, user: User, notification: Notification) -> Notification:
    if notification.user_id != user.pk:
        raise ValueError(_("This notice is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user: User) -> int:
    """Mark every unread notice of the user read; how many were."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_preferences(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the user's (notify, mail) choice for each kind given."""
    for kind, (enabled, email) in choices.items():
        if kind not in NoticeKind.values:
            raise ValueError(_("Unknown kind of notice: %(kind)s.") % {"kind": kind})
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": enabled, "email": email}
        )
