"""Running API payloads through the same Django forms the web pages use."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm, model_to_dict


def form_data(
    form_class: type[BaseForm], payload: dict[str, Any], *, instance=None, **form_kwargs
) -> dict[str, Any]:
    """Validated ``cleaned_data`` or a ValidationError naming each bad field (the API answers 422).

    For a partial update (``instance`` given) the payload is laid over the current values.
    """
    data: dict[str, Any] = {}
    meta = form_class._meta.model._meta
    if instance is None:  # fields left out take the model's defaults, as on the web form
        for name in form_class._meta.fields:
            field = meta.get_field(name)
            if field.has_default() and not callable(field.default):
                data[name] = field.default
    else:
        fields = list(form_class._meta.fields)
        data.update({k: v for k, v in model_to_dict(instance, fields=fields).items() if v is not None})
    data.update(payload)
    return validated(form_class(data=data, instance=instance, **form_kwargs))


def form_data_plain(form_class: type[BaseForm], payload: dict[str, Any]) -> dict[str, Any]:
    """Like `form_data` for a plain (non-model) form."""
    return validated(form_class(data=payload))


def validated(form: BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a ValidationError naming each bad field."""
    if not form.is_valid():
        raise ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return form.cleaned_data
