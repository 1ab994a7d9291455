"""The units an evaluation scores: carriers, colleges, enterprises as partners, districts.

A unit is a (kind, id) pair pointing at a registry record; this module lists the units of a
scheme's region, names them and says which organisation answers for each.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from chanjiao.accounts import access
from chanjiao.evaluation.models import UnitKind
from chanjiao.matching.models import Placement
from chanjiao.registry.models import Carrier, CarrierStatus, Organisation, OrgKind, Region, RegionLevel

# Placements that actually took place; offers, acceptances and refusals are not participation yet.
STARTED_PLACEMENT_STATUSES = ("active", "completed", "terminated")


@dataclass(frozen=True)
class Unit:
    kind: str
    id: int
    name: str
    region_id: int | None


def units_of(kind: str, region: Region, year: int) -> list[Unit]:
    """The units of ``kind`` in ``region`` (and below) that an evaluation of ``year`` scores.

    Carriers: active carriers. Colleges: schools. Enterprises as partners: enterprises that are
    members of a carrier or hosted a placement that year. Regions: the region's direct children
    (the districts of a city).
    """
    path = region.path
    if kind == UnitKind.CARRIER:
        rows = Carrier.objects.filter(region__path__startswith=path, status=CarrierStatus.ACTIVE)
        return [Unit(kind, c.pk, c.name, c.region_id) for c in rows.order_by("pk")]
    if kind == UnitKind.COLLEGE:
        rows = Organisation.objects.filter(kind=OrgKind.SCHOOL, region__path__startswith=path)
        return [Unit(kind, o.pk, o.name, o.region_id) for o in rows.order_by("pk")]
    if kind == UnitKind.ENTERPRISE:
        hosts = Placement.objects.filter(year=year, status__in=STARTED_PLACEMENT_STATUSES).values(
            "enterprise_id"
        )
        rows = Organisation.objects.filter(kind=OrgKind.ENTERPRISE, region__path__startswith=path).filter(
            Q(carrier_memberships__isnull=False) | Q(pk__in=hosts)
        )
        return [Unit(kind, o.pk, o.name, o.region_id) for o in rows.distinct().order_by("pk")]
    if kind == UnitKind.REGION:
        return [Unit(kind, r.pk, r.name, r.pk) for r in region.children.order_by("pk")]
    raise ValueError(f"unknown unit kind {kind!r}")


def unit_region_path(kind: str, unit_id: int) -> str | None:
    """The region path of the unit's own record (for scope checks)."""
    if kind == UnitKind.CARRIER:
        return Carrier.objects.filter(pk=unit_id).values_list("region__path", flat=True).first()
    if kind == UnitKind.REGION:
        return Region.objects.filter(pk=unit_id).values_list("path", flat=True).first()
    return Organisation.objects.filter(pk=unit_id).values_list("region__path", flat=True).first()


def owned_units_condition(user, prefix: str = "") -> Q:
    """A Q over ``unit_kind``/``unit_id`` fields: the units the user answers for."""
    return units_answered_for(access.actor_of(user), prefix)


def units_answered_for(actor: access.Actor | None, prefix: str = "") -> Q:
    """The units an actor answers for, as a representative of its organisation (students,
    teachers and mentors answer for none).

    A carrier answers through its lead organisation, a college and an enterprise through
    themselves, a district through the government officers whose scope covers it.
    """
    organisation_id = actor.represents if actor else None
    kind, unit = f"{prefix}unit_kind", f"{prefix}unit_id"
    condition = Q(**{f"{unit}__in": []})  # none
    if actor is not None and organisation_id:
        led = Carrier.objects.filter(lead_id=organisation_id).values("pk")
        condition |= Q(**{kind: UnitKind.CARRIER, f"{unit}__in": led})
        if actor.organisation_kind == OrgKind.SCHOOL:
            condition |= Q(**{kind: UnitKind.COLLEGE, unit: organisation_id})
        elif actor.organisation_kind == OrgKind.ENTERPRISE:
            condition |= Q(**{kind: UnitKind.ENTERPRISE, unit: organisation_id})
        elif actor.organisation_kind == OrgKind.GOVERNMENT:
            districts = Region.objects.filter(path__startswith=actor.region_path).values("pk")
            condition |= Q(**{kind: UnitKind.REGION, f"{unit}__in": districts})
    return condition


def units_in_region(path: str, prefix: str = "") -> Q:
    """A Q over ``unit_kind``/``unit_id``: the units whose own record lies in the region at ``path``."""
    kind, unit = f"{prefix}unit_kind", f"{prefix}unit_id"
    in_region = {"region__path__startswith": path}
    units = {
        UnitKind.CARRIER: Carrier.objects.filter(**in_region),
        UnitKind.COLLEGE: Organisation.objects.filter(kind=OrgKind.SCHOOL, **in_region),
        UnitKind.ENTERPRISE: Organisation.objects.filter(kind=OrgKind.ENTERPRISE, **in_region),
        UnitKind.REGION: Region.objects.filter(path__startswith=path),
    }
    condition = Q(**{f"{unit}__in": []})  # none
    for unit_kind, rows in units.items():
        condition |= Q(**{kind: unit_kind, f"{unit}__in": rows.values("pk")})
    return condition


def units_owned_by(user) -> list[Unit]:
    """Every unit the user answers for as its organisation's representative (what it files
    annual returns for)."""
    actor = access.actor_of(user)
    if actor is None or not actor.represents:
        return []
    organisation = user.organisation
    units = [
        Unit(str(UnitKind.CARRIER), c.pk, c.name, c.region_id)
        for c in Carrier.objects.filter(lead=organisation).order_by("pk")
    ]
    if organisation.kind == OrgKind.SCHOOL:
        units.insert(
            0, Unit(str(UnitKind.COLLEGE), organisation.pk, organisation.name, organisation.region_id)
        )
    elif organisation.kind == OrgKind.ENTERPRISE:
        units.insert(
            0, Unit(str(UnitKind.ENTERPRISE), organisation.pk, organisation.name, organisation.region_id)
        )
    elif organisation.kind == OrgKind.GOVERNMENT:
        own = organisation.region
        regions = [own] if own.level == RegionLevel.DISTRICT else list(own.children.order_by("pk"))
        units += [Unit(str(UnitKind.REGION), r.pk, r.name, r.pk) for r in regions]
    return units
