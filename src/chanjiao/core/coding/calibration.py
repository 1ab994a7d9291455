"""Calibrated confidence: the probability that an answer is right at its own level.

The coder's raw probabilities come from a softmax over similarity scores, and a softmax is
overconfident: a title that shares one word with a text gets 0.99. For each level the coder can
answer at (the best code, then the best minor, medium and major group), an isotonic regression maps
the raw probability of the candidate's subtree to the share of development titles that were right
at that level with that raw probability. The maps are fitted offline on labelled development titles
(``scripts/calibrate_coder.py``) and shipped as ``calibration.json``; the coder answers at the
finest level whose calibrated confidence reaches its threshold.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

# The levels a candidate is taken at, finest first: 4 is the most probable code itself (a fine
# occupation, or a group that has job titles of its own such as 普工).
STAGES = (4, 3, 2, 1)


@dataclass(frozen=True)
class Calibration:
    """Piecewise-linear maps from raw subtree probability to probability of being right, per stage.

    Examples
    --------
    >>> calibration = Calibration({4: ((0.0, 1.0), (0.0, 0.5))})
    >>> calibration.apply(4, np.array([0.2, 0.9])).tolist()
    [0.1, 0.45]
    >>> calibration.apply(3, np.array([0.7])).tolist()  # a stage without a map keeps its raw value
    [0.7]
    """

    points: Mapping[int, tuple[Sequence[float], Sequence[float]]]

    def apply(self, stage: int, raw: np.ndarray) -> np.ndarray:
        """Calibrated confidence of raw subtree probabilities at ``stage``."""
        if stage not in self.points:
            return raw
        x, y = self.points[stage]
        return np.interp(raw, x, y)

    @classmethod
    def fit(
        cls, raw: Mapping[int, np.ndarray], right: Mapping[int, np.ndarray], method: str = "isotonic"
    ) -> Calibration:
        """Isotonic maps from each stage's raw probabilities to whether the candidate was right.

        Examples
        --------
        >>> raw = {4: np.array([0.1, 0.2, 0.9, 0.95])}
        >>> right = {4: np.array([False, True, True, True])}
        >>> Calibration.fit(raw, right).apply(4, np.array([0.15, 0.93])).round(2).tolist()
        [0.5, 1.0]
        """
        points = {}
        for stage, values in raw.items():
            if method == "platt":
                logit = _logit(np.asarray(values, dtype=float)).reshape(-1, 1)
                model = LogisticRegression(C=1e4).fit(logit, right[stage].astype(int))
                grid = np.unique(np.concatenate([np.linspace(0, 1, 101), 1 - np.logspace(-6, -2, 9)]))
                points[stage] = (
                    tuple(round(float(v), 6) for v in grid),
                    tuple(round(float(v), 6) for v in model.predict_proba(_logit(grid).reshape(-1, 1))[:, 1]),
                )
                continue
            regression = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
            regression.fit(values, right[stage].astype(float))
            points[stage] = (
                tuple(round(float(v), 6) for v in regression.X_thresholds_),
                tuple(round(float(v), 6) for v in regression.y_thresholds_),
            )
        return cls(points)

    def to_json(self) -> str:
        """The maps as JSON (stage -> {"raw": [...], "right": [...]})."""
        stages = [
            f'"{stage}": {json.dumps({"raw": list(x), "right": list(y)})}'
            for stage, (x, y) in sorted(self.points.items())
        ]
        return "{\n" + ",\n".join(stages) + "\n}"

    @classmethod
    def from_json(cls, text: str) -> Calibration:
        """Read maps written by :meth:`to_json`."""
        data = json.loads(text)
        return cls({int(stage): (tuple(m["raw"]), tuple(m["right"])) for stage, m in data.items()})


def _logit(values: np.ndarray) -> np.ndarray:
    clipped = np.clip(values, 1e-7, 1 - 1e-7)
    return np.log(clipped / (1 - clipped))


def expected_calibration_error(confidence: Sequence[float], right: Sequence[bool], bins: int = 10) -> float:
    """Mean gap between stated confidence and accuracy over equal-width bins, weighted by count.

    Examples
    --------
    >>> expected_calibration_error([0.9, 0.9, 0.6, 0.6], [True, False, True, True])
    0.4
    """
    confidence_array = np.asarray(confidence, dtype=float)
    right_array = np.asarray(right, dtype=float)
    if confidence_array.size == 0:
        raise ValueError("no answers to score")
    which = np.minimum((confidence_array * bins).astype(int), bins - 1)
    error = 0.0
    for index in range(bins):
        members = which == index
        if members.any():
            gap = abs(right_array[members].mean() - confidence_array[members].mean())
            error += members.sum() / confidence_array.size * gap
    return round(float(error), 6)


def reliability_table(
    confidence: Sequence[float],
    right: Sequence[bool],
    edges: Sequence[float] = (0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0),
) -> list[tuple[float, float, int, float, float]]:
    """Rows of a reliability diagram: (from, to, answers, mean confidence, share right).

    Examples
    --------
    >>> reliability_table([0.95, 0.97, 0.6], [True, False, True], edges=(0, 0.9, 1.0))
    [(0, 0.9, 1, 0.6, 1.0), (0.9, 1.0, 2, 0.96, 0.5)]
    """
    confidence_array = np.asarray(confidence, dtype=float)
    right_array = np.asarray(right, dtype=float)
    rows = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        members = (confidence_array >= low) & ((confidence_array < high) | (high == edges[-1]))
        if members.any():
            rows.append(
                (
                    low,
                    high,
                    int(members.sum()),
                    round(float(confidence_array[members].mean()), 4),
                    round(float(right_array[members].mean()), 4),
                )
            )
    return rows
