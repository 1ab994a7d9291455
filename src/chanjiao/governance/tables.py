"""Columns of the agreement list and its Excel export."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web.lists import Column


def _latest(agreement):
    revisions = sorted(agreement.revisions.all(), key=lambda r: -r.number)
    return revisions[0] if revisions else None


AGREEMENT_COLUMNS: list[Column] = [
    (_("Title"), lambda a: a.title),
    (_("Kind"), lambda a: a.get_kind_display()),
    (_("Status"), lambda a: a.get_status_display()),
    (_("Revisions"), lambda a: len(a.revisions.all())),
    (_("Ends on"), lambda a: getattr(_latest(a), "ends_on", None)),
    (_("Region"), lambda a: a.region.full_name),
]
