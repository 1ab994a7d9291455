"""Sign-in throttling, built on django-axes (settings ``AXES_*`` point here).

Every failed sign-in (the web form, the admin form, a wrong API token) is one row of
``axes.AccessAttempt`` for (account, client address). Within ``LOGIN_THROTTLE_WINDOW_SECONDS`` the
failures are counted three ways, each against its own limit (``LOGIN_THROTTLE_LIMITS``):

1. one account at one address (5): a guesser is stopped quickly and the other people behind the
   same address (a campus, an office) are not;
2. one account from every address (20): a guesser who changes address is stopped too;
3. one address over every account (100): one address trying a common password on many accounts.

A successful sign-in clears the owner's own failures at the owner's address only, never another
address's guesses at the account. The client address is ``REMOTE_ADDR``, or, when that is one of
``TRUSTED_PROXIES``, the nearest address in ``X-Forwarded-For`` that is not a trusted proxy.
"""

from __future__ import annotations

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext


def failure_limit(request, credentials) -> int:
    """``AXES_FAILURE_LIMIT``: one account at one address (read at each request, so tests may set it)."""
    return settings.LOGIN_THROTTLE_FAILURES


def cool_off(request) -> timedelta:
    """``AXES_COOLOFF_TIME``: failures older than the window are forgotten, and a lock ends with it."""
    return timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def lockout_parameters(request, credentials) -> list[list[str]]:
    """``AXES_LOCKOUT_PARAMETERS``: the three ways of counting, in the order of their limits."""
    return [["username", "ip_address"], ["username"], ["ip_address"]]


def _limits() -> list[int]:
    return [
        settings.LOGIN_THROTTLE_FAILURES,
        settings.LOGIN_THROTTLE_ACCOUNT_FAILURES,
        settings.LOGIN_THROTTLE_ADDRESS_FAILURES,
    ]


class ThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per way of counting and a reset that stays at home."""

    def get_failures(self, request, credentials=None) -> int:
        """The account's failures at this address, or the lock limit itself once any of the three
        counts has reached its own limit (axes compares this number with ``failure_limit``)."""
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if any(count >= limit for count, limit in zip(counts, _limits(), strict=True)):
            return settings.LOGIN_THROTTLE_FAILURES
        return counts[0]

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in: the owner's failures at the owner's address, nothing else."""
        deleted, _ = self.filter_user_attempts(request, credentials)[0].delete()
        return deleted


def lockout_message() -> str:
    return gettext("Too many failed sign-ins. Wait %(minutes)s minutes and try again.") % {
        "minutes": max(1, settings.LOGIN_THROTTLE_WINDOW_SECONDS // 60)
    }


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: a 429. The API answers JSON; a sign-in page keeps its own page,
    whose form already shows ``lockout_message`` (see chanjiao.accounts.forms)."""
    if request.path.startswith("/api/") or original_response is None:
        response: HttpResponse = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = original_response
        response.status_code = 429
    response["Retry-After"] = str(settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    return response


def form_allowed(request, purpose: str, key: str) -> bool:
    """Whether this address may use a throttled form now (an API token, a password reset for one
    e-mail address, a sign-up); when not, the response becomes a 429. ``purpose:key`` stands in
    for the account: a username cannot contain ':', so it never meets a person's."""
    if AxesProxyHandler.is_allowed(request, {"username": f"{purpose}:{key}"}):
        return True
    request.axes_locked_out = True
    return False


def record_form_use(request, purpose: str, key: str) -> None:
    """Count one use (a wrong token, a reset request, a sign-up) like a failed sign-in from this
    address: the same limits then stop guessing tokens, mailing one person many links, and probing
    which usernames exist."""
    AxesProxyHandler.user_login_failed(__name__, {"username": f"{purpose}:{key}"}, request)


def use_form(request, purpose: str, key: str) -> bool:
    """Count one use of a form whose every use counts (a reset link mailed to ``key``); False when
    this address may not use it now, or has just reached a limit with this use."""
    if not form_allowed(request, purpose, key):
        return False
    record_form_use(request, purpose, key)
    return not getattr(request, "axes_locked_out", False)


def token_allowed(request, raw: str) -> bool:
    return form_allowed(request, "token", raw[3:11])


def record_token_failure(request, raw: str) -> None:
    record_form_use(request, "token", raw[3:11])
