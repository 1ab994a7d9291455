"""Who may see and change notifications (read by ``chanjiao.accounts.access``).

A notice and a preference are their user's alone: nobody else reads or marks them, not even an
administrator (404 for everyone else)."""

from __future__ import annotations

from chanjiao.accounts.access import Action, Self, declare
from chanjiao.notifications.models import NoticePreference, Notification

for model in (Notification, NoticePreference):
    declare(
        model,
        view=[Self("user")],
        change=[Self("user")],
        personal=[Action.VIEW, Action.CHANGE],
    )
