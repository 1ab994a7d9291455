"""Validation shared by the web pages, the API and the importers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def clean_payload(form_class: type[BaseForm], payload: dict[str, Any], **form_kwargs) -> dict[str, Any]:
    """Cleaned data of a plain (non-model) form, or a ValidationError naming each bad field."""
    form = form_class(data=payload, **form_kwargs)
    if not form.is_valid():
        raise ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return form.cleaned_data
