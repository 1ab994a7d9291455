"""The respondent's form, built from the questionnaire's items, and the checks every answer
passes whether it comes from the web form, the API or an imported file."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from chanjiao.surveys.models import Item, ItemKind, Questionnaire

MAX_TEXT_ANSWER = 2000


def check_answer(item: Item, value: Any, scale_points: int) -> Any:
    """The stored form of one answer (int, float or text), or ValueError saying why it is refused.

    ``None`` and blank text mean "not answered".
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if item.kind == ItemKind.TEXT:
        return str(value).strip()[:MAX_TEXT_ANSWER]
    if item.kind == ItemKind.CHOICE:
        return _choice_code(item, value)
    number = _number(value)
    if item.kind == ItemKind.LIKERT:
        if not number.is_integer() or not 1 <= number <= scale_points:
            raise ValueError(
                _("%(value)s is not a point of the %(points)s-point scale (1–%(points)s).")
                % {"value": _shown(value), "points": scale_points}
            )
        return int(number)
    if item.min_value is not None and number < item.min_value:
        raise ValueError(_("%(value)s is below %(low)g.") % {"value": _shown(value), "low": item.min_value})
    if item.max_value is not None and number > item.max_value:
        raise ValueError(_("%(value)s is above %(high)g.") % {"value": _shown(value), "high": item.max_value})
    return int(number) if number.is_integer() else number


def _shown(value: Any) -> str:
    return str(value).strip()[:40]


def _number(value: Any) -> float:
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": _shown(value)}) from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": _shown(value)})
    return number


def _choice_code(item: Item, value: Any) -> int:
    """Options are answered by their number (1, 2, ...) or by their Chinese or English label."""
    text = str(value).strip()
    for code, option in enumerate(item.options, start=1):
        if text in (str(code), option.get("zh"), option.get("en")):
            return code
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None and number.is_integer() and 1 <= number <= len(item.options):
        return int(number)
    raise ValueError(
        _("“%(value)s” is not one of the %(count)s options.")
        % {"value": _shown(value), "count": len(item.options)}
    )


class AnswerField(forms.Field):
    """One item on the respondent's form; the item's own check decides what is valid."""

    def __init__(self, *, item: Item, scale_points: int, **kwargs):
        self.item, self.scale_points = item, scale_points
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return check_answer(self.item, value, self.scale_points)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def answer_form_class(questionnaire: Questionnaire, items: list[Item]) -> type[forms.Form]:
    """A form with one field per item, named by the item's code."""
    scale = [(point, label) for point, label in enumerate(questionnaire.scale_labels(), start=1)]
    fields: dict[str, forms.Field] = {}
    for item in items:
        widget: forms.Widget
        if item.kind == ItemKind.LIKERT:
            widget = forms.RadioSelect(choices=scale)
        elif item.kind == ItemKind.CHOICE:
            widget = forms.RadioSelect(choices=list(enumerate(item.option_labels(), start=1)))
        elif item.kind == ItemKind.NUMBER:
            attrs = {"step": "any"}
            if item.min_value is not None:
                attrs["min"] = f"{item.min_value:g}"
            if item.max_value is not None:
                attrs["max"] = f"{item.max_value:g}"
            widget = forms.NumberInput(attrs=attrs)
        else:
            widget = forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEXT_ANSWER})
        fields[item.code] = AnswerField(
            item=item,
            scale_points=questionnaire.scale_points,
            label=item.text,
            required=item.required,
            widget=widget,
            error_messages={"required": _("Please answer this question.")},
        )
    return type("AnswerForm", (forms.Form,), fields)


def clean_answers(questionnaire: Questionnaire, items: list[Item], payload: dict[str, Any]) -> dict[str, Any]:
    """Answers from the API: unknown item codes and bad answers are refused, naming the item."""
    unknown = [code for code in payload if code not in {item.code for item in items}]
    if unknown:
        raise forms.ValidationError({unknown[0]: _("Not an item of this questionnaire.")})
    data = {code: "" if value is None else value for code, value in payload.items()}
    form = answer_form_class(questionnaire, items)(data=data)
    if not form.is_valid():
        raise forms.ValidationError({field: errors for field, errors in form.errors.as_data().items()})
    return {code: value for code, value in form.cleaned_data.items() if value is not None}
