"""Confirmatory factor analysis and structural equation models, estimated by semopy.

Estimates, standard errors and the chi-square come from semopy (maximum likelihood, objective
``MLW``, expected information). The fit indices are computed here from the chi-square the standard
way, so that they match lavaan and AMOS:

* ``RMSEA = sqrt(max(chi2 - df, 0) / (df * N))`` with N, not N - 1 (semopy divides by N - 1);
  its 90 % interval inverts the noncentral chi-square distribution (Browne & Cudeck 1993).
* ``CFI = 1 - max(chi2 - df, 0) / max(chi2_b - df, chi2 - df, 0)`` clipped to [0, 1] (semopy does
  not clip); ``TLI = (chi2_b/df_b - chi2/df) / (chi2_b/df_b - 1)``; the baseline is the
  independence model, ``chi2_b = N * (sum(log diag S) - log det S)`` on ``df_b = p(p-1)/2``.
* ``SRMR`` (Bentler, lavaan's default): root mean square of ``(s_ij - sigma_ij) / sqrt(s_ii s_jj)``
  over the lower triangle including the diagonal; semopy does not report it.

With ``ordinal=True`` the model is fitted by maximum likelihood to the polychoric correlation
matrix of the items (see :mod:`chanjiao.core.surveys.polychoric`). Loadings and paths are then
consistent for the latent continuous responses, but the chi-square, standard errors and p-values
keep their normal-theory form and are approximate; lavaan's WLSMV corrections are not available.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import numpy as np
import pandas as pd
import semopy
from scipy import optimize, stats
from statsmodels.stats.correlation_tools import corr_nearest
from threadpoolctl import threadpool_limits

from chanjiao.core.surveys.model_syntax import ModelSpec, parse_model
from chanjiao.core.surveys.polychoric import polychoric_matrix

# semopy's default SLSQP tolerance stops about 1e-4 short of the optimum; lavaan agrees to 1e-6.
SOLVER_OPTIONS = {"ftol": 1e-12, "maxiter": 10_000}

Params = ParamSpec("Params")
Result = TypeVar("Result")


def single_threaded_blas(function: Callable[Params, Result]) -> Callable[Params, Result]:
    """Run ``function`` with one BLAS thread.

    Survey matrices are a few dozen variables wide, where BLAS threads only add synchronisation:
    on a loaded two-core machine the seed-001 analysis took 0.3-5.9 s with OpenBLAS's two threads
    and 0.16-0.20 s with one. The limit is process-wide while the call runs.

    Examples
    --------
    >>> from threadpoolctl import threadpool_info
    >>> single_threaded_blas(lambda: {pool["num_threads"] for pool in threadpool_info()
    ...                               if pool["user_api"] == "blas"})() <= {1}
    True
    """

    @functools.wraps(function)
    def limited(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        with threadpool_limits(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited


def rmsea_interval(chi2: float, df: int, n_obs: int, level: float = 0.90) -> tuple[float, float]:
    """Confidence interval of RMSEA from the noncentral chi-square distribution.

    Examples
    --------
    Holzinger & Swineford's three-factor CFA (lavaan: 0.071 - 0.114):

    >>> [round(bound, 3) for bound in rmsea_interval(85.306, 24, 301)]
    [0.071, 0.114]
    """
    if df <= 0:
        return (0.0, 0.0)
    tail = (1.0 - level) / 2.0

    def noncentrality(probability: float) -> float:
        if stats.chi2.cdf(chi2, df) < probability:
            return 0.0
        upper = max(10.0 * chi2, 100.0)
        return float(optimize.brentq(lambda ncp: stats.ncx2.cdf(chi2, df, ncp) - probability, 1e-12, upper))

    lower = noncentrality(1.0 - tail)
    upper = noncentrality(tail)
    return (float(np.sqrt(lower / (n_obs * df))), float(np.sqrt(upper / (n_obs * df))))


def standardized_root_mean_residual(sample: np.ndarray, implied: np.ndarray) -> float:
    """SRMR (Bentler) between a sample and a model-implied covariance matrix.

    Examples
    --------
    >>> sample = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> round(standardized_root_mean_residual(sample, np.eye(2)), 4)  # sqrt(0.25 / 3)
    0.2887
    """
    scale = np.sqrt(np.diag(sample))
    residual = (sample - implied) / np.outer(scale, scale)
    lower = np.tril_indices_from(residual)
    return float(np.sqrt(np.mean(residual[lower] ** 2)))


def fit_indices(chi2: float, df: int, sample: np.ndarray, implied: np.ndarray, n_obs: int) -> dict:
    """Chi-square test, CFI, TLI, RMSEA with 90 % interval and SRMR for one fitted model.

    Examples
    --------
    >>> sample = np.array([[1.0, 0.3], [0.3, 1.0]])
    >>> fit = fit_indices(0.0, 0, sample, sample, n_obs=100)
    >>> fit["cfi"], fit["srmr"]
    (1.0, 0.0)
    """
    count = sample.shape[0]
    baseline_chi2 = float(n_obs * (np.sum(np.log(np.diag(sample))) - np.linalg.slogdet(sample)[1]))
    baseline_df = count * (count - 1) // 2
    excess = max(chi2 - df, 0.0)
    denominator = max(baseline_chi2 - baseline_df, excess)
    cfi = 1.0 if denominator == 0 else min(max(1.0 - excess / denominator, 0.0), 1.0)
    if df > 0 and baseline_df > 0 and baseline_chi2 / baseline_df != 1.0:
        tli = (baseline_chi2 / baseline_df - chi2 / df) / (baseline_chi2 / baseline_df - 1.0)
    else:
        tli = float("nan")
    low, high = rmsea_interval(chi2, df, n_obs)
    return {
        "n": int(n_obs),
        "chi2": float(chi2),
        "df": int(df),
        "p": float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan"),
        "chi2_df_ratio": float(chi2 / df) if df > 0 else float("nan"),
        "cfi": float(cfi),
        "tli": float(tli),
        "rmsea": float(np.sqrt(excess / (df * n_obs))) if df > 0 else 0.0,
        "rmsea_ci90": [low, high],
        "srmr": standardized_root_mean_residual(sample, implied),
        "baseline_chi2": baseline_chi2,
        "baseline_df": int(baseline_df),
    }


def _check_not_singular(correlations: pd.DataFrame) -> None:
    """ML needs an invertible covariance matrix; name the items that make it singular."""
    values = correlations.to_numpy()
    if np.linalg.eigvalsh(values).min() > 1e-10:
        return
    upper = np.abs(np.triu(values, k=1))
    first, second = np.unravel_index(np.argmax(upper), upper.shape)
    names = correlations.index
    raise ValueError(
        "the covariance matrix is singular: some variables are exact combinations of others "
        f"(the closest pair, '{names[first]}' and '{names[second]}', correlate {values[first, second]:.4f})"
    )


def _number(value) -> float:
    """semopy writes '-' for the standard error of fixed parameters."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


class StructuralEquationModel:
    """CFA or SEM for a lavaan-style model, fitted by maximum likelihood with semopy.

    Parameters
    ----------
    model : str or ModelSpec
        Lavaan-style syntax (see :mod:`chanjiao.core.surveys.model_syntax`).
    ordinal : bool
        Fit to polychoric correlations of the items instead of their covariances.

    Attributes
    ----------
    spec_ : ModelSpec
    n_obs_ : int
    fit_ : dict
        ``chi2``, ``df``, ``p``, ``cfi``, ``tli``, ``rmsea``, ``rmsea_ci90``, ``srmr``, ...
    loadings_ : dict
        ``{construct: {item: {"estimate", "std_error", "z", "p", "standardized"}}}``; the first
        item of each construct is the marker with its loading fixed to 1.
    paths_ : list of dict
        ``outcome``, ``predictor``, ``estimate``, ``std_error``, ``z``, ``p``, ``standardized``.
    factor_correlations_ : pandas.DataFrame
        Model-implied correlations between constructs.
    error_variances_ : dict
        Residual variance of each item.
    sample_matrix_ : pandas.DataFrame
        The covariance (or polychoric correlation) matrix the model was fitted to.
    sample_correlations_ : pandas.DataFrame
        The same matrix as correlations.
    converged_ : bool

    Examples
    --------
    >>> from semopy.examples import holzinger39
    >>> sem = StructuralEquationModel("visual =~ x1 + x2 + x3\\ntextual =~ x4 + x5 + x6\\n"
    ...                               "speed =~ x7 + x8 + x9").fit(holzinger39.get_data())
    >>> round(sem.fit_["chi2"], 3), sem.fit_["df"], round(sem.loadings_["visual"]["x2"]["estimate"], 3)
    (85.306, 24, 0.554)
    """

    def __init__(self, model: str | ModelSpec, *, ordinal: bool = False):
        self.model = model
        self.ordinal = ordinal

    def _sample_matrix(self, frame: pd.DataFrame, spec: ModelSpec) -> pd.DataFrame:
        constant = [str(name) for name in frame.columns if frame[name].nunique() < 2]
        if constant:
            raise ValueError(
                f"'{constant[0]}' has the same value in every response; it carries no information"
            )
        if not self.ordinal:
            covariance = frame.cov(ddof=0)
            _check_not_singular(frame.corr())
            return covariance
        covariates = [name for name in frame.columns if name not in spec.items]
        if covariates:
            raise ValueError(
                f"ordinal estimation needs every observed variable to be an item; '{covariates[0]}' is not"
            )
        correlations = polychoric_matrix(frame)
        if np.linalg.eigvalsh(correlations.to_numpy()).min() <= 0:
            # Pairwise polychoric estimates need not form a positive-definite matrix in small samples.
            repaired = corr_nearest(correlations.to_numpy(), threshold=1e-6)
            correlations = pd.DataFrame(repaired, index=correlations.index, columns=correlations.columns)
        return correlations

    @single_threaded_blas
    def fit(self, data: pd.DataFrame) -> StructuralEquationModel:
        spec = self.model if isinstance(self.model, ModelSpec) else parse_model(self.model)
        spec.check_columns(data.columns)
        observed = list(spec.observed)
        frame = data[observed].astype(float)
        if frame.isna().any().any():
            column = frame.columns[frame.isna().any()][0]
            raise ValueError(f"column '{column}' has missing values; screen or impute before fitting")
        sample = self._sample_matrix(frame, spec)
        fitting_frame = (frame - frame.mean()) / frame.std(ddof=0) if self.ordinal else frame
        model = semopy.Model(spec.syntax())
        with warnings.catch_warnings():
            # semopy warns about solver bounds and deprecated numpy calls; the fit is checked below.
            warnings.simplefilter("ignore")
            result = model.fit(fitting_frame, cov=sample, options=dict(SOLVER_OPTIONS))
            estimates = model.inspect(std_est=True)
            chi2, _ = semopy.stats.calc_chi2(model)
            df = semopy.stats.calc_dof(model)
        implied, _ = model.calc_sigma()
        order = model.vars["observed"]
        sample_matrix = sample.loc[order, order]
        self.spec_ = spec
        self.n_obs_ = len(frame)
        self.converged_ = bool(result.success)
        self.sample_matrix_ = sample_matrix
        scale = np.sqrt(np.diag(sample_matrix.to_numpy()))
        self.sample_correlations_ = sample_matrix / np.outer(scale, scale)
        self.fit_ = fit_indices(float(chi2), int(df), sample_matrix.to_numpy(), implied, self.n_obs_)
        self._read_estimates(estimates, spec)
        self.factor_correlations_ = self._latent_correlations(model, spec)
        return self

    def _read_estimates(self, estimates: pd.DataFrame, spec: ModelSpec) -> None:
        def record(row) -> dict:
            z_value = _number(row["z-value"])
            return {
                "estimate": float(row["Estimate"]),
                "std_error": _number(row["Std. Err"]),
                "z": z_value,
                # semopy rounds tiny p-values to 0; the normal tail keeps them readable (e.g. 2.8e-08).
                "p": float(2.0 * stats.norm.sf(abs(z_value))),
                "standardized": float(row["Est. Std"]),
            }

        regressions = estimates[estimates["op"] == "~"]
        loadings: dict[str, dict[str, dict]] = {construct: {} for construct in spec.constructs}
        for construct, items in spec.constructs.items():
            for item in items:
                row = regressions[(regressions["lval"] == item) & (regressions["rval"] == construct)].iloc[0]
                loadings[construct][item] = record(row)
        paths = []
        for outcome, predictor in spec.paths:
            row = regressions[(regressions["lval"] == outcome) & (regressions["rval"] == predictor)].iloc[0]
            paths.append({"outcome": outcome, "predictor": predictor, **record(row)})
        variances = estimates[(estimates["op"] == "~~") & (estimates["lval"] == estimates["rval"])]
        self.loadings_ = loadings
        self.paths_ = paths
        self.error_variances_ = {
            item: float(variances[variances["lval"] == item]["Estimate"].iloc[0]) for item in spec.items
        }

    @staticmethod
    def _latent_correlations(model: semopy.Model, spec: ModelSpec) -> pd.DataFrame:
        """Model-implied construct correlations: (I - B)^-1 Psi (I - B)^-T, rescaled."""
        names = model.names_beta[0]
        inverse = np.linalg.inv(np.eye(len(names)) - model.mx_beta)
        covariance = inverse @ model.mx_psi @ inverse.T
        scale = np.sqrt(np.diag(covariance))
        correlation = pd.DataFrame(covariance / np.outer(scale, scale), index=names, columns=names)
        constructs = list(spec.constructs)
        return correlation.loc[constructs, constructs]

    @property
    def heywood_items_(self) -> list[str]:
        """Items with a negative residual variance (an improper solution)."""
        return [item for item, variance in self.error_variances_.items() if variance < 0]
