"""The home page: the user's own tasks come first, soonest deadline first; the region's cards of
an officer or an administrator open lists showing the same numbers."""

import datetime as dt
import html
import re

import pytest

from chanjiao.registry.models import OrgStatus
from chanjiao.web.tasks import Task, soonest_first
from factories import client_for, make_org


def test_tasks_with_a_deadline_come_first_nearest_first():
    later = Task("later", "/b/", due=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC))
    sooner = Task("sooner", "/a/", due=dt.date(2026, 2, 1))
    undated = Task("undated", "/c/", count=3)

    assert [t.label for t in soonest_first([undated, later, sooner])] == ["sooner", "later", "undated"]


def _listed(client, url) -> int:
    page = client.get(url).content.decode()
    return int(re.search(r'<p class="count">(\d+) results?</p>', page).group(1))


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_every_card_of_the_region_opens_a_list_of_as_many(world, who):
    make_org("enterprise", "苏州待批企业", status=OrgStatus.PENDING)  # counted only where listed
    client = client_for(world[who])
    page = client.get("/").content.decode()
    glance = page.split("The region at a glance")[1].split("</section>")[0]

    cards = re.findall(r'<a class="card" href="([^"]+)"><strong>([\d,]+)</strong>', glance)
    classes = re.findall(r'<li><a href="([^"]+)">[^<]+</a>: (\d+)</li>', glance)

    assert len(cards) >= 9 and classes
    for url, count in cards + classes:
        assert _listed(client, html.unescape(url)) == int(count.replace(",", "")), url


def test_a_user_with_nothing_to_do_is_told_so_first(world):
    page = client_for(world["other_enterprise_user"]).get("/").content.decode()

    assert page.split("<section")[1].startswith(' id="my-tasks"')
    assert "Nothing waits for you." in page.split('id="my-tasks"')[1].split("</section>")[0]
