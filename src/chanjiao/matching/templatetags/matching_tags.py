from django import template

from chanjiao.matching.tables import reason_label
from chanjiao.web import formats

register = template.Library()


@register.filter
def reason(code: str) -> str:
    """The words for an unmatched student's or an unfilled seat's reason code."""
    return reason_label(code)


register.filter("percent", formats.percent)
