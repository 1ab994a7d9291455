"""Every three years: a two-track evaluation with on-site scores from assigned third-party evaluators."""

from chanjiao.core.indicators import Framework
from chanjiao.evaluation import runs, services
from chanjiao.evaluation.models import AnnualReturn, Assignment, Cycle
from evaluation.evaluation_support import YEAR, result_of, send
from factories import client_for


def two_track(scheme, city):
    """A two-track cycle with carriers A and B assigned, and five-year tracking in every return."""
    cycle = services.create_cycle(actor=city["officer"], scheme=scheme, kind="triennial", year=YEAR)
    for promoted, carrier in enumerate(city["carriers"]):
        AnnualReturn.objects.filter(unit_id=carrier.pk).update(
            tracked_graduates=100,
            tracked_promoted=10 * (promoted + 1),
            tracked_stable=50,
            tracked_innovating=5,
        )
    a, b = city["carriers"][:2]
    officer = client_for(city["officer"])
    for carrier in (a, b):
        send(
            officer,
            "post",
            f"/api/evaluation/cycles/{cycle.pk}/assignments",
            {"unit": carrier.pk, "evaluator": city["evaluator"].pk},
        )
    return cycle


def test_two_track_cycles_come_every_three_years(scheme, city):
    services.create_cycle(actor=city["officer"], scheme=scheme, kind="triennial", year=2025)
    client = client_for(city["officer"])
    too_soon = send(
        client, "post", "/api/evaluation/cycles", {"scheme": scheme.pk, "kind": "triennial", "year": 2027}
    )
    on_time = send(
        client, "post", "/api/evaluation/cycles", {"scheme": scheme.pk, "kind": "triennial", "year": 2028}
    )
    assert too_soon.status_code == 422
    assert too_soon.json()["detail"][0]["msg"] == (
        "a two-track evaluation comes every 3 years; 苏州市载体评价 has one in 2025, so the next may be in 2028 at the earliest"
    )
    assert on_time.status_code == 201
    assert list(Cycle.objects.filter(kind="triennial").values_list("year", flat=True).order_by("year")) == [
        2025,
        2028,
    ]


def test_the_evaluator_sees_only_assigned_units_and_enters_their_on_site_scores(scheme, city):
    cycle = two_track(scheme, city)
    evaluator = client_for(city["evaluator"])
    assignments = evaluator.get(f"/api/evaluation/cycles/{cycle.pk}/assignments").json()
    first = assignments[0]["id"]
    scored = send(
        evaluator,
        "put",
        f"/api/evaluation/assignments/{first}/score",
        {"onsite_score": 88.5, "visited_on": "2025-10-12", "findings": "实训设备使用充分"},
    )
    cycles = evaluator.get("/api/evaluation/cycles").json()
    assert sorted(a["unit_name"] for a in assignments) == sorted(
        [city["carriers"][0].name, city["carriers"][1].name]
    )
    assert scored.status_code == 200 and scored.json()["onsite_score"] == 88.5
    assert [c["id"] for c in cycles["items"]] == [cycle.pk]


def test_on_site_scores_are_refused_out_of_range_and_from_others(scheme, city):
    cycle = two_track(scheme, city)
    assignment = Assignment.objects.filter(cycle=cycle).first()
    too_high = send(
        client_for(city["evaluator"]),
        "put",
        f"/api/evaluation/assignments/{assignment.pk}/score",
        {"onsite_score": 120, "visited_on": "2025-10-12", "findings": "x"},
    )
    stranger = send(
        client_for(city["other_evaluator"]),
        "put",
        f"/api/evaluation/assignments/{assignment.pk}/score",
        {"onsite_score": 80, "visited_on": "2025-10-12", "findings": "x"},
    )
    officer = send(
        client_for(city["officer"]),
        "put",
        f"/api/evaluation/assignments/{assignment.pk}/score",
        {"onsite_score": 80, "visited_on": "2025-10-12", "findings": "x"},
    )
    assert too_high.status_code == 422 and too_high.json()["detail"][0]["loc"][-1] == "onsite_score"
    assert (stranger.status_code, officer.status_code) == (404, 403)
    assert Assignment.objects.get(pk=assignment.pk).onsite_score is None


def test_only_evaluators_are_assigned_and_only_in_two_track_cycles(scheme, cycle, city):
    triennial = services.create_cycle(actor=city["officer"], scheme=scheme, kind="triennial", year=YEAR)
    client = client_for(city["officer"])
    not_evaluator = send(
        client,
        "post",
        f"/api/evaluation/cycles/{triennial.pk}/assignments",
        {"unit": city["carriers"][0].pk, "evaluator": city["school_user"].pk},
    )
    annual = send(
        client,
        "post",
        f"/api/evaluation/cycles/{cycle.pk}/assignments",
        {"unit": city["carriers"][0].pk, "evaluator": city["evaluator"].pk},
    )
    assert not_evaluator.json()["detail"][0]["loc"][-1] == "evaluator"
    assert annual.status_code == 422 and "two-track" in annual.json()["detail"][0]["msg"]
    assert Assignment.objects.count() == 0


def test_the_two_track_index_combines_monitoring_on_site_and_graduate_tracking(scheme, city):
    cycle = two_track(scheme, city)
    a_assignment = Assignment.objects.get(cycle=cycle, unit_id=city["carriers"][0].pk)
    services.record_onsite_score(
        actor=city["evaluator"],
        assignment=a_assignment,
        data={"onsite_score": 90, "visited_on": None, "findings": "良好"},
    )
    evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    framework = Framework.from_dict(evaluation.config["composite"]["framework"])
    a, d = result_of(evaluation, city["carriers"][0]), result_of(evaluation, city["carriers"][3])
    assert [dimension.code for dimension in framework.root.children] == [
        "monitoring",
        "onsite",
        "graduate_tracking",
    ]
    assert framework.effective_weights().round(3).tolist()[:3] == [0.2, 0.2, 0.3]
    assert a.inputs["onsite_score"]["value"] == 90.0
    assert a.inputs["onsite_score"]["sources"] == [
        {"group": "onsite", "kind": "platform", "label": "On-site evaluation"}
    ]
    assert "onsite_score" in d.imputed
    assert a.colour == "red"  # the red lines of the monitoring index still apply


def test_evaluators_see_only_the_results_of_their_units(scheme, city):
    cycle = two_track(scheme, city)
    services.record_onsite_score(
        actor=city["evaluator"],
        assignment=Assignment.objects.filter(cycle=cycle).first(),
        data={"onsite_score": 70, "visited_on": None, "findings": ""},
    )
    evaluation = runs.run_evaluation(actor=city["officer"], cycle=cycle)
    evaluator = client_for(city["evaluator"])
    listed = evaluator.get(f"/api/evaluation/evaluations/{evaluation.pk}/results").json()
    assigned = evaluator.get(f"/evaluation/results/{result_of(evaluation, city['carriers'][0]).pk}/")
    unassigned = evaluator.get(f"/evaluation/results/{result_of(evaluation, city['carriers'][2]).pk}/")
    other_evaluator = client_for(city["other_evaluator"]).get(f"/api/evaluation/evaluations/{evaluation.pk}")
    assert [r["unit_name"] for r in listed["items"]] == [
        city["carriers"][0].name,
        city["carriers"][1].name,
    ]  # by position
    assert (assigned.status_code, unassigned.status_code, other_evaluator.status_code) == (200, 404, 404)


def test_assigning_and_scoring_on_the_web(scheme, city):
    cycle = services.create_cycle(actor=city["officer"], scheme=scheme, kind="triennial", year=YEAR)
    assigned = client_for(city["officer"]).post(
        f"/evaluation/cycles/{cycle.pk}/assign/",
        {"unit": city["carriers"][2].pk, "evaluator": city["evaluator"].pk},
    )
    assignment = Assignment.objects.get()
    page = client_for(city["evaluator"]).get(f"/evaluation/cycles/{cycle.pk}/")
    scored = client_for(city["evaluator"]).post(
        f"/evaluation/assignments/{assignment.pk}/score/",
        {"onsite_score": "75", "visited_on": "2025-10-01", "findings": "ok"},
    )
    assert assigned.status_code == 302 and scored.status_code == 302
    assert city["carriers"][2].name in page.content.decode()
    assert float(Assignment.objects.get().onsite_score) == 75.0


def test_a_two_track_evaluation_without_on_site_scores_is_refused_clearly(scheme, city):
    cycle = two_track(scheme, city)
    response = client_for(city["officer"]).post(f"/api/evaluation/cycles/{cycle.pk}/evaluate")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith(
        "no unit has figures for on-site evaluation score in 2025"
    )
