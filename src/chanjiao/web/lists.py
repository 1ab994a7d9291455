"""List pages: filter, paginate, render (a partial for htmx) or export to Excel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chanjiao.web.excel import xlsx_bytes, xlsx_response

MAX_EXPORT_ROWS = 100_000
Column = tuple[str, Callable[[Any], Any]]


def choice(field: str) -> Callable[[Any], str]:
    """Column getter for a choices field: its label in the active language.

    Django's ``get_<field>_display`` translates every choice of the field on each call; a list
    or an export of tens of thousands of rows looks each (language, value) up once instead.
    """
    labels: dict[tuple[str | None, Any], str] = {}

    def label(obj: Any) -> str:
        key = (get_language(), getattr(obj, field))
        if key not in labels:
            labels[key] = getattr(obj, f"get_{field}_display")()
        return labels[key]

    return label


def list_page(
    request: HttpRequest,
    *,
    queryset: QuerySet,
    filterset_class,
    title: str,
    columns: list[Column],
    link: Callable[[Any], str],
    actions: list[tuple[str, str]] | None = None,
    per_page: int = 25,
) -> HttpResponse:
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        rows = queryset.none()
    else:
        rows = filterset.qs
    if request.GET.get("format") == "xlsx":
        count = rows.count()
        if count > MAX_EXPORT_ROWS:
            return render(
                request,
                "web/message.html",
                {
                    "title": _("Too many rows to export"),
                    "message": _(
                        "This list has %(count)s rows; an export holds at most %(max)s. Narrow the filter and try again."
                    )
                    % {"count": f"{count:,}", "max": f"{MAX_EXPORT_ROWS:,}"},
                },
                status=400,
            )
        content = xlsx_bytes(title, columns, rows.iterator(chunk_size=2000))
        return xlsx_response(f"{slugify(title) or 'export'}.xlsx", content)
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "title": title,
        "filter": filterset,
        "page": page,
        "columns": columns,
        "rows": [(link(obj), [getter(obj) for _, getter in columns]) for obj in page.object_list],
        "query": query.urlencode(),
        "actions": actions or [],
    }
    template = "web/_table.html" if request.htmx and not request.htmx.boosted else "web/list.html"
    return render(request, template, context)
