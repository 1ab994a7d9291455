"""Every write to the registry: keyword-only, atomic, recording who did it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.taxonomy import load_divisions, load_occupations, zone_of_province
from chanjiao.ledger.services import record_change
from chanjiao.registry.models import (
    Carrier,
    CarrierMember,
    Occupation,
    Organisation,
    Program,
    ProgramOccupation,
    ProgramYear,
    Region,
)


def load_reference_data(region_model=Region, occupation_model=Occupation) -> tuple[int, int]:
    """Load divisions and CSCO 2022 occupations; safe to run again (existing rows are kept).

    Takes the models as arguments so the data migration can pass its historical models.
    """
    divisions = load_divisions()
    by_id = {d.id: d for d in divisions}
    existing_regions = set(region_model.objects.values_list("id", flat=True))
    paths: dict[int, str] = {}
    regions = []
    for division in divisions:  # parents precede children
        parent_path = paths.get(division.parent_id, "/") if division.parent_id else "/"
        paths[division.id] = f"{parent_path}{division.id}/"
        province = division
        while province.parent_id and province.parent_id in by_id:
            province = by_id[province.parent_id]
        if division.id in existing_regions:
            continue
        regions.append(
            region_model(
                id=division.id,
                name=division.name,
                short_name=division.short_name,
                full_name=division.full_name,
                pinyin=division.pinyin,
                level=division.level,
                parent_id=division.parent_id if division.parent_id in by_id else None,
                zone=zone_of_province(province.short_name),
                area_code=division.area_code,
                path=paths[division.id],
            )
        )
    region_model.objects.bulk_create(regions, batch_size=1000)

    existing_codes = set(occupation_model.objects.values_list("code", flat=True))
    occupations = [
        occupation_model(
            code=o.code,
            level=o.level,
            name=o.name,
            definition=o.definition,
            tasks=o.tasks,
            aliases=", ".join(o.aliases),
            parent_id=o.parent,
        )
        for o in sorted(load_occupations(), key=lambda o: o.level)
        if o.code not in existing_codes
    ]
    occupation_model.objects.bulk_create(occupations, batch_size=1000)
    return len(regions), len(occupations)


def _describe(instance: models.Model, data: dict[str, Any]) -> str:
    return f"{instance}: " + ", ".join(sorted(data))


@transaction.atomic
def create_record(*, actor: User | None, model: type[models.Model], data: dict[str, Any]) -> Any:
    """Create a registry record from validated form data (many-to-many values excluded)."""
    instance = model(**data)
    instance.full_clean()
    instance.save()
    record_activity(actor=actor, verb="create", target=instance, summary=str(instance))
    record_change(instance=instance, actor=actor)
    return instance


@transaction.atomic
def update_record(*, actor: User | None, instance: models.Model, data: dict[str, Any]) -> Any:
    """Apply validated changes. The row is re-read (and locked) first: a bound ModelForm has
    already written the new values into the instance it was given."""
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    changed = {k: v for k, v in data.items() if getattr(instance, k) != v}
    for field, value in changed.items():
        setattr(instance, field, value)
    if changed:
        instance.full_clean()
        instance.save()
        record_activity(actor=actor, verb="update", target=instance, summary=_describe(instance, changed))
        record_change(instance=instance, actor=actor)
    return instance


@transaction.atomic
def set_crosswalk(*, actor: User | None, program: Program, entries: Iterable[tuple[str, float]]) -> Program:
    """Replace a program's program→occupation crosswalk with (CSCO code, weight) pairs."""
    entries = list(entries)
    codes = [code for code, _ in entries]
    if len(set(codes)) != len(codes):
        raise ValueError("Each occupation may appear once in a program's crosswalk.")
    known = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValueError(f"Unknown CSCO occupation code(s): {', '.join(unknown)}.")
    for code, weight in entries:
        if not 0 <= weight <= 1:
            raise ValueError(f"Weight for {code} must be between 0 and 1, got {weight}.")
    ProgramOccupation.objects.filter(program=program).delete()
    ProgramOccupation.objects.bulk_create(
        [ProgramOccupation(program=program, occupation_id=c, weight=w) for c, w in entries]
    )
    record_activity(actor=actor, verb="set_crosswalk", target=program, summary=", ".join(codes))
    record_change(instance=program, actor=actor, record_type="program_crosswalk")
    return program


@transaction.atomic
def set_program_year(
    *, actor: User | None, program: Program, year: int, enrolment: int, expected_graduates: int
) -> ProgramYear:
    """Record one year's enrolment and expected graduates of a program (replacing that year's)."""
    program_year, _created = ProgramYear.objects.update_or_create(
        program=program,
        year=year,
        defaults={"enrolment": enrolment, "expected_graduates": expected_graduates},
    )
    record_activity(
        actor=actor,
        verb="set_program_year",
        target=program,
        summary=f"{year}: enrolment {enrolment}, expected graduates {expected_graduates}",
    )
    return program_year


@transaction.atomic
def add_carrier_member(
    *,
    actor: User | None,
    carrier: Carrier,
    organisation: Organisation,
    role: str,
    council_seats: int = 0,
    joined_on=None,
) -> CarrierMember:
    if CarrierMember.objects.filter(carrier=carrier, organisation=organisation).exists():
        raise ValueError(f"{organisation} is already a member of {carrier}.")
    member = CarrierMember(
        carrier=carrier,
        organisation=organisation,
        role=role,
        council_seats=council_seats,
        joined_on=joined_on,
    )
    member.full_clean()
    member.save()
    record_activity(actor=actor, verb="add_member", target=carrier, summary=str(organisation))
    record_change(instance=carrier, actor=actor, record_type="carrier_membership")
    return member


@transaction.atomic
def remove_carrier_member(*, actor: User | None, member: CarrierMember) -> None:
    if member.organisation_id == member.carrier.lead_id:
        raise ValueError("The lead organisation cannot be removed; change the lead first.")
    record_activity(
        actor=actor, verb="remove_member", target=member.carrier, summary=str(member.organisation)
    )
    member.delete()
    record_change(instance=member.carrier, actor=actor, record_type="carrier_membership")
