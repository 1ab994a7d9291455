"""Red / yellow / green lights that explain themselves.

Red lines come first and use raw values (seed defaults: enterprise participation rate below 30 %
or key-equipment investment failure rate above 40 % means red and a rectification deadline).
Otherwise the composite score decides: at or above ``green_from`` is green, below it yellow
(supervision and expert consultation); an optional ``yellow_from`` turns scores below it red.
Every light carries the rules that fired, the red lines that could not be checked for missing data,
and the indicators that pulled the score down most (effective weight x gap to the best unit),
both as structured data and as a sentence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from chanjiao.core.indicators.default_framework import (
    ENTERPRISE_PARTICIPATION_RATE,
    KEY_EQUIPMENT_FAILURE_RATE,
)
from chanjiao.core.indicators.framework import Framework

Colour = Literal["red", "yellow", "green", "grey"]


@dataclass(frozen=True)
class RedLine:
    """A hard rule: the light is red when ``indicator`` is ``below`` / ``above`` ``threshold``."""

    indicator: str
    comparison: Literal["below", "above"]
    threshold: float

    def __post_init__(self) -> None:
        if self.comparison not in ("below", "above"):
            raise ValueError(f"red line on {self.indicator!r}: comparison must be 'below' or 'above'")
        if (
            isinstance(self.threshold, bool)
            or not isinstance(self.threshold, int | float)
            or not math.isfinite(self.threshold)
        ):
            raise ValueError(f"red line on {self.indicator!r}: threshold must be a finite number")

    def breached_by(self, value: float) -> bool:
        return value < self.threshold if self.comparison == "below" else value > self.threshold


DEFAULT_RED_LINES = (
    RedLine(ENTERPRISE_PARTICIPATION_RATE, "below", 30.0),
    RedLine(KEY_EQUIPMENT_FAILURE_RATE, "above", 40.0),
)


@dataclass(frozen=True)
class LightPolicy:
    """Thresholds of the lights; every number is a parameter with the seeds' default.

    Examples
    --------
    >>> policy = LightPolicy(green_from=70.0, yellow_from=40.0)
    >>> LightPolicy.from_dict(policy.to_dict()) == policy
    True
    """

    red_lines: tuple[RedLine, ...] = DEFAULT_RED_LINES
    green_from: float = 60.0
    yellow_from: float | None = None
    n_reasons: int = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "red_lines", tuple(self.red_lines))
        if not math.isfinite(self.green_from):
            raise ValueError("green_from must be a finite score")
        if self.yellow_from is not None and not self.yellow_from < self.green_from:
            raise ValueError(f"yellow_from ({self.yellow_from}) must be below green_from ({self.green_from})")
        if self.n_reasons < 0:
            raise ValueError("n_reasons must not be negative")

    def to_dict(self) -> dict[str, Any]:
        return {
            "red_lines": [
                {"indicator": rule.indicator, "comparison": rule.comparison, "threshold": rule.threshold}
                for rule in self.red_lines
            ],
            "green_from": self.green_from,
            "yellow_from": self.yellow_from,
            "n_reasons": self.n_reasons,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LightPolicy:
        expected = {"red_lines", "green_from", "yellow_from", "n_reasons"}
        if not isinstance(data, Mapping) or set(data) != expected:
            raise ValueError(f"a light policy needs exactly the keys {sorted(expected)}")
        try:
            red_lines = tuple(RedLine(**rule) for rule in data["red_lines"])
        except TypeError as error:
            raise ValueError(f"red line needs indicator, comparison and threshold: {error}") from None
        return cls(red_lines, data["green_from"], data["yellow_from"], data["n_reasons"])


@dataclass(frozen=True)
class Breach:
    """A red line that fired for a unit."""

    indicator: str
    name: str
    comparison: str
    threshold: float
    value: float
    unit: str


@dataclass(frozen=True)
class Shortfall:
    """An indicator that pulled the score down: ``weighted_gap`` points of composite score lost."""

    indicator: str
    name: str
    normalised: float
    best: float
    weighted_gap: float


@dataclass(frozen=True)
class Light:
    """The light of one unit (row ``unit`` of the data) with its explanation."""

    unit: int
    colour: Colour
    score: float | None
    breaches: tuple[Breach, ...]
    unchecked: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...]
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "colour": self.colour,
            "score": self.score,
            "breaches": [vars(breach) for breach in self.breaches],
            "unchecked": list(self.unchecked),
            "shortfalls": [vars(shortfall) for shortfall in self.shortfalls],
            "sentence": self.sentence,
        }


def _quantity(value: float, unit: str) -> str:
    return f"{value:.4g} {unit}".strip()


def _sentence(
    colour: Colour,
    score: float | None,
    breaches: Sequence[Breach],
    unchecked: Sequence[str],
    shortfalls: Sequence[Shortfall],
    policy: LightPolicy,
) -> str:
    if breaches:
        parts = [
            f"{breach.name.lower()} is {_quantity(breach.value, breach.unit)}, {breach.comparison} the red "
            f"line of {_quantity(breach.threshold, breach.unit)}"
            for breach in breaches
        ]
        text = "Red: " + "; ".join(parts) + "."
    elif score is None:
        text = "Not rated: the unit has no composite score (excluded for missing data) and no red line fired."
    elif colour == "green":
        text = f"Green: composite score {score:.1f} is in the green band (at least {policy.green_from:g})."
    else:
        band = (
            f"the yellow band ({policy.yellow_from:g})"
            if colour == "red"
            else f"the green band ({policy.green_from:g})"
        )
        weakest = ", ".join(shortfall.name.lower() for shortfall in shortfalls)
        text = f"{colour.capitalize()}: composite score {score:.1f} is below {band}"
        text += f"; weakest indicators: {weakest}." if weakest else "."
    if unchecked:
        text += f" Red lines not checked for missing data: {', '.join(unchecked)}."
    return text


def _colour(breaches: Sequence[Breach], score: float | None, policy: LightPolicy) -> Colour:
    if breaches:
        return "red"
    if score is None:
        return "grey"
    if policy.yellow_from is not None and score < policy.yellow_from:
        return "red"
    return "yellow" if score < policy.green_from else "green"


def _check_red_lines(
    framework: Framework, raw_row: np.ndarray, policy: LightPolicy
) -> tuple[list[Breach], list[str]]:
    breaches, unchecked = [], []
    for rule in policy.red_lines:
        column = framework.indicator_codes.index(rule.indicator)
        indicator = framework.indicators[column]
        value = float(raw_row[column])
        if math.isnan(value):
            unchecked.append(indicator.name_en.lower())
        elif rule.breached_by(value):
            breaches.append(
                Breach(
                    rule.indicator, indicator.name_en, rule.comparison, rule.threshold, value, indicator.unit
                )
            )
    return breaches, unchecked


def _shortfalls(
    framework: Framework, normalised_row: np.ndarray, best: np.ndarray, gap_row: np.ndarray, limit: int
) -> list[Shortfall]:
    shortfalls = []
    for column in np.argsort(-gap_row, kind="stable")[:limit]:
        if gap_row[column] > 0:
            indicator = framework.indicators[column]
            shortfalls.append(
                Shortfall(
                    indicator.code,
                    indicator.name_en,
                    float(normalised_row[column]),
                    float(best[column]),
                    float(gap_row[column]),
                )
            )
    return shortfalls


def assign_lights(
    framework: Framework,
    raw: np.ndarray,
    normalised: np.ndarray,
    scores: np.ndarray,
    policy: LightPolicy | None = None,
) -> list[Light]:
    """The light of every unit.

    Parameters
    ----------
    framework : the framework the index was built with; red lines must name its indicators.
    raw : (n_units, n_indicators) raw values (NaN for gaps), checked against the red lines.
    normalised : (n_units, n_indicators) normalised values (``CompositeIndicator.normalised_``).
    scores : (n_units,) composite scores, NaN for unrated units.
    policy : thresholds; default the seeds' red lines and a green band from 60.

    Examples
    --------
    >>> from chanjiao.core.indicators.default_framework import default_framework
    >>> framework = default_framework()
    >>> raw = np.full((2, 16), 35.0)
    >>> raw[0, 0] = 24.0  # enterprise participation rate, %
    >>> normalised = np.full((2, 16), 55.0)
    >>> lights = assign_lights(framework, raw, normalised, np.array([55.0, 55.0]))
    >>> lights[0].colour, lights[0].sentence
    ('red', 'Red: enterprise participation rate is 24 %, below the red line of 30 %.')
    >>> lights[1].colour, lights[1].sentence
    ('yellow', 'Yellow: composite score 55.0 is below the green band (60).')
    """
    policy = policy if policy is not None else LightPolicy()
    n_indicators = len(framework.indicators)
    raw_values = np.asarray(raw, dtype=float)
    normalised_values = np.asarray(normalised, dtype=float)
    score_values = np.asarray(scores, dtype=float)
    n_units = score_values.shape[0] if score_values.ndim == 1 else -1
    if raw_values.shape != (n_units, n_indicators) or normalised_values.shape != raw_values.shape:
        raise ValueError(
            f"raw and normalised must be (n_units, {n_indicators}) and scores (n_units,); got "
            f"{raw_values.shape}, {normalised_values.shape} and {score_values.shape}"
        )
    for rule in policy.red_lines:
        if rule.indicator not in framework.indicator_codes:
            raise ValueError(f"red line names {rule.indicator!r}, which is not an indicator of the framework")

    rated = ~np.isnan(score_values)
    best = normalised_values[rated].max(axis=0) if rated.any() else np.zeros(n_indicators)
    gaps = framework.effective_weights() * (best - normalised_values)
    lights = []
    for unit in range(n_units):
        breaches, unchecked = _check_red_lines(framework, raw_values[unit], policy)
        score = float(score_values[unit]) if rated[unit] else None
        shortfalls = (
            _shortfalls(framework, normalised_values[unit], best, gaps[unit], policy.n_reasons)
            if score is not None
            else []
        )
        colour = _colour(breaches, score, policy)
        sentence = _sentence(colour, score, breaches, unchecked, shortfalls, policy)
        lights.append(
            Light(unit, colour, score, tuple(breaches), tuple(unchecked), tuple(shortfalls), sentence)
        )
    return lights
