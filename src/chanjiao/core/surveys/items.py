"""Likert items: scales, reverse-keyed recoding and screening of invalid responses."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

INCOMPLETE = "incomplete"
OUT_OF_RANGE = "out_of_range"
STRAIGHT_LINING = "straight_lining"
TOO_FAST = "too_fast"


@dataclass(frozen=True)
class LikertScale:
    """A Likert scale with ``points`` categories coded ``low`` .. ``low + points - 1``.

    Examples
    --------
    >>> LikertScale(5).high
    5
    >>> LikertScale(7, low=0).values
    (0, 1, 2, 3, 4, 5, 6)
    """

    points: int = 5
    low: int = 1

    def __post_init__(self) -> None:
        if not 2 <= self.points <= 11:
            raise ValueError(f"a Likert scale has 2 to 11 points, not {self.points}")

    @property
    def high(self) -> int:
        return self.low + self.points - 1

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self.low, self.high + 1))


def numeric_items(data: pd.DataFrame, items: Sequence[str]) -> pd.DataFrame:
    """The item columns as floats; a non-numeric answer raises ValueError naming column and row.

    Examples
    --------
    >>> numeric_items(pd.DataFrame({"q1": ["4", "5"]}), ["q1"])["q1"].tolist()
    [4.0, 5.0]
    >>> numeric_items(pd.DataFrame({"q1": ["4", "agree"]}), ["q1"])
    Traceback (most recent call last):
    ...
    ValueError: column 'q1' has a non-numeric answer 'agree' in row 1
    """
    converted = {}
    for item in items:
        column = data[item]
        values = pd.to_numeric(column, errors="coerce")
        bad = values.isna() & column.notna() & (column.astype(str).str.strip() != "")
        if bad.any():
            row = bad.idxmax()
            raise ValueError(f"column '{item}' has a non-numeric answer '{column[row]}' in row {row}")
        converted[item] = values.astype(float)
    return pd.DataFrame(converted, index=data.index)


def reverse_code(data: pd.DataFrame, items: Sequence[str], scale: LikertScale) -> pd.DataFrame:
    """A copy of ``data`` with reverse-keyed ``items`` recoded so that high means agreement.

    On a 5-point scale 1 becomes 5, 2 becomes 4, and so on; missing answers stay missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"q1": [1, 2, 5], "q2": [4, 4, 4]})
    >>> reverse_code(frame, ["q1"], LikertScale(5))["q1"].tolist()
    [5, 4, 1]
    """
    recoded = data.copy()
    for item in items:
        if item not in recoded.columns:
            raise ValueError(f"reverse-keyed item '{item}' is not a column of the data")
        recoded[item] = (scale.low + scale.high) - recoded[item]
    return recoded


@dataclass(frozen=True)
class ScreeningRules:
    """Rules that mark a response invalid.

    Parameters
    ----------
    max_missing : int
        Unanswered items tolerated; more is ``incomplete``. The default 0 keeps complete cases only,
        which is what maximum-likelihood SEM on a covariance matrix needs.
    straight_lining_run : int or None
        A run of this many identical consecutive answers (in questionnaire order) is
        ``straight_lining``; None means the same answer to every item. 0 disables the rule.
    duration_column : str or None
        Column holding the completion time in seconds; enables the ``too_fast`` rule.
    min_duration_seconds : float or None
        Responses faster than this are ``too_fast``. None means a third of the median duration,
        a common rule for speeders when no pilot timing exists.
    """

    max_missing: int = 0
    straight_lining_run: int | None = None
    duration_column: str | None = None
    min_duration_seconds: float | None = None


@dataclass(frozen=True)
class Exclusion:
    """One excluded response: its row label, the rules it broke and a readable explanation."""

    row: Hashable
    reasons: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class ScreeningResult:
    valid: pd.DataFrame
    exclusions: tuple[Exclusion, ...]

    def counts(self) -> dict[str, int]:
        """Number of excluded responses per reason (a response may break several rules)."""
        counts: dict[str, int] = {}
        for exclusion in self.exclusions:
            for reason in exclusion.reasons:
                counts[reason] = counts.get(reason, 0) + 1
        return counts


def longest_identical_run(answers: np.ndarray) -> int:
    """Length of the longest run of identical consecutive non-missing answers.

    Examples
    --------
    >>> longest_identical_run(np.array([3, 3, 4, 4, 4, 2.0]))
    3
    >>> longest_identical_run(np.array([np.nan, np.nan]))
    0
    """
    values = answers[~np.isnan(answers)]
    if values.size == 0:
        return 0
    change = np.flatnonzero(np.diff(values) != 0)
    boundaries = np.concatenate(([-1], change, [values.size - 1]))
    return int(np.diff(boundaries).max())


def _format_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _duration_threshold(durations: pd.Series, rules: ScreeningRules) -> float:
    if rules.min_duration_seconds is not None:
        return float(rules.min_duration_seconds)
    return float(durations.median()) / 3.0


def screen_responses(
    data: pd.DataFrame,
    items: Sequence[str],
    rules: ScreeningRules | None = None,
    scale: LikertScale | None = None,
) -> ScreeningResult:
    """Split responses into valid ones and exclusions, each exclusion with its reasons.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per response; item columns hold the raw answers as the respondent gave them
        (before reverse-keyed recoding, so straight-lining is judged on what was clicked).
    items : sequence of str
        Item columns in questionnaire order.
    rules : ScreeningRules, optional
        Defaults to ``ScreeningRules()``.
    scale : LikertScale, optional
        When given, answers outside the scale are ``out_of_range``.

    Returns
    -------
    ScreeningResult

    Examples
    --------
    >>> frame = pd.DataFrame({"q1": [4, 3, 5, 2], "q2": [5, 3, None, 2], "q3": [4, 3, 4, 9]})
    >>> result = screen_responses(frame, ["q1", "q2", "q3"], scale=LikertScale(5))
    >>> result.valid.index.tolist()
    [0]
    >>> [(e.row, e.reasons) for e in result.exclusions]
    [(1, ('straight_lining',)), (2, ('incomplete',)), (3, ('out_of_range',))]
    """
    rules = rules or ScreeningRules()
    answers = numeric_items(data, items)
    values = answers.to_numpy()
    missing = np.isnan(values).sum(axis=1)
    answered = len(items) - missing
    run_needed = rules.straight_lining_run
    durations = None
    threshold = 0.0
    if rules.duration_column is not None:
        if rules.duration_column not in data.columns:
            raise ValueError(f"duration column '{rules.duration_column}' is not a column of the data")
        durations = pd.to_numeric(data[rules.duration_column], errors="coerce")
        threshold = _duration_threshold(durations, rules)
    exclusions = []
    keep = np.ones(len(data), dtype=bool)
    for position, row in enumerate(data.index):
        reasons: list[str] = []
        details: list[str] = []
        if missing[position] > rules.max_missing:
            reasons.append(INCOMPLETE)
            details.append(f"{missing[position]} of {len(items)} items unanswered")
        if scale is not None:
            row_values = values[position]
            outside = [
                (item, value)
                for item, value in zip(items, row_values, strict=True)
                if not np.isnan(value) and (value not in scale.values)
            ]
            if outside:
                item, value = outside[0]
                reasons.append(OUT_OF_RANGE)
                details.append(
                    f"'{item}' = {_format_value(value)} is not a point of the {scale.points}-point scale"
                )
        if run_needed != 0 and answered[position] >= 2:
            run = longest_identical_run(values[position])
            needed = run_needed if run_needed is not None else len(items)
            if run >= needed:
                first = values[position][~np.isnan(values[position])][0]
                reasons.append(STRAIGHT_LINING)
                if run == answered[position]:
                    details.append(f"same answer ({_format_value(first)}) to all {run} answered items")
                else:
                    details.append(f"{run} identical answers in a row")
        if durations is not None:
            seconds = durations.iloc[position]
            if np.isnan(seconds) or seconds < threshold:
                reasons.append(TOO_FAST)
                shown = "no duration" if np.isnan(seconds) else f"completed in {seconds:g} s"
                details.append(f"{shown}, below the {threshold:g} s minimum")
        if reasons:
            keep[position] = False
            exclusions.append(Exclusion(row=row, reasons=tuple(reasons), detail="; ".join(details)))
    return ScreeningResult(valid=data.loc[keep], exclusions=tuple(exclusions))
