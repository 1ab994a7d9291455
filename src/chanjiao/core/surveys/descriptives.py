"""Descriptive statistics of a survey: the sample, each item, and the construct scores."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pingouin

from chanjiao.core.surveys.items import LikertScale


def group_composition(data: pd.DataFrame, columns: Sequence[str]) -> dict[str, list[dict]]:
    """Count and percentage of respondents per value of each grouping column (role, gender, ...).

    Examples
    --------
    >>> frame = pd.DataFrame({"role": ["teacher", "hr", "teacher", None]})
    >>> group_composition(frame, ["role"])["role"]
    [{'value': 'teacher', 'count': 2, 'percent': 50.0}, {'value': 'hr', 'count': 1, 'percent': 25.0}, \
{'value': '(missing)', 'count': 1, 'percent': 25.0}]
    """
    composition = {}
    for column in columns:
        if column not in data.columns:
            raise ValueError(f"group column '{column}' is not a column of the data")
        counts = data[column].astype("object").fillna("(missing)").astype(str).value_counts(sort=True)
        composition[column] = [
            {"value": str(value), "count": int(count), "percent": round(100.0 * count / len(data), 2)}
            for value, count in counts.items()
        ]
    return composition


def item_descriptives(
    items: pd.DataFrame,
    constructs: Mapping[str, Sequence[str]],
    *,
    scale: LikertScale | None = None,
    reverse_keyed: Sequence[str] = (),
) -> list[dict]:
    """Mean, SD, skewness and excess kurtosis of each item (the SPSS "Descriptives" table).

    Skewness and kurtosis are the bias-corrected sample estimates (pandas, as in SPSS and Excel).
    With a ``scale``, each item also gets the share of answers at every scale point.

    Examples
    --------
    >>> frame = pd.DataFrame({"q1": [1, 2, 2, 3, 5], "q2": [2, 3, 3, 4, 4]})
    >>> row = item_descriptives(frame, {"F": ["q1", "q2"]}, scale=LikertScale(5))[0]
    >>> row["mean"], round(row["sd"], 4), round(row["skew"], 4), row["distribution"]["2"]
    (2.6, 1.5166, 1.1181, 0.4)
    """
    construct_of = {item: name for name, members in constructs.items() for item in members}
    rows = []
    for item in items.columns:
        values = items[item].dropna()
        row: dict[str, object] = {
            "item": str(item),
            "construct": construct_of.get(item),
            "reverse_keyed": item in reverse_keyed,
            "n": int(values.size),
            "mean": float(values.mean()),
            "sd": float(values.std(ddof=1)),
            "min": float(values.min()),
            "max": float(values.max()),
            "skew": float(values.skew()),
            "kurtosis": float(values.kurt()),
        }
        if scale is not None:
            row["distribution"] = {
                str(point): float((values == point).mean()) if values.size else 0.0 for point in scale.values
            }
        rows.append(row)
    return rows


def construct_scores(items: pd.DataFrame, constructs: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Each respondent's mean item score per construct (the usual summated-scale score).

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 5], "b": [3, 5]})
    >>> construct_scores(frame, {"F": ["a", "b"]})["F"].tolist()
    [2.0, 5.0]
    """
    return pd.DataFrame({name: items[list(members)].mean(axis=1) for name, members in constructs.items()})


def correlation_table(scores: pd.DataFrame) -> dict:
    """Mean, SD and Pearson correlations with two-sided p-values (pingouin) of construct scores.

    Examples
    --------
    >>> scores = pd.DataFrame({"A": [1.0, 2, 3, 4, 5], "B": [2.0, 1, 4, 3, 5]})
    >>> table = correlation_table(scores)
    >>> table["r"][0][1], round(table["p"][0][1], 4)
    (0.8, 0.1041)
    """
    labels = [str(column) for column in scores.columns]
    size = len(labels)
    r = np.eye(size)
    p = np.zeros((size, size))
    position = {label: index for index, label in enumerate(labels)}
    pairs = pingouin.pairwise_corr(scores, columns=labels, method="pearson") if size > 1 else pd.DataFrame()
    for _, pair in pairs.iterrows():
        i, j = position[pair["X"]], position[pair["Y"]]
        r[i, j] = r[j, i] = float(pair["r"])
        p[i, j] = p[j, i] = float(pair["p_unc"])
    return {
        "labels": labels,
        "mean": [float(scores[label].mean()) for label in labels],
        "sd": [float(scores[label].std(ddof=1)) for label in labels],
        "r": [[round(float(value), 12) for value in row] for row in r],
        "p": [[float(value) for value in row] for row in p],
    }


def matrix_record(frame: pd.DataFrame) -> dict:
    """A square DataFrame as ``{"labels": [...], "values": [[...], ...]}`` for JSON.

    Examples
    --------
    >>> matrix_record(pd.DataFrame([[1.0, 0.5], [0.5, 1.0]], index=["a", "b"], columns=["a", "b"]))
    {'labels': ['a', 'b'], 'values': [[1.0, 0.5], [0.5, 1.0]]}
    """
    return {
        "labels": [str(label) for label in frame.index],
        "values": [[float(value) for value in row] for row in frame.to_numpy(dtype=float)],
    }
