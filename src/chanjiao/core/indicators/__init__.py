"""Composite-indicator engine after the OECD/JRC Handbook on Constructing Composite Indicators.

Framework (tree of dimensions and indicators) -> missing data -> outliers -> normalisation ->
weighting -> aggregation -> uncertainty and sensitivity of the ranks -> red / yellow / green lights.
Pure numpy / scipy: plain data and arrays in and out.
"""

from chanjiao.core.indicators.aggregation import (
    AGGREGATIONS,
    aggregate_tree,
    weighted_arithmetic_mean,
    weighted_geometric_mean,
)
from chanjiao.core.indicators.composite import CompositeIndicator, competition_ranks
from chanjiao.core.indicators.default_framework import (
    ENTERPRISE_PARTICIPATION_RATE,
    KEY_EQUIPMENT_FAILURE_RATE,
    default_framework,
)
from chanjiao.core.indicators.framework import Dimension, Framework, Indicator
from chanjiao.core.indicators.lights import DEFAULT_RED_LINES, Light, LightPolicy, RedLine, assign_lights
from chanjiao.core.indicators.missing import ImputationRecord, MissingDataResult, handle_missing
from chanjiao.core.indicators.normalisation import check_normalisation_spec, normalise
from chanjiao.core.indicators.outliers import OutlierRecord, kurtosis, skewness, treat_outliers
from chanjiao.core.indicators.regional import REGIONAL_WEIGHT_SETS, regional_framework
from chanjiao.core.indicators.sensitivity import sobol_indices
from chanjiao.core.indicators.uncertainty import DEFAULT_ALTERNATIVE_NORMALISATIONS, RankUncertainty
from chanjiao.core.indicators.weighting import (
    RANDOM_INDEX,
    ahp_weights,
    consistent_ahp_weights,
    entropy_weights,
    equal_weights,
)

__all__ = [
    "AGGREGATIONS",
    "DEFAULT_ALTERNATIVE_NORMALISATIONS",
    "DEFAULT_RED_LINES",
    "ENTERPRISE_PARTICIPATION_RATE",
    "KEY_EQUIPMENT_FAILURE_RATE",
    "RANDOM_INDEX",
    "REGIONAL_WEIGHT_SETS",
    "CompositeIndicator",
    "Dimension",
    "Framework",
    "ImputationRecord",
    "Indicator",
    "Light",
    "LightPolicy",
    "MissingDataResult",
    "OutlierRecord",
    "RankUncertainty",
    "RedLine",
    "aggregate_tree",
    "ahp_weights",
    "assign_lights",
    "check_normalisation_spec",
    "competition_ranks",
    "consistent_ahp_weights",
    "default_framework",
    "entropy_weights",
    "equal_weights",
    "handle_missing",
    "kurtosis",
    "normalise",
    "regional_framework",
    "skewness",
    "sobol_indices",
    "treat_outliers",
    "weighted_arithmetic_mean",
    "weighted_geometric_mean",
]
