"""``{% load ledger %}{% ledger_badges record %}``: a record page's "verified" badges.

One badge per record type kept for the record's model (a carrier has its own record and its
membership), each with the leaf index and a link to the record's proof page.
"""

from django import template

from chanjiao.ledger.records import record_types_of
from chanjiao.ledger.selectors import record_status

register = template.Library()


@register.inclusion_tag("ledger/_badges.html")
def ledger_badges(record) -> dict:
    statuses = [record_status(kind, record.pk) for kind in record_types_of(type(record))]
    # No badge for a type the record is not of (a school's placement is no round placement).
    shown = [s for s in statuses if s.state != "unlogged" or s.kind.content_of(record.pk) is not None]
    return {"statuses": shown}
