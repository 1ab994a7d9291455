from django import template
from django.utils import timezone

from chanjiao.tracking.selectors import program_curriculum
from chanjiao.web import formats

register = template.Library()


@register.simple_tag
def curriculum_summary(program):
    """The curriculum figures the registry's program page shows."""
    summary, _courses = program_curriculum(program, timezone.localdate())
    return summary


@register.filter
def percent(rate, digits=1):
    """A Rate or share as "87.5 %" (— when there is nothing to measure)."""
    value = getattr(rate, "percent", None)
    return formats.MISSING if value is None else formats.percent(value / 100, int(digits))
