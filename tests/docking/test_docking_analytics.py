"""The pure analytics: trees and roll-ups, gap measures, Holt forecasts, advice rules, alignment."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.tsa.holtwinters import Holt

from chanjiao.docking.analytics import (
    AdviceRules,
    HoltForecaster,
    SmoothingSelector,
    Tree,
    advise,
    alignment_score,
    alignment_scores,
    demand_ratio,
    relative_ratio,
    relative_trend,
    rollup,
)
from chanjiao.docking.analytics.forecast import weighted_absolute_percentage_error

# A CSCO-like tree that skips a level: "2-06-03-00" is fine but hangs under a medium group.
OCCUPATIONS = Tree.from_rows(
    [
        ("6-00-00-00", 1, None),
        ("6-18-00-00", 2, "6-00-00-00"),
        ("6-18-01-00", 3, "6-18-00-00"),
        ("6-18-01-01", 4, "6-18-01-00"),
        ("6-18-01-07", 4, "6-18-01-00"),
        ("2-00-00-00", 1, None),
        ("2-06-00-00", 2, "2-00-00-00"),
        ("2-06-03-00", 4, "2-06-00-00"),
    ]
)
REGIONS = Tree.from_rows([(32, 1, None), (3205, 2, 32), (320505, 3, 3205), (320506, 3, 3205)])


def test_ancestor_at_takes_the_deepest_node_not_finer_than_the_level():
    assert OCCUPATIONS.ancestor_at("6-18-01-07", 3) == "6-18-01-00"
    assert OCCUPATIONS.ancestor_at("2-06-03-00", 3) == "2-06-00-00"
    assert OCCUPATIONS.ancestor_at("6-18-01-00", 4) == "6-18-01-00"
    assert OCCUPATIONS.lineage("6-18-01-01") == ["6-18-01-01", "6-18-01-00", "6-18-00-00", "6-00-00-00"]


def test_members_at_lists_what_a_view_counts_under_a_node():
    assert OCCUPATIONS.members_at("6-18-00-00", 2) == ["6-18-00-00", "6-18-01-00", "6-18-01-01", "6-18-01-07"]
    assert OCCUPATIONS.members_at("6-18-01-00", 4) == ["6-18-01-00"]
    assert OCCUPATIONS.members_at("2-06-00-00", 3) == ["2-06-00-00", "2-06-03-00"]


def test_unknown_nodes_are_refused():
    with pytest.raises(KeyError):
        OCCUPATIONS.lineage("9-99-99-99")


def test_rollup_adds_each_cell_to_every_level_and_enclosing_region():
    table = rollup(
        ["6-18-01-01", "6-18-01-07", "6-18-01-00", "2-06-03-00"],
        [320505, 320506, 3205, 320505],
        [2025, 2025, 2025, 2024],
        {"demand": [3, 4, 5, 2], "supply": [1.5, 0.0, 0.0, 10.0]},
        occupation_tree=OCCUPATIONS,
        region_tree=REGIONS,
    )

    def value(level, occupation, region, year, column="demand"):
        rows = table[
            (table.level == level)
            & (table.occupation == occupation)
            & (table.region == region)
            & (table.year == year)
        ]
        return rows[column].tolist()

    assert value(4, "6-18-01-01", 320505, 2025) == [3.0]
    assert value(4, "6-18-01-00", 3205, 2025) == [5.0]  # coded only to the minor group: its own row
    assert value(3, "6-18-01-00", 3205, 2025) == [12.0]
    assert value(3, "6-18-01-00", 320505, 2025) == [3.0]
    assert value(1, "6-00-00-00", 32, 2025) == [12.0]
    assert value(3, "2-06-00-00", 32, 2024, "supply") == [10.0]
    assert value(4, "6-18-01-01", 32, 2025, "supply") == [1.5]
    assert len(table) == len(table.drop_duplicates(["level", "occupation", "region", "year"]))


def test_rollup_refuses_columns_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        rollup(
            ["6-18-01-01"],
            [3205],
            [2025, 2024],
            {"demand": [1]},
            occupation_tree=OCCUPATIONS,
            region_tree=REGIONS,
        )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["6-18-01-01", "6-18-01-07", "2-06-03-00"]),
            st.sampled_from([320505, 320506]),
            st.integers(0, 50),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_rollup_keeps_the_total_at_every_level(cells):
    occupations, regions, seats = zip(*cells, strict=True)
    table = rollup(
        occupations,
        regions,
        [2025] * len(cells),
        {"demand": seats},
        occupation_tree=OCCUPATIONS,
        region_tree=REGIONS,
    )

    for level in (1, 2, 3, 4):
        for region in (32, 3205):
            rows = table[(table.level == level) & (table.region == region)]
            assert rows["demand"].sum() == sum(seats)


def test_ratios_and_relative_ratios():
    assert demand_ratio(np.array([30.0, 0.0]), np.array([20.0, 0.0])).tolist()[0] == 1.5
    assert np.isnan(demand_ratio(np.array([1.0]), np.array([0.0]))[0])
    assert relative_ratio(np.array([50.0]), np.array([10.0]), 100.0, 40.0).round(6).tolist() == [2.0]
    assert np.isnan(relative_ratio(np.array([1.0]), np.array([1.0]), 0.0, 10.0)).all()


def test_relative_trend_is_the_slope_over_the_window_mean():
    trend = relative_trend(np.array([[100.0, 90.0, 80.0, 70.0]]), window=3)

    assert np.isnan(trend[0, 0])
    assert trend[0, 1:].round(4).tolist() == [-0.1053, -0.1111, -0.125]
    with pytest.raises(ValueError):
        relative_trend(np.ones((1, 3)), window=1)


@pytest.mark.parametrize("alpha, beta", [(0.2, 0.0), (0.5, 0.3), (0.9, 0.6), (1.0, 1.0)])
def test_holt_matches_statsmodels_with_the_same_initial_values(alpha, beta):
    rng = np.random.default_rng(5)
    series = rng.uniform(50, 150, size=(4, 6)).round()

    ours = HoltForecaster(alpha, beta).fit(series).predict(2)

    for row, forecast in zip(series, ours, strict=True):
        model = Holt(
            row[1:], initialization_method="known", initial_level=row[0], initial_trend=row[1] - row[0]
        )
        fitted = model.fit(smoothing_level=alpha, smoothing_trend=beta, optimized=False)
        assert forecast == pytest.approx(max(fitted.forecast(2)[-1], 0.0), rel=1e-9)


def test_holt_refuses_short_series_and_bad_parameters():
    with pytest.raises(ValueError, match="two years"):
        HoltForecaster().fit(np.array([[3.0]]))
    with pytest.raises(ValueError, match="alpha"):
        HoltForecaster(alpha=1.5).fit(np.array([[1.0, 2.0]]))
    assert HoltForecaster(1.0, 1.0).fit(np.array([[10.0, 4.0]])).predict().tolist() == [0.0]


def test_selector_prefers_trend_following_on_trending_series_and_reports_its_error():
    series = np.array([[10.0, 20.0, 30.0, 40.0, 50.0, 60.0], [100.0, 90.0, 80.0, 70.0, 60.0, 50.0]])

    selector = SmoothingSelector(holdout=2).fit(series)

    assert selector.holdout_years_ == 2
    assert selector.holdout_error_ == 0.0
    assert selector.naive_error_ == pytest.approx(40 / 220)
    assert selector.predict().tolist() == pytest.approx([70.0, 40.0])


def test_selector_without_room_to_hold_out_still_forecasts():
    selector = SmoothingSelector(holdout=2).fit(np.array([[5.0, 7.0]]))

    assert selector.holdout_years_ == 0
    assert np.isnan(selector.holdout_error_)
    assert selector.predict().tolist() == [9.0]


def test_wape():
    assert weighted_absolute_percentage_error(
        np.array([0.0]), np.array([1.0])
    ) != weighted_absolute_percentage_error(np.array([1.0]), np.array([1.0]))
    assert weighted_absolute_percentage_error(np.array([10.0, 30.0]), np.array([12.0, 26.0])) == 0.15


def test_advice_rules_in_order():
    ratios = np.array([2.0, 2.0, 1.0, 0.7, 0.4, 0.4, 0.0, np.nan])
    trends = np.array([0.1, -0.2, 0.0, 0.3, -0.1, 0.0, np.nan, 0.5])

    assert advise(ratios, trends).tolist() == [
        "expand",
        "keep",
        "keep",
        "reduce",
        "warn",
        "reduce",
        "warn",
        "keep",
    ]
    assert AdviceRules(expand_ratio=3.0).advise(2.0, 0.1) == "keep"
    with pytest.raises(ValueError):
        AdviceRules(reduce_ratio=0.3, warn_ratio=0.5)


def test_alignment_is_the_cosine_and_ignores_scale():
    assert alignment_score(np.array([3.0, 4.0]), np.array([30.0, 40.0])) == pytest.approx(1.0)
    assert alignment_score(np.array([1.0, 0.0]), np.array([1.0, 1.0])) == pytest.approx(2**-0.5)
    assert alignment_score(np.zeros(2), np.array([1.0, 1.0])) == 0.0
    with pytest.raises(ValueError):
        alignment_scores(np.array([[1.0]]), np.array([[1.0, 2.0]]))
    with pytest.raises(ValueError):
        alignment_score(np.array([-1.0]), np.array([1.0]))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0, 1000), min_size=3, max_size=3), st.lists(st.floats(0, 1000), min_size=3, max_size=3)
)
def test_alignment_lies_between_zero_and_one_and_is_symmetric(supply, demand):
    a, b = np.array(supply), np.array(demand)

    score = alignment_score(a, b)

    assert 0.0 <= score <= 1.0
    assert score == pytest.approx(alignment_score(b, a))
