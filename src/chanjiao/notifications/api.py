"""Notifications through the API: one's own notices, the unread count, marking read and the
preferences, with the same services as the pages."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.notifications import selectors, services
from chanjiao.notifications.models import NoticeKind, Notification

router = Router(tags=["notifications"])


class NoticeOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class UnreadOut(Schema):
    unread: int


class PreferenceIO(Schema):
    kind: str = Field(..., description=f"one of {', '.join(NoticeKind.values)}")
    enabled: bool = Field(True, description="false turns this kind of notice off")
    email: bool = Field(True, description="also by mail (when the platform sends mail)")


@router.get("/notifications", response=list[NoticeOut])
@paginate(PageNumberPagination, page_size=30)
def list_notices(request, unread: bool = False):
    return selectors.notices_of(request.user, unread_only=unread)


@router.get("/notifications/unread-count", response=UnreadOut)
def unread_count(request):
    return {"unread": selectors.unread_count(request.user)}


@router.post("/notifications/read-all", response=UnreadOut)
def read_all(request):
    services.mark_all_read(user=request.user)
    return {"unread": selectors.unread_count(request.user)}


@router.post("/notifications/{notice_id}/read", response=NoticeOut)
def read(request, notice_id: int):
    notice = access.get(request.user, Notification, notice_id, Action.CHANGE)
    return services.mark_read(user=request.user, notification=notice)


def _preferences(user) -> list[dict]:
    stored = selectors.preferences_of(user)
    return [
        {
            "kind": kind,
            "enabled": stored.get(kind, (True, True))[0],
            "email": stored.get(kind, (True, True))[1],
        }
        for kind in NoticeKind.values
    ]


@router.get("/notifications/preferences", response=list[PreferenceIO])
def get_preferences(request):
    return _preferences(request.user)


@router.put("/notifications/preferences", response=list[PreferenceIO])
def set_preferences(request, payload: list[PreferenceIO]):
    """Change the kinds given (the others stay); an unknown kind is refused and nothing changes."""
    services.set_preferences(
        user=request.user, choices={p.kind: (p.enabled, p.enabled and p.email) for p in payload}
    )
    return _preferences(request.user)
