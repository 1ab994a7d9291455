"""Request context that every log line carries: the client's real address behind a trusted
proxy and a request id (imported by the logging configuration, so no model imports here)."""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from chanjiao.accounts.addresses import client_address

logger = logging.getLogger("chanjiao.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# A request id passed by the reverse proxy is kept when it looks like one (no log injection).
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (the current request's, or "-") to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class TrustedProxyMiddleware:
    """Behind a reverse proxy every request comes from the proxy's address. When REMOTE_ADDR is
    one of TRUSTED_PROXIES, the client's address is taken from X-Forwarded-For (see
    ``chanjiao.accounts.addresses.client_address``).
    Sign-in throttling and the activity log then see the real client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request)
        return self.get_response(request)


class RequestIdMiddleware:
    """Gives each request an id (the proxy's ``X-Request-ID`` or a new one), returns it in the
    response header of the same name and logs one structured line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _VALID_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            user = getattr(request, "user", None)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(1000 * (time.perf_counter() - started), 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
