"""From raw indicator values to scores, lights and rank intervals, with the configuration used.

No database access here: the settings come in as a plain dict (:func:`scheme_settings`), the
result carries the complete configuration, and :func:`rescore` rebuilds the scores from a stored
configuration and raw matrix, which is how an evaluation is reproduced.

Weighting methods (the scheme's choice):

- ``framework``: the weights as set in the framework;
- ``equal``: every node weight 1;
- ``ahp``: each sibling group the officer judged gets its AHP priorities (consistency ratio < 0.1);
- ``entropy``: the indicators within each dimension get entropy weights computed from the units'
  min-max normalised values (after imputation and outlier treatment); a dimension whose indicators
  do not discriminate at all keeps equal weights;
- ``regional``: the dimension weights of the scheme's zone (east / central / west / northeast).

Every choice ends up as explicit weights in the stored framework, so reproducing an evaluation
never recomputes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from chanjiao.core.indicators import (
    CompositeIndicator,
    Framework,
    Indicator,
    Light,
    LightPolicy,
    RankUncertainty,
    assign_lights,
    consistent_ahp_weights,
    entropy_weights,
    normalise,
)
from chanjiao.evaluation.indicators import nodes_by_code, two_track_framework

SCHEMA = "chanjiao.evaluation/1"
NORMALISATION_SPECS: Mapping[str, dict[str, Any]] = {
    "minmax": {"method": "minmax", "lower": 0.0, "upper": 100.0},
    "zscore": {"method": "zscore", "mean": 50.0, "sd": 10.0},
    "distance_to_target": {"method": "distance_to_target", "lower": 0.0, "upper": 100.0},
    "rank": {"method": "rank", "lower": 0.0, "upper": 100.0},
}


def normalisation_spec(method: str, aggregation: str) -> dict[str, Any]:
    """The normalisation a scheme names; bounded scales start at 1 for geometric means (as COINr)."""
    spec = dict(NORMALISATION_SPECS[method])
    if aggregation == "geometric":
        if method == "zscore":
            raise ValueError(
                "geometric aggregation needs positive normalised values and z-scores can be negative; "
                "choose another normalisation or arithmetic aggregation"
            )
        spec["lower"] = 1.0
    return spec


def sibling_groups(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Every dimension with its children's codes: the groups weights are set within.

    Examples
    --------
    >>> from chanjiao.core.indicators import default_framework
    >>> sibling_groups(default_framework())["integration_index"]
    ('participation', 'process', 'results')
    """
    return {d.code: tuple(child.code for child in d.children) for d in framework.dimensions}


def ahp_group_weights(framework: Framework, group: str, matrix: list[list[float]]) -> dict[str, float]:
    """AHP priorities of one sibling group, refusing a consistency ratio of 0.1 or more."""
    groups = sibling_groups(framework)
    if group not in groups:
        raise ValueError(f"no dimension {group!r} in the framework; groups: {', '.join(groups)}")
    codes = groups[group]
    judgements = np.asarray(matrix, dtype=float)
    size = judgements.shape
    if size != (len(codes), len(codes)):
        raise ValueError(
            f"{group!r} has {len(codes)} children, so the matrix must be {len(codes)}x{len(codes)}, got {size}"
        )
    nodes = nodes_by_code(framework)
    weights = consistent_ahp_weights(judgements, labels=[nodes[code].name_en for code in codes])
    return {code: float(weight) for code, weight in zip(codes, weights, strict=True)}


def _entropy_weights(framework: Framework, treated: np.ndarray) -> tuple[dict[str, float], list[str]]:
    rows = treated[~np.isnan(treated).any(axis=1)]
    scaled = normalise(rows, framework.directions, "minmax", lower=0.0, upper=100.0)
    column = {code: index for index, code in enumerate(framework.indicator_codes)}
    weights: dict[str, float] = {}
    notes = []
    for dimension in framework.dimensions:
        leaves = [child.code for child in dimension.children if isinstance(child, Indicator)]
        if len(leaves) != len(dimension.children) or not leaves:
            continue
        try:
            derived = entropy_weights(scaled[:, [column[code] for code in leaves]])
        except ValueError:
            derived = np.full(len(leaves), 1.0 / len(leaves))
            notes.append(
                f"{dimension.code}: no indicator discriminates between the units; equal weights kept"
            )
        weights.update({code: float(w) for code, w in zip(leaves, derived, strict=True)})
    return weights, notes


def resolve_weights(
    framework: Framework, settings: Mapping[str, Any], raw: np.ndarray
) -> tuple[Framework, dict[str, Any]]:
    """The framework with the scheme's weighting applied, and a record of how."""
    method = settings["weighting_method"]
    record: dict[str, Any] = {"method": method}
    if method == "equal":
        framework = framework.with_weights({code: 1.0 for code in framework.weighted_codes})
    elif method == "ahp":
        weights: dict[str, float] = {}
        record["judgements"] = {}
        for group, judged in sorted(settings["ahp_judgements"].items()):
            weights.update(ahp_group_weights(framework, group, judged["matrix"]))
            record["judgements"][group] = judged
        framework = framework.with_weights(weights)
    elif method == "regional":
        zone = settings["zone"]
        zone_weights = settings["regional_weight_sets"][zone]
        present = set(framework.weighted_codes)
        framework = framework.with_weights({code: w for code, w in zone_weights.items() if code in present})
        record.update(zone=zone, weight_set=dict(zone_weights))
    elif method == "entropy":
        prepared = CompositeIndicator(
            framework,
            missing=settings["missing"],
            outliers=settings["outliers"],
            normalisation=NORMALISATION_SPECS["minmax"],
        ).fit(raw)
        entropy, notes = _entropy_weights(framework, prepared.treated_)
        framework = framework.with_weights(entropy)
        record.update(weights=entropy, notes=notes)
    elif method != "framework":
        raise ValueError(f"unknown weighting method {method!r}")
    return framework, record


@dataclass
class Scored:
    """One evaluation's outcome: the configuration it used and the fitted estimator."""

    config: dict[str, Any]
    composite: CompositeIndicator
    lights: list[Light]


def _lights(composite: CompositeIndicator, raw: np.ndarray, policy: LightPolicy) -> list[Light]:
    return assign_lights(composite.framework_, raw, composite.normalised_, composite.scores_, policy)


def score(
    raw: np.ndarray,
    settings: Mapping[str, Any],
    *,
    kind: str,
    year: int,
    cycle_kind: str,
    unit_ids: list[int],
) -> Scored:
    """Score ``raw`` (units x the scheme's monitoring indicators, plus the two-track ones) as the
    scheme says, and return the complete configuration used."""
    monitoring = Framework.from_dict(settings["framework"])
    n_monitoring = len(monitoring.indicators)
    resolved, weighting = resolve_weights(monitoring, settings, raw[:, :n_monitoring])
    if cycle_kind == "triennial":
        resolved = two_track_framework(resolved, kind, settings["two_track_weights"])
    if raw.shape[1] != len(resolved.indicators):
        raise ValueError(f"expected {len(resolved.indicators)} indicator columns, got {raw.shape[1]}")
    composite = CompositeIndicator(
        resolved,
        missing=settings["missing"],
        outliers=settings["outliers"],
        normalisation=normalisation_spec(settings["normalisation"], settings["aggregation"]),
        aggregation=settings["aggregation"],
    )
    policy = LightPolicy.from_dict(settings["light_policy"])
    config = {
        "schema": SCHEMA,
        "unit_kind": kind,
        "year": year,
        "cycle_kind": cycle_kind,
        "units": list(unit_ids),
        "composite": composite.get_config(),
        "weighting": weighting,
        "light_policy": policy.to_dict(),
        "uncertainty": dict(settings["uncertainty"]),
        "deadlines": dict(settings["deadlines"]),
    }
    return rescore(config, raw)


def rescore(config: Mapping[str, Any], raw: np.ndarray) -> Scored:
    """Rebuild an evaluation's scores and lights from its stored configuration and raw values."""
    if config.get("schema") != SCHEMA:
        raise ValueError(f"not an evaluation configuration of schema {SCHEMA!r}")
    composite = CompositeIndicator.from_config(config["composite"]).fit(raw)
    policy = LightPolicy.from_dict(config["light_policy"])
    return Scored(dict(config), composite, _lights(composite, raw, policy))


def rank_intervals(config: Mapping[str, Any], composite: CompositeIndicator) -> RankUncertainty | None:
    """Monte Carlo rank intervals of the rated units, or None when fewer than two are rated."""
    included = composite.included_
    if included.sum() < 2:
        return None
    settings = config["uncertainty"]
    analysis = RankUncertainty(
        composite.framework_,
        n_draws=settings["n_draws"],
        weight_noise=settings["weight_noise"],
        random_state=settings["random_state"],
    )
    return analysis.fit(composite.treated_[included])
