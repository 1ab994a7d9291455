"""Sessions that end: a signed-in browser session ends after ``SESSION_IDLE_TIMEOUT`` seconds
without a request (the cookie and the stored session both expire; ``SESSION_COOKIE_AGE`` is the
same number). The expiry moves forward at most once a minute, so a busy page does not write the
session on every request."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SEEN = "_seen_at"
REFRESH_SECONDS = 60


def mark_seen(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: a new session starts its idle clock."""
    if hasattr(request, "session"):
        request.session[SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            seen = session.get(SEEN)
            if seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif seen is None or now - seen >= REFRESH_SECONDS:
                session[SEEN] = now  # saved by the session middleware, with a new expiry
        return self.get_response(request)
