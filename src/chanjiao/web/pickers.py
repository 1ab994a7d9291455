"""Pickers: choose a record by its name, never by its id.

A picker is declared once, next to its model (``chanjiao/<app>/pickers.py``): which records a
user may choose from (a function of the user, always through the access policy), which fields a
search looks in, and how a record is named. A form field or a list filter then uses its widget::

    ENTERPRISES = Picker("enterprises", scope=lambda user: visible(user, Organisation)
                         .filter(kind=OrgKind.ENTERPRISE), search=("name", "credit_code"))
    enterprise = forms.ModelChoiceField(queryset=..., widget=ENTERPRISES.widget())

The form still submits the primary key, so the API, which runs the same form, keeps taking ids.
A small set (``SMALL_SET`` records or fewer) is a plain ``<select>`` (checkboxes for several),
which works without JavaScript; a larger one adds a search box whose htmx request
(``/pick/<name>/``) replaces the options with the first ``LIMIT`` matches. The answer only ever
holds records of the picker's scope for the signed-in user, so the endpoint lists nothing its
user could not see on a page.
"""

from __future__ import annotations

import contextvars
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from importlib.util import find_spec
from operator import and_, or_
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

SMALL_SET = 30
"""Up to this many choices a picker is a plain select (or checkboxes), without a search box."""
LIMIT = 20
"""Matches one search answers with (and options shown before any search)."""
MAX_SEARCH = 60
"""Longest search text accepted (characters)."""
MAX_SELECTED = 200
"""Most values a request may name as already chosen."""

PICKERS: dict[str, Picker] = {}


@dataclass(frozen=True)
class Picker:
    """What a user may choose from, how to search it and how to name each record.

    ``scope(user)`` gives the records the user may choose (a queryset built with
    ``access.visible``); ``search`` the fields a text is looked for in (``icontains``; each word
    of the text must match one of them); ``label`` the name shown (``str`` by default);
    ``related`` what ``label`` reads through; ``order`` the order of the options; ``forward``
    maps a form field sent along with the search (another field of the same form, e.g. the
    organisation already chosen) to the lookup it narrows the choices by; ``public`` pickers
    (regions) also answer anonymous visitors, for the enterprise registration form.
    """

    name: str
    scope: Callable[[Any], QuerySet]
    search: tuple[str, ...] = ("name",)
    label: Callable[[Any], str] = str
    related: tuple[str, ...] = ()
    order: tuple[str, ...] = ("name",)
    forward: dict[str, str] = field(default_factory=dict)
    public: bool = False

    def __post_init__(self) -> None:
        PICKERS[self.name] = self

    def choices(self, user, forwarded: dict[str, Any] | None = None) -> QuerySet:
        """The records the user may choose, narrowed by the forwarded values."""
        queryset = self.scope(user).select_related(*self.related).order_by(*self.order)
        for name, value in (forwarded or {}).items():
            queryset = queryset.filter(**{self.forward[name]: value})
        return queryset

    def matching(self, queryset: QuerySet, text: str) -> QuerySet:
        words = text.split()
        if not words:
            return queryset
        per_word = [reduce(or_, (Q(**{f"{f}__icontains": word}) for f in self.search)) for word in words]
        return queryset.filter(reduce(and_, per_word))

    def widget(self, *, multiple: bool = False) -> PickerWidget:
        """The widget of a form field (or a list filter) choosing with this picker; a search sends
        the whole form along, so a ``forward`` field of the same form narrows the matches."""
        return PickerWidget(picker=self, multiple=multiple)


def _load_declarations() -> None:
    """Import every app's ``pickers`` module, so that each picker is declared before a request
    names it."""
    for app in settings.INSTALLED_APPS:
        module = f"{app}.pickers"
        if app.startswith("chanjiao.") and find_spec(module) is not None:
            importlib.import_module(module)


def picker_named(name: str) -> Picker:
    if name not in PICKERS:
        _load_declarations()
    if name not in PICKERS:
        raise Http404(_("There is no picker named %(name)s.") % {"name": name})
    return PICKERS[name]


def _option_rows(picker: Picker, records: Iterable[Any], selected: set[str]) -> list[tuple[str, str, bool]]:
    return [(str(record.pk), picker.label(record), str(record.pk) in selected) for record in records]


class PickerWidget(forms.Widget):
    """A select (or checkboxes) that searches as the user types, when there are many choices.

    It renders from its field's queryset (what the form accepts) narrowed to the picker's scope
    for the user of the current request (``PickerUserMiddleware``); outside a request it names
    only the chosen records. The search asks the picker's endpoint.
    """

    template_name = "web/_picker.html"

    def __init__(self, *, picker: Picker, multiple: bool = False, attrs=None):
        super().__init__(attrs)
        self.picker, self.multiple = picker, multiple
        self.choices: Any = ()
        self.allow_multiple_selected = multiple

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def format_value(self, value) -> list[str]:
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [str(getattr(v, "pk", v)) for v in values if v not in (None, "")]

    def _queryset(self) -> QuerySet:
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            raise TypeError("a PickerWidget belongs to a ModelChoiceField or ModelMultipleChoiceField")
        user = _current_user()
        if user is not None or self.picker.public:
            queryset = queryset.filter(pk__in=self.picker.scope(user).values("pk"))
        return queryset.select_related(*self.picker.related).order_by(*self.picker.order)

    def _render(self, template_name, context, renderer=None):
        # the project's templates (not the form renderer's own directory) hold the picker
        return mark_safe(render_to_string(template_name, context))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = self.format_value(value)
        queryset = self._queryset()
        chosen = list(queryset.filter(pk__in=selected)) if selected else []
        if _current_user() is None and not self.picker.public:  # no request: only the chosen
            small, records = False, chosen
        else:
            small = queryset[: SMALL_SET + 1].count() <= SMALL_SET
            chosen_keys = {str(record.pk) for record in chosen}
            first = [] if small else [r for r in queryset[:LIMIT] if str(r.pk) not in chosen_keys]
            records = list(queryset) if small else chosen + first
        query = f"field={name}" + ("&multiple=1" if self.multiple else "")
        context["picker"] = {
            "options": _option_rows(self.picker, records, set(selected)),
            "searchable": not small,
            "more": not small,
            "none": False,
            "multiple": self.multiple,
            "url": f"{reverse('picker', args=[self.picker.name])}?{query}",
            "search_name": f"{name}__search",
            "required": self.is_required,
        }
        return context


def picker_filter(picker: Picker, *, multiple: bool = False, **kwargs) -> Any:
    """A list filter choosing with ``picker``: by name on the page, by id in the query string
    (so the API's ``?enterprise=12`` still works), offering only what the user may choose."""
    filter_class = django_filters.ModelMultipleChoiceFilter if multiple else django_filters.ModelChoiceFilter

    def choices(request):
        return picker.choices(getattr(request, "user", None))

    return filter_class(queryset=choices, widget=picker.widget(multiple=multiple), **kwargs)


class PickManyField(forms.ModelMultipleChoiceField):
    """Several records ticked by name on the page (``picker``'s checkboxes); the API sends their
    ids as a list, or as text (``12, 40``). Cleaned to a list in the order given, without
    repeats."""

    def __init__(self, *, queryset: QuerySet, picker: Picker, **kwargs):
        super().__init__(queryset=queryset, widget=picker.widget(multiple=True), **kwargs)

    def clean(self, value):
        if isinstance(value, str | int):
            value = str(value).replace("，", ",").replace(",", " ").split()
        chosen = super().clean(value)
        order = {str(key): index for index, key in enumerate(dict.fromkeys(str(v) for v in value or []))}
        return sorted(chosen, key=lambda record: order.get(str(record.pk), len(order)))


_current_request: contextvars.ContextVar[Any] = contextvars.ContextVar("picker_request", default=None)


def _current_user() -> Any:
    """The signed-in user of the request being answered, or None."""
    request = _current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class PickerUserMiddleware:
    """Lets every picker rendered during a request offer what its user may choose, whichever view
    built the form (placed after the authentication middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


@require_GET
def pick(request: HttpRequest, name: str) -> HttpResponse:
    """The options (or checkboxes) matching ``<field>__search``, the chosen ones first."""
    picker = picker_named(name)
    if not picker.public and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    field_name = request.GET.get("field", "")
    if not field_name:
        return HttpResponseBadRequest(_("Name the form field the picker belongs to (field=...)."))
    text = request.GET.get(f"{field_name}__search", "").strip()
    if len(text) > MAX_SEARCH:
        return HttpResponseBadRequest(_("A search is at most %(max)s characters long.") % {"max": MAX_SEARCH})
    selected = [value for value in request.GET.getlist(field_name) if value]
    if len(selected) > MAX_SELECTED:
        return HttpResponseBadRequest(_("At most %(max)s chosen values.") % {"max": MAX_SELECTED})
    pk_field = picker.scope(request.user).model._meta.pk
    forwarded: dict[str, Any] = {}
    try:
        keys = [pk_field.to_python(value) for value in selected]
        for forward_name in picker.forward:
            value = request.GET.get(forward_name)
            if value:
                forwarded[forward_name] = int(value)
    except (ValidationError, ValueError):
        return HttpResponseBadRequest(_("The chosen values are not records of this list."))
    choices = picker.choices(request.user, forwarded)
    chosen = list(picker.choices(request.user).filter(pk__in=keys)) if keys else []
    chosen_keys = {str(record.pk) for record in chosen}
    matches = list(picker.matching(choices.exclude(pk__in=keys), text)[: LIMIT + 1])
    more = len(matches) > LIMIT
    context = {
        "picker": {
            "options": _option_rows(picker, chosen + matches[:LIMIT], chosen_keys),
            "multiple": request.GET.get("multiple") == "1",
            "more": more,
            "none": bool(text) and not matches,
        },
        "widget": {"name": field_name},
    }
    return HttpResponse(render_to_string("web/_picker_options.html", context, request=request))
