"""Simulated Likert responses from a known structural model, for demos and recovery tests.

Constructs are standard normal latent variables. Exogenous constructs correlate as given;
each endogenous construct is ``sum(beta * predictors) + disturbance`` with the disturbance variance
chosen so that its total variance is one, which makes the given loadings and path coefficients the
*standardised* population values. Each item is ``loading * construct + sqrt(1 - loading^2) * noise``,
cut into Likert categories at fixed thresholds; reverse-keyed items are then mirrored on the scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from chanjiao.core.surveys.instrument import Instrument
from chanjiao.core.surveys.items import LikertScale, reverse_code
from chanjiao.core.surveys.model_syntax import ModelSpec

INVALID_KINDS = ("straight_lining", "too_fast", "incomplete")


@dataclass(frozen=True)
class PopulationModel:
    """True standardised parameters of a model: item loadings, paths and exogenous correlations.

    ``paths`` maps ``(outcome, predictor)`` to a coefficient; ``correlations`` maps pairs of
    exogenous constructs to their correlation (unlisted pairs are uncorrelated).
    """

    spec: ModelSpec
    loadings: Mapping[str, float]
    paths: Mapping[tuple[str, str], float] = field(default_factory=dict)
    correlations: Mapping[tuple[str, str], float] = field(default_factory=dict)

    def construct_order(self) -> list[str]:
        """Constructs with every predictor before its outcomes; raises ValueError on a cycle."""
        constructs = list(self.spec.constructs)
        for outcome, predictor in self.paths:
            if outcome not in constructs or predictor not in constructs:
                raise ValueError(
                    f"path {outcome} ~ {predictor}: simulation supports paths between constructs only"
                )
        ordered: list[str] = []
        while len(ordered) < len(constructs):
            ready = [
                name
                for name in constructs
                if name not in ordered
                and all(predictor in ordered for outcome, predictor in self.paths if outcome == name)
            ]
            if not ready:
                raise ValueError("the structural paths form a cycle; simulation needs a recursive model")
            ordered.extend(ready)
        return ordered

    def latent_correlations(self) -> pd.DataFrame:
        """Population correlation matrix of the constructs implied by paths and correlations.

        Examples
        --------
        >>> from chanjiao.core.surveys.model_syntax import parse_model
        >>> spec = parse_model("A =~ a1 + a2; B =~ b1 + b2; C =~ c1 + c2; C ~ A + B")
        >>> population = PopulationModel(spec, loadings={}, paths={("C", "A"): 0.5, ("C", "B"): 0.3},
        ...                              correlations={("A", "B"): 0.4})
        >>> round(float(population.latent_correlations().loc["A", "C"]), 2)  # 0.5 + 0.3 * 0.4
        0.62
        """
        order = self.construct_order()
        position = {name: index for index, name in enumerate(order)}
        matrix = np.eye(len(order))
        for (first, second), value in self.correlations.items():
            matrix[position[first], position[second]] = matrix[position[second], position[first]] = value
        for name in order:
            predictors = [predictor for outcome, predictor in self.paths if outcome == name]
            if not predictors:
                continue
            index = position[name]
            weights = np.array([self.paths[(name, predictor)] for predictor in predictors])
            rows = [position[predictor] for predictor in predictors]
            explained = float(weights @ matrix[np.ix_(rows, rows)] @ weights)
            if explained >= 1.0:
                raise ValueError(
                    f"paths into '{name}' explain {explained:.2f} of its variance; keep it below 1"
                )
            for other in range(index):
                matrix[index, other] = matrix[other, index] = float(weights @ matrix[rows, other])
        if np.linalg.eigvalsh(matrix).min() <= 0:
            raise ValueError("the construct correlations are not positive definite")
        return pd.DataFrame(matrix, index=order, columns=order).loc[
            list(self.spec.constructs), list(self.spec.constructs)
        ]


def default_thresholds(points: int) -> np.ndarray:
    """Normal cut points giving every category the same probability.

    Examples
    --------
    >>> default_thresholds(5).round(3).tolist()
    [-0.842, -0.253, 0.253, 0.842]
    """
    return stats.norm.ppf(np.arange(1, points) / points)


def simulate_responses(
    population: PopulationModel,
    n: int,
    *,
    scale: LikertScale = LikertScale(5),
    thresholds: Sequence[float] | None = None,
    reverse_keyed: Sequence[str] = (),
    seed: int = 0,
) -> pd.DataFrame:
    """Likert answers of ``n`` respondents drawn from ``population``.

    Parameters
    ----------
    population : PopulationModel
    n : int
        Respondents.
    scale : LikertScale
    thresholds : sequence of float, optional
        ``scale.points - 1`` increasing cut points on the standard normal response; defaults to
        equal-probability categories. Shifting them down makes agreement more common.
    reverse_keyed : sequence of str
        Items stored mirrored, as a respondent answers a negatively worded item.
    seed : int

    Returns
    -------
    pandas.DataFrame
        One integer column per item, in model order.

    Examples
    --------
    >>> from chanjiao.core.surveys.model_syntax import parse_model
    >>> spec = parse_model("A =~ a1 + a2 + a3")
    >>> population = PopulationModel(spec, loadings={"a1": 0.8, "a2": 0.7, "a3": 0.6})
    >>> frame = simulate_responses(population, 4, seed=1)
    >>> frame.shape, sorted(set(frame.to_numpy().ravel()) - {1, 2, 3, 4, 5})
    ((4, 3), [])
    """
    cuts = np.asarray(thresholds if thresholds is not None else default_thresholds(scale.points), dtype=float)
    if cuts.size != scale.points - 1 or np.any(np.diff(cuts) <= 0):
        raise ValueError(f"a {scale.points}-point scale needs {scale.points - 1} increasing thresholds")
    spec = population.spec
    for item in spec.items:
        loading = population.loadings.get(item)
        if loading is None or not -1.0 < loading < 1.0:
            raise ValueError(f"item '{item}' needs a standardised loading strictly between -1 and 1")
    correlations = population.latent_correlations()
    rng = np.random.default_rng(seed)
    latent = rng.multivariate_normal(np.zeros(len(correlations)), correlations.to_numpy(), size=n)
    latent_by_name = {name: latent[:, index] for index, name in enumerate(correlations.index)}
    answers = {}
    for item in spec.items:
        loading = population.loadings[item]
        response = loading * latent_by_name[spec.construct_of(item)]
        response = response + np.sqrt(1.0 - loading**2) * rng.standard_normal(n)
        answers[item] = np.digitize(response, cuts) + scale.low
    frame = pd.DataFrame(answers)
    return reverse_code(frame, list(reverse_keyed), scale)


@dataclass(frozen=True)
class SimulatedSurvey:
    """Simulated collection: ``responses`` and the injected invalid rows with their kind."""

    responses: pd.DataFrame
    invalid: dict[int, str]
    population: PopulationModel


def population_from_instrument(instrument: Instrument) -> PopulationModel:
    """The instrument's ``demo_population`` as a PopulationModel.

    Examples
    --------
    >>> from chanjiao.core.surveys.instrument import load_instrument
    >>> population_from_instrument(load_instrument("seed001")).paths[("TQ", "SS")]
    0.45
    """
    demo = instrument.raw["demo_population"]
    return PopulationModel(
        spec=instrument.model_spec(),
        loadings=dict(demo["loadings"]),
        paths={(path["outcome"], path["predictor"]): path["coefficient"] for path in demo["paths"]},
        correlations={(pair["first"], pair["second"]): pair["r"] for pair in demo.get("correlations", [])},
    )


def simulate_instrument(
    instrument: Instrument, n: int, *, seed: int = 0, invalid_share: float | None = None
) -> SimulatedSurvey:
    """Simulate a whole collection for an instrument: respondent id, group, duration and answers.

    A share of the responses is made invalid the way real ones are (straight-lining, speeding,
    skipped items) so that screening has something to find.

    Parameters
    ----------
    instrument : Instrument
        Must carry a ``demo_population`` section.
    n : int
        Responses received.
    seed : int
    invalid_share : float, optional
        Share of invalid responses; defaults to the instrument's (seed 001: 73 of 600).

    Examples
    --------
    >>> from chanjiao.core.surveys.instrument import load_instrument
    >>> survey = simulate_instrument(load_instrument("seed001"), 600, seed=1)
    >>> survey.responses.shape, len(survey.invalid)
    ((600, 23), 73)
    """
    demo = instrument.raw["demo_population"]
    population = population_from_instrument(instrument)
    share = demo.get("invalid_share", 0.0) if invalid_share is None else invalid_share
    rng = np.random.default_rng(seed)
    answers = simulate_responses(
        population,
        n,
        scale=instrument.scale,
        thresholds=demo.get("thresholds"),
        reverse_keyed=instrument.reverse_keyed,
        seed=int(rng.integers(2**31)),
    ).astype(float)
    groups = list(demo["group_shares"])
    weights = np.array([demo["group_shares"][group] for group in groups], dtype=float)
    median = float(demo.get("median_duration_seconds", 300))
    durations = np.round(median * np.exp(0.3 * rng.standard_normal(n)))
    invalid_rows = np.sort(rng.choice(n, size=int(round(share * n)), replace=False))
    kinds = [INVALID_KINDS[count % len(INVALID_KINDS)] for count in range(invalid_rows.size)]
    invalid = {int(row): kind for row, kind in zip(invalid_rows, kinds, strict=True)}
    items = list(answers.columns)
    matrix = answers.to_numpy(dtype=float)
    for row, kind in invalid.items():
        if kind == "straight_lining":
            matrix[row, :] = float(rng.choice(instrument.scale.values))
        elif kind == "too_fast":
            durations[row] = round(median * rng.uniform(0.08, 0.25))
        else:
            matrix[row, rng.choice(len(items), size=int(rng.integers(1, 6)), replace=False)] = np.nan
    answers = pd.DataFrame(matrix, columns=items)
    responses = pd.DataFrame(
        {
            "respondent": [f"R{index + 1:04d}" for index in range(n)],
            "group": rng.choice(groups, size=n, p=weights / weights.sum()),
            "duration_seconds": durations,
        }
    )
    return SimulatedSurvey(
        responses=pd.concat([responses, answers.astype("Int64")], axis=1),
        invalid=invalid,
        population=population,
    )
