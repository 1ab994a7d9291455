import json

import numpy as np
import pytest

from chanjiao.core.indicators import CompositeIndicator, Dimension, Framework, Indicator, default_framework

NAN = float("nan")


def small_framework():
    return Framework(
        Dimension(
            "index",
            "Index",
            "指数",
            (
                Dimension(
                    "participation",
                    "Participation",
                    "参与度",
                    (
                        Indicator("participation_rate", "Participation rate", "参与率", "benefit", "%", "p"),
                        Indicator("failure_rate", "Failure rate", "失效率", "cost", "%", "f"),
                    ),
                    weight=2.0,
                ),
                Indicator("practical_share", "Practical share", "实践占比", "benefit", "%", "s", target=50.0),
            ),
        )
    )


def test_pipeline_scores_dimensions_and_ranks_units():
    # given three units, one with a gap
    X = [[60.0, 10.0, 40.0], [20.0, 50.0, 55.0], [40.0, NAN, 45.0]]

    # when
    model = CompositeIndicator(small_framework(), outliers={"method": "none"}).fit(X)

    # then the gap is filled with the mean failure rate (30) and recorded
    assert [r.to_dict() for r in model.imputations_] == [
        {"unit": 2, "indicator": "failure_rate", "value": 30.0, "method": "mean"}
    ]
    np.testing.assert_allclose(
        model.normalised_, [[100.0, 100.0, 0.0], [0.0, 0.0, 100.0], [50.0, 50.0, 100 / 3]]
    )
    np.testing.assert_allclose(model.dimension_scores_[:, 1], [100.0, 0.0, 50.0])
    np.testing.assert_allclose(model.scores_, [200 / 3, 100 / 3, 2 / 3 * 50 + 100 / 9])
    assert model.ranks_.tolist() == [1.0, 3.0, 2.0]
    assert model.included_.all()


def test_tied_units_share_the_better_rank():
    X = [[60.0, 10.0, 40.0], [20.0, 50.0, 55.0], [40.0, 30.0, 40.0]]

    model = CompositeIndicator(small_framework(), outliers={"method": "none"}).fit(X)

    np.testing.assert_allclose(model.scores_, [200 / 3, 100 / 3, 100 / 3])
    assert model.ranks_.tolist() == [1.0, 2.0, 2.0]


def test_exclusion_leaves_incomplete_units_unscored():
    X = [[60.0, 10.0, 40.0], [20.0, 50.0, 55.0], [40.0, NAN, 20.0]]

    model = CompositeIndicator(small_framework(), missing="exclude", outliers={"method": "none"}).fit(X)

    assert model.included_.tolist() == [True, True, False]
    assert np.isnan(model.scores_[2]) and np.isnan(model.normalised_[2]).all()
    assert model.ranks_[:2].tolist() == [1.0, 2.0]
    assert np.isnan(model.ranks_[2])


def test_outlier_records_refer_to_rows_of_the_input():
    # given an outlier in the participation rate of the last unit, after one excluded unit
    rates = [*range(1, 11), 100.0]
    X = np.column_stack([rates, np.arange(11.0), np.arange(11.0)])
    X = np.vstack([[NAN, 1.0, 1.0], X])

    model = CompositeIndicator(small_framework(), missing="exclude").fit(X)

    assert model.outlier_records_[0].treated_units == (11,)
    assert model.treated_[11, 0] == 10.0


def test_configuration_is_json_and_reproduces_the_scores():
    # given a fitted model with non-default choices
    rng = np.random.default_rng(3)
    X = rng.uniform(1, 100, size=(25, 16))
    X[rng.random(X.shape) < 0.1] = np.nan
    groups = ["east", "west"] * 12 + ["east"]
    model = CompositeIndicator(
        default_framework().with_weights({"results": 2.0}),
        missing="group_mean",
        outliers={"method": "percentile", "lower": 5, "upper": 95},
        normalisation={"method": "rank", "lower": 1, "upper": 100},
        aggregation="geometric",
    ).fit(X, groups=groups)

    # when the stored configuration is reloaded and run again
    stored = json.loads(json.dumps(model.get_config()))
    again = CompositeIndicator.from_config(stored).fit(X, groups=groups)

    # then
    assert again.scores_.tolist() == model.scores_.tolist()
    assert stored["normalisation"] == {"method": "rank", "lower": 1, "upper": 100}
    assert stored["framework"]["root"]["children"][2]["weight"] == 2.0


def test_default_configuration_is_resolved():
    config = CompositeIndicator().get_config()

    assert config["missing"] == "mean"
    assert config["outliers"] == {"method": "skew_kurtosis"}
    assert config["normalisation"] == {"method": "minmax", "lower": 0.0, "upper": 100.0}
    assert config["aggregation"] == "arithmetic"
    assert Framework.from_dict(config["framework"]) == default_framework()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"aggregation": "median"}, "unknown aggregation 'median'"),
        ({"normalisation": {"method": "minmax", "mean": 3}}, r"does not take \['mean'\]"),
        ({"outliers": {"max_points": 3}}, "'method' key"),
        ({"aggregation": "geometric"}, "strictly positive values"),
    ],
)
def test_fit_rejects_bad_configuration(params, message):
    X = [[60.0, 10.0, 40.0], [20.0, 50.0, 55.0]]

    with pytest.raises(ValueError, match=message):
        CompositeIndicator(small_framework(), **params).fit(X)


def test_from_config_rejects_incomplete_configuration():
    config = CompositeIndicator().get_config()
    del config["aggregation"]

    with pytest.raises(ValueError, match="needs exactly the keys"):
        CompositeIndicator.from_config(config)
