"""Columns of the agreement list and its Excel export."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column, choice


def _latest(agreement):
    revisions = sorted(agreement.revisions.all(), key=lambda r: -r.number)
    return revisions[0] if revisions else None


AGREEMENT_COLUMNS: list[Column] = [
    (_("Title"), lambda a: a.title),
    (_("Kind"), choice("kind")),
    (_("Status"), choice("status")),
    (_("Revisions"), lambda a: len(a.revisions.all())),
    (_("Ends on"), lambda a: getattr(_latest(a), "ends_on", None)),
    (_("Region"), lambda a: a.region.full_name),
]
