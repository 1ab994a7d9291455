"""Running an evaluation: scores, lights with reasons, rank intervals, reproducibility, access."""

import numpy as np
import pytest

from chanjiao.core.indicators import CompositeIndicator, Framework, entropy_weights, normalise
from chanjiao.evaluation import runs, services
from chanjiao.evaluation.models import AnnualReturn, Evaluation, UnitKind, UnitResult
from chanjiao.jobs.models import Job
from evaluation.evaluation_support import YEAR, result_of, send
from factories import client_for


def test_officer_evaluates_from_the_web_and_gets_scores_lights_and_reasons(city, cycle):
    # given the four carriers' returns; when the officer presses "Evaluate now"
    response = client_for(city["officer"]).post(f"/evaluation/cycles/{cycle.pk}/evaluate/")
    # then the evaluation page opens with every carrier scored exactly as the min-max mean says
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evaluation/evaluations/{evaluation.pk}/"
    a, b, c, d = (result_of(evaluation, carrier) for carrier in city["carriers"])
    assert [round(r.score, 6) for r in (a, b, c, d)] == [42.857143, 100.0, 30.0, 68.571429]
    assert [r.rank for r in (a, b, c, d)] == [3, 1, 4, 2]
    assert [r.colour for r in (a, b, c, d)] == ["red", "green", "yellow", "green"]
    assert a.sentence == "Red: key-equipment investment failure rate is 50 %, above the red line of 40 %."
    assert c.sentence == (
        "Yellow: composite score 30.0 is below the green band (60); weakest indicators: graduate employment "
        "rate, key-equipment investment failure rate."
    )
    assert evaluation.colour_counts == {"red": 1, "yellow": 1, "green": 2, "grey": 0}


def test_every_cell_keeps_its_figures_and_source(evaluation, city):
    a = result_of(evaluation, city["carriers"][0])
    cell = a.inputs["graduate_employment_rate"]
    annual_return = AnnualReturn.objects.get(unit_id=city["carriers"][0].pk, year=YEAR)
    assert cell["value"] == 90.0
    assert cell["figures"] == {
        "graduates": 200.0,
        "graduates_employed": 180.0,
        "graduates_counterpart_employed": None,
    }
    assert cell["sources"] == [
        {
            "group": "graduates",
            "kind": "return",
            "id": annual_return.pk,
            "by": "",
            "on": annual_return.updated_at.date().isoformat(),
        }
    ]


def test_rank_intervals_and_sensitivity_are_stored(evaluation, city):
    results = list(evaluation.results.order_by("position"))
    assert evaluation.uncertainty_status == "done"
    assert all(r.rank_low <= r.median_rank <= r.rank_high for r in results)
    assert result_of(evaluation, city["carriers"][1]).rank_high <= 2  # B is best under every choice
    assert evaluation.sensitivity["factors"] == ["weights", "normalisation", "aggregation"]
    assert evaluation.sensitivity["n_runs"] == 1000


def test_the_stored_configuration_reproduces_the_scores_exactly(evaluation, city):
    # when the stored configuration is re-run on today's records
    report = runs.reproduce_evaluation(evaluation)
    # then the scores are identical, and the records are unchanged
    assert report == {
        "reproduced": True,
        "max_score_difference": 0.0,
        "records_unchanged": True,
        "units_with_changed_records": [],
        "max_score_difference_today": 0.0,
    }
    config = evaluation.config
    assert config["composite"]["normalisation"] == {"method": "minmax", "lower": 0.0, "upper": 100.0}
    assert config["light_policy"]["red_lines"] == [
        {"indicator": "key_equipment_failure_rate", "comparison": "above", "threshold": 40.0}
    ]
    assert config["units"] == [c.pk for c in city["carriers"]]


def test_changed_records_are_reported_and_the_stored_scores_still_reproduce(evaluation, city):
    AnnualReturn.objects.filter(unit_id=city["carriers"][2].pk).update(graduates_employed=99)
    response = client_for(city["officer"]).post(f"/api/evaluation/evaluations/{evaluation.pk}/reproduce")
    body = response.json()
    assert (body["reproduced"], body["records_unchanged"], body["units_with_changed_records"]) == (
        True,
        False,
        ["C 产业学院"],
    )
    assert body["max_score_difference_today"] > 0


def test_changing_the_scheme_does_not_change_a_stored_evaluation(evaluation, scheme, city):
    services.update_scheme(actor=city["officer"], scheme=scheme, data={"normalisation": "rank"})
    again = runs.run_evaluation(actor=city["officer"], cycle=evaluation.cycle)
    assert runs.reproduce_evaluation(evaluation)["reproduced"] is True
    assert again.config["composite"]["normalisation"]["method"] == "rank"
    assert evaluation.config["composite"]["normalisation"]["method"] == "minmax"


def test_entropy_weights_are_computed_from_the_data_and_stored(scheme, cycle, city):
    services.set_framework(
        actor=city["officer"],
        scheme=scheme,
        framework=_one_dimension(scheme.framework),
    )
    services.update_scheme(actor=city["officer"], scheme=scheme, data={"weighting_method": "entropy"})
    evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    raw = np.array([[50.0, 90.0], [0.0, 95.0], [20.0, 60.0], [10.0, 80.0]])
    expected = entropy_weights(normalise(raw, ["cost", "benefit"], "minmax"))
    stored = evaluation.config["weighting"]["weights"]
    assert [stored["key_equipment_failure_rate"], stored["graduate_employment_rate"]] == pytest.approx(
        expected
    )
    framework = Framework.from_dict(evaluation.config["composite"]["framework"])
    assert framework.effective_weights() == pytest.approx(expected)


def _one_dimension(framework: dict) -> dict:
    process, results = framework["root"]["children"]
    process["children"] += results["children"]
    framework["root"]["children"] = [process]
    return framework


def test_equal_and_regional_weights_end_up_in_the_stored_framework(scheme, cycle, city):
    services.set_regional_weights(
        actor=city["officer"],
        scheme=scheme,
        zone="west",
        weight_sets={"west": {"process": 3.0, "results": 1.0}},
    )
    regional = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    services.update_scheme(actor=city["officer"], scheme=scheme, data={"weighting_method": "equal"})
    equal = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    shares = [
        Framework.from_dict(e.config["composite"]["framework"]).effective_weights().tolist()
        for e in (regional, equal)
    ]
    assert shares == [[0.75, 0.25], [0.5, 0.5]]
    assert regional.config["weighting"] == {
        "method": "regional",
        "zone": "west",
        "weight_set": {"process": 3.0, "results": 1.0},
    }


def test_rescoring_the_stored_raw_matrix_gives_the_stored_scores(evaluation):
    raw, results = runs.stored_raw(evaluation)
    scores = CompositeIndicator.from_config(evaluation.config["composite"]).fit(raw).scores_
    assert scores.tolist() == [r.score for r in results]


def test_large_sets_compute_rank_intervals_as_a_background_job(
    cycle, city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle, background=True)
        assert evaluation.uncertainty_status == "pending"
    evaluation.refresh_from_db()
    job = Job.objects.get(kind="evaluation.rank_intervals")
    assert (job.status, evaluation.uncertainty_job_id, evaluation.uncertainty_status) == (
        "succeeded",
        job.pk,
        "done",
    )
    assert job.result["n_runs"] == 1000
    assert UnitResult.objects.filter(evaluation=evaluation, rank_low__isnull=True).count() == 0


def test_api_evaluates_and_lists_results_filtered_by_light(cycle, city):
    client = client_for(city["officer"])
    created = client.post(f"/api/evaluation/cycles/{cycle.pk}/evaluate")
    evaluation_id = created.json()["id"]
    red = client.get(f"/api/evaluation/evaluations/{evaluation_id}/results", {"colour": "red"}).json()
    assert created.status_code == 201 and created.json()["colour_counts"]["red"] == 1
    assert [(r["unit_name"], r["light"]["breaches"][0]["value"]) for r in red["items"]] == [
        (city["carriers"][0].name, 50.0)
    ]


def test_an_evaluation_needs_two_units(scheme, city):
    lonely = services.create_scheme(
        actor=city["officer"],
        data={"name": "吴中区", "unit_kind": UnitKind.CARRIER, "region": city["other_school"].region},
    )
    cycle = services.create_cycle(actor=city["officer"], scheme=lonely, kind="annual", year=YEAR)
    response = client_for(city["officer"]).post(f"/api/evaluation/cycles/{cycle.pk}/evaluate")
    assert response.status_code == 422
    assert "an evaluation compares at least two" in response.json()["detail"][0]["msg"]
    assert Evaluation.objects.count() == 0


def test_units_missing_a_figure_are_imputed_and_flagged(scheme, cycle, city):
    AnnualReturn.objects.filter(unit_id=city["carriers"][3].pk).update(
        graduates=None, graduates_employed=None
    )
    evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    d = result_of(evaluation, city["carriers"][3])
    assert d.imputed == ["graduate_employment_rate"]
    assert d.inputs["graduate_employment_rate"]["value"] is None
    assert d.inputs["graduate_employment_rate"]["sources"] == []


def test_only_officers_in_scope_run_cycles(cycle, city):
    school = client_for(city["school_user"]).post(f"/api/evaluation/cycles/{cycle.pk}/evaluate")
    nanjing = client_for(city["nanjing_officer"]).post(f"/api/evaluation/cycles/{cycle.pk}/evaluate")
    web = client_for(city["school_user"]).post(f"/evaluation/cycles/{cycle.pk}/evaluate/")
    assert (school.status_code, nanjing.status_code, web.status_code) == (404, 404, 404)
    assert Evaluation.objects.count() == 0


def test_a_unit_sees_its_own_results_and_nobody_elses(evaluation, city):
    a, b = result_of(evaluation, city["carriers"][0]), result_of(evaluation, city["carriers"][1])
    school = client_for(city["school_user"])
    own = school.get(f"/evaluation/results/{a.pk}/")
    other = school.get(f"/api/evaluation/results/{b.pk}")
    enterprise = client_for(city["other_enterprise_user"]).get(f"/evaluation/results/{a.pk}/")
    listing = school.get(f"/api/evaluation/evaluations/{evaluation.pk}/results")
    assert own.status_code == 200 and "50 %" in own.content.decode()
    assert (other.status_code, enterprise.status_code, listing.status_code) == (404, 404, 404)


def test_cycle_payloads_are_validated_naming_the_field(scheme, city):
    client = client_for(city["officer"])
    bad_year = send(client, "post", "/api/evaluation/cycles", {"scheme": scheme.pk, "year": 1900})
    bad_kind = send(
        client, "post", "/api/evaluation/cycles", {"scheme": scheme.pk, "year": YEAR, "kind": "weekly"}
    )
    foreign = send(
        client_for(city["nanjing_officer"]),
        "post",
        "/api/evaluation/cycles",
        {"scheme": scheme.pk, "year": YEAR},
    )
    assert [r.json()["detail"][0]["loc"][-1] for r in (bad_year, bad_kind, foreign)] == [
        "year",
        "kind",
        "scheme",
    ]
