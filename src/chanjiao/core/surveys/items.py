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
        suspicious = values.isna() & column.notna()
        if suspicious.any():
            # Only cells that failed to convert are inspected: blanks are missing, anything else is an error.
            text = column[suspicious].astype(str).str.strip()
            bad = text[text != ""]
            if not bad.empty:
                row = bad.index[0]
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


def longest_identical_runs(answers: np.ndarray) -> np.ndarray:
    """Per row, the longest run of identical consecutive answers, skipping missing ones.

    Parameters
    ----------
    answers : numpy.ndarray
        Respondents x items, NaN for no answer.

    Examples
    --------
    >>> longest_identical_runs(np.array([[3, 3, 4, 4, 4, 2.0], [1, np.nan, 1, 2, 5, 5]])).tolist()
    [3, 2]
    >>> longest_identical_runs(np.array([[np.nan, np.nan]])).tolist()
    [0]
    """
    missing = np.isnan(answers)
    # Move each row's answers left, in order, so that skipped items do not break a run.
    order = np.argsort(missing, axis=1, kind="stable")
    packed = np.take_along_axis(answers, order, axis=1)
    best = (~missing).any(axis=1).astype(int)
    current = best.copy()
    for column in range(1, packed.shape[1]):
        same = packed[:, column] == packed[:, column - 1]
        current = np.where(same, current + 1, 1)
        best = np.maximum(best, np.where(same, current, best))
    return best


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
    values = numeric_items(data, items).to_numpy()
    missing_mask = np.isnan(values)
    missing = missing_mask.sum(axis=1)
    answered = len(items) - missing
    incomplete = missing > rules.max_missing
    outside = np.zeros_like(missing_mask)
    scale_text = "the scale"
    if scale is not None:
        outside = ~missing_mask & ~np.isin(values, scale.values)
        scale_text = f"the {scale.points}-point scale"
    runs = longest_identical_runs(values)
    needed = rules.straight_lining_run if rules.straight_lining_run is not None else len(items)
    straight = (
        (answered >= 2) & (runs >= needed) if rules.straight_lining_run != 0 else np.zeros(len(data), bool)
    )
    too_fast = np.zeros(len(data), dtype=bool)
    durations = np.full(len(data), np.nan)
    threshold = 0.0
    if rules.duration_column is not None:
        if rules.duration_column not in data.columns:
            raise ValueError(f"duration column '{rules.duration_column}' is not a column of the data")
        duration_series = pd.to_numeric(data[rules.duration_column], errors="coerce")
        threshold = _duration_threshold(duration_series, rules)
        durations = duration_series.to_numpy(dtype=float)
        too_fast = np.isnan(durations) | (durations < threshold)
    flagged = incomplete | outside.any(axis=1) | straight | too_fast
    exclusions = []
    for position in np.flatnonzero(flagged):
        reasons: list[str] = []
        details: list[str] = []
        if incomplete[position]:
            reasons.append(INCOMPLETE)
            details.append(f"{missing[position]} of {len(items)} items unanswered")
        if outside[position].any():
            first = int(np.argmax(outside[position]))
            reasons.append(OUT_OF_RANGE)
            details.append(
                f"'{items[first]}' = {_format_value(values[position, first])} is not a point of {scale_text}"
            )
        if straight[position]:
            reasons.append(STRAIGHT_LINING)
            if runs[position] == answered[position]:
                first_answer = values[position][~missing_mask[position]][0]
                details.append(
                    f"same answer ({_format_value(first_answer)}) to all {runs[position]} answered items"
                )
            else:
                details.append(f"{runs[position]} identical answers in a row")
        if too_fast[position]:
            seconds = durations[position]
            reasons.append(TOO_FAST)
            shown = "no duration" if np.isnan(seconds) else f"completed in {seconds:g} s"
            details.append(f"{shown}, below the {threshold:g} s minimum")
        exclusions.append(
            Exclusion(row=data.index[position], reasons=tuple(reasons), detail="; ".join(details))
        )
    keep = ~flagged
    return ScreeningResult(valid=data.loc[keep], exclusions=tuple(exclusions))
