"""analyze(): the whole report, on Holzinger & Swineford and on a simulated seed-001 collection."""

import json

import pandas as pd
import pytest
from semopy.examples import holzinger39

from chanjiao.core.surveys import ScreeningRules, analyze, load_instrument, simulate_instrument

HS_MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"


@pytest.fixture(scope="module")
def holzinger_report():
    return analyze(holzinger39.get_data(), HS_MODEL, group_columns=["school"])


@pytest.fixture(scope="module")
def seed_survey():
    return simulate_instrument(load_instrument("seed001"), 600, seed=1)


@pytest.fixture(scope="module")
def seed_report(seed_survey):
    instrument = load_instrument("seed001")
    return analyze(
        seed_survey.responses,
        instrument.model_syntax(),
        ordinal=True,
        scale_points=5,
        reverse_keyed=instrument.reverse_keyed,
        screening=ScreeningRules(duration_column="duration_seconds"),
        group_columns=["group"],
        sent=600,
    )


def test_report_has_the_required_keys_and_lavaan_figures(holzinger_report):
    report = holzinger_report
    assert report["n"] == 301
    assert {key: round(report["fit"][key], 3) for key in ("chi2", "cfi", "tli", "rmsea", "srmr")} == {
        "chi2": 85.306,
        "cfi": 0.931,
        "tli": 0.896,
        "rmsea": 0.092,
        "srmr": 0.065,
    }
    assert report["fit"]["df"] == 24
    assert round(report["loadings"]["textual"]["x5"]["estimate"], 3) == 1.113
    assert set(report["reliability"]) == {"visual", "textual", "speed"}
    assert round(report["reliability"]["textual"]["cronbach_alpha"], 3) == 0.883
    assert report["warnings"] == []


def test_report_is_strict_json(holzinger_report):
    # NaN (e.g. the marker loading's standard error) becomes null, so strict JSON accepts the report
    text = json.dumps(holzinger_report, allow_nan=False)
    assert json.loads(text)["loadings"]["visual"]["x1"]["std_error"] is None


def test_reliability_and_validity_are_consistent_with_the_cfa(holzinger_report):
    report = holzinger_report
    textual = report["reliability"]["textual"]
    loadings = [report["loadings"]["textual"][item]["standardized"] for item in ("x4", "x5", "x6")]
    assert textual["ave"] == pytest.approx(sum(value**2 for value in loadings) / 3)
    assert textual["sqrt_ave"] == pytest.approx(textual["ave"] ** 0.5)
    fornell = report["validity"]["fornell_larcker"]
    assert fornell["labels"] == ["visual", "textual", "speed"]
    assert fornell["values"][1][1] == pytest.approx(textual["sqrt_ave"])
    assert fornell["values"][1][0] == pytest.approx(0.4585, abs=1e-4)
    assert report["validity"]["htmt"]["labels"] == ["visual", "textual", "speed"]
    assert 0 < report["validity"]["htmt"]["max"] < report["validity"]["htmt"]["threshold"]


def test_sample_groups_and_item_statistics(holzinger_report):
    groups = holzinger_report["sample"]["groups"]["school"]
    assert {entry["value"]: entry["count"] for entry in groups} == {"Pasteur": 156, "Grant-White": 145}
    x1 = holzinger_report["items"][0]
    assert (x1["item"], x1["construct"], x1["n"]) == ("x1", "visual", 301)
    assert x1["mean"] == pytest.approx(holzinger39.get_data()["x1"].mean())
    assert "distribution" not in x1


def test_efa_extracts_one_factor_per_construct_by_default(holzinger_report):
    efa = holzinger_report["efa"]
    assert efa["n_factors"] == 3
    assert efa["rotation"] == "oblimin"
    assert holzinger_report["sampling_adequacy"]["bartlett"]["df"] == 36


def test_seed001_collection_gives_the_papers_sample_and_exclusion_list(seed_survey, seed_report):
    sample = seed_report["sample"]
    assert (sample["sent"], sample["received"], sample["valid"], sample["excluded"]) == (600, 600, 527, 73)
    assert round(100 * sample["valid_share_of_sent"], 1) == 87.8
    assert {entry["row"]: entry["reasons"][0] for entry in sample["exclusions"]} == seed_survey.invalid
    assert sum(entry["count"] for entry in sample["groups"]["group"]) == 527
    assert seed_report["n"] == 527


def test_seed001_report_supports_the_hypotheses_it_was_simulated_from(seed_report):
    paths = {(path["outcome"], path["predictor"]): path for path in seed_report["paths"]}
    for strong in (("SS", "EP"), ("SS", "CG"), ("TQ", "SS")):
        assert paths[strong]["p"] < 0.001
        assert paths[strong]["standardized"] > 0.2
    assert paths[("TQ", "CG")]["p"] > 0.05
    assert seed_report["fit"]["cfi"] > 0.95
    assert seed_report["fit"]["rmsea"] < 0.06
    assert seed_report["estimation"]["method"] == "ML on polychoric correlations"
    assert all(figures["composite_reliability"] > 0.8 for figures in seed_report["reliability"].values())
    assert all(seed_report["validity"]["fornell_larcker"]["satisfied"].values())
    assert seed_report["warnings"] == []


def test_reverse_keyed_items_are_recoded_before_analysis(seed_report):
    ep5 = next(row for row in seed_report["items"] if row["item"] == "EP5")
    assert ep5["reverse_keyed"] is True
    assert seed_report["loadings"]["EP"]["EP5"]["standardized"] > 0.5
    assert sum(ep5["distribution"].values()) == pytest.approx(1.0)


def test_forgetting_reverse_keying_is_reported(seed_survey):
    instrument = load_instrument("seed001")
    report = analyze(seed_survey.responses, instrument.model_syntax(), scale_points=5)
    assert "item 'EP5' loads negatively on 'EP': is it reverse-keyed but not recoded?" in report["warnings"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"model": "visual =~ x1 + x2 + x10"}, "model item 'x10' is not a column of the data"),
        ({"model": "visual =~ x1 + 2*x2"}, "modifiers such as '2\\*x2' are not supported"),
        ({"reverse_keyed": ["x2"]}, "reverse-keyed items need scale_points"),
        ({"reverse_keyed": ["x9"], "scale_points": 5}, "reverse-keyed item 'x9' is not an item of the model"),
    ],
)
def test_bad_requests_are_refused(kwargs, message):
    arguments = {"model": "visual =~ x1 + x2 + x3"} | kwargs
    model = arguments.pop("model")
    with pytest.raises(ValueError, match=message):
        analyze(holzinger39.get_data(), model, **arguments)


def test_too_few_valid_responses_are_refused():
    data = holzinger39.get_data().head(4)
    with pytest.raises(ValueError, match="only 4 valid responses out of 4; at least 5 are needed"):
        analyze(data, "visual =~ x1 + x2 + x3")


def test_non_numeric_answers_are_refused_with_the_row():
    data = pd.DataFrame({"a": [1, 2, 3] * 4, "b": [2, 3, "x"] * 4, "c": [1, 1, 2] * 4})
    with pytest.raises(ValueError, match="column 'b' has a non-numeric answer 'x' in row 2"):
        analyze(data, "F =~ a + b + c")


def test_single_construct_model_with_a_covariate_path():
    # given one general factor regressed on age, with a correlated error between two items
    report = analyze(holzinger39.get_data(), "g =~ x1 + x2 + x3 + x4 + x5 + x6\ng ~ ageyr\nx1 ~~ x4")
    # then the report still has every section, with one-construct tables
    assert report["paths"][0]["predictor"] == "ageyr"
    assert report["model"]["covariances"] == [["x1", "x4"]]
    assert report["efa"]["n_factors"] == 1
    assert report["correlations"]["r"] == [[1.0]]
    assert report["validity"]["htmt"]["max"] is None
    assert report["validity"]["fornell_larcker"]["satisfied"] == {"g": True}
