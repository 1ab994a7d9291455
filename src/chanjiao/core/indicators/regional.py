"""Regional weight sets for the four statistical zones (east, central, west, northeast).

The seeds ask for evaluation weights that reflect each zone's industrial structure and enterprise
base, without fixing the numbers. These defaults are the platform's starting point, kept as data so
an officer can replace them per region and every evaluation stores the set it used:

- east: a dense enterprise base, so results (employment quality, technology transfer) weigh most;
- central: balanced, slightly favouring participation and process while the base grows;
- west: a thin enterprise base, so getting enterprises involved weighs most;
- northeast: industrial restructuring, so participation and results weigh alike.

Weights are relative within a sibling group, keyed by node code of the default framework.
"""

from __future__ import annotations

from collections.abc import Mapping

from chanjiao.core.indicators.framework import Framework
from chanjiao.core.taxonomy.regions import ZONES

REGIONAL_WEIGHT_SETS: Mapping[str, Mapping[str, float]] = {
    "east": {"participation": 0.30, "process": 0.30, "results": 0.40},
    "central": {"participation": 0.35, "process": 0.35, "results": 0.30},
    "west": {"participation": 0.40, "process": 0.35, "results": 0.25},
    "northeast": {"participation": 0.35, "process": 0.30, "results": 0.35},
}


def regional_framework(
    framework: Framework,
    zone: str,
    weight_sets: Mapping[str, Mapping[str, float]] = REGIONAL_WEIGHT_SETS,
) -> Framework:
    """The framework re-weighted with the weight set of ``zone``.

    Examples
    --------
    >>> from chanjiao.core.indicators.default_framework import default_framework
    >>> west = regional_framework(default_framework(), "west")
    >>> [dimension.weight for dimension in west.root.children]
    [0.4, 0.35, 0.25]
    """
    if zone not in ZONES:
        raise ValueError(f"unknown zone {zone!r}; expected one of {', '.join(ZONES)}")
    if zone not in weight_sets:
        raise ValueError(f"no weight set for zone {zone!r}; sets exist for {', '.join(sorted(weight_sets))}")
    return framework.with_weights(weight_sets[zone])
