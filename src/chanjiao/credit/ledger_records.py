"""Credit records kept in the tamper-evident record log: equipment, technology and fund
contributions with their third-party appraisal. ``services_records.record_contribution`` logs
each one as it is written."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chanjiao.credit.models import Contribution
from chanjiao.ledger.records import RecordType, field_reader

CONTRIBUTION_FIELDS = (
    "enterprise",
    "kind",
    "description",
    "recipient",
    "carrier",
    "contributed_on",
    "appraised_value",
    "appraiser",
    "appraisal_reference",
)

RECORD_TYPES = [
    RecordType(
        name="contribution",
        model=Contribution,
        label=_("Enterprise contribution"),
        read_contents=field_reader(*CONTRIBUTION_FIELDS),
        url_name="credit:contribution",
    )
]
