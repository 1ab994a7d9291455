"""What a job seeker and an employer expect from a round: positions with the wage in yuan, the
place, the dates, seats and applicants, searched and paged; answers to many offers at once."""

import datetime as dt

import pytest

from chanjiao.docking.models import Posting
from chanjiao.matching.models import Offer, Placement
from chanjiao.matching.services import publish_round, respond_to_offer, run_round, set_student_choices
from chanjiao.tracking.models import CertificationExam, PracticalTraining, TrainingLog
from factories import client_for


def test_a_student_sees_each_position_with_its_wage_place_dates_and_applicants(matching_round):
    m = matching_round
    Posting.objects.filter(pk=m["p2"].pk).update(salary_min=4500, salary_max=6000)
    Posting.objects.filter(pk=m["p4"].pk).update(salary_min=None, salary_max=None)
    set_student_choices(actor=None, participant=m["part3"], positions=[m["pos2"]])

    page = client_for(m["student_user"]).get(f"/matching/rounds/{m['round'].pk}/my-list/").content.decode()

    assert "¥4,500–6,000 a month" in page and "not stated" in page
    assert "Pay" not in page
    assert "2026-07-01 – 2026-12-31" in page
    row = page[page.index(f'data-add-row="{m["pos2"].pk}"') :]
    row = row[: row.index("</tr>")]
    assert m["other_enterprise"].region.name in row
    assert "<td>1</td><td>1</td>" in row  # one seat, one applicant so far


def test_a_student_searches_positions_by_words_kind_and_lowest_wage(
    matching_round, django_assert_max_num_queries
):
    m = matching_round
    Posting.objects.filter(pk=m["p2"].pk).update(salary_min=4500, salary_max=6000)
    client = client_for(m["student_user"])
    url = f"/matching/rounds/{m['round'].pk}/my-list/"

    with django_assert_max_num_queries(40):
        by_wage = client.get(url, {"min_wage": 4000}).content.decode()
    by_kind = client.get(url, {"kind": "apprenticeship"}).content.decode()
    by_word = client.get(url, {"q": "铣工"}).content.decode()
    bad = client.get(url, {"min_wage": "lots"})

    def shown(page):
        return sorted(t for t in ("车工实习", "铣工实习", "车工学徒") if f">{t}</a>" in page)

    assert shown(by_wage) == ["铣工实习"]
    assert shown(by_kind) == ["车工学徒"]
    assert shown(by_word) == ["铣工实习"]
    assert bad.status_code == 400 and "Enter a whole number." in bad.content.decode()


def test_the_api_lists_a_students_positions_with_wages_filtered_and_paged(matching_round):
    m = matching_round
    Posting.objects.filter(pk=m["p2"].pk).update(salary_min=4500, salary_max=6000)
    client = client_for(m["student_user"])
    url = f"/api/matching/rounds/{m['round'].pk}/my-positions"

    everything = client.get(url).json()
    best_paid = client.get(url, {"order": "wage"}).json()
    bad = client.get(url, {"order": "cheapest"})
    stranger = client_for(m["enterprise_user"]).get(url)

    assert everything["count"] == 3
    assert best_paid["items"][0] | {"fit": 0, "pay": 0} == {
        "rank": None,
        "position_id": m["pos2"].pk,
        "title": "铣工实习",
        "enterprise_id": m["other_enterprise"].pk,
        "eligible": True,
        "failed_requirements": [],
        "fit": 0,
        "pay": 0,
        "salary_min": 4500,
        "salary_max": 6000,
        "place": m["other_enterprise"].region.name,
        "open_seats": 1,
        "applicants": 0,
        "kind": "internship",
        "enterprise": m["other_enterprise"].name,
        "occupation": m["pos2"].occupation.name,
        "starts_on": "2026-07-01",
        "ends_on": "2026-12-31",
        "posting_starts_on": None,
    }
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "order"]
    assert stranger.status_code == 403


@pytest.fixture
def published(closed_round):
    run_round(rnd=closed_round["round"], actor=closed_round["officer"])
    publish_round(actor=closed_round["officer"], rnd=closed_round["round"])
    return closed_round


def answers(m):
    return sorted(
        Offer.objects.filter(round=m["round"]).values_list(
            "participant__student__name", "student_response", "enterprise_response"
        )
    )


def test_an_enterprise_accepts_every_offer_awaiting_it_at_once_on_the_page(published):
    m = published
    client = client_for(m["other_enterprise_user"])
    url = f"/matching/rounds/{m['round'].pk}/offers/"
    before = answers(m)

    page = client.get(url).content.decode()
    response = client.post(f"{url}answer/", {"decision": "accept", "scope": "all"})

    assert "2 offers await your answer" in page
    assert response.status_code == 302
    assert sorted(set(answers(m)) - set(before)) == sorted(
        [(m["s4"].name, "pending", "accepted"), (m["s3"].name, "pending", "accepted")]
    )


def test_declining_ticked_offers_asks_for_confirmation_first(published):
    m = published
    client = client_for(m["other_enterprise_user"])
    url = f"/matching/rounds/{m['round'].pk}/offers/answer/"
    offer = Offer.objects.get(participant=m["part3"])
    before = answers(m)

    asked = client.post(url, {"decision": "decline", "offers": [offer.pk]})
    unchanged = answers(m)
    done = client.post(url, {"decision": "decline", "offers": [offer.pk], "confirmed": "yes"})

    assert asked.status_code == 200 and "Decline 1 offers" in asked.content.decode()
    assert unchanged == before
    assert done.status_code == 302
    offer.refresh_from_db()
    assert (offer.enterprise_response, offer.placement.status) == ("declined", "declined")


def test_bulk_answers_through_the_api_are_all_or_nothing(published, send):
    m = published
    client = client_for(m["other_enterprise_user"])
    url = f"/api/matching/rounds/{m['round'].pk}/offers/answer"
    theirs = list(
        Offer.objects.filter(position__enterprise=m["other_enterprise"]).values_list("pk", flat=True)
    )
    someone_elses = Offer.objects.get(position__enterprise=m["enterprise"]).pk
    before = answers(m)

    foreign = send(client, "post", url, {"decision": "accept", "offers": [*theirs, someone_elses]})
    unconfirmed = send(client, "post", url, {"decision": "decline", "offers": theirs})
    empty = send(client, "post", url, {"decision": "accept", "offers": []})
    bad = send(client, "post", url, {"decision": "maybe", "offers": theirs})
    unchanged = answers(m)
    accepted = send(client, "post", url, {"decision": "accept", "offers": theirs})
    again = send(client, "post", url, {"decision": "accept", "offers": theirs})

    organiser = send(client_for(m["officer"]), "post", url, {"decision": "accept", "all": True})
    assert [r.status_code for r in (foreign, unconfirmed, empty, bad, organiser)] == [422, 422, 422, 422, 403]
    assert foreign.json()["detail"][0]["loc"] == ["body", "offers"]
    assert 'Send "confirm": true' in unconfirmed.json()["detail"][0]["msg"]
    assert unchanged == before
    assert accepted.status_code == 200
    assert sorted(o["enterprise_response"] for o in accepted.json()) == ["accepted", "accepted"]
    assert again.status_code == 403  # nothing awaits them any more


def test_a_student_answers_through_the_bulk_form_only_for_themself(published):
    m = published
    url = f"/matching/rounds/{m['round'].pk}/offers/answer/"
    offer = Offer.objects.get(participant=m["part1"])

    refused = client_for(m["school_user"]).post(url, {"decision": "accept", "offers": [offer.pk]})
    not_theirs = client_for(m["student_user"]).post(
        url, {"decision": "accept", "offers": [Offer.objects.get(participant=m["part3"]).pk]}
    )
    own = client_for(m["student_user"]).post(url, {"decision": "accept", "scope": "all"})

    offer.refresh_from_db()
    assert (refused.status_code, not_theirs.status_code, own.status_code) == (403, 400, 302)
    assert (offer.student_response, offer.enterprise_response) == ("accepted", "pending")


def test_a_student_sees_the_next_step_after_each_result(published):
    m = published
    url = f"/matching/rounds/{m['round'].pk}/my-result/"
    offer = Offer.objects.get(participant=m["part1"])

    to_answer = client_for(m["student_user"]).get(url).content.decode()
    respond_to_offer(actor=None, offer=offer, party="student", decision="accept")
    waiting = client_for(m["student_user"]).get(url).content.decode()
    respond_to_offer(actor=None, offer=offer, party="enterprise", decision="accept")
    agreed = client_for(m["student_user"]).get(url).content.decode()
    without_seat = client_for(m["s2"].user).get(url).content.decode()

    assert f"Answer the offer of 车工实习 at {m['enterprise'].name}" in to_answer
    assert f'href="#offer-{offer.pk}"' in to_answer
    assert "has not answered yet" in waiting
    assert "is agreed: it starts on" in agreed and f"/placements/{offer.placement_id}/" in agreed
    assert "You have no seat from this round" in without_seat


def test_an_enterprise_reads_the_profile_of_a_candidate_who_listed_its_position(matching_round, send):
    m = matching_round
    set_student_choices(actor=None, participant=m["part1"], positions=[m["pos2"], m["pos1"]])
    set_student_choices(actor=None, participant=m["part2"], positions=[m["pos2"]])
    earlier = Placement.objects.create(
        student=m["s1"],
        enterprise=m["other_enterprise"],
        kind="internship",
        stage="cognitive",
        year=2025,
        start_date=dt.date(2025, 3, 1),
        end_date=dt.date(2025, 3, 31),
        status="completed",
    )
    training = PracticalTraining.objects.create(placement=earlier)
    TrainingLog.objects.create(
        training=training,
        starts_on=dt.date(2025, 3, 3),
        ends_on=dt.date(2025, 3, 7),
        hours=38,
        content="数控车床编程与对刀",
        status="approved",
    )
    TrainingLog.objects.create(
        training=training,
        starts_on=dt.date(2025, 3, 10),
        ends_on=dt.date(2025, 3, 14),
        hours=40,
        content="未批准的日志",
    )
    CertificationExam.objects.create(
        student=m["s1"], name="车工", level="四级", exam_date=dt.date(2025, 6, 1), passed=True
    )
    url = f"/matching/rounds/{m['round'].pk}/candidates/{m['part1'].pk}/"

    page = client_for(m["enterprise_user"]).get(url).content.decode()
    api = client_for(m["enterprise_user"]).get(
        f"/api/matching/rounds/{m['round'].pk}/candidates/{m['part1'].pk}"
    )
    not_applied = client_for(m["enterprise_user"]).get(
        f"/matching/rounds/{m['round'].pk}/candidates/{m['part2'].pk}/"
    )
    other_student = client_for(m["s2"].user).get(url)
    own = client_for(m["student_user"]).get(url)
    school = client_for(m["school_user"]).get(url)

    assert m["s1"].program.name in page and "数控车床编程与对刀" in page and "车工" in page
    assert "未批准的日志" not in page
    assert "铣工实习" not in page  # another enterprise's position the student listed
    assert api.status_code == 200
    body = api.json()
    assert (body["listed_position_ids"], body["logged_hours"], body["study_year"]) == (
        [m["pos1"].pk],
        38.0,
        3,
    )
    assert [exam["name"] for exam in body["exams"]] == ["车工"]
    assert [(r.status_code) for r in (not_applied, other_student, own, school)] == [404, 404, 200, 200]


def test_the_positions_read_in_chinese(matching_round):
    m = matching_round
    Posting.objects.filter(pk=m["p2"].pk).update(salary_min=4500, salary_max=6000)

    page = (
        client_for(m["student_user"])
        .get(f"/matching/rounds/{m['round'].pk}/my-list/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .content.decode()
    )

    assert "每月 ¥4,500–6,000" in page
    for words in ("Monthly wage", "Applicants", "Place", "a month", "Best fit first"):
        assert words not in page
