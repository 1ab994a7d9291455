"""Lavaan-style model syntax: constructs measured by items, structural paths, covariances.

Supported statements, one per line or separated by ``;`` (``#`` starts a comment)::

    Participation =~ EP1 + EP2 + EP3      # construct measured by items
    Satisfaction ~ Participation + CG     # structural regression (outcome ~ predictors)
    Participation ~~ Governance           # free covariance

Lavaan's modifiers (``0.5*x1``, labels, ``NA*``), intercepts (``~ 1``), thresholds (``|``),
formative constructs (``<~``) and defined parameters (``:=``) are refused with a message, because
the report and the path diagram assume a plain reflective model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

IDENTIFIER = re.compile(r"[^\W\d][\w.]*")
UNSUPPORTED_OPERATORS = ("<~", ":=", "|", "==", "<", ">")
MIN_ITEMS_PER_CONSTRUCT = 2


@dataclass(frozen=True)
class ModelSpec:
    """A parsed model: ``constructs`` maps each construct to its items, in the order written.

    ``paths`` holds ``(outcome, predictor)`` pairs; ``covariances`` holds free covariances.
    Predictors and outcomes may be constructs or observed columns.
    """

    constructs: dict[str, tuple[str, ...]]
    paths: tuple[tuple[str, str], ...] = ()
    covariances: tuple[tuple[str, str], ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        """Every item of every construct, each once, in the order written."""
        return tuple(dict.fromkeys(item for items in self.constructs.values() for item in items))

    @property
    def observed(self) -> tuple[str, ...]:
        """Items plus observed variables that appear in paths or covariances."""
        structural = (name for pair in self.paths + self.covariances for name in pair)
        extra = [name for name in structural if name not in self.constructs]
        return tuple(dict.fromkeys([*self.items, *extra]))

    def construct_of(self, item: str) -> str:
        """The first construct that ``item`` measures.

        Examples
        --------
        >>> parse_model("F =~ a + b").construct_of("b")
        'F'
        """
        for construct, items in self.constructs.items():
            if item in items:
                return construct
        raise KeyError(item)

    def syntax(self) -> str:
        """Canonical lavaan/semopy syntax for this model.

        Examples
        --------
        >>> print(parse_model("F =~ a + b + c; G =~ d + e; G ~ F").syntax())
        F =~ a + b + c
        G =~ d + e
        G ~ F
        """
        lines = [f"{name} =~ {' + '.join(items)}" for name, items in self.constructs.items()]
        outcomes = dict.fromkeys(outcome for outcome, _ in self.paths)
        for outcome in outcomes:
            predictors = [predictor for out, predictor in self.paths if out == outcome]
            lines.append(f"{outcome} ~ {' + '.join(predictors)}")
        lines.extend(f"{left} ~~ {right}" for left, right in self.covariances)
        return "\n".join(lines)

    def check_columns(self, columns: Iterable[str]) -> None:
        """Raise ValueError if items are missing from ``columns`` or names are ambiguous.

        Examples
        --------
        >>> parse_model("F =~ a + b").check_columns(["a", "c"])
        Traceback (most recent call last):
        ...
        ValueError: model item 'b' is not a column of the data (columns: a, c)
        """
        available = [str(column) for column in columns]
        known = set(available)
        shown = ", ".join(available[:30]) + (", ..." if len(available) > 30 else "")
        for construct in self.constructs:
            if construct in known:
                raise ValueError(
                    f"construct '{construct}' has the same name as a data column; rename the construct"
                )
        for item in self.items:
            if item not in known:
                raise ValueError(f"model item '{item}' is not a column of the data (columns: {shown})")
        for name in self.observed:
            if name not in known:
                raise ValueError(
                    f"'{name}' in a path or covariance is neither a construct nor a column of the data "
                    f"(columns: {shown})"
                )


def _split_terms(text: str, line_number: int) -> list[str]:
    terms = [term.strip() for term in text.split("+")]
    for term in terms:
        if not term:
            raise ValueError(f"line {line_number}: empty term in '{text.strip()}'")
        if "*" in term:
            raise ValueError(
                f"line {line_number}: modifiers such as '{term}' are not supported; write plain names"
            )
        if term == "1" or term.replace(".", "", 1).isdigit():
            raise ValueError(f"line {line_number}: intercepts and constants ('{term}') are not supported")
        if not IDENTIFIER.fullmatch(term):
            raise ValueError(f"line {line_number}: '{term}' is not a valid variable name")
    return terms


def _statements(text: str) -> Iterable[tuple[int, str]]:
    for line_number, raw_line in enumerate(text.splitlines(), start=1):
        line = re.split(r"[#!]", raw_line, maxsplit=1)[0]
        for statement in line.split(";"):
            if statement.strip():
                yield line_number, statement.strip()


def _operator(statement: str, line_number: int) -> str:
    # '<~' contains '~', so unsupported operators are looked for first.
    for operator in UNSUPPORTED_OPERATORS:
        if operator in statement:
            raise ValueError(f"line {line_number}: operator '{operator}' is not supported in '{statement}'")
    for operator in ("=~", "~~", "~"):
        if operator in statement:
            return operator
    raise ValueError(
        f"line {line_number}: '{statement}' has no operator; use '=~' (measured by), '~' (regressed on) "
        "or '~~' (covaries with)"
    )


def parse_model(text: str, columns: Iterable[str] | None = None) -> ModelSpec:
    """Parse lavaan-style syntax; with ``columns``, also check every name against the data.

    Parameters
    ----------
    text : str
        The model, e.g. ``"F1 =~ x1 + x2 + x3\\nF2 =~ x4 + x5 + x6\\nF2 ~ F1"``.
    columns : iterable of str, optional
        Column names of the data set the model will be fitted to.

    Returns
    -------
    ModelSpec

    Raises
    ------
    ValueError
        With the line number and the offending text, for bad syntax, constructs with fewer than two
        items, unknown variables or names that clash with data columns.

    Examples
    --------
    >>> spec = parse_model("visual =~ x1 + x2 + x3\\ntextual =~ x4 + x5 + x6\\ntextual ~ visual")
    >>> spec.constructs["textual"], spec.paths
    (('x4', 'x5', 'x6'), (('textual', 'visual'),))
    >>> parse_model("F =~ x1 + 2*x2")
    Traceback (most recent call last):
    ...
    ValueError: line 1: modifiers such as '2*x2' are not supported; write plain names
    """
    constructs: dict[str, list[str]] = {}
    paths: list[tuple[str, str]] = []
    covariances: list[tuple[str, str]] = []
    for line_number, statement in _statements(text):
        operator = _operator(statement, line_number)
        left_text, right_text = statement.split(operator, 1)
        if any(bad in right_text for bad in ("=~", "~")):
            raise ValueError(f"line {line_number}: more than one operator in '{statement}'")
        if not left_text.strip():
            raise ValueError(f"line {line_number}: nothing before '{operator}' in '{statement}'")
        if not right_text.strip():
            raise ValueError(f"line {line_number}: nothing after '{operator}' in '{statement}'")
        lefts = _split_terms(left_text, line_number)
        rights = _split_terms(right_text, line_number)
        if operator == "=~":
            if len(lefts) != 1:
                raise ValueError(f"line {line_number}: define one construct per '=~' statement")
            construct = lefts[0]
            if construct in rights:
                raise ValueError(f"line {line_number}: construct '{construct}' cannot measure itself")
            items = constructs.setdefault(construct, [])
            items.extend(item for item in rights if item not in items)
        else:
            pairs = covariances if operator == "~~" else paths
            for left in lefts:
                for right in rights:
                    if left == right:
                        raise ValueError(
                            f"line {line_number}: '{left} {operator} {left}' (a variance) is not supported"
                        )
                    if (left, right) not in pairs:
                        pairs.append((left, right))
    if not constructs:
        raise ValueError("the model defines no construct; add a line such as 'F =~ item1 + item2 + item3'")
    for construct, items in constructs.items():
        if len(items) < MIN_ITEMS_PER_CONSTRUCT:
            raise ValueError(
                f"construct '{construct}' has {len(items)} item; at least {MIN_ITEMS_PER_CONSTRUCT} are needed"
            )
        nested = [item for item in items if item in constructs]
        if nested:
            raise ValueError(
                f"construct '{construct}' is measured by construct '{nested[0]}'; "
                "higher-order constructs are not supported"
            )
    spec = ModelSpec(
        constructs={name: tuple(items) for name, items in constructs.items()},
        paths=tuple(paths),
        covariances=tuple(covariances),
    )
    if columns is not None:
        spec.check_columns(columns)
    return spec
