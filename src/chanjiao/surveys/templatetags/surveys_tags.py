from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.8783 → "87.8 %"; a missing share (nothing sent yet) → "—"."""
    return "—" if share is None else f"{100 * share:.1f} %"


@register.filter
def decimals3(value):
    """Three decimals, as the report's tables print them; anything not a number → "—"."""
    return f"{value:.3f}" if isinstance(value, int | float) and not isinstance(value, bool) else "—"
