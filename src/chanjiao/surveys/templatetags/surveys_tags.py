from django import template

from chanjiao.surveys.models import EXCLUSION_REASONS
from chanjiao.web import formats

register = template.Library()


# 0.8783 → "87.8 %" ("87.8%" in Chinese); a missing share (nothing sent yet) → "—".
register.filter("percent", formats.percent)


@register.filter
def exclusion_reason(code: str) -> str:
    """A screening rule's name: "too_fast" → "Too fast"."""
    return str(EXCLUSION_REASONS.get(code, code))


@register.filter
def decimals3(value):
    """Three decimals, as the report's tables print them; anything not a number → "—"."""
    return f"{value:.3f}" if isinstance(value, int | float) and not isinstance(value, bool) else "—"
