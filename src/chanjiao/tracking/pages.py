"""Record pages with several small forms: each POST names its action; a valid form calls its
service and redirects back, an invalid one re-renders the page with the errors (status 400)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


@dataclass
class PageAction:
    form: Callable[[Any], BaseForm]  # called with the POST data, or None for an unbound form
    allowed: bool
    perform: Callable[[dict[str, Any]], str]  # does the work, returns the success message


def action_page(
    request: HttpRequest, *, template: str, context: dict[str, Any], actions: dict[str, PageAction]
) -> HttpResponse:
    """Render ``template`` with ``forms`` (the unbound forms the user may use) in the context."""
    forms = {name: action.form(None) for name, action in actions.items() if action.allowed}
    status = 200
    if request.method == "POST":
        name = request.POST.get("action", "")
        action = actions.get(name)
        if action is None:
            status = 400
            messages.error(request, _("Unknown action %(name)s.") % {"name": name})
        elif not action.allowed:
            raise PermissionDenied(_("You may not do this here."))
        else:
            form = action.form(request.POST)
            forms[name] = form
            if form.is_valid():
                try:
                    message = action.perform(form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error.messages)
                except ValueError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, message)
                    return redirect(request.get_full_path())
            status = 400
    return render(request, template, {**context, "forms": forms}, status=status)
