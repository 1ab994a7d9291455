"""Analyses: the report page, its downloads, the background job, and agreement with the core."""

import io
import json

import pandas as pd
import pytest
from django.test import Client

from chanjiao.core.surveys import ScreeningRules, analyze, load_instrument, simulate_instrument
from chanjiao.jobs.services import run_job
from chanjiao.surveys.models import Analysis, Questionnaire
from chanjiao.surveys.services import analysis as analysis_service
from factories import client_for

PAPER_SIZE = 600


@pytest.fixture(scope="module")
def paper_csv():
    """The paper's collection: 600 received, 73 made invalid, from the seed-001 population model."""
    return simulate_instrument(load_instrument("seed001"), PAPER_SIZE, seed=11).responses.to_csv(index=False)


def import_csv(client, questionnaire, text):
    buffer = io.BytesIO(text.encode())
    buffer.name = "paper.csv"
    response = client.post(f"/api/surveys/questionnaires/{questionnaire.pk}/import", {"file": buffer})
    assert response.status_code == 200, response.content


def test_the_report_is_the_cores_analysis_of_the_same_data(survey, world, paper_csv):
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)

    started = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/analyses", json.dumps({}), content_type="application/json"
    )

    report = started.json()["report"]
    instrument = load_instrument("seed001")
    expected = analyze(
        pd.read_csv(io.StringIO(paper_csv)),
        instrument.model_syntax(),
        scale_points=5,
        reverse_keyed=["EP5", "SS5"],
        screening=ScreeningRules(duration_column="duration_seconds"),
        group_columns=["group"],
    )
    assert started.status_code == 201 and started.json()["status"] == "done"
    for key in ("n", "fit", "loadings", "paths", "reliability", "items", "efa", "sampling_adequacy", "validity",
                "correlations", "factor_correlations", "warnings", "model", "estimation"):  # fmt: skip
        assert report[key] == expected[key], key
    assert report["n"] == 527
    assert {k: report["sample"][k] for k in ("received", "excluded", "valid", "exclusions_by_reason")} == {
        "received": 600,
        "excluded": 73,
        "valid": 527,
        "exclusions_by_reason": {"incomplete": 24, "straight_lining": 25, "too_fast": 24},
    }
    assert [g["value"] for g in report["sample"]["groups"]["group"]][:1] == [
        "Enterprise HR / technical staff"
    ]
    assert client.get(f"/api/surveys/questionnaires/{survey.pk}/tracking").json()["valid"] == 527


def test_the_report_page_shows_fit_reliability_tables_and_the_diagram(survey, world, paper_csv):
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)

    started = client.post(f"/surveys/{survey.pk}/analyses/new/", {"rotation": "oblimin"})
    analysis = Analysis.objects.get()
    page = client.get(started["Location"]).content.decode()

    assert started.status_code == 302 and started["Location"] == f"/surveys/analyses/{analysis.pk}/"
    fit = analysis.report["fit"]
    assert f"{fit['cfi']:.3f}" in page and f"{fit['rmsea']:.3f}" in page and f"{fit['srmr']:.3f}" in page
    alpha = analysis.report["reliability"]["SS"]["cronbach_alpha"]
    assert f"{alpha:.3f}" in page
    for title in ("Item descriptive statistics", "Reliability and convergent validity", "Corrected item-total correlations",
                  "Model fit", "Measurement model (CFA loadings)", "Structural paths", "heterotrait-monotrait",
                  "Fornell-Larcker", "Construct means, standard deviations and correlations", "Excluded responses"):  # fmt: skip
        assert title in page, title
    assert f'src="/surveys/analyses/{analysis.pk}/report.svg"' in page


def test_downloads_pdf_excel_json_and_diagram(survey, world, paper_csv):
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)
    analysis = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/analyses", "{}", content_type="application/json"
    ).json()

    pdf = client.get(f"/surveys/analyses/{analysis['id']}/report.pdf")
    xlsx = client.get(f"/surveys/analyses/{analysis['id']}/report.xlsx")
    svg = client.get(f"/surveys/analyses/{analysis['id']}/report.svg")
    png = client.get(f"/api/surveys/analyses/{analysis['id']}/download/png")
    report = client.get(f"/surveys/analyses/{analysis['id']}/report.json")
    nothing = client.get(f"/surveys/analyses/{analysis['id']}/report.docx")

    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert xlsx.content[:2] == b"PK" and svg.content[:5] == b"<?xml" and png.content[:4] == b"\x89PNG"
    assert json.loads(report.content)["fit"] == analysis["report"]["fit"]
    assert nothing.status_code == 404


def test_ordinal_estimation_on_request(survey, world, paper_csv):
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)

    analysis = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/analyses",
        json.dumps({"ordinal": True, "rotation": "promax", "n_factors": 4}),
        content_type="application/json",
    ).json()

    assert analysis["report"]["estimation"]["method"] == "ML on polychoric correlations"
    assert analysis["report"]["n"] == 527


def test_large_collections_run_as_a_job_with_a_progress_page(
    survey, world, paper_csv, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(analysis_service, "SYNCHRONOUS_LIMIT", 100)
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)

    started = client.post(f"/surveys/{survey.pk}/analyses/new/", {"rotation": "oblimin"})
    analysis = Analysis.objects.get()
    waiting = client.get(started["Location"]).content.decode()
    polling = client.get(started["Location"], HTTP_HX_REQUEST="true")
    run_job(analysis.job_id)
    finished = client.get(started["Location"], HTTP_HX_REQUEST="true")
    report = client.get(started["Location"]).content.decode()
    job = client.get(f"/api/jobs/{analysis.job_id}").json()

    assert "Analysing 600 responses in the background" in waiting and "<progress" in waiting
    assert 'hx-trigger="every 1s"' in polling.content.decode()
    assert finished.headers["HX-Refresh"] == "true"
    assert "Model fit" in report
    assert job["status"] == "succeeded" and job["result"]["valid_responses"] == 527


def test_a_job_started_through_the_api_runs_after_commit(
    survey, world, paper_csv, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(analysis_service, "SYNCHRONOUS_LIMIT", 100)
    client = client_for(world["officer"])
    import_csv(client, survey, paper_csv)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/surveys/questionnaires/{survey.pk}/analyses", "{}", content_type="application/json"
        ).json()
    done = client.get(f"/api/surveys/analyses/{started['id']}").json()

    assert started["status"] == "pending" and started["job_id"] is not None
    assert done["status"] == "done" and done["report"]["n"] == 527


def test_an_analysis_that_cannot_run_says_why_and_stores_nothing(survey, world, answer):
    client = client_for(world["officer"])
    empty = client.post(f"/surveys/{survey.pk}/analyses/new/", {"rotation": "oblimin"})
    answer(survey, 5, invalid_share=0.0)

    too_few = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/analyses", "{}", content_type="application/json"
    )
    bad_rotation = client.post(
        f"/api/surveys/questionnaires/{survey.pk}/analyses",
        json.dumps({"rotation": "sideways"}),
        content_type="application/json",
    )
    Questionnaire.objects.filter(pk=survey.pk).update(model_syntax="")
    no_model = client.post(f"/surveys/{survey.pk}/analyses/new/", {"rotation": "oblimin"})

    assert empty.status_code == 400 and "There are no responses to analyse yet." in empty.content.decode()
    assert too_few.status_code == 422
    assert too_few.json()["detail"][0]["msg"].startswith(
        "only 5 valid responses out of 5; at least 22 are needed"
    )
    assert bad_rotation.json()["detail"][0]["loc"] == ["body", "rotation"]
    assert no_model.status_code == 400 and "Write the hypothesised model first" in no_model.content.decode()
    assert Analysis.objects.count() == 0


def test_who_may_run_and_read_analyses(world, paper_csv):
    school_survey = (
        client_for(world["school_user"])
        .post("/api/surveys/templates/seed001/use", "{}", content_type="application/json")
        .json()
    )
    school = client_for(world["school_user"])
    import_csv(school, Questionnaire.objects.get(pk=school_survey["id"]), paper_csv)
    analysis = school.post(
        f"/api/surveys/questionnaires/{school_survey['id']}/analyses", "{}", content_type="application/json"
    ).json()

    officer_reads = client_for(world["officer"]).get(f"/surveys/analyses/{analysis['id']}/")
    officer_runs = client_for(world["officer"]).post(f"/surveys/{school_survey['id']}/analyses/new/", {})
    enterprise = client_for(world["enterprise_user"]).get(f"/surveys/analyses/{analysis['id']}/report.pdf")
    other_school = client_for(world["other_school_user"]).get(f"/api/surveys/analyses/{analysis['id']}")
    anonymous = Client().get(f"/surveys/analyses/{analysis['id']}/report.xlsx")

    assert officer_reads.status_code == 200 and officer_runs.status_code == 403
    assert (enterprise.status_code, other_school.status_code) == (404, 404)
    assert anonymous.status_code == 302
    assert Analysis.objects.count() == 1
