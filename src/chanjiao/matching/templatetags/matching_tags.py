from django import template

from chanjiao.matching.tables import reason_label

register = template.Library()


@register.filter
def reason(code: str) -> str:
    """The words for an unmatched student's or an unfilled seat's reason code."""
    return reason_label(code)


@register.filter
def percent(value) -> str:
    """0.4567 → "45.7%"."""
    try:
        return f"{100 * float(value):.1f}%"
    except (TypeError, ValueError):
        return ""
