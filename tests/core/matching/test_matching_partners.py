"""Partner recommendation scoring: components, penalties and the greedy diverse list."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chanjiao.core.matching.partners import (
    PARTNER_WEIGHTS,
    completion_score,
    demand_fit,
    recommend_partners,
    region_proximity,
    saturating_score,
)


def components(fit, proximity=None, capacity=None, outcomes=None):
    n = len(fit)
    return {
        "fit": fit,
        "proximity": proximity if proximity is not None else [1.0] * n,
        "capacity": capacity if capacity is not None else [1.0] * n,
        "outcomes": outcomes if outcomes is not None else [1.0] * n,
    }


def test_proximity_follows_the_deepest_shared_division_level():
    assert region_proximity([320505, 320505, 320506, 320100, 110101], 320505).tolist() == [
        1.0,
        1.0,
        0.6,
        0.3,
        0.0,
    ]
    # a city code meets its own district at the city level, not the district level
    assert region_proximity(320500, 320505).tolist() == 0.6


def test_demand_fit_weighs_each_occupation_by_the_seats_asked():
    fit = demand_fit([[1.0, 0.5, 0.0], [0.0, 0.0, 1.0]], [[2, 2, 0], [0, 0, 5], [0, 0, 0]])

    assert fit.tolist() == [[0.75, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_bad_demand_is_refused():
    with pytest.raises(ValueError, match="share the occupation axis"):
        demand_fit([[1.0]], [[1, 2]])
    with pytest.raises(ValueError, match="non-negative"):
        demand_fit([[1.0]], [[-1]])


def test_capacity_and_outcome_scores():
    assert saturating_score([0, 10, 30], half=10).tolist() == [0.0, 0.5, 0.75]
    assert saturating_score([0, 0]).tolist() == [0.0, 0.0]
    assert completion_score([3], [4], prior_rate=0.5, prior_weight=2).tolist() == [4 / 6]
    with pytest.raises(ValueError, match="between 0 and ended"):
        completion_score([5], [4])


def test_without_penalties_the_list_is_the_relevance_order():
    chosen = recommend_partners(
        components([0.2, 0.9, 0.5, 0.9]),
        popularity=[0, 0, 0, 0],
        groups=[0, 0, 0, 0],
        diversity=0,
        redundancy=0,
        top=3,
    )

    assert chosen.order.tolist() == [1, 3, 2]
    assert chosen.score.tolist() == pytest.approx(chosen.relevance[[1, 3, 2]].tolist())


def test_redundancy_spreads_the_list_across_groups():
    chosen = recommend_partners(
        components([0.9, 0.88, 0.8]),
        popularity=[0, 0, 0],
        groups=["C", "C", "I"],
        diversity=0,
        redundancy=0.2,
        top=3,
    )

    assert chosen.order.tolist() == [0, 2, 1]
    assert chosen.redundancy_penalty.tolist() == pytest.approx([0.0, 0.0, 0.1])


def test_bad_components_are_refused_by_name():
    with pytest.raises(ValueError, match="missing score components: outcomes"):
        recommend_partners({"fit": [1], "proximity": [1], "capacity": [1]}, popularity=[0], groups=[0])
    with pytest.raises(ValueError, match="fit must lie in"):
        recommend_partners(components([1.5]), popularity=[0], groups=[0])
    with pytest.raises(ValueError, match="popularity must have shape"):
        recommend_partners(components([1.0]), popularity=[0, 0], groups=[0])


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.tuples(*(st.floats(0, 1) for _ in range(5)), st.integers(0, 3)), min_size=1, max_size=12
    ),
    top=st.integers(0, 15),
)
def test_the_list_has_distinct_candidates_and_contributions_add_up(values, top):
    array = np.array([v[:5] for v in values])
    chosen = recommend_partners(
        {name: array[:, i] for i, name in enumerate(PARTNER_WEIGHTS)},
        popularity=array[:, 4],
        groups=[v[5] for v in values],
        top=top,
    )

    assert len(set(chosen.order.tolist())) == len(chosen.order) == min(top, len(values))
    for candidate in range(len(values)):
        assert sum(chosen.contributions(candidate).values()) == pytest.approx(chosen.relevance[candidate])
    assert (np.diff(chosen.score) <= 1e-12).all() or chosen.redundancy_penalty.any()
