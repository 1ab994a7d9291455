"""The governance app's pickers (``chanjiao.web.pickers``): agreements, chosen by title."""

from __future__ import annotations

from chanjiao.accounts.access import visible
from chanjiao.governance.models import Agreement
from chanjiao.web.pickers import Picker

AGREEMENTS = Picker(
    "agreements",
    scope=lambda user: visible(user, Agreement),
    search=("title",),
    order=("title", "pk"),
)
