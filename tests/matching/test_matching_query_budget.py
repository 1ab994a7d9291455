"""A student's rank-list page and API read the round's positions in a fixed number of queries,
however many positions the round has (it once read each position's round one at a time)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.docking.models import Posting, PostingStatus
from chanjiao.matching.models import RoundPosition
from chanjiao.matching.services import set_student_choices
from factories import client_for


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def _add_positions(m, count):
    for n in range(count):
        posting = Posting.objects.create(
            enterprise=m["enterprise"],
            title=f"车工实习 {n}",
            kind="internship",
            seats=1,
            region_id=m["enterprise"].region_id,
            status=PostingStatus.PUBLISHED,
            occupation_id="6-18-01-01",
        )
        RoundPosition.objects.create(
            round=m["round"],
            posting=posting,
            enterprise=m["enterprise"],
            title=f"车工实习 {n}",
            kind="internship",
            occupation_id="6-18-01-01",
            capacity=1,
        )


def test_a_students_positions_cost_the_same_queries_for_4_positions_as_for_24(matching_round):
    m = matching_round
    client = client_for(m["student_user"])
    urls = [f"/matching/rounds/{m['round'].pk}/my-list/", f"/api/matching/rounds/{m['round'].pk}/my-choices"]

    def measure():
        set_student_choices(
            actor=None, participant=m["part1"], positions=list(m["round"].positions.all()[:5])
        )
        for url in urls:
            client.get(url)  # warm-up
        return {url: _queries(client, url) for url in urls}

    few = measure()
    _add_positions(m, 20)
    assert measure() == few
