"""The JSON API (django-ninja): OpenAPI docs at /api/docs.

Authentication: a signed-in browser session, or `Authorization: Bearer <token>` for scripts
(tokens are created on the profile page or with `chanjiao token create`). Errors are JSON:
``{"detail": ...}`` with 401/403/404, and 422 with ``[{"loc": [..., field], "msg": ...}]`` for
invalid input, never a 500.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema
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


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


# Declared on every operation, here rather than in each handler: the handlers below answer them
# for any route (authentication, the access policy, a missing object, invalid input).
ERROR_RESPONSES: dict[str, tuple[str, type[Schema]]] = {
    "401": ("Not signed in and no valid token.", ErrorOut),
    "403": ("Signed in, but this user may not do this.", ErrorOut),
    "404": ("No such object, or not visible to this user.", ErrorOut),
    "422": ("Invalid input: each entry names the field (loc) and the problem (msg).", ValidationErrorOut),
    "429": ("Too many failed sign-ins or wrong tokens from this address; see Retry-After.", ErrorOut),
}


class ChanjiaoAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (ErrorOut, ValidationErrorOut):
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(definition.pop("$defs", {}))
            components[model.__name__] = definition
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                # one key per status: the handlers' own declarations (int keys) win
                responses = {str(status): r for status, r in operation.get("responses", {}).items()}
                operation["responses"] = responses
                errors = dict(ERROR_RESPONSES)
                if "requestBody" in operation:
                    errors["400"] = ("The request body is not valid JSON.", ErrorOut)
                for status, (description, model) in errors.items():
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": f"#/components/schemas/{model.__name__}"}
                                }
                            },
                        },
                    )
        return schema


api = ChanjiaoAPI(
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
    from chanjiao.accounts.api import router as accounts_router
    from chanjiao.jobs.api import router as jobs_router
    from chanjiao.web.plugins import domain_modules

    api.add_router("/accounts", accounts_router)
    api.add_router("/jobs", jobs_router)
    for module in domain_modules("api"):
        api.add_router("/", module.router)


_register_routers()
