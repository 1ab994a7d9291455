"""The numbers of performance-based funding, each a parameter with the seeds' default.

- Institutions: an allocation floats at most ``float_band`` (30 %) above or below its benchmark,
  driven by the skill-certification pass rate and graduate retention.
- Regions: the top ``top_fraction`` (10 %) get a floating incentive of ``incentive`` (20 %); regions
  not up to standard lose ``shortfall_cut`` (10 %) of the special subsidy; industry-education
  integration weighs at least :data:`MIN_INTEGRATION_WEIGHT` (10 %) in the local-government
  performance appraisal that ranks them.

Policies round-trip through plain dicts so a committed allocation stores the exact rules it used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

MIN_INTEGRATION_WEIGHT = 0.10
"""Seed floor: integration weighs at least 10 % in the local-government performance appraisal."""


def _fraction(
    value: object, name: str, *, low: float = 0.0, high: float = 1.0, open_high: bool = False
) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if value < low or value > high or (open_high and value == high):
        upper = f"below {high:g}" if open_high else f"at most {high:g}"
        raise ValueError(f"{name} must be at least {low:g} and {upper}, got {value!r}")
    return float(value)


def _from_dict(cls: type, data: Mapping[str, Any]) -> Any:
    expected = {field.name for field in fields(cls)}
    if not isinstance(data, Mapping) or set(data) != expected:
        keys = sorted(data) if isinstance(data, Mapping) else type(data).__name__
        raise ValueError(f"{cls.__name__} needs exactly the keys {sorted(expected)}, got {keys}")
    return cls(**data)


@dataclass(frozen=True)
class InstitutionPolicy:
    """How far and on what an institution's allocation floats around its benchmark.

    ``float_band`` is the largest relative move (0.30: from 70 % to 130 % of the benchmark);
    the performance that drives it is ``certification_weight`` x skill-certification pass rate +
    ``retention_weight`` x graduate retention rate (weights are normalised).

    Examples
    --------
    >>> policy = InstitutionPolicy(float_band=0.2)
    >>> InstitutionPolicy.from_dict(policy.to_dict()) == policy
    True
    >>> InstitutionPolicy(certification_weight=0, retention_weight=0)
    Traceback (most recent call last):
    ...
    ValueError: certification_weight and retention_weight must not both be 0
    """

    float_band: float = 0.30
    certification_weight: float = 0.5
    retention_weight: float = 0.5

    def __post_init__(self) -> None:
        object.__setattr__(self, "float_band", _fraction(self.float_band, "float_band", open_high=True))
        for name in ("certification_weight", "retention_weight"):
            object.__setattr__(self, name, _fraction(getattr(self, name), name))
        if self.certification_weight + self.retention_weight == 0:
            raise ValueError("certification_weight and retention_weight must not both be 0")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InstitutionPolicy:
        return _from_dict(cls, data)


@dataclass(frozen=True)
class RegionalPolicy:
    """Incentives and cuts of the special subsidy across regions.

    A region is *below standard* when its integration score is under ``standard_score`` or it has
    a red light; it loses ``shortfall_cut`` of its subsidy. Among the others, the top
    ``top_fraction`` by appraisal score (at least one region) get ``incentive`` more. The appraisal
    score is ``integration_weight`` x integration score + the rest x the other appraisal items, and
    ``integration_weight`` may not be below :data:`MIN_INTEGRATION_WEIGHT`.

    Examples
    --------
    >>> RegionalPolicy(integration_weight=0.05)
    Traceback (most recent call last):
    ...
    ValueError: integration_weight must be at least 0.1 and at most 1, got 0.05
    """

    top_fraction: float = 0.10
    incentive: float = 0.20
    shortfall_cut: float = 0.10
    standard_score: float = 60.0
    integration_weight: float = 0.10

    def __post_init__(self) -> None:
        object.__setattr__(self, "top_fraction", _fraction(self.top_fraction, "top_fraction"))
        object.__setattr__(self, "incentive", _fraction(self.incentive, "incentive"))
        object.__setattr__(
            self, "shortfall_cut", _fraction(self.shortfall_cut, "shortfall_cut", open_high=True)
        )
        object.__setattr__(
            self, "standard_score", _fraction(self.standard_score, "standard_score", high=100.0)
        )
        object.__setattr__(
            self,
            "integration_weight",
            _fraction(self.integration_weight, "integration_weight", low=MIN_INTEGRATION_WEIGHT),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RegionalPolicy:
        return _from_dict(cls, data)
