"""Where the raw figures behind each indicator come from: platform records first, then returns.

Raw figures come in *record groups*: quantities that must come from the same source for a unit
(graduates and graduates employed, say, or the rate would mix two counts). For each unit and
group the figures come from the first *platform provider* that holds records for that unit and
year; failing that, from the unit's annual statistical return; failing that, they are missing.

Providers are functions ``provider(units, year) -> {unit_id: {field: value}}`` returning only the
units for which the platform holds records. The built-in ones read the registry and placements
(:mod:`chanjiao.evaluation.platform_records`). Any domain app may add more without touching this app:
a module ``<app>.evaluation_sources`` with ``PROVIDERS = {(group, unit_kind): (label, provider)}``
is picked up, and its records then take precedence over the annual return for those units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from chanjiao.evaluation.models import AnnualReturn
from chanjiao.evaluation.units import Unit

Provider = Callable[[list[Unit], int], dict[int, dict[str, float]]]


@dataclass(frozen=True)
class RecordGroup:
    code: str
    label: Any
    fields: tuple[str, ...]
    reported: bool = True  # False: the annual return has no such figures (platform records only)
    private: bool = False  # figures only officers and the record's owner may see


GROUPS: dict[str, RecordGroup] = {
    group.code: group
    for group in (
        RecordGroup(
            "participation", _("Partner enterprises"), ("partner_enterprises", "active_partner_enterprises")
        ),
        RecordGroup("investment", _("Enterprise spending"), ("enterprise_education_spending",)),
        RecordGroup(
            "partner_revenue", _("Partner revenue"), ("partner_revenue",), reported=False, private=True
        ),
        RecordGroup("governance", _("Council seats"), ("voting_seats", "enterprise_voting_seats")),
        RecordGroup("curriculum", _("Curriculum"), ("programmes", "curriculum_revisions")),
        RecordGroup("teaching", _("Teaching hours"), ("practical_course_hours", "total_course_hours")),
        RecordGroup("faculty", _("Teachers"), ("full_time_teachers", "dual_qualified_teachers")),
        RecordGroup("equipment", _("Key equipment"), ("key_equipment_items", "key_equipment_failed")),
        RecordGroup(
            "graduates",
            _("Graduate outcomes"),
            ("graduates", "graduates_employed", "graduates_counterpart_employed"),
        ),
        RecordGroup(
            "salary", _("Starting salaries"), ("median_starting_salary", "reference_starting_salary")
        ),
        RecordGroup(
            "certification", _("Skill certification"), ("certification_candidates", "certification_passed")
        ),
        RecordGroup("retention", _("Retention"), ("graduates_placed_with_partners", "graduates_retained")),
        RecordGroup("technical_needs", _("Technical needs"), ("technical_needs", "technical_needs_solved")),
        RecordGroup(
            "transfer", _("Achievement transfer"), ("achievement_transfer_income", "patents_granted")
        ),
        RecordGroup("placements", _("Placements hosted"), ("interns_hosted",)),
        RecordGroup(
            "satisfaction",
            _("Satisfaction survey"),
            ("satisfaction_1", "satisfaction_2", "satisfaction_3", "satisfaction_4", "satisfaction_5"),
        ),
        RecordGroup(
            "career",
            _("Graduate career tracking"),
            ("tracked_graduates", "tracked_promoted", "tracked_stable", "tracked_innovating"),
        ),
        RecordGroup("onsite", _("On-site evaluation"), ("onsite_score",), reported=False),
    )
}
RETURN_FIELDS: tuple[str, ...] = tuple(
    name for group in GROUPS.values() if group.reported for name in group.fields
)


@dataclass
class Collected:
    """Figures for n units: ``values[field]`` is an (n,) array (NaN = missing); ``sources[group]``
    says per unit where the group's figures came from (None = nowhere)."""

    values: dict[str, np.ndarray]
    sources: dict[str, list[dict[str, Any] | None]] = field(default_factory=dict)


def platform_providers() -> dict[tuple[str, str], list[tuple[str, Provider]]]:
    """Built-in providers first, then those of other apps' ``evaluation_sources`` modules."""
    from chanjiao.evaluation.platform_records import PROVIDERS
    from chanjiao.web.plugins import domain_modules

    providers: dict[tuple[str, str], list[tuple[str, Provider]]] = {}
    for module_providers in [PROVIDERS, *(m.PROVIDERS for m in domain_modules("evaluation_sources"))]:
        for key, labelled in module_providers.items():
            providers.setdefault(key, []).append(labelled)
    return providers


def _in_english(label: Any) -> str:
    """Labels are stored in English, whatever the language of the request, and translated when shown."""
    with translation.override("en"):
        return str(label)


def _held(figures: dict[int, dict[str, float]]) -> Provider:
    """A provider for figures already at hand (the on-site scores of the cycle being evaluated)."""

    def provider(units: list[Unit], year: int) -> dict[int, dict[str, float]]:
        return {unit.id: figures[unit.id] for unit in units if unit.id in figures}

    return provider


def _return_source(annual_return: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "return",
        "id": annual_return["id"],
        "by": annual_return["reported_by__display_name"] or annual_return["reported_by__username"] or "",
        "on": annual_return["updated_at"].date().isoformat(),
    }


def collect(
    groups: Iterable[str],
    kind: str,
    units: list[Unit],
    year: int,
    supplied: Mapping[str, dict[int, dict[str, float]]] | None = None,
) -> Collected:
    """The raw figures of ``groups`` for ``units`` in ``year``, each group from its best source.

    ``supplied`` gives figures held elsewhere for this run (the on-site scores of a cycle), keyed
    by group; they count as platform records.
    """
    groups = list(dict.fromkeys(groups))
    n = len(units)
    position = {unit.id: index for index, unit in enumerate(units)}
    values = {name: np.full(n, np.nan) for group in groups for name in GROUPS[group].fields}
    collected = Collected(values, {group: [None] * n for group in groups})
    providers = platform_providers()
    returns: dict[int, dict[str, Any]] | None = None
    for group_code in groups:
        group = GROUPS[group_code]
        labelled = [
            (_in_english(label), provider) for label, provider in providers.get((group_code, kind), [])
        ]
        if supplied and group_code in supplied:
            labelled.insert(0, (_in_english(group.label), _held(supplied[group_code])))
        for label, provider in labelled:
            pending = [unit for unit in units if collected.sources[group_code][position[unit.id]] is None]
            if not pending:
                break
            for unit_id, figures in provider(pending, year).items():
                row = position[unit_id]
                for name in group.fields:
                    value = figures.get(name)
                    values[name][row] = np.nan if value is None else float(value)
                collected.sources[group_code][row] = {"kind": "platform", "label": label}
        if not group.reported:
            continue
        if returns is None:
            # Plain rows, not model instances: 10,000 returns load in a fraction of the time.
            reported_fields = [
                name for code in groups if GROUPS[code].reported for name in GROUPS[code].fields
            ]
            rows = AnnualReturn.objects.filter(
                unit_kind=kind, unit_id__in=[u.id for u in units], year=year
            ).values(
                "id",
                "unit_id",
                "updated_at",
                "reported_by__display_name",
                "reported_by__username",
                *reported_fields,
            )
            returns = {row["unit_id"]: row for row in rows}
        for unit in units:
            row = position[unit.id]
            annual_return = returns.get(unit.id)
            if collected.sources[group_code][row] is not None or annual_return is None:
                continue
            reported = [annual_return[name] for name in group.fields]
            if all(value is None for value in reported):
                continue
            for name, value in zip(group.fields, reported, strict=True):
                values[name][row] = np.nan if value is None else float(value)
            collected.sources[group_code][row] = _return_source(annual_return)
    return collected
