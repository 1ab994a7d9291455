"""The leaves list pages by leaf index ("after this leaf"), never counting the log."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.ledger.services import RecordChange, append_records
from factories import client_for

pytestmark = pytest.mark.django_db


def shown(response) -> list[int]:
    return [int(index) for index in re.findall(r"\?leaf=(\d+)", response.content.decode())]


def test_leaves_page_by_key_forwards_and_back_without_a_count(logged_world):
    # given 60 leaves
    school = logged_world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": n}) for n in range(50)], actor=None)
    client = client_for(logged_world["officer"])
    # when
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/ledger/leaves/")
    second = client.get("/ledger/leaves/", {"after": "35"})
    third = client.get("/ledger/leaves/", {"after": "10"})
    back = client.get("/ledger/leaves/", {"before": "34"})
    # then
    assert shown(first) == list(range(59, 34, -1))
    assert 'href="?after=35"' in first.content.decode() and 'href="?before=' not in first.content.decode()
    assert shown(second) == list(range(34, 9, -1))
    assert shown(third) == list(range(9, -1, -1))
    assert 'href="?after=' not in third.content.decode() and 'href="?before=9"' in third.content.decode()
    assert shown(back) == list(range(59, 34, -1))
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_filters_keep_their_place_in_the_keyed_pages(logged_world):
    client = client_for(logged_world["officer"])
    page = client.get("/ledger/leaves/", {"record_type": "organisation", "after": "9"})
    assert page.status_code == 200
    assert all(index < 9 for index in shown(page))


def test_a_cursor_that_is_no_leaf_index_is_a_400(logged_world):
    page = client_for(logged_world["officer"]).get("/ledger/leaves/", {"after": "yesterday"})
    assert page.status_code == 400
    assert "is not a position in this list" in page.content.decode()
