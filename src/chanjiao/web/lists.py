"""List pages: filter, paginate, render (a partial for htmx) or export to Excel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class KeysetPage:
    """One page of a list read by key ("after this row"), never counting the whole list."""

    object_list: list
    next_cursor: str | None
    previous_cursor: str | None
    keyset: bool = True

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or self.previous_cursor is not None


class BadCursor(ValueError):
    pass


def keyset_page(rows: QuerySet, key: str, request: HttpRequest, per_page: int) -> KeysetPage:
    """The page after ``?after=`` (or before ``?before=``) in the order of ``key``, a unique,
    non-null field such as ``"-leaf_index"``: an index range scan of one page, whatever the
    list's size, where page numbers need ``COUNT(*)`` and an ``OFFSET`` that reads every row
    before the page."""
    field = key.lstrip("-")
    descending = key.startswith("-")
    model_field = rows.model._meta.get_field(field)
    after, before = request.GET.get("after"), request.GET.get("before")
    try:
        cursor = model_field.to_python(after or before) if (after or before) else None
    except Exception as error:  # a field's own validation error, whatever its type
        raise BadCursor(after or before) from error
    forwards = before is None
    if cursor is not None:
        lookup = "lt" if descending == forwards else "gt"
        rows = rows.filter(**{f"{field}__{lookup}": cursor})
    ordered = rows.order_by(key if forwards else (field if descending else f"-{field}"))
    window = list(ordered[: per_page + 1])
    more = len(window) > per_page
    window = window[:per_page]
    if not forwards:
        window.reverse()
    first, last = (getattr(window[0], field), getattr(window[-1], field)) if window else (None, None)
    has_next = more if forwards else cursor is not None
    has_previous = cursor is not None if forwards else more
    return KeysetPage(
        object_list=window,
        next_cursor=str(last) if has_next and window else None,
        previous_cursor=str(first) if has_previous and window else None,
    )


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
    keyset: str | None = None,
) -> HttpResponse:
    """A filtered list, paginated by page number, or by key when ``keyset`` names a unique,
    non-null field to order by (``"-leaf_index"``): for lists too big to count."""
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
    query = request.GET.copy()
    if keyset is None:
        page: Any = Paginator(rows, per_page).get_page(request.GET.get("page"))
        query.pop("page", None)
    else:
        try:
            page = keyset_page(rows, keyset, request, per_page)
        except BadCursor as error:
            return render(
                request,
                "web/message.html",
                {
                    "title": _("Not a position in this list"),
                    "message": _(
                        "'%(cursor)s' is not a position in this list; start again from its first page."
                    )
                    % {"cursor": error.args[0]},
                },
                status=400,
            )
        query.pop("after", None)
        query.pop("before", None)
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
