"""The registry's logged records: organisations, carriers, carrier membership, program crosswalks.

Contents hold exactly the fields the registry services write, so a legitimate change always
comes with a new leaf and anything else is a change outside the services.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.ledger.records import RecordType, children_reader, field_reader
from chanjiao.registry.models import Carrier, CarrierMember, Organisation, Program, ProgramOccupation

ORGANISATION_FIELDS = (
    "kind",
    "name",
    "credit_code",
    "region",
    "address",
    "website",
    "description",
    "size",
    "ownership",
    "industry",
    "employees",
    "revenue",
    "rd_spending",
    "certified_integration_enterprise",
    "school_level",
)
CARRIER_FIELDS = (
    "name",
    "kind",
    "carrier_class",
    "region",
    "lead",
    "governance_body",
    "legal_personality",
    "start_date",
    "status",
    "description",
)


def organisation_private_readable(user, organisation: Organisation) -> bool:
    """Revenue and R&D spending are private: its representatives and the officers of its region."""
    return access.allows(user, access.Action.VIEW_PRIVATE, organisation)


RECORD_TYPES = [
    RecordType(
        name="organisation",
        model=Organisation,
        label=_("Organisation"),
        read_contents=field_reader(*ORGANISATION_FIELDS),
        url_name="registry:organisation",
        private_fields=("revenue", "rd_spending"),
        private_readable=organisation_private_readable,
    ),
    RecordType(
        name="carrier",
        model=Carrier,
        label=_("Carrier"),
        read_contents=field_reader(*CARRIER_FIELDS),
        url_name="registry:carrier",
    ),
    RecordType(
        name="carrier_membership",
        model=Carrier,
        label=_("Carrier membership"),
        read_contents=children_reader(
            CarrierMember, "carrier", ("organisation", "role", "council_seats", "joined_on"), "members"
        ),
        url_name="registry:carrier",
        logs_model_changes=False,
    ),
    RecordType(
        name="program_crosswalk",
        model=Program,
        label=_("Program crosswalk"),
        read_contents=children_reader(ProgramOccupation, "program", ("occupation", "weight"), "occupations"),
        url_name="registry:program",
        logs_model_changes=False,
    ),
]
