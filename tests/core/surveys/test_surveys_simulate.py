"""The simulator: population algebra, Likert output, invalid responses, and recovery by the SEM."""

import numpy as np
import pytest

from chanjiao.core.surveys import (
    LikertScale,
    PopulationModel,
    StructuralEquationModel,
    load_instrument,
    parse_model,
    population_from_instrument,
    simulate_instrument,
    simulate_responses,
)

CHAIN = parse_model("A =~ a1 + a2 + a3; B =~ b1 + b2 + b3; C =~ c1 + c2 + c3; C ~ A + B")


def test_latent_correlations_follow_the_path_algebra():
    # given C = .5 A + .3 B with corr(A, B) = .4
    population = PopulationModel(CHAIN, loadings={}, paths={("C", "A"): 0.5, ("C", "B"): 0.3},
                                 correlations={("A", "B"): 0.4})  # fmt: skip
    correlations = population.latent_correlations()
    # then corr(A, C) = .5 + .3 * .4 and corr(B, C) = .3 + .5 * .4, all variances one
    assert correlations.loc["A", "C"] == pytest.approx(0.62)
    assert correlations.loc["B", "C"] == pytest.approx(0.5)
    assert correlations.loc["A", "B"] == pytest.approx(0.4)
    assert np.diag(correlations.to_numpy()).tolist() == [1.0, 1.0, 1.0]


def test_paths_explaining_all_variance_are_refused():
    population = PopulationModel(CHAIN, loadings={}, paths={("C", "A"): 0.8, ("C", "B"): 0.7},
                                 correlations={("A", "B"): 0.5})  # fmt: skip
    with pytest.raises(ValueError, match="paths into 'C' explain 1.69 of its variance"):
        population.latent_correlations()


def test_cyclic_paths_are_refused():
    spec = parse_model("A =~ a1 + a2; B =~ b1 + b2; A ~ B; B ~ A")
    population = PopulationModel(spec, loadings={}, paths={("A", "B"): 0.2, ("B", "A"): 0.2})
    with pytest.raises(ValueError, match="cycle"):
        population.latent_correlations()


def test_simulated_answers_are_on_the_scale_and_reproducible():
    population = PopulationModel(parse_model("A =~ a1 + a2 + a3"), loadings={"a1": 0.8, "a2": 0.7, "a3": 0.6})
    first = simulate_responses(population, 300, scale=LikertScale(7), seed=4)
    again = simulate_responses(population, 300, scale=LikertScale(7), seed=4)
    assert first.equals(again)
    assert set(np.unique(first.to_numpy())) <= set(range(1, 8))
    assert first.columns.tolist() == ["a1", "a2", "a3"]


def test_reverse_keyed_items_are_mirrored():
    population = PopulationModel(parse_model("A =~ a1 + a2 + a3"), loadings={"a1": 0.8, "a2": 0.8, "a3": 0.8})
    plain = simulate_responses(population, 500, seed=9)
    mirrored = simulate_responses(population, 500, seed=9, reverse_keyed=["a3"])
    assert (mirrored["a3"] == 6 - plain["a3"]).all()
    assert mirrored[["a1", "a3"]].corr().iloc[0, 1] < 0


@pytest.mark.parametrize(
    ("loadings", "thresholds", "message"),
    [
        ({"a1": 0.8, "a2": 1.0}, None, "item 'a2' needs a standardised loading strictly between -1 and 1"),
        ({"a1": 0.8}, None, "item 'a2' needs a standardised loading"),
        ({"a1": 0.8, "a2": 0.7}, [0.0, 1.0], "a 5-point scale needs 4 increasing thresholds"),
        ({"a1": 0.8, "a2": 0.7}, [0.0, -1.0, 1.0, 2.0], "a 5-point scale needs 4 increasing thresholds"),
    ],
)
def test_bad_population_parameters_are_refused(loadings, thresholds, message):
    population = PopulationModel(parse_model("A =~ a1 + a2"), loadings=loadings)
    with pytest.raises(ValueError, match=message):
        simulate_responses(population, 10, thresholds=thresholds)


def test_seed001_simulation_reproduces_the_papers_collection_figures():
    # given the seed-001 instrument, 600 questionnaires received
    survey = simulate_instrument(load_instrument("seed001"), 600, seed=1)
    # then 73 are deliberately invalid (527 valid, 87.8 %), split across the three kinds
    assert len(survey.invalid) == 73
    assert {kind: list(survey.invalid.values()).count(kind) for kind in set(survey.invalid.values())} == {
        "straight_lining": 25,
        "too_fast": 24,
        "incomplete": 24,
    }
    responses = survey.responses
    assert responses.columns[:3].tolist() == ["respondent", "group", "duration_seconds"]
    assert set(responses["group"]) == {"enterprise_hr", "teacher", "student", "official"}
    incomplete_rows = [row for row, kind in survey.invalid.items() if kind == "incomplete"]
    assert responses.loc[incomplete_rows, "EP1":"TQ5"].isna().any(axis=1).all()
    assert responses.drop(index=incomplete_rows).loc[:, "EP1":"TQ5"].notna().all().all()


def test_sem_recovers_the_true_standardised_loadings_and_paths():
    # given 1,000 simulated answers to the seed-001 instrument from its known population model
    instrument = load_instrument("seed001")
    population = population_from_instrument(instrument)
    thresholds = instrument.raw["demo_population"]["thresholds"]
    answers = simulate_responses(population, 1000, scale=instrument.scale, thresholds=thresholds, seed=0)
    spec = population.spec
    true = np.array([population.loadings[item] for item in spec.items])

    def standardized(sem):
        return np.array([sem.loadings_[spec.construct_of(item)][item]["standardized"] for item in spec.items])

    # when fitted on polychoric correlations and, for contrast, on Pearson covariances
    ordinal = StructuralEquationModel(spec, ordinal=True).fit(answers)
    pearson = StructuralEquationModel(spec).fit(answers)
    # then the ordinal estimates sit within sampling error of the truth: a standardised loading's SE is
    # about (1 - loading^2) / sqrt(n), 0.01-0.02 here, so 0.06 is three standard errors for the weakest item
    deviation = standardized(ordinal) - true
    assert np.abs(deviation).max() < 0.06
    assert abs(deviation.mean()) < 0.015
    # and Pearson ML on five categories attenuates every construct's loadings on average
    assert (standardized(pearson) - true).mean() < -0.02
    paths = {(path["outcome"], path["predictor"]): path["standardized"] for path in ordinal.paths_}
    assert max(abs(paths[key] - value) for key, value in population.paths.items()) < 0.1
