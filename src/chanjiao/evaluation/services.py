"""Writes for schemes, cycles, annual returns and evaluator assignments.

Keyword-only, atomic, recording who did it. Evaluation runs are in :mod:`chanjiao.evaluation.runs`,
rectification cases in :mod:`chanjiao.evaluation.rectification` and funding in
:mod:`chanjiao.evaluation.funding`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.services import record_activity
from chanjiao.core.indicators import (
    DEFAULT_RED_LINES,
    REGIONAL_WEIGHT_SETS,
    Framework,
    LightPolicy,
    RedLine,
    ahp_weights,
)
from chanjiao.evaluation.indicators import (
    check_framework,
    default_framework_for,
)
from chanjiao.evaluation.models import (
    AnnualReturn,
    Assignment,
    Cycle,
    CycleKind,
    Scheme,
    WeightingMethod,
)
from chanjiao.evaluation.policy import assignable_evaluators
from chanjiao.evaluation.scoring import (
    ahp_group_weights,
    normalisation_spec,
    sibling_groups,
)
from chanjiao.evaluation.units import Unit

TRIENNIAL_INTERVAL_YEARS = 3


def default_light_policy(framework: Framework) -> dict[str, Any]:
    """The seeds' red lines that apply to the framework, a green band from 60."""
    codes = set(framework.indicator_codes)
    return LightPolicy(
        red_lines=tuple(rule for rule in DEFAULT_RED_LINES if rule.indicator in codes)
    ).to_dict()


def scheme_settings(scheme: Scheme) -> dict[str, Any]:
    """Everything an evaluation under ``scheme`` needs, as plain data."""
    return {
        "framework": scheme.framework,
        "weighting_method": scheme.weighting_method,
        "ahp_judgements": scheme.ahp_judgements,
        "zone": scheme.zone,
        "regional_weight_sets": scheme.regional_weight_sets,
        "missing": scheme.missing,
        "outliers": {"method": scheme.outliers},
        "normalisation": scheme.normalisation,
        "aggregation": scheme.aggregation,
        "light_policy": scheme.light_policy,
        "two_track_weights": {
            "monitoring": scheme.monitoring_weight,
            "onsite": scheme.onsite_weight,
            "graduate_tracking": scheme.tracking_weight,
        },
        "uncertainty": {
            "n_draws": scheme.monte_carlo_draws,
            "weight_noise": scheme.weight_noise,
            "random_state": scheme.random_seed,
        },
        "deadlines": {"red_days": scheme.red_deadline_days, "yellow_days": scheme.yellow_deadline_days},
    }


def _check_scheme(scheme: Scheme) -> None:
    framework = check_framework(scheme.unit_kind, Framework.from_dict(scheme.framework))
    policy = LightPolicy.from_dict(scheme.light_policy)
    for rule in policy.red_lines:
        if rule.indicator not in framework.indicator_codes:
            raise ValueError(
                f"the red line on {rule.indicator!r} needs that indicator in the framework; "
                "remove the red line in the thresholds first"
            )
    normalisation_spec(scheme.normalisation, scheme.aggregation)
    if scheme.monitoring_weight + scheme.onsite_weight + scheme.tracking_weight <= 0:
        raise ValueError("the two-track weights are all zero")
    scheme.full_clean()


@transaction.atomic
def create_scheme(*, actor: User | None, data: dict[str, Any]) -> Scheme:
    """A scheme with the default framework, thresholds and regional weight sets for its units."""
    framework = default_framework_for(data["unit_kind"])
    region = data["region"]
    scheme = Scheme(
        **data,
        framework=framework.to_dict(),
        light_policy=default_light_policy(framework),
        regional_weight_sets={zone: dict(weights) for zone, weights in REGIONAL_WEIGHT_SETS.items()},
        created_by=actor,
    )
    if not scheme.zone:
        scheme.zone = region.zone or "east"
    _check_scheme(scheme)
    scheme.save()
    record_activity(actor=actor, verb="create_scheme", target=scheme, summary=scheme.name)
    return scheme


@transaction.atomic
def update_scheme(*, actor: User | None, scheme: Scheme, data: dict[str, Any]) -> Scheme:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if "unit_kind" in data and data["unit_kind"] != scheme.unit_kind and scheme.cycles.exists():
        raise ValueError("the units evaluated cannot change once the scheme has cycles; create a new scheme")
    if data.get("unit_kind", scheme.unit_kind) != scheme.unit_kind:
        framework = default_framework_for(data["unit_kind"])
        scheme.framework = framework.to_dict()
        scheme.light_policy = default_light_policy(framework)
        scheme.ahp_judgements = {}
    for field, value in data.items():
        setattr(scheme, field, value)
    _check_scheme(scheme)
    scheme.save()
    record_activity(actor=actor, verb="update_scheme", target=scheme, summary=", ".join(sorted(data)))
    return scheme


@transaction.atomic
def set_framework(*, actor: User | None, scheme: Scheme, framework: dict[str, Any]) -> Scheme:
    """Replace the indicator tree. AHP judgements of groups whose members changed are dropped."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    new = check_framework(scheme.unit_kind, Framework.from_dict(framework))
    groups = sibling_groups(new)
    scheme.ahp_judgements = {
        group: judged
        for group, judged in scheme.ahp_judgements.items()
        if groups.get(group) == tuple(judged["items"])
    }
    scheme.framework = new.to_dict()
    _check_scheme(scheme)
    scheme.save()
    record_activity(
        actor=actor, verb="set_framework", target=scheme, summary=f"{len(new.indicators)} indicators"
    )
    return scheme


@transaction.atomic
def set_ahp_judgements(
    *, actor: User | None, scheme: Scheme, group: str, matrix: list[list[float]]
) -> Scheme:
    """Store an expert's pairwise comparisons of one sibling group and switch to AHP weighting.

    Refused (nothing stored) when the consistency ratio is 0.1 or more.
    """
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    framework = Framework.from_dict(scheme.framework)
    weights = ahp_group_weights(framework, group, matrix)
    _, ratio = ahp_weights(np.asarray(matrix, dtype=float))
    scheme.ahp_judgements = {
        **scheme.ahp_judgements,
        group: {
            "items": list(sibling_groups(framework)[group]),
            "matrix": [[float(v) for v in row] for row in matrix],
            "weights": weights,
            "consistency_ratio": round(float(ratio), 6),
        },
    }
    scheme.weighting_method = WeightingMethod.AHP
    scheme.save(update_fields=["ahp_judgements", "weighting_method", "updated_at"])
    record_activity(
        actor=actor, verb="set_ahp", target=scheme, summary=f"{group}: consistency ratio {ratio:.3f}"
    )
    return scheme


@transaction.atomic
def set_regional_weights(
    *, actor: User | None, scheme: Scheme, zone: str, weight_sets: dict[str, dict[str, float]]
) -> Scheme:
    """Replace the four zones' dimension weights and choose the zone; switches to regional weighting."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    framework = Framework.from_dict(scheme.framework)
    top = set(sibling_groups(framework)[framework.root.code])
    for name, weights in weight_sets.items():
        unknown = sorted(set(weights) - top)
        if unknown:
            raise ValueError(f"{name}: {', '.join(unknown)} are not dimensions of the framework")
        if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
            raise ValueError(f"{name}: weights must be non-negative and not all zero")
    scheme.zone = zone
    scheme.regional_weight_sets = weight_sets
    scheme.weighting_method = WeightingMethod.REGIONAL
    scheme.full_clean()
    scheme.save(update_fields=["zone", "regional_weight_sets", "weighting_method", "updated_at"])
    record_activity(actor=actor, verb="set_regional_weights", target=scheme, summary=zone)
    return scheme


@transaction.atomic
def set_thresholds(
    *,
    actor: User | None,
    scheme: Scheme,
    green_from: float,
    yellow_from: float | None,
    red_lines: list[dict[str, Any]],
    red_deadline_days: int,
    yellow_deadline_days: int,
) -> Scheme:
    """Replace the light bands, the red lines and the rectification deadlines."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    policy = LightPolicy(
        red_lines=tuple(RedLine(**rule) for rule in red_lines), green_from=green_from, yellow_from=yellow_from
    )
    scheme.light_policy = policy.to_dict()
    scheme.red_deadline_days = red_deadline_days
    scheme.yellow_deadline_days = yellow_deadline_days
    _check_scheme(scheme)
    scheme.save()
    record_activity(actor=actor, verb="set_thresholds", target=scheme, summary=f"green from {green_from:g}")
    return scheme


@transaction.atomic
def create_cycle(*, actor: User | None, scheme: Scheme, kind: str, year: int, name: str = "") -> Cycle:
    """Open a cycle; two-track evaluations come at most every three years per scheme."""
    if Cycle.objects.filter(scheme=scheme, kind=kind, year=year).exists():
        raise ValueError(f"{scheme} already has a {CycleKind(kind).label.lower()} cycle for {year}")
    if kind == CycleKind.TRIENNIAL:
        close = (
            Cycle.objects.filter(scheme=scheme, kind=kind, year__gt=year - TRIENNIAL_INTERVAL_YEARS)
            .filter(year__lt=year + TRIENNIAL_INTERVAL_YEARS)
            .order_by("year")
            .first()
        )
        if close is not None:
            raise ValueError(
                f"a two-track evaluation comes every {TRIENNIAL_INTERVAL_YEARS} years; {scheme} has one in "
                f"{close.year}, so the next may be in {close.year + TRIENNIAL_INTERVAL_YEARS} at the earliest"
            )
    cycle = Cycle(
        scheme=scheme,
        kind=kind,
        year=year,
        name=name or f"{scheme.name} {year} · {CycleKind(kind).label}",
        created_by=actor,
    )
    cycle.full_clean()
    cycle.save()
    record_activity(actor=actor, verb="create_cycle", target=cycle, summary=cycle.name)
    return cycle


@transaction.atomic
def assign_evaluator(*, actor: User | None, cycle: Cycle, unit: Unit, evaluator: User) -> Assignment:
    if cycle.kind != CycleKind.TRIENNIAL:
        raise ValueError("on-site evaluators are assigned in two-track (three-yearly) cycles only")
    if not assignable_evaluators().filter(pk=evaluator.pk).exists():
        raise ValueError(f"{evaluator} is not a third-party evaluator")
    assignment, created = Assignment.objects.update_or_create(
        cycle=cycle,
        unit_kind=unit.kind,
        unit_id=unit.id,
        defaults={"unit_name": unit.name, "evaluator": evaluator, "assigned_by": actor},
    )
    record_activity(
        actor=actor, verb="assign_evaluator", target=assignment, summary=f"{unit.name} → {evaluator}"
    )
    return assignment


@transaction.atomic
def record_onsite_score(*, actor: User | None, assignment: Assignment, data: dict[str, Any]) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    for field in ("onsite_score", "visited_on", "findings"):
        setattr(assignment, field, data[field])
    assignment.scored_at = timezone.now()
    assignment.full_clean()
    assignment.save()
    record_activity(
        actor=actor,
        verb="score_onsite",
        target=assignment,
        summary=f"{assignment.unit_name}: {assignment.onsite_score}",
    )
    return assignment


@transaction.atomic
def file_return(
    *, actor: User | None, data: dict[str, Any], instance: AnnualReturn | None = None
) -> AnnualReturn:
    """Create or amend a unit's annual return (the form has checked the figures)."""
    annual_return = instance if instance is not None else AnnualReturn(reported_by=actor)
    if instance is not None:
        annual_return = AnnualReturn.objects.select_for_update().get(pk=instance.pk)
        annual_return.reported_by = actor
    for field, value in data.items():
        setattr(annual_return, field, value)
    annual_return.full_clean()
    annual_return.save()
    record_activity(
        actor=actor,
        verb="amend_return" if instance else "file_return",
        target=annual_return,
        summary=str(annual_return),
    )
    return annual_return
