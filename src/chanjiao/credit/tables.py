"""Columns of the credit list pages and Excel exports."""

from django.utils.translation import gettext_lazy as _

from chanjiao.web import formats
from chanjiao.web.lists import Column, choice

ASSESSMENT_COLUMNS: list[Column] = [
    (_("Enterprise"), lambda a: a.enterprise.name),
    (_("Rating"), lambda a: a.rating),
    (_("Rated year"), lambda a: a.as_of_year),
    (_("Policy version"), lambda a: a.policy.version),
    (_("Eligibility revoked"), lambda a: a.exit_revoked),
    (_("Incentives granted"), lambda a: ", ".join(d["title"] for d in a.decisions if d["granted"])),
    (_("Region"), lambda a: a.enterprise.region.full_name),
    (_("Computed at"), lambda a: formats.local_datetime(a.computed_at)),
]

CONTRIBUTION_COLUMNS: list[Column] = [
    (_("Description"), lambda c: c.description),
    (_("Enterprise"), lambda c: c.enterprise.name),
    (_("Kind"), choice("kind")),
    (_("Recipient"), lambda c: c.recipient.name if c.recipient else ""),
    (_("Contributed on"), lambda c: c.contributed_on),
    (_("Appraised value (yuan)"), lambda c: c.appraised_value),
    (_("Appraiser"), lambda c: c.appraiser),
]

COVER_COLUMNS: list[Column] = [
    (_("Enterprise"), lambda c: c.enterprise.name),
    (_("Policy year"), lambda c: c.year),
    (_("Insurer"), lambda c: c.insurer),
    (_("Premium (yuan)"), lambda c: c.premium),
    (_("Insured"), lambda c: c.insured_people),
]

INCIDENT_COLUMNS: list[Column] = [
    (_("Enterprise"), lambda i: i.enterprise.name),
    (_("Kind"), choice("kind")),
    (_("Occurred on"), lambda i: i.occurred_on),
    (_("Counterparty"), lambda i: i.counterparty.name if i.counterparty else ""),
    (_("Description"), lambda i: i.description[:80]),
]

APPLICATION_COLUMNS: list[Column] = [
    (_("Enterprise"), lambda a: a.enterprise.name),
    (_("Incentive"), lambda a: a.incentive_title),
    (_("Year"), lambda a: a.year),
    (_("Automatic checks"), lambda a: a.automatic_passed),
    (_("Status"), choice("status")),
    (_("Submitted"), lambda a: formats.local_date(a.submitted_at)),
]
