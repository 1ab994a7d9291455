"""Partner recommendation: which enterprises a college should approach, or which colleges an
enterprise should, scored on documented components and re-ranked for diversity.

The relevance of candidate ``c`` is a weighted mean of components in [0, 1]:

- ``fit``: how well the college's programs prepare for the occupations the enterprise asks for,
  weighted by the seats it asks for (:func:`demand_fit`);
- ``proximity``: how close the two are in the administrative hierarchy (:func:`region_proximity`);
- ``capacity``: how much the candidate can take on (seats posted, or graduates of fitting
  programs), saturating (:func:`saturating_score`);
- ``outcomes``: how past cooperation went, the smoothed share of placements completed
  (:func:`completion_score`).

Seed 003 warns against "blindly pursuing well-known enterprises". Two terms keep the list from
being only the famous names: a popularity penalty (``diversity`` times the candidate's
popularity in [0, 1], e.g. the share of colleges already sending it students) and, while the
list is built greedily, a redundancy penalty (``redundancy`` times the share of suggestions
already chosen from the candidate's group, e.g. its industry).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chanjiao.core.matching.scores import checked_weights

PARTNER_WEIGHTS: Mapping[str, float] = {"fit": 0.4, "proximity": 0.2, "capacity": 0.2, "outcomes": 0.2}
# Proximity of two division codes by the deepest level they share: none, province, city, district.
PROXIMITY_BY_SHARED_LEVEL = (0.0, 0.3, 0.6, 1.0)


@dataclass(frozen=True)
class PartnerRecommendation:
    """Candidates chosen best first, with everything their scores are made of.

    Attributes
    ----------
    order : ndarray of int64, shape (n_chosen,)
        Candidate indices, best first.
    score : ndarray of float64, shape (n_chosen,)
        Final score of each chosen candidate when it was chosen (relevance minus both penalties).
    relevance : ndarray of float64, shape (n_candidates,)
        Weighted mean of the components.
    components : dict of str to ndarray of float64, shape (n_candidates,)
    weights : dict of str to float
        Weights normalised to sum to 1.
    popularity_penalty : ndarray of float64, shape (n_candidates,)
    redundancy_penalty : ndarray of float64, shape (n_chosen,)
        Penalty each chosen candidate carried for its group when it was chosen.
    """

    order: np.ndarray
    score: np.ndarray
    relevance: np.ndarray
    components: dict[str, np.ndarray]
    weights: dict[str, float]
    popularity_penalty: np.ndarray
    redundancy_penalty: np.ndarray

    def contributions(self, candidate: int) -> dict[str, float]:
        """Weight times value of each component for one candidate (they sum to its relevance).

        Examples
        --------
        >>> chosen = recommend_partners({"fit": [1.0], "proximity": [0.5], "capacity": [0.0],
        ...     "outcomes": [0.5]}, popularity=[0.0], groups=[0])
        >>> chosen.contributions(0)
        {'fit': 0.4, 'proximity': 0.1, 'capacity': 0.0, 'outcomes': 0.1}
        """
        return {
            name: round(self.weights[name] * float(values[candidate]), 12)
            for name, values in self.components.items()
        }


def region_proximity(first: npt.ArrayLike, second: npt.ArrayLike) -> np.ndarray:
    """Proximity of GB/T 2260 division codes by the deepest level they share.

    Same district (or county) 1.0, same city 0.6, same province 0.3, otherwise 0.0
    (:data:`PROXIMITY_BY_SHARED_LEVEL`). A city code compared with a district of that city
    shares the city level.

    Parameters
    ----------
    first, second : array of int
        Six-digit division codes, broadcast against each other.

    Returns
    -------
    ndarray of float64

    Examples
    --------
    >>> region_proximity(320505, [320505, 320506, 320102, 110101]).tolist()
    [1.0, 0.6, 0.3, 0.0]
    """
    a = np.asarray(first, dtype=np.int64)
    b = np.asarray(second, dtype=np.int64)
    same_province = a // 10000 == b // 10000
    same_city = same_province & (a // 100 == b // 100)
    same_district = same_city & (a == b) & (a % 100 != 0)
    level = same_province.astype(np.int64) + same_city + same_district
    return np.asarray(PROXIMITY_BY_SHARED_LEVEL, dtype=np.float64)[level]


def demand_fit(program_fit: npt.ArrayLike, demand: npt.ArrayLike) -> np.ndarray:
    """Seat-weighted fit of each college to each enterprise's demand.

    Parameters
    ----------
    program_fit : array of float, shape (n_colleges, n_occupations)
        Best fit of any of the college's programs to each occupation (e.g. the maximum over a
        college's rows of :func:`occupation_fit_matrix`).
    demand : array of float, shape (n_enterprises, n_occupations)
        Seats each enterprise asks for in each occupation.

    Returns
    -------
    ndarray of float64, shape (n_colleges, n_enterprises)
        0 for an enterprise without demand.

    Examples
    --------
    An enterprise asking 3 seats in an occupation the college fits fully and 1 in one it does not:

    >>> demand_fit([[1.0, 0.0]], [[3, 1], [0, 0]]).tolist()
    [[0.75, 0.0]]
    """
    fit = np.asarray(program_fit, dtype=np.float64)
    seats = np.asarray(demand, dtype=np.float64)
    if fit.ndim != 2 or seats.ndim != 2 or fit.shape[1] != seats.shape[1]:
        raise ValueError(f"program_fit {fit.shape} and demand {seats.shape} must share the occupation axis")
    if (seats < 0).any():
        raise ValueError("demand must be non-negative")
    total = seats.sum(axis=1)
    weighted = fit @ seats.T
    return np.divide(weighted, total, out=np.zeros_like(weighted), where=total > 0)


def saturating_score(values: npt.ArrayLike, *, half: float | None = None) -> np.ndarray:
    """``v / (v + half)``: 0 for nothing, 0.5 at ``half``, approaching 1 for large values.

    Parameters
    ----------
    values : array of float
        Non-negative amounts (seats, graduates).
    half : float, optional
        Amount that scores 0.5; by default the median of the positive values (1 if none).

    Examples
    --------
    >>> saturating_score([0, 5, 10, 30]).tolist()
    [0.0, 0.3333333333333333, 0.5, 0.75]
    """
    amounts = np.asarray(values, dtype=np.float64)
    if (amounts < 0).any():
        raise ValueError("values must be non-negative")
    if half is None:
        positive = amounts[amounts > 0]
        half = float(np.median(positive)) if positive.size else 1.0
    if not half > 0:
        raise ValueError(f"half must be positive, got {half}")
    return amounts / (amounts + half)


def completion_score(
    completed: npt.ArrayLike, ended: npt.ArrayLike, *, prior_rate: float = 0.5, prior_weight: float = 2.0
) -> np.ndarray:
    """Smoothed share of ended placements that were completed (a beta-binomial mean).

    A candidate without any ended placement scores ``prior_rate``; each ended placement moves
    the score towards the observed completion share, so one lucky placement is not a record.

    Parameters
    ----------
    completed, ended : array of int
        Placements completed, and placements ended (completed or terminated early).
    prior_rate : float
        Score without evidence.
    prior_weight : float
        How many placements the prior counts as.

    Examples
    --------
    >>> completion_score([0, 9, 1], [0, 10, 1]).tolist()
    [0.5, 0.8333333333333334, 0.6666666666666666]
    """
    done = np.asarray(completed, dtype=np.float64)
    total = np.asarray(ended, dtype=np.float64)
    if (done < 0).any() or (done > total).any():
        raise ValueError("completed must be between 0 and ended")
    if not 0 <= prior_rate <= 1 or not prior_weight > 0:
        raise ValueError("prior_rate must be in [0, 1] and prior_weight positive")
    return (done + prior_rate * prior_weight) / (total + prior_weight)


def recommend_partners(
    components: Mapping[str, npt.ArrayLike],
    *,
    popularity: npt.ArrayLike,
    groups: npt.ArrayLike,
    weights: Mapping[str, float] | None = None,
    diversity: float = 0.15,
    redundancy: float = 0.1,
    top: int = 10,
) -> PartnerRecommendation:
    """Rank candidate partners by relevance, penalising the popular and the redundant.

    Parameters
    ----------
    components : mapping of str to array of float, shape (n_candidates,)
        ``fit``, ``proximity``, ``capacity`` and ``outcomes``, each in [0, 1].
    popularity : array of float, shape (n_candidates,)
        In [0, 1]; how sought-after each candidate already is.
    groups : array, shape (n_candidates,)
        A label per candidate (industry, school level); suggestions spread across labels.
    weights : mapping of str to float, optional
        Overrides of :data:`PARTNER_WEIGHTS`.
    diversity : float
        Weight of the popularity penalty.
    redundancy : float
        Weight of the penalty for the share of earlier suggestions in the same group.
    top : int
        How many candidates to choose.

    Returns
    -------
    PartnerRecommendation

    Examples
    --------
    Candidate 0 is slightly more relevant but everyone already works with it:

    >>> chosen = recommend_partners(
    ...     {"fit": [0.9, 0.8, 0.8], "proximity": [1, 1, 1], "capacity": [1, 1, 1], "outcomes": [1, 1, 1]},
    ...     popularity=[1.0, 0.0, 0.1], groups=["C", "C", "I"], top=3)
    >>> chosen.order.tolist(), chosen.score.round(3).tolist()
    ([1, 2, 0], [0.92, 0.905, 0.76])
    """
    merged = checked_weights(weights, PARTNER_WEIGHTS)
    total_weight = sum(merged.values())
    normalised = {name: weight / total_weight for name, weight in merged.items()}
    missing = sorted(set(PARTNER_WEIGHTS) - set(components))
    if missing:
        raise ValueError(f"missing score components: {', '.join(missing)}")
    values = {name: np.asarray(components[name], dtype=np.float64) for name in PARTNER_WEIGHTS}
    popular = np.asarray(popularity, dtype=np.float64)
    labels = np.asarray(groups)
    if values["fit"].ndim != 1:
        raise ValueError(f"fit must be a 1-d array, got shape {values['fit'].shape}")
    n_candidates = values["fit"].shape[0]
    for name, array in [*values.items(), ("popularity", popular)]:
        if array.shape != (n_candidates,):
            raise ValueError(f"{name} must have shape ({n_candidates},), got {array.shape}")
        if ((array < 0) | (array > 1) | np.isnan(array)).any():
            raise ValueError(f"{name} must lie in [0, 1]")
    if labels.shape != (n_candidates,):
        raise ValueError(f"groups must have shape ({n_candidates},), got {labels.shape}")
    if diversity < 0 or redundancy < 0 or top < 0:
        raise ValueError("diversity, redundancy and top must be non-negative")
    relevance = sum(normalised[name] * values[name] for name in PARTNER_WEIGHTS)
    relevance = np.asarray(relevance, dtype=np.float64)
    popularity_penalty = diversity * popular
    base = relevance - popularity_penalty
    _, group = np.unique(labels, return_inverse=True)
    chosen_per_group = np.zeros(group.max() + 1 if n_candidates else 0, np.int64)
    available = np.ones(n_candidates, dtype=bool)
    order, scores, penalties = [], [], []
    for step in range(min(top, n_candidates)):
        penalty = redundancy * chosen_per_group[group] / step if step else np.zeros(n_candidates)
        candidate_scores = np.where(available, base - penalty, -np.inf)
        best = int(np.argmax(candidate_scores))  # ties go to the lower index: deterministic
        order.append(best)
        scores.append(float(candidate_scores[best]))
        penalties.append(float(penalty[best]))
        available[best] = False
        chosen_per_group[group[best]] += 1
    return PartnerRecommendation(
        order=np.asarray(order, dtype=np.int64),
        score=np.asarray(scores, dtype=np.float64),
        relevance=relevance,
        components=values,
        weights=normalised,
        popularity_penalty=popularity_penalty,
        redundancy_penalty=np.asarray(penalties, dtype=np.float64),
    )
