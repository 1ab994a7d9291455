"""An evaluator's home page lists its on-site assignments to score, each opening its score form."""

from evaluation.test_evaluation_two_track import two_track
from factories import client_for


def _tasks(client) -> str:
    return client.get("/").content.decode().split('id="my-tasks"')[1].split("</section>")[0]


def test_the_evaluator_finds_its_assignments_to_score_on_its_home_page(scheme, city):
    cycle = two_track(scheme, city)
    evaluator = client_for(city["evaluator"])
    a, b = city["carriers"][:2]

    before = _tasks(evaluator)
    first = cycle.assignments.get(unit_id=a.pk)
    scored = evaluator.post(
        f"/evaluation/assignments/{first.pk}/score/",
        {"onsite_score": "88", "visited_on": "2025-06-01", "findings": "ok"},
    )
    after = _tasks(evaluator)

    assert a.name in before and b.name in before and cycle.name in before
    assert f'href="/evaluation/assignments/{first.pk}/score/"' in before
    assert evaluator.get(f"/evaluation/assignments/{first.pk}/score/").status_code == 200
    assert scored.status_code == 302
    assert a.name not in after and b.name in after
    assert a.name not in _tasks(client_for(city["other_evaluator"]))
