"""``{% load formats %}``: the filters of :mod:`chanjiao.web.formats` for templates.

``{{ amount|money }}`` → ¥300,000.00 · ``{{ share|percent }}`` → 87.8% (``percent:0`` for whole
numbers) · ``{{ moment|local_datetime }}`` → 2026-12-07 16:30 · ``{{ day|local_date }}``.
"""

from django import template

from chanjiao.web import formats

register = template.Library()
register.filter("money", formats.money)
register.filter("percent", formats.percent)
register.filter("local_datetime", formats.local_datetime)
register.filter("local_date", formats.local_date)
