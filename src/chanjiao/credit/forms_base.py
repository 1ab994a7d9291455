"""Validation shared by web pages and the API for plain (non-model) forms."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chanjiao.registry import pickers
from chanjiao.registry.models import Organisation
from chanjiao.web.pickers import Picker


def clean_payload(form_class: type[forms.BaseForm], payload: dict[str, Any], **form_kwargs) -> dict[str, Any]:
    """``cleaned_data`` of ``form_class`` for an API payload, or a ``ValidationError`` naming each
    bad field (the API answers 422). The counterpart of ``web.api_forms.form_data`` for forms
    that do not edit a model."""
    form = form_class(data=payload, **form_kwargs)
    if not form.is_valid():
        raise ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return form.cleaned_data


class PrettyJSONField(forms.JSONField):
    """JSON edited in a textarea, shown indented so a person can read and change it."""

    def prepare_value(self, value):
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class OrganisationIdField(forms.ModelChoiceField):
    """An organisation picked by its name on the page (``picker``: which ones are offered); the
    API gives its id (the number on its registry page)."""

    def __init__(self, *, queryset=None, picker: Picker = pickers.ORGANISATIONS, **kwargs):
        super().__init__(
            queryset=queryset if queryset is not None else Organisation.objects.all(),
            widget=picker.widget(),
            **kwargs,
        )
        self.error_messages["invalid_choice"] = _("Unknown organisation id.")


def parse_amount(text: object, what: str) -> Decimal:
    """A non-negative amount of yuan in whole cents, or a ValidationError naming ``what``."""
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise ValidationError(
            _("%(what)s: %(text)s is not a number.") % {"what": what, "text": text}
        ) from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            _("%(what)s: %(text)s must be an amount of at least 0 in whole cents.")
            % {"what": what, "text": text}
        )
    return value
