"""The indicator framework: a tree of dimensions whose leaves are indicators.

The composite index is the root; each dimension aggregates its children with weights that are
relative within the sibling group (they need not sum to 1: the engine normalises them). The
framework is the configuration an evaluation ran with, so it round-trips through plain JSON-able
dicts and refuses malformed input with messages that name the offending node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

Direction = Literal["benefit", "cost"]
DIRECTIONS: tuple[Direction, ...] = ("benefit", "cost")
SCHEMA = "chanjiao.indicators.framework/1"

_CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_code(code: object, where: str) -> str:
    if not isinstance(code, str) or not _CODE_PATTERN.match(code):
        raise ValueError(
            f"{where}: code {code!r} must be lower-case letters, digits and underscores, starting with a letter"
        )
    return code


def _check_weight(weight: object, code: str) -> float:
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
        raise ValueError(f"node {code!r}: weight must be a finite number, got {weight!r}")
    if weight < 0:
        raise ValueError(f"node {code!r}: weight must not be negative, got {weight!r}")
    return float(weight)


def _check_text(value: object, code: str, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"node {code!r}: {field_name} must be a non-empty string")
    return value


@dataclass(frozen=True)
class Indicator:
    """A leaf of the framework: one measurable quantity per evaluated unit.

    ``direction`` says whether more is better (``"benefit"``) or worse (``"cost"``); ``target``
    is the value at which the indicator counts as fully achieved (used by distance-to-target
    normalisation), ``None`` when policy sets none. ``definition`` states how the value is
    computed from platform records, so every score can be traced back.

    Examples
    --------
    >>> rate = Indicator("practical_course_share", "Practical-course share", "实践课程占比",
    ...                  "benefit", "%", "Practical course hours / all course hours x 100", target=50.0)
    >>> rate.target
    50.0
    """

    code: str
    name_en: str
    name_zh: str
    direction: Direction
    unit: str
    definition: str
    target: float | None = None
    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_code(self.code, "indicator")
        _check_text(self.name_en, self.code, "name_en")
        _check_text(self.name_zh, self.code, "name_zh")
        _check_text(self.definition, self.code, "definition")
        if not isinstance(self.unit, str):
            raise ValueError(f"indicator {self.code!r}: unit must be a string")
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"indicator {self.code!r}: direction must be 'benefit' or 'cost', got {self.direction!r}"
            )
        if self.target is not None and (
            isinstance(self.target, bool)
            or not isinstance(self.target, int | float)
            or not math.isfinite(self.target)
        ):
            raise ValueError(f"indicator {self.code!r}: target must be a finite number or None")
        object.__setattr__(self, "weight", _check_weight(self.weight, self.code))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "direction": self.direction,
            "unit": self.unit,
            "definition": self.definition,
            "target": self.target,
            "weight": self.weight,
        }


@dataclass(frozen=True)
class Dimension:
    """An inner node: aggregates its children (indicators or sub-dimensions).

    Examples
    --------
    >>> leaf = Indicator("graduate_employment_rate", "Graduate employment rate", "毕业生就业率",
    ...                  "benefit", "%", "Employed graduates / graduates x 100")
    >>> Dimension("results", "Result effectiveness", "结果成效", (leaf,)).children[0].code
    'graduate_employment_rate'
    """

    code: str
    name_en: str
    name_zh: str
    children: tuple[Dimension | Indicator, ...]
    weight: float = 1.0

    def __post_init__(self) -> None:
        _check_code(self.code, "dimension")
        _check_text(self.name_en, self.code, "name_en")
        _check_text(self.name_zh, self.code, "name_zh")
        object.__setattr__(self, "children", tuple(self.children))
        if not self.children:
            raise ValueError(f"dimension {self.code!r} has no children")
        for child in self.children:
            if not isinstance(child, Dimension | Indicator):
                raise ValueError(f"dimension {self.code!r}: children must be dimensions or indicators")
        if sum(child.weight for child in self.children) <= 0:
            raise ValueError(f"dimension {self.code!r}: the weights of its children are all zero")
        object.__setattr__(self, "weight", _check_weight(self.weight, self.code))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "weight": self.weight,
            "children": [child.to_dict() for child in self.children],
        }


def _node_from_dict(data: object, path: str) -> Dimension | Indicator:
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping, got {type(data).__name__}")
    code = data.get("code", "?")
    if "children" in data:
        allowed = {"code", "name_en", "name_zh", "weight", "children"}
    else:
        allowed = {"code", "name_en", "name_zh", "direction", "unit", "definition", "target", "weight"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValueError(f"{path} ({code!r}): unknown keys {unknown}")
    missing = sorted(allowed - {"target", "weight"} - set(data))
    if missing:
        raise ValueError(f"{path} ({code!r}): missing keys {missing}")
    if "children" in data:
        children = data["children"]
        if not isinstance(children, Sequence) or isinstance(children, str):
            raise ValueError(f"{path} ({code!r}): children must be a list")
        return Dimension(
            code=data["code"],
            name_en=data["name_en"],
            name_zh=data["name_zh"],
            weight=data.get("weight", 1.0),
            children=tuple(
                _node_from_dict(child, f"{path}.children[{index}]") for index, child in enumerate(children)
            ),
        )
    return Indicator(
        code=data["code"],
        name_en=data["name_en"],
        name_zh=data["name_zh"],
        direction=data["direction"],
        unit=data["unit"],
        definition=data["definition"],
        target=data.get("target"),
        weight=data.get("weight", 1.0),
    )


@dataclass(frozen=True)
class Framework:
    """The whole indicator tree, with the column order of the data it scores.

    Data matrices are ``(n_units, n_indicators)`` with columns in :attr:`indicator_codes` order
    (depth-first, left to right). Dimension scores come in :attr:`dimension_codes` order
    (pre-order, the root first).

    Examples
    --------
    >>> employment = Indicator("employment", "Employment rate", "就业率", "benefit", "%", "employed / graduates")
    >>> failure = Indicator("failure", "Equipment failure rate", "设备失效率", "cost", "%", "failed / installed",
    ...                     weight=3.0)
    >>> framework = Framework(Dimension("index", "Index", "指数", (employment, failure)))
    >>> framework.indicator_codes, framework.effective_weights().tolist()
    (('employment', 'failure'), [0.25, 0.75])
    >>> Framework.from_dict(framework.to_dict()) == framework
    True
    """

    root: Dimension
    indicators: tuple[Indicator, ...] = field(init=False, repr=False, compare=False)
    dimensions: tuple[Dimension, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.root, Dimension):
            raise ValueError("the framework root must be a dimension (the composite index)")
        indicators: list[Indicator] = []
        dimensions: list[Dimension] = []
        seen: set[str] = set()

        def visit(node: Dimension | Indicator) -> None:
            if node.code in seen:
                raise ValueError(f"code {node.code!r} is used by more than one node; codes must be unique")
            seen.add(node.code)
            if isinstance(node, Indicator):
                indicators.append(node)
                return
            dimensions.append(node)
            for child in node.children:
                visit(child)

        visit(self.root)
        object.__setattr__(self, "indicators", tuple(indicators))
        object.__setattr__(self, "dimensions", tuple(dimensions))

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        return tuple(indicator.code for indicator in self.indicators)

    @property
    def dimension_codes(self) -> tuple[str, ...]:
        return tuple(dimension.code for dimension in self.dimensions)

    @property
    def directions(self) -> tuple[Direction, ...]:
        return tuple(indicator.direction for indicator in self.indicators)

    @property
    def targets(self) -> np.ndarray:
        """Targets per indicator column, NaN where none is set."""
        return np.array(
            [np.nan if indicator.target is None else indicator.target for indicator in self.indicators]
        )

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise ValueError(f"no indicator {code!r} in the framework; known: {', '.join(self.indicator_codes)}")

    def effective_weights(self) -> np.ndarray:
        """Each indicator's share of the composite: the product of normalised weights on its path.

        With the same aggregation at every level, arithmetic aggregation through the tree equals a
        weighted mean of the indicators with these weights, and geometric aggregation equals a
        weighted geometric mean with them.
        """
        return self.perturbed_effective_weights(np.ones((1, len(self.weighted_codes))))[0]

    @property
    def weighted_codes(self) -> tuple[str, ...]:
        """Every node except the root, in pre-order: the nodes that carry a weight."""
        codes: list[str] = []

        def visit(node: Dimension | Indicator) -> None:
            codes.append(node.code)
            if isinstance(node, Dimension):
                for child in node.children:
                    visit(child)

        for child in self.root.children:
            visit(child)
        return tuple(codes)

    def perturbed_effective_weights(self, multipliers: np.ndarray) -> np.ndarray:
        """Effective indicator weights after multiplying each node weight by a factor.

        ``multipliers`` is ``(n_sets, len(weighted_codes))``; the result is
        ``(n_sets, n_indicators)``, each row summing to 1. Sibling weights are renormalised
        after perturbation, so a factor shifts weight between siblings only.
        """
        multipliers = np.asarray(multipliers, dtype=float)
        position = {code: index for index, code in enumerate(self.weighted_codes)}
        if multipliers.ndim != 2 or multipliers.shape[1] != len(position):
            raise ValueError(
                f"multipliers must have shape (n_sets, {len(position)}), got {multipliers.shape}"
            )
        if not np.all(np.isfinite(multipliers)) or np.any(multipliers < 0):
            raise ValueError("weight multipliers must be finite and non-negative")
        effective = np.empty((multipliers.shape[0], len(self.indicators)))
        column = {code: index for index, code in enumerate(self.indicator_codes)}

        def visit(node: Dimension, share: np.ndarray) -> None:
            raw = np.stack(
                [child.weight * multipliers[:, position[child.code]] for child in node.children], axis=1
            )
            totals = raw.sum(axis=1, keepdims=True)
            if np.any(totals <= 0):
                raise ValueError(f"dimension {node.code!r}: perturbed child weights sum to zero")
            shares = share[:, None] * raw / totals
            for index, child in enumerate(node.children):
                if isinstance(child, Indicator):
                    effective[:, column[child.code]] = shares[:, index]
                else:
                    visit(child, shares[:, index])

        visit(self.root, np.ones(multipliers.shape[0]))
        return effective

    def with_weights(self, weights: Mapping[str, float]) -> Framework:
        """A copy with the weights of the named nodes replaced.

        Examples
        --------
        >>> a = Indicator("a", "A", "甲", "benefit", "", "a")
        >>> b = Indicator("b", "B", "乙", "benefit", "", "b")
        >>> Framework(Dimension("index", "I", "指", (a, b))).with_weights({"b": 3}).effective_weights().tolist()
        [0.25, 0.75]
        """
        known = set(self.weighted_codes)
        unknown = sorted(set(weights) - known)
        if unknown:
            raise ValueError(f"weights given for unknown or root nodes {unknown}")

        def rebuild(node: Dimension | Indicator) -> Dimension | Indicator:
            new_weight = weights.get(node.code, node.weight)
            if isinstance(node, Indicator):
                return replace(node, weight=new_weight)
            return replace(node, weight=new_weight, children=tuple(rebuild(child) for child in node.children))

        root = rebuild(self.root)
        assert isinstance(root, Dimension)
        return Framework(root)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form, tagged with the schema it follows."""
        return {"schema": SCHEMA, "root": self.root.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Framework:
        """Rebuild a framework from :meth:`to_dict` output, validating every node."""
        if not isinstance(data, Mapping):
            raise ValueError(f"framework: expected a mapping, got {type(data).__name__}")
        if data.get("schema") != SCHEMA:
            raise ValueError(f"framework: schema must be {SCHEMA!r}, got {data.get('schema')!r}")
        root = _node_from_dict(data.get("root"), "root")
        if not isinstance(root, Dimension):
            raise ValueError("framework: the root must be a dimension with children")
        return cls(root)
