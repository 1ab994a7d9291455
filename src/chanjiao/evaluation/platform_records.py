"""Raw figures the platform already holds: registry records and placements.

Each provider returns figures only for the units whose records exist on the platform; the others
fall back to their annual return (see :mod:`chanjiao.evaluation.sources`).

- participation: a carrier's partner enterprises are its enterprise members; one is *active* in
  a year when it hosted a placement (that started) of a student of one of the carrier's member
  schools. A college's partners are the enterprise members of the carriers it belongs to, active
  when they hosted one of its students. A district's partners are the enterprises registered
  there, active when they hosted any student. Records exist when the unit's schools (for a
  district: its enterprises) have placements on the platform that year.
- governance: council seats of carrier members (a college: the carriers it leads or co-leads; a
  district: the carriers located there), when any seat is recorded.
- faculty: full-time teachers and the dual-qualified among them (colleges, districts).
- partner revenue: annual revenue of the partner enterprises (an enterprise: its own).
- placements: distinct students an enterprise hosted in placements that started that year.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from chanjiao.evaluation.models import UnitKind
from chanjiao.evaluation.units import STARTED_PLACEMENT_STATUSES, Unit
from chanjiao.matching.models import Placement
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    MemberRole,
    Organisation,
    OrgKind,
    Region,
    Teacher,
    TeacherKind,
)

Figures = dict[int, dict[str, float]]


def _started(year: int):
    return Placement.objects.filter(year=year, status__in=STARTED_PLACEMENT_STATUSES)


def _members_by_kind(carrier_ids) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    enterprises: dict[int, set[int]] = defaultdict(set)
    schools: dict[int, set[int]] = defaultdict(set)
    rows = CarrierMember.objects.filter(carrier_id__in=carrier_ids).values_list(
        "carrier_id", "organisation_id", "organisation__kind"
    )
    for carrier_id, organisation_id, kind in rows:
        if kind == OrgKind.ENTERPRISE:
            enterprises[carrier_id].add(organisation_id)
        elif kind == OrgKind.SCHOOL:
            schools[carrier_id].add(organisation_id)
    return enterprises, schools


def _hosting_pairs(year: int, school_ids) -> set[tuple[int, int]]:
    """(school, enterprise) pairs with at least one started placement in the year."""
    return set(
        _started(year)
        .filter(student__school_id__in=school_ids)
        .values_list("student__school_id", "enterprise_id")
    )


def _participation(partners: dict[int, set[int]], schools: dict[int, set[int]], pairs) -> Figures:
    schools_on_platform = {school for school, _ in pairs}
    figures: Figures = {}
    for unit_id, enterprises in partners.items():
        unit_schools = schools.get(unit_id, set())
        if not enterprises or not unit_schools & schools_on_platform:
            continue
        active = {e for e in enterprises if any((school, e) in pairs for school in unit_schools)}
        figures[unit_id] = {
            "partner_enterprises": len(enterprises),
            "active_partner_enterprises": len(active),
        }
    return figures


def carrier_participation(units: list[Unit], year: int) -> Figures:
    enterprises, schools = _members_by_kind([u.id for u in units])
    all_schools = set().union(*schools.values()) if schools else set()
    return _participation(enterprises, schools, _hosting_pairs(year, all_schools))


def _college_carriers(college_ids) -> dict[int, set[int]]:
    carriers: dict[int, set[int]] = defaultdict(set)
    for school_id, carrier_id in CarrierMember.objects.filter(organisation_id__in=college_ids).values_list(
        "organisation_id", "carrier_id"
    ):
        carriers[school_id].add(carrier_id)
    return carriers


def _college_partners(college_ids) -> dict[int, set[int]]:
    carriers = _college_carriers(college_ids)
    enterprises, _schools = _members_by_kind(set().union(*carriers.values()) if carriers else set())
    return {
        college: set().union(*(enterprises.get(c, set()) for c in carrier_ids))
        for college, carrier_ids in carriers.items()
    }


def college_participation(units: list[Unit], year: int) -> Figures:
    ids = [u.id for u in units]
    partners = _college_partners(ids)
    return _participation(partners, {college: {college} for college in ids}, _hosting_pairs(year, ids))


def region_participation(units: list[Unit], year: int) -> Figures:
    figures: Figures = {}
    for unit in units:
        path = Region.objects.get(pk=unit.id).path
        enterprises = Organisation.objects.filter(kind=OrgKind.ENTERPRISE, region__path__startswith=path)
        hosts = _started(year).filter(enterprise__region__path__startswith=path)
        if not hosts.exists():
            continue
        figures[unit.id] = {
            "partner_enterprises": enterprises.count(),
            "active_partner_enterprises": hosts.values("enterprise_id").distinct().count(),
        }
    return figures


def _seat_totals(carrier_ids) -> dict[int, tuple[int, int]]:
    rows = (
        CarrierMember.objects.filter(carrier_id__in=carrier_ids)
        .values("carrier_id")
        .annotate(
            seats=Sum("council_seats"),
            enterprise_seats=Sum("council_seats", filter=Q(organisation__kind=OrgKind.ENTERPRISE)),
        )
    )
    return {row["carrier_id"]: (row["seats"] or 0, row["enterprise_seats"] or 0) for row in rows}


def _governance(carriers_of_unit: dict[int, set[int]]) -> Figures:
    totals = _seat_totals(set().union(*carriers_of_unit.values()) if carriers_of_unit else set())
    figures: Figures = {}
    for unit_id, carrier_ids in carriers_of_unit.items():
        seats = sum(totals.get(c, (0, 0))[0] for c in carrier_ids)
        if seats:
            enterprise_seats = sum(totals.get(c, (0, 0))[1] for c in carrier_ids)
            figures[unit_id] = {"voting_seats": seats, "enterprise_voting_seats": enterprise_seats}
    return figures


def carrier_governance(units: list[Unit], year: int) -> Figures:
    return _governance({u.id: {u.id} for u in units})


def college_governance(units: list[Unit], year: int) -> Figures:
    led: dict[int, set[int]] = defaultdict(set)
    rows = CarrierMember.objects.filter(
        organisation_id__in=[u.id for u in units], role__in=[MemberRole.LEAD, MemberRole.CO_LEAD]
    ).values_list("organisation_id", "carrier_id")
    for school_id, carrier_id in rows:
        led[school_id].add(carrier_id)
    return _governance(led)


def _region_paths(units: list[Unit]) -> dict[int, str]:
    return dict(Region.objects.filter(pk__in=[u.id for u in units]).values_list("pk", "path"))


def region_governance(units: list[Unit], year: int) -> Figures:
    carriers = {
        unit_id: set(Carrier.objects.filter(region__path__startswith=path).values_list("pk", flat=True))
        for unit_id, path in _region_paths(units).items()
    }
    return _governance(carriers)


def _faculty(teachers_by_unit: dict[int, Q]) -> Figures:
    figures: Figures = {}
    for unit_id, condition in teachers_by_unit.items():
        counts = Teacher.objects.filter(condition, kind=TeacherKind.TEACHER).aggregate(
            teachers=Count("id"), dual=Count("id", filter=Q(dual_qualified=True))
        )
        if counts["teachers"]:
            figures[unit_id] = {
                "full_time_teachers": counts["teachers"],
                "dual_qualified_teachers": counts["dual"],
            }
    return figures


def college_faculty(units: list[Unit], year: int) -> Figures:
    rows = (
        Teacher.objects.filter(organisation_id__in=[u.id for u in units], kind=TeacherKind.TEACHER)
        .values("organisation_id")
        .annotate(teachers=Count("id"), dual=Count("id", filter=Q(dual_qualified=True)))
    )
    return {
        row["organisation_id"]: {
            "full_time_teachers": row["teachers"],
            "dual_qualified_teachers": row["dual"],
        }
        for row in rows
        if row["teachers"]
    }


def region_faculty(units: list[Unit], year: int) -> Figures:
    return _faculty(
        {
            unit_id: Q(organisation__kind=OrgKind.SCHOOL, organisation__region__path__startswith=path)
            for unit_id, path in _region_paths(units).items()
        }
    )


def _revenue(enterprises_by_unit: dict[int, set[int]]) -> Figures:
    everyone = set().union(*enterprises_by_unit.values()) if enterprises_by_unit else set()
    revenue = dict(
        Organisation.objects.filter(pk__in=everyone, revenue__isnull=False).values_list("pk", "revenue")
    )
    figures: Figures = {}
    for unit_id, enterprises in enterprises_by_unit.items():
        known = [float(revenue[e]) for e in enterprises if e in revenue]
        if known and sum(known) > 0:
            figures[unit_id] = {"partner_revenue": sum(known)}
    return figures


def carrier_revenue(units: list[Unit], year: int) -> Figures:
    enterprises, _schools = _members_by_kind([u.id for u in units])
    return _revenue(enterprises)


def college_revenue(units: list[Unit], year: int) -> Figures:
    return _revenue(_college_partners([u.id for u in units]))


def enterprise_revenue(units: list[Unit], year: int) -> Figures:
    return _revenue({u.id: {u.id} for u in units})


def region_revenue(units: list[Unit], year: int) -> Figures:
    figures: Figures = {}
    for unit_id, path in _region_paths(units).items():
        total = Organisation.objects.filter(
            kind=OrgKind.ENTERPRISE, region__path__startswith=path, revenue__isnull=False
        ).aggregate(total=Sum("revenue"))["total"]
        if total:
            figures[unit_id] = {"partner_revenue": float(total)}
    return figures


def enterprise_placements(units: list[Unit], year: int) -> Figures:
    rows = (
        _started(year)
        .filter(enterprise_id__in=[u.id for u in units])
        .values("enterprise_id")
        .annotate(students=Count("student_id", distinct=True))
    )
    return {row["enterprise_id"]: {"interns_hosted": row["students"]} for row in rows}


PARTICIPATION = _("platform: carrier members and placements")
REGISTRY_SEATS = _("platform: council seats of carrier members")
REGISTRY_TEACHERS = _("platform: teacher records")
REGISTRY_REVENUE = _("platform: enterprise revenue in the registry")
PLACEMENTS = _("platform: placements")

PROVIDERS = {
    ("participation", UnitKind.CARRIER): (PARTICIPATION, carrier_participation),
    ("participation", UnitKind.COLLEGE): (PARTICIPATION, college_participation),
    ("participation", UnitKind.REGION): (PLACEMENTS, region_participation),
    ("governance", UnitKind.CARRIER): (REGISTRY_SEATS, carrier_governance),
    ("governance", UnitKind.COLLEGE): (REGISTRY_SEATS, college_governance),
    ("governance", UnitKind.REGION): (REGISTRY_SEATS, region_governance),
    ("faculty", UnitKind.COLLEGE): (REGISTRY_TEACHERS, college_faculty),
    ("faculty", UnitKind.REGION): (REGISTRY_TEACHERS, region_faculty),
    ("partner_revenue", UnitKind.CARRIER): (REGISTRY_REVENUE, carrier_revenue),
    ("partner_revenue", UnitKind.COLLEGE): (REGISTRY_REVENUE, college_revenue),
    ("partner_revenue", UnitKind.ENTERPRISE): (REGISTRY_REVENUE, enterprise_revenue),
    ("partner_revenue", UnitKind.REGION): (REGISTRY_REVENUE, region_revenue),
    ("placements", UnitKind.ENTERPRISE): (PLACEMENTS, enterprise_placements),
}
