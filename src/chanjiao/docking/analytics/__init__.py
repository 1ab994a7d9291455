"""Supply–demand analytics as plain data: trees, roll-ups, trends, forecasts, advice, alignment.

Nothing here imports Django; the docking app reads the database and hands these numpy arrays.
"""

from chanjiao.docking.analytics.advice import AdviceRules, advise
from chanjiao.docking.analytics.alignment import alignment_score, alignment_scores
from chanjiao.docking.analytics.forecast import HoltForecaster, SmoothingSelector
from chanjiao.docking.analytics.measures import demand_ratio, relative_ratio, relative_trend
from chanjiao.docking.analytics.rollup import Tree, rollup

__all__ = [
    "AdviceRules",
    "HoltForecaster",
    "SmoothingSelector",
    "Tree",
    "advise",
    "alignment_score",
    "alignment_scores",
    "demand_ratio",
    "relative_ratio",
    "relative_trend",
    "rollup",
]
