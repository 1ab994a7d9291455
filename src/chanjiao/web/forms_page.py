"""Create and edit pages: one pattern for every registry form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    success_url: Callable[[Any], str],
    cancel_url: str,
    success_message: str,
    done: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:
    """Render the form; on a valid POST call ``save(cleaned_data)`` and redirect (or answer with
    ``done(saved)``, for a result shown only once, such as new secret links).

    Model validation errors raised by the service are shown on the form (status 400), so a
    person sees which field to fix and nothing is saved.
    """
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success_message)
            return done(obj) if done is not None else redirect(success_url(obj))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/form.html", {"form": form, "title": title, "cancel_url": cancel_url}, status=status
    )
