from django import template
from django.utils.translation import gettext as _

from chanjiao.matching.tables import reason_label
from chanjiao.web import formats

register = template.Library()


@register.filter
def reason(code: str) -> str:
    """The words for an unmatched student's or an unfilled seat's reason code."""
    return reason_label(code)


register.filter("percent", formats.percent)


@register.filter
def wage(posting) -> str:
    """A posting's monthly wage in yuan: "¥4,500–6,000 a month", "from ¥4,500 a month", or
    "not stated"."""
    low, high = posting.salary_min, posting.salary_max
    if low is None and high is None:
        return _("not stated")
    if low is not None and high is not None:
        amount = f"¥{low:,}" if low == high else f"¥{low:,}–{high:,}"
    elif low is not None:
        amount = _("from %(amount)s") % {"amount": f"¥{low:,}"}
    else:
        amount = _("up to %(amount)s") % {"amount": f"¥{high:,}"}
    return _("%(amount)s a month") % {"amount": amount}
