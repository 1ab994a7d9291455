from django.core.exceptions import ValidationError
from django.forms import BaseForm


def form_data_from(form: BaseForm) -> dict:
    """Cleaned data of a bound plain form, or a ValidationError naming each bad field (422)."""
    if not form.is_valid():
        raise ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return form.cleaned_data
