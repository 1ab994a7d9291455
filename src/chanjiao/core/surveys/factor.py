"""Sampling adequacy (KMO, Bartlett) and exploratory factor analysis, through factor_analyzer."""

from __future__ import annotations

import inspect

import factor_analyzer.factor_analyzer as factor_analyzer_module
import numpy as np
import pandas as pd
import sklearn.utils
from factor_analyzer import FactorAnalyzer, calculate_bartlett_sphericity, calculate_kmo

OBLIQUE_ROTATIONS = ("oblimin", "promax", "quartimin", "geomin_obl")


def _check_array_accepting_old_keyword(array, *args, force_all_finite=True, **kwargs):
    return sklearn.utils.check_array(array, *args, ensure_all_finite=force_all_finite, **kwargs)


def _make_factor_analyzer_compatible() -> None:
    """Let factor_analyzer 0.5.1 run on scikit-learn >= 1.8.

    factor_analyzer calls ``check_array(force_all_finite=...)``; scikit-learn renamed the keyword to
    ``ensure_all_finite`` in 1.6 and removed the old name in 1.8, so ``FactorAnalyzer.fit`` raises
    TypeError. Point factor_analyzer's module-level name at a forwarder. Idempotent; does nothing
    on scikit-learn versions that still accept the old keyword.
    """
    accepted = inspect.signature(sklearn.utils.check_array).parameters
    if "force_all_finite" not in accepted:
        factor_analyzer_module.check_array = _check_array_accepting_old_keyword  # type: ignore[attr-defined]


def sampling_adequacy(items: pd.DataFrame) -> dict:
    """Kaiser-Meyer-Olkin measure and Bartlett's test of sphericity (factor_analyzer).

    Returns
    -------
    dict
        ``kmo`` (overall), ``kmo_per_item`` and ``bartlett`` with ``chi2``, ``df`` = p(p-1)/2 and ``p``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> common = rng.normal(size=(200, 1))
    >>> frame = pd.DataFrame(common + rng.normal(size=(200, 4)), columns=list("abcd"))
    >>> result = sampling_adequacy(frame)
    >>> result["kmo"] > 0.7, result["bartlett"]["df"], result["bartlett"]["p"] < 0.001
    (True, 6, True)
    """
    per_item, overall = calculate_kmo(items)
    chi2, p_value = calculate_bartlett_sphericity(items)
    count = items.shape[1]
    return {
        "kmo": float(overall),
        "kmo_per_item": {
            str(name): float(value) for name, value in zip(items.columns, per_item, strict=True)
        },
        "bartlett": {"chi2": float(chi2), "df": count * (count - 1) // 2, "p": float(p_value)},
    }


def parallel_analysis(
    correlations: np.ndarray,
    n_obs: int,
    *,
    iterations: int = 100,
    quantile: float = 0.95,
    random_state: int = 0,
) -> dict:
    """Horn's (1965) parallel analysis on the eigenvalues of a correlation matrix.

    Factors are retained while the observed eigenvalue exceeds the ``quantile`` of eigenvalues from
    random normal data of the same size.

    Examples
    --------
    >>> result = parallel_analysis(np.eye(6), n_obs=300, iterations=20)
    >>> result["n_factors"]
    0
    """
    observed = np.sort(np.linalg.eigvalsh(correlations))[::-1]
    variables = correlations.shape[0]
    rng = np.random.default_rng(random_state)
    simulated = np.empty((iterations, variables))
    for iteration in range(iterations):
        noise = rng.standard_normal((n_obs, variables))
        simulated[iteration] = np.sort(np.linalg.eigvalsh(np.corrcoef(noise, rowvar=False)))[::-1]
    thresholds = np.quantile(simulated, quantile, axis=0)
    above = observed > thresholds
    retained = variables if above.all() else int(np.argmin(above))
    return {"n_factors": retained, "random_eigenvalues": [float(value) for value in thresholds]}


def exploratory_factor_analysis(
    items: pd.DataFrame,
    *,
    n_factors: int | None = None,
    rotation: str | None = "oblimin",
    method: str = "minres",
    correlations: pd.DataFrame | None = None,
    random_state: int = 0,
) -> dict:
    """EFA with factor_analyzer; the number of factors defaults to parallel analysis.

    Parameters
    ----------
    items : pandas.DataFrame
        Complete item responses.
    n_factors : int, optional
        Factors to extract; None takes parallel analysis's suggestion (at least one).
    rotation : str or None
        factor_analyzer rotation; oblique by default because survey constructs correlate.
    method : {"minres", "ml", "principal"}
        Extraction method.
    correlations : pandas.DataFrame, optional
        Correlation matrix to factor instead of Pearson correlations of ``items`` (e.g. polychoric).
    random_state : int
        Seed of the parallel analysis.

    Returns
    -------
    dict
        ``eigenvalues``, ``kaiser_n_factors`` (eigenvalues > 1), ``parallel_analysis``,
        ``n_factors``, ``loadings`` (``labels``, ``factors``, ``values``), ``communalities``,
        ``variance`` and, for oblique rotations, ``factor_correlations``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> factors = rng.normal(size=(400, 2))
    >>> data = np.hstack([factors[:, [0]] + 0.6 * rng.normal(size=(400, 3)),
    ...                   factors[:, [1]] + 0.6 * rng.normal(size=(400, 3))])
    >>> efa = exploratory_factor_analysis(pd.DataFrame(data, columns=list("abcdef")))
    >>> efa["n_factors"], efa["kaiser_n_factors"]
    (2, 2)
    """
    _make_factor_analyzer_compatible()
    labels = [str(column) for column in items.columns]
    matrix = correlations.loc[labels, labels] if correlations is not None else items.corr()
    eigenvalues = np.sort(np.linalg.eigvalsh(matrix.to_numpy(dtype=float)))[::-1]
    parallel = parallel_analysis(matrix.to_numpy(dtype=float), len(items), random_state=random_state)
    chosen = n_factors if n_factors is not None else max(parallel["n_factors"], 1)
    if not 1 <= chosen < len(labels):
        raise ValueError(f"cannot extract {chosen} factors from {len(labels)} items")
    analyzer = FactorAnalyzer(
        n_factors=chosen,
        rotation=rotation if chosen > 1 else None,
        method=method,
        is_corr_matrix=correlations is not None,
    )
    analyzer.fit(matrix if correlations is not None else items)
    ss_loadings, proportion, cumulative = analyzer.get_factor_variance()
    factor_names = [f"F{index + 1}" for index in range(chosen)]
    result = {
        "method": method,
        "rotation": rotation if chosen > 1 else None,
        "eigenvalues": [float(value) for value in eigenvalues],
        "kaiser_n_factors": int(np.sum(eigenvalues > 1.0)),
        "parallel_analysis": parallel,
        "n_factors": chosen,
        "loadings": {
            "labels": labels,
            "factors": factor_names,
            "values": [[float(value) for value in row] for row in analyzer.loadings_],
        },
        "communalities": {
            label: float(value) for label, value in zip(labels, analyzer.get_communalities(), strict=True)
        },
        "variance": {
            "factors": factor_names,
            "ss_loadings": [float(value) for value in ss_loadings],
            "proportion": [float(value) for value in proportion],
            "cumulative": [float(value) for value in cumulative],
        },
        "factor_correlations": None,
    }
    phi = getattr(analyzer, "phi_", None)
    if chosen > 1 and rotation in OBLIQUE_ROTATIONS and phi is not None:
        result["factor_correlations"] = {
            "labels": factor_names,
            "values": [[float(value) for value in row] for row in phi],
        }
    return result
