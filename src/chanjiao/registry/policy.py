"""Who may do what with the registry's records (read by ``chanjiao.accounts.access``).

The directory (regions, occupations, organisations, programs, carriers, college teachers) is
public to signed-in users; an organisation's private figures, its mentors and its people's records
are its own and its officers'.
"""

from django.db.models import Q

from chanjiao.accounts.access import Anyone, Officer, Rep, Self, declare
from chanjiao.registry.models import (
    Carrier,
    Occupation,
    Organisation,
    OrgKind,
    OrgStatus,
    Program,
    Region,
    Student,
    Teacher,
)

declare(Region, related=("parent",), view=[Anyone()])
declare(Occupation, view=[Anyone()])
# A self-registered organisation is listed once an officer of its region has approved it; until
# then its own people and its officers see it, and only those officers decide on it.
declare(
    Organisation,
    related=("region",),
    view=[Anyone(when=Q(status=OrgStatus.ACTIVE)), Rep("pk"), Officer("region")],
    decide=[Officer("region", when=Q(status=OrgStatus.PENDING))],
    view_private=[Rep("pk"), Officer("region")],
    change=[Rep("pk"), Officer("region")],
    # kind, region, credit code and certification: what officers vouch for
    govern=[Officer("region")],
    create=[Officer("region")],
    manage=[Rep("pk"), Officer("region")],
)
SCHOOL_PROGRAM = Q(school__kind=OrgKind.SCHOOL)
declare(
    Program,
    related=("school", "school__region"),
    view=[Anyone()],
    create=[Rep("school", kinds=[OrgKind.SCHOOL]), Officer("school__region", when=SCHOOL_PROGRAM)],
    change=[Rep("school", kinds=[OrgKind.SCHOOL]), Officer("school__region", when=SCHOOL_PROGRAM)],
)
declare(
    Carrier,
    related=("region", "lead"),
    view=[Anyone()],
    create=[Rep("lead"), Officer("region")],
    change=[Rep("lead"), Officer("region")],
)
declare(
    Student,
    related=("school", "program", "school__region"),
    view=[Self("user"), Rep("school"), Officer("school__region")],
    create=[Rep("school", kinds=[OrgKind.SCHOOL])],
    change=[Rep("school", kinds=[OrgKind.SCHOOL])],
)
# College teachers are public (enterprises look for their expertise); an enterprise's mentors are
# its own and its officers'.
STAFF_KINDS = [OrgKind.SCHOOL, OrgKind.ENTERPRISE, OrgKind.RESEARCH]
declare(
    Teacher,
    related=("organisation",),
    view=[
        Anyone(when=Q(organisation__kind=OrgKind.SCHOOL)),
        Rep("organisation"),
        Officer("organisation__region"),
        Self("user"),
    ],
    create=[Rep("organisation", kinds=STAFF_KINDS)],
    change=[Rep("organisation", kinds=STAFF_KINDS)],
)
