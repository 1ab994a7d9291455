"""The JSON API (django-ninja): OpenAPI docs at /api/docs.

Authentication: a signed-in browser session, or `Authorization: Bearer <token>` for scripts
(tokens are created on the profile page or with `chanjiao token create`). Errors are JSON:
``{"detail": ...}`` with 401/403/404, and 422 with ``[{"loc": [..., field], "msg": ...}]`` for
invalid input, never a 500.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from chanjiao.accounts import throttle
from chanjiao.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """Bearer tokens, throttled like passwords: wrong tokens count against the client address, and
    a locked address gets 429 (chanjiao.accounts.throttle) even with a good token."""

    def authenticate(self, request, token):
        if not throttle.token_allowed(request, token):
            return None
        user = user_for_token(token)
        if user is None:
            throttle.record_token_failure(request, token)
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="Chanjiao API",
    version="1",
    description="Registry of regions, occupations, organisations, programs, carriers and people.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Forbidden."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Sign in, or send Authorization: Bearer <token>."}, status=401
    )


@api.exception_handler(ValidationError)
def invalid(request, exc):
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", f], "msg": " ".join(m for e in errs for m in e.messages)}
            for f, errs in exc.error_dict.items()
        ]
    else:
        detail = [{"loc": ["body"], "msg": " ".join(exc.messages)}]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(ValueError)
def bad_value(request, exc):
    return api.create_response(request, {"detail": [{"loc": ["body"], "msg": str(exc)}]}, status=422)


def _register_routers() -> None:
    from chanjiao.jobs.api import router as jobs_router
    from chanjiao.web.plugins import domain_modules

    api.add_router("/jobs", jobs_router)
    for module in domain_modules("api"):
        api.add_router("/", module.router)


_register_routers()
