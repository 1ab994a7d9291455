"""The Learning Record Store endpoint for virtual carriers, and the stored statements.

``POST /api/xapi/statements`` takes one xAPI 1.0.3 statement or a list (header
``X-Experience-API-Version: 1.0.x``, ``Authorization: Bearer <token>`` of a user of the platform's
lead organisation) and answers the list of statement ids, as the xAPI specification asks. A bad
statement refuses the whole batch with 400 naming it (``loc``: its index and property); an id
already stored with other content with 409.
"""

import json
from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.registry.api import filtered
from chanjiao.registry.schemas import SearchQuery
from chanjiao.tracking import filters
from chanjiao.tracking.models import XapiSource, XapiStatement
from chanjiao.tracking.services.xapi import XapiRefusal, store_statements

router = Router(tags=["learning records (xAPI)"])
SUPPORTED_VERSIONS = ("1.0",)


class StatementOut(Schema):
    statement_id: str
    source_id: int
    student_id: int
    verb: str
    verb_display: str
    activity: str
    activity_name: str
    success: bool | None
    completion: bool | None
    score_scaled: float | None
    duration_seconds: float | None
    timestamp: datetime
    stored: datetime

    @staticmethod
    def resolve_statement_id(obj):
        return str(obj.statement_id)


class Problem(Schema):
    detail: list[dict]


class StatementQuery(SearchQuery):
    source: int | None = None
    student: int | None = None
    completion: bool | None = None
    success: bool | None = None


@router.post("/xapi/statements", response={200: list[str], 400: Problem, 409: Problem})
def post_statements(request):
    version = request.headers.get("X-Experience-API-Version", "")
    if not version.startswith(SUPPORTED_VERSIONS):
        return 400, {
            "detail": [
                {
                    "loc": ["header", "X-Experience-API-Version"],
                    "msg": "Send X-Experience-API-Version: 1.0.3.",
                }
            ]
        }
    sources = access.visible(request.user, XapiSource, Action.FILE)
    if not sources.exists():
        raise PermissionDenied(
            "Only the lead organisation of a registered learning platform posts statements."
        )
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return 400, {"detail": [{"loc": ["body"], "msg": "The body is not JSON."}]}
    try:
        return 200, store_statements(actor=request.user, sources=list(sources), body=body)
    except XapiRefusal as refusal:
        return refusal.status, {"detail": refusal.errors}


@router.get("/xapi/statements", response=list[StatementOut])
@paginate(PageNumberPagination, page_size=100)
def list_statements(request, query: Query[StatementQuery]):
    return filtered(filters.StatementFilter, request, access.visible(request.user, XapiStatement), query)
