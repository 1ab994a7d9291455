import json

import numpy as np
import pytest

from chanjiao.core.indicators import (
    CompositeIndicator,
    LightPolicy,
    RedLine,
    assign_lights,
    default_framework,
)

FRAMEWORK = default_framework()
PARTICIPATION = FRAMEWORK.indicator_codes.index("enterprise_participation_rate")
FAILURE = FRAMEWORK.indicator_codes.index("key_equipment_failure_rate")
SATISFACTION = FRAMEWORK.indicator_codes.index("cooperation_satisfaction")
PATENTS = FRAMEWORK.indicator_codes.index("patents_granted")


def raw_rows(n_units):
    return np.full((n_units, len(FRAMEWORK.indicators)), 35.0)


def test_red_lines_fire_on_raw_values_and_explain_themselves():
    # given one unit below 30 % participation and one above 40 % equipment failure, both scoring well
    raw = raw_rows(3)
    raw[0, PARTICIPATION] = 24.0
    raw[1, FAILURE] = 45.5
    normalised = np.full(raw.shape, 80.0)

    # when
    lights = assign_lights(FRAMEWORK, raw, normalised, np.array([80.0, 80.0, 80.0]))

    # then
    assert [light.colour for light in lights] == ["red", "red", "green"]
    assert lights[0].sentence == "Red: enterprise participation rate is 24 %, below the red line of 30 %."
    assert (
        lights[1].sentence
        == "Red: key-equipment investment failure rate is 45.5 %, above the red line of 40 %."
    )
    assert lights[1].to_dict()["breaches"] == [
        {
            "indicator": "key_equipment_failure_rate",
            "name": "Key-equipment investment failure rate",
            "comparison": "above",
            "threshold": 40.0,
            "value": 45.5,
            "unit": "%",
        }
    ]
    assert lights[2].sentence == "Green: composite score 80.0 is in the green band (at least 60)."


def test_values_exactly_on_the_red_line_do_not_fire():
    raw = raw_rows(1)
    raw[0, PARTICIPATION], raw[0, FAILURE] = 30.0, 40.0

    light = assign_lights(FRAMEWORK, raw, np.full(raw.shape, 70.0), np.array([70.0]))[0]

    assert light.colour == "green"
    assert light.breaches == ()


def test_yellow_names_the_indicators_that_pulled_the_score_down():
    # given two units; the second lags on satisfaction (weight 1/27) and patents
    normalised = np.full((2, len(FRAMEWORK.indicators)), 70.0)
    normalised[1, SATISFACTION] = 0.0
    normalised[1, PATENTS] = 40.0
    scores = np.array([70.0, 55.0])

    # when
    light = assign_lights(FRAMEWORK, raw_rows(2), normalised, scores)[1]

    # then
    assert light.colour == "yellow"
    assert [(s.indicator, round(s.weighted_gap, 4)) for s in light.shortfalls] == [
        ("cooperation_satisfaction", round(70 / 27, 4)),
        ("patents_granted", round(30 / 27, 4)),
    ]
    assert light.sentence == (
        "Yellow: composite score 55.0 is below the green band (60); weakest indicators: "
        "cooperation satisfaction, patents from cooperation."
    )


def test_score_bands_and_red_lines_are_parameters():
    # given a stricter policy: green from 75, red below 50, participation red line at 40 %
    policy = LightPolicy(
        red_lines=(RedLine("enterprise_participation_rate", "below", 40.0),),
        green_from=75.0,
        yellow_from=50.0,
    )
    raw = raw_rows(4)
    raw[3, FAILURE] = 90.0  # no longer a red line under this policy
    normalised = np.full(raw.shape, 60.0)

    # when
    lights = assign_lights(FRAMEWORK, raw, normalised, np.array([80.0, 60.0, 45.0, 76.0]), policy)

    # then
    assert [light.colour for light in lights] == ["red", "red", "red", "red"]
    assert lights[0].sentence.startswith(
        "Red: enterprise participation rate is 35 %, below the red line of 40 %"
    )

    raw[:, PARTICIPATION] = 45.0
    lights = assign_lights(FRAMEWORK, raw, normalised, np.array([80.0, 60.0, 45.0, 76.0]), policy)
    assert [light.colour for light in lights] == ["green", "yellow", "red", "green"]
    assert lights[2].sentence == "Red: composite score 45.0 is below the yellow band (50)."


def test_missing_red_line_values_are_reported_and_unrated_units_are_grey():
    raw = raw_rows(2)
    raw[:, PARTICIPATION] = np.nan

    lights = assign_lights(FRAMEWORK, raw, np.full(raw.shape, 65.0), np.array([65.0, np.nan]))

    assert lights[0].colour == "green"
    assert lights[0].unchecked == ("enterprise participation rate",)
    assert lights[0].sentence.endswith(
        "Red lines not checked for missing data: enterprise participation rate."
    )
    assert lights[1].colour == "grey"
    assert lights[1].score is None
    assert lights[1].shortfalls == ()


def test_lights_from_a_fitted_composite_are_json_able():
    # given a small evaluation through the whole pipeline
    rng = np.random.default_rng(8)
    raw = rng.uniform(31.0, 39.0, size=(6, len(FRAMEWORK.indicators)))
    raw[2, PARTICIPATION] = 12.0
    model = CompositeIndicator(FRAMEWORK).fit(raw)

    # when
    lights = assign_lights(model.framework_, raw, model.normalised_, model.scores_)

    # then
    assert lights[2].colour == "red"
    payload = json.loads(json.dumps([light.to_dict() for light in lights]))
    assert [entry["unit"] for entry in payload] == list(range(6))
    assert all(entry["sentence"] for entry in payload)


def test_policy_round_trips_and_validates():
    policy = LightPolicy(green_from=70.0, yellow_from=40.0, n_reasons=2)

    assert LightPolicy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
    with pytest.raises(ValueError, match=r"yellow_from \(70.0\) must be below green_from \(60.0\)"):
        LightPolicy(yellow_from=70.0)
    with pytest.raises(ValueError, match="comparison must be 'below' or 'above'"):
        RedLine("enterprise_participation_rate", "under", 30.0)
    with pytest.raises(ValueError, match="needs exactly the keys"):
        LightPolicy.from_dict({"green_from": 60.0})
    with pytest.raises(ValueError, match="red line needs indicator, comparison and threshold"):
        LightPolicy.from_dict({**policy.to_dict(), "red_lines": [{"indicator": "x"}]})


def test_assign_lights_rejects_unknown_red_line_indicator_and_bad_shapes():
    policy = LightPolicy(red_lines=(RedLine("council_votes", "below", 1.0),))

    with pytest.raises(ValueError, match="red line names 'council_votes', which is not an indicator"):
        assign_lights(FRAMEWORK, raw_rows(1), np.ones((1, 16)), np.ones(1), policy)
    with pytest.raises(ValueError, match=r"raw and normalised must be \(n_units, 16\)"):
        assign_lights(FRAMEWORK, raw_rows(2), np.ones((2, 16)), np.ones(3))
