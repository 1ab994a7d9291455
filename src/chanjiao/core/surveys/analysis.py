"""The full questionnaire analysis of a paper's methods section, as one JSON-serialisable report."""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from chanjiao.core.surveys.descriptives import (
    construct_scores,
    correlation_table,
    group_composition,
    item_descriptives,
    matrix_record,
)
from chanjiao.core.surveys.factor import exploratory_factor_analysis, sampling_adequacy
from chanjiao.core.surveys.items import (
    LikertScale,
    ScreeningResult,
    ScreeningRules,
    numeric_items,
    reverse_code,
    screen_responses,
)
from chanjiao.core.surveys.model_syntax import ModelSpec, parse_model
from chanjiao.core.surveys.reliability import (
    average_variance_extracted,
    composite_reliability,
    cronbach_alpha,
    fornell_larcker,
    heterotrait_monotrait_ratio,
    item_total_statistics,
)
from chanjiao.core.surveys.sem import StructuralEquationModel, single_threaded_blas

HTMT_THRESHOLD = 0.85
REPORT_VERSION = 1


def json_safe(value):
    """Replace NaN/inf with None and numpy scalars with Python numbers, recursively.

    Examples
    --------
    >>> json_safe({"a": np.float64("nan"), "b": [np.int64(3), 1.5]})
    {'a': None, 'b': [3, 1.5]}
    """
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _row_label(row: Hashable):
    """Index labels may be timestamps or tuples; JSON keeps numbers and strings as they are."""
    return row if isinstance(row, int | str | np.integer) else str(row)


def _sample_section(
    data: pd.DataFrame, screening: ScreeningResult, group_columns: Sequence[str], sent: int | None
) -> dict:
    received = len(data)
    valid = len(screening.valid)
    section = {
        "sent": sent,
        "received": received,
        "excluded": received - valid,
        "valid": valid,
        "valid_share_of_received": valid / received if received else None,
        "valid_share_of_sent": valid / sent if sent else None,
        "exclusions_by_reason": screening.counts(),
        "exclusions": [
            {"row": _row_label(exclusion.row), "reasons": list(exclusion.reasons), "detail": exclusion.detail}
            for exclusion in screening.exclusions
        ],
        "groups": group_composition(screening.valid, group_columns),
    }
    return section


def _reliability_section(
    items: pd.DataFrame, spec: ModelSpec, sem: StructuralEquationModel
) -> dict[str, dict]:
    section = {}
    for construct, members in spec.constructs.items():
        alpha = cronbach_alpha(items[list(members)])
        standardized = [sem.loadings_[construct][item]["standardized"] for item in members]
        ave = average_variance_extracted(standardized)
        section[construct] = {
            "items": list(members),
            "cronbach_alpha": alpha["alpha"],
            "alpha_ci95": alpha["ci"],
            "composite_reliability": composite_reliability(standardized),
            "ave": ave,
            "sqrt_ave": math.sqrt(ave),
            "item_total": item_total_statistics(items[list(members)]),
        }
    return section


def _validity_section(spec: ModelSpec, sem: StructuralEquationModel, reliability: dict) -> dict:
    ave = {construct: reliability[construct]["ave"] for construct in spec.constructs}
    htmt = heterotrait_monotrait_ratio(sem.sample_correlations_, spec.constructs)
    upper = htmt.to_numpy()[np.triu_indices(len(htmt), k=1)]
    return {
        "fornell_larcker": fornell_larcker(ave, sem.factor_correlations_),
        "htmt": {
            **matrix_record(htmt),
            "threshold": HTMT_THRESHOLD,
            "max": float(upper.max()) if upper.size else None,
            "satisfied": bool(upper.size == 0 or upper.max() < HTMT_THRESHOLD),
        },
    }


def _warnings(sem: StructuralEquationModel, reliability: dict) -> list[str]:
    messages = []
    if not sem.converged_:
        messages.append("the SEM optimiser did not converge; estimates may be unreliable")
    for item in sem.heywood_items_:
        messages.append(
            f"item '{item}' has a negative error variance (Heywood case); the solution is improper"
        )
    for construct, loadings in sem.loadings_.items():
        for item, figures in loadings.items():
            if figures["standardized"] < 0:
                messages.append(
                    f"item '{item}' loads negatively on '{construct}': is it reverse-keyed but not recoded?"
                )
    for construct, figures in reliability.items():
        if figures["cronbach_alpha"] < 0:
            messages.append(f"construct '{construct}' has negative alpha: check reverse-keyed items")
    return messages


@single_threaded_blas
def analyze(
    data: pd.DataFrame,
    model: str,
    *,
    ordinal: bool = False,
    scale_points: int | None = None,
    reverse_keyed: Sequence[str] = (),
    screening: ScreeningRules | None = None,
    group_columns: Sequence[str] = (),
    sent: int | None = None,
    n_factors: int | None = None,
    rotation: str | None = "oblimin",
    random_state: int = 0,
) -> dict:
    """Screen, describe and model a questionnaire; return the report as plain JSON-ready data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per response; the model's items are columns (raw answers, reverse-keyed items not
        yet recoded). Other columns (ids, groups, durations) are allowed.
    model : str
        Lavaan-style model, e.g. ``"EP =~ EP1 + EP2 + EP3\\nSS =~ SS1 + SS2 + SS3\\nSS ~ EP"``.
    ordinal : bool
        Estimate the CFA/SEM, EFA and HTMT on polychoric correlations (Likert items).
    scale_points : int, optional
        Points of the Likert scale (5 or 7 usually): enables the out-of-range rule, reverse-keyed
        recoding and answer distributions.
    reverse_keyed : sequence of str
        Items worded in the opposite direction; recoded before any statistic.
    screening : ScreeningRules, optional
        Rules for invalid responses; defaults to ``ScreeningRules()`` (complete answers, no
        straight-lining across all items).
    group_columns : sequence of str
        Columns describing the sample (e.g. respondent role), counted in ``sample.groups``.
    sent : int, optional
        Questionnaires distributed, for the valid response rate.
    n_factors : int, optional
        Factors for the EFA; defaults to the number of constructs in the model.
    rotation : str or None
        EFA rotation (oblique ``"oblimin"`` by default; ``"promax"`` as in SPSS; None for none).
    random_state : int
        Seed of the parallel analysis.

    Returns
    -------
    dict
        Keys: ``n``, ``sample``, ``model``, ``estimation``, ``items``, ``reliability``,
        ``sampling_adequacy``, ``efa``, ``fit``, ``loadings``, ``paths``, ``factor_correlations``,
        ``validity``, ``correlations``, ``warnings``. See the module documentation of
        :mod:`chanjiao.core.surveys` for each field.

    Raises
    ------
    ValueError
        Bad model syntax, unknown columns, non-numeric answers, or too few valid responses.

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> report = analyze(holzinger39.get_data(), "visual =~ x1 + x2 + x3\\n"
    ...                  "textual =~ x4 + x5 + x6\\nspeed =~ x7 + x8 + x9")
    >>> report["n"], round(report["fit"]["cfi"], 3), round(report["fit"]["rmsea"], 3)
    (301, 0.931, 0.092)
    """
    spec = parse_model(model, columns=data.columns)
    items = list(spec.items)
    unknown = [item for item in reverse_keyed if item not in items]
    if unknown:
        raise ValueError(f"reverse-keyed item '{unknown[0]}' is not an item of the model")
    if reverse_keyed and scale_points is None:
        raise ValueError("reverse-keyed items need scale_points to know the scale's range")
    scale = LikertScale(scale_points) if scale_points is not None else None
    screened = screen_responses(data, items, screening, scale=scale)
    valid = screened.valid
    minimum = len(spec.observed) + 2
    if len(valid) < minimum:
        raise ValueError(
            f"only {len(valid)} valid responses out of {len(data)}; at least {minimum} are needed "
            f"for {len(spec.observed)} observed variables"
        )
    answers = numeric_items(valid, list(spec.observed))
    recoded = reverse_code(answers, list(reverse_keyed), scale) if scale is not None else answers
    item_answers = recoded[items]
    sem = StructuralEquationModel(spec, ordinal=ordinal).fit(recoded)
    reliability = _reliability_section(item_answers, spec, sem)
    efa = exploratory_factor_analysis(
        item_answers,
        n_factors=n_factors if n_factors is not None else len(spec.constructs),
        rotation=rotation,
        correlations=sem.sample_correlations_.loc[items, items] if ordinal else None,
        random_state=random_state,
    )
    report = {
        "version": REPORT_VERSION,
        "n": len(valid),
        "sample": _sample_section(data, screened, group_columns, sent),
        "model": {
            "syntax": spec.syntax(),
            "constructs": {name: list(members) for name, members in spec.constructs.items()},
            "paths": [{"outcome": outcome, "predictor": predictor} for outcome, predictor in spec.paths],
            "covariances": [list(pair) for pair in spec.covariances],
            "scale_points": scale_points,
            "reverse_keyed": list(reverse_keyed),
        },
        "estimation": {
            "method": "ML on polychoric correlations" if ordinal else "ML",
            "software": "semopy (SEM), factor_analyzer (EFA, KMO, Bartlett), pingouin (alpha)",
            "ordinal": ordinal,
            "notes": _estimation_notes(ordinal),
        },
        "items": item_descriptives(item_answers, spec.constructs, scale=scale, reverse_keyed=reverse_keyed),
        "reliability": reliability,
        "sampling_adequacy": sampling_adequacy(item_answers),
        "efa": efa,
        "fit": {**sem.fit_, "converged": sem.converged_},
        "loadings": sem.loadings_,
        "paths": sem.paths_,
        "factor_correlations": matrix_record(sem.factor_correlations_),
        "validity": _validity_section(spec, sem, reliability),
        "correlations": correlation_table(construct_scores(item_answers, spec.constructs)),
        "warnings": _warnings(sem, reliability),
    }
    return json_safe(report)


def _estimation_notes(ordinal: bool) -> list[str]:
    notes = [
        "RMSEA uses N (as lavaan and AMOS), not N - 1 as semopy does; its 90% interval inverts the "
        "noncentral chi-square distribution.",
        "CFI and TLI are relative to the independence model; SRMR is Bentler's (lavaan's default).",
        "The first item of each construct is the marker (unstandardised loading fixed to 1).",
        "Cronbach's alpha is computed on the item scores after reverse-keyed recoding; its interval is Feldt's.",
    ]
    if ordinal:
        notes.append(
            "Ordinal: loadings and paths are ML estimates on two-step polychoric correlations; the chi-square, "
            "standard errors and p-values keep their normal-theory form and are approximate."
        )
    return notes
