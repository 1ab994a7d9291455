"""``{% load ledger %}{% ledger_badges record %}``: a record page's "verified" badges.

One badge per record type kept for the record's model that the record is of (a carrier has its own
record and its membership), each with the leaf index and a link to the record's proof page.
"""

from django import template

from chanjiao.ledger.selectors import record_statuses

register = template.Library()


@register.inclusion_tag("ledger/_badges.html")
def ledger_badges(record) -> dict:
    return {"statuses": record_statuses(record)}
