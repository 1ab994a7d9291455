"""Opening a round and ranking on both sides, through the pages and the API: what each party
may do, and bad input refused with the field named and nothing changed."""

import datetime as dt

from django.utils import timezone

from chanjiao.matching.models import CandidateRank, MatchingRound, RoundPosition, StudentChoice
from chanjiao.matching.services import update_round
from factories import client_for


def choices_of(participant):
    return list(participant.choices.order_by("rank").values_list("position__title", flat=True))


def test_an_officer_opens_a_round_from_the_page_with_seats_and_the_cohort(market, round_payload):
    client = client_for(market["officer"])
    response = client.post(
        "/matching/rounds/new/", {**round_payload(), "kinds": ["internship", "apprenticeship"]}
    )

    rnd = MatchingRound.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/matching/rounds/{rnd.pk}/"
    assert (rnd.organiser, rnd.region_id, rnd.status) == (market["suzhou_bureau"], 320500, "ranking")
    assert sorted(rnd.positions.values_list("title", flat=True)) == [
        "程序员实习",
        "车工学徒",
        "车工实习",
        "铣工实习",
    ]
    assert sorted(rnd.participants.values_list("student_id", flat=True)) == sorted(
        market[s].pk for s in ("s1", "s2", "s3", "s4")
    )
    page = client.get(f"/matching/rounds/{rnd.pk}/").content.decode()
    assert "Run the round" in page and "lists submitted" in page


def test_a_school_opens_a_round_for_its_own_students_across_its_city(market, send, round_payload):
    response = send(
        client_for(market["school_user"]), "post", "/api/matching/rounds", round_payload(api=True)
    )

    assert response.status_code == 201
    rnd = MatchingRound.objects.get(pk=response.json()["id"])
    assert (rnd.organiser, rnd.region_id) == (market["school"], 320500)
    assert sorted(rnd.participants.values_list("student_id", flat=True)) == sorted(
        market[s].pk for s in ("s1", "s2", "s3")
    )


def test_bad_rounds_are_refused_naming_the_field_and_nothing_is_created(market, send, round_payload):
    client = client_for(market["officer"])
    good = round_payload(api=True)

    jobs = send(client, "post", "/api/matching/rounds", {**good, "kinds": ["job"]})
    backwards = send(client, "post", "/api/matching/rounds", {**good, "cohort_to": 2020})
    window = send(client, "post", "/api/matching/rounds", {**good, "ranking_closes": good["ranking_opens"]})
    stranger = send(
        client, "post", "/api/matching/rounds", {**good, "schools": [market["nanjing_bureau"].pk]}
    )
    page = client.post("/matching/rounds/new/", {**round_payload(), "kinds": [], "max_choices": 0})

    assert [r.status_code for r in (jobs, backwards, window, stranger)] == [422, 422, 422, 422]
    assert jobs.json()["detail"][0]["loc"] == ["body", "kinds"]
    assert backwards.json()["detail"][0]["loc"] == ["body", "cohort_to"]
    assert window.json()["detail"][0]["loc"] == ["body", "ranking_closes"]
    assert stranger.json()["detail"][0]["loc"] == ["body", "schools"]
    assert page.status_code == 400 and "This field is required." in page.content.decode()
    assert MatchingRound.objects.count() == 0


def test_a_round_without_seats_is_refused_and_nothing_is_kept(market, send, round_payload):
    response = send(
        client_for(market["nanjing_officer"]), "post", "/api/matching/rounds", round_payload(api=True)
    )

    assert response.status_code == 422
    assert "No published postings" in response.json()["detail"][0]["msg"]
    assert (MatchingRound.objects.count(), RoundPosition.objects.count()) == (0, 0)


def test_only_a_bureau_or_a_school_office_opens_rounds(market, send, round_payload):
    for user in ("enterprise_user", "student_user", "admin"):
        response = send(client_for(market[user]), "post", "/api/matching/rounds", round_payload(api=True))
        assert response.status_code == 403
    assert client_for(market["enterprise_user"]).get("/matching/rounds/new/").status_code == 403
    assert MatchingRound.objects.count() == 0


def test_each_party_sees_the_round_and_outsiders_do_not(matching_round):
    m = matching_round
    url = f"/api/matching/rounds/{m['round'].pk}"

    seen = {
        user: client_for(m[user]).get(url).status_code
        for user in (
            "officer",
            "school_user",
            "other_school_user",
            "enterprise_user",
            "student_user",
            "nanjing_officer",
        )
    }

    assert seen == {
        "officer": 200,
        "school_user": 200,
        "other_school_user": 200,
        "enterprise_user": 200,
        "student_user": 200,
        "nanjing_officer": 404,
    }
    listed = client_for(m["nanjing_officer"]).get("/api/matching/rounds").json()
    assert listed["count"] == 0


def test_a_school_sees_only_its_own_students_in_the_round(matching_round):
    m = matching_round

    listed = client_for(m["other_school_user"]).get(f"/api/matching/rounds/{m['round'].pk}/students").json()
    everyone = client_for(m["officer"]).get(f"/api/matching/rounds/{m['round'].pk}/students").json()

    assert [row["student_id"] for row in listed["items"]] == [m["s4"].pk]
    assert everyone["count"] == 4
    assert (
        client_for(m["enterprise_user"]).get(f"/matching/rounds/{m['round'].pk}/students/").status_code == 403
    )


def test_a_student_ranks_positions_through_the_api(matching_round, send):
    m = matching_round
    url = f"/api/matching/rounds/{m['round'].pk}/my-choices"

    response = send(
        client_for(m["student_user"]), "put", url, {"positions": [m["pos2"].pk, m["pos1"].pk, m["pos3"].pk]}
    )

    assert response.status_code == 200
    assert [(c["title"], c["eligible"], c["failed_requirements"]) for c in response.json()] == [
        ("铣工实习", True, []),
        ("车工实习", True, []),
        ("程序员实习", False, ["program"]),
    ]
    assert choices_of(m["part1"]) == ["铣工实习", "车工实习", "程序员实习"]
    m["part1"].refresh_from_db()
    assert m["part1"].submitted_at is not None


def test_a_student_reorders_their_list_on_the_page(matching_round):
    m = matching_round
    client = client_for(m["student_user"])

    response = client.post(
        f"/matching/rounds/{m['round'].pk}/my-list/", {"positions": f"{m['pos1'].pk},{m['pos4'].pk}"}
    )
    page = client.get(f"/matching/rounds/{m['round'].pk}/my-list/").content.decode()

    assert response.status_code == 302
    assert choices_of(m["part1"]) == ["车工实习", "车工学徒"]
    assert "Sortable.min.js" in page and 'data-rank-list="positions"' in page
    assert "1 position you are not eligible for, and why" in page


def test_bad_lists_are_refused_and_the_list_stays_as_it_was(matching_round, send):
    m = matching_round
    client = client_for(m["student_user"])
    url = f"/api/matching/rounds/{m['round'].pk}/my-choices"
    send(client, "put", url, {"positions": [m["pos1"].pk]})

    unknown = send(client, "put", url, {"positions": [m["pos1"].pk, 999999]})
    twice = send(client, "put", url, {"positions": [m["pos1"].pk, m["pos1"].pk]})
    update_round(actor=None, rnd=m["round"], data={"max_choices": 1})
    too_long = send(client, "put", url, {"positions": [m["pos1"].pk, m["pos2"].pk]})
    not_a_list = send(client, "put", url, {"positions": "first"})

    assert (unknown.status_code, unknown.json()["detail"][0]["loc"]) == (422, ["body", "positions"])
    assert twice.status_code == 422 and "once" in twice.json()["detail"][0]["msg"]
    assert too_long.status_code == 422 and "at most 1" in too_long.json()["detail"][0]["msg"]
    assert not_a_list.status_code == 422
    assert choices_of(m["part1"]) == ["车工实习"]


def test_lists_cannot_change_outside_the_ranking_window(matching_round, send):
    m = matching_round
    MatchingRound.objects.filter(pk=m["round"].pk).update(
        ranking_opens=timezone.now() - dt.timedelta(days=9),
        ranking_closes=timezone.now() - dt.timedelta(days=1),
    )

    response = send(
        client_for(m["student_user"]),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/my-choices",
        {"positions": [m["pos1"].pk]},
    )

    assert response.status_code == 422 and "Ranking closed" in response.json()["detail"][0]["msg"]
    assert StudentChoice.objects.count() == 0


def test_only_participating_students_rank(matching_round, send):
    m = matching_round

    response = send(
        client_for(m["officer"]),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/my-choices",
        {"positions": [m["pos1"].pk]},
    )

    assert response.status_code == 403
    assert StudentChoice.objects.count() == 0


def test_an_enterprise_sees_its_candidates_with_the_documented_score(ranked_round):
    m = ranked_round

    response = client_for(m["enterprise_user"]).get(
        f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos1'].pk}/candidates"
    )

    rows = [
        (row["student_id"], round(row["score"], 4), row["failed_requirements"]) for row in response.json()
    ]
    assert rows == [
        (m["s1"].pk, 1.0, []),
        (m["s3"].pk, 0.8125, []),
        (m["s2"].pk, 0.375, []),
        (m["s4"].pk, 0.0, ["program"]),
    ]


def test_an_enterprise_enters_its_own_order_and_refuses_a_candidate(ranked_round, send):
    m = ranked_round
    url = f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos1'].pk}/ranking"

    response = send(
        client_for(m["enterprise_user"]),
        "put",
        url,
        {"mode": "entered", "ranked": [m["part2"].pk, m["part1"].pk], "excluded": [m["part3"].pk]},
    )

    assert response.status_code == 200
    assert [(row["student_id"], row["rank"], row["excluded"]) for row in response.json()][:3] == [
        (m["s2"].pk, 1, False),
        (m["s1"].pk, 2, False),
        (m["s4"].pk, None, False),
    ]
    m["pos1"].refresh_from_db()
    assert (m["pos1"].ranking_mode, m["pos1"].ranking_confirmed_at is not None) == ("entered", True)
    assert CandidateRank.objects.filter(position=m["pos1"], excluded=True).get().participant == m["part3"]


def test_an_enterprise_accepts_the_derived_ranking_on_the_page(ranked_round):
    m = ranked_round
    client = client_for(m["other_enterprise_user"])
    url = f"/matching/rounds/{m['round'].pk}/positions/{m['pos2'].pk}/candidates/"

    page = client.get(url).content.decode()
    response = client.post(url, {"mode": "derived", "ranked": "", "excluded": ""})

    assert "Accept the derived ranking" in page and "Sortable.min.js" in page
    assert response.status_code == 302
    m["pos2"].refresh_from_db()
    assert m["pos2"].ranking_mode == "derived"
    assert not CandidateRank.objects.filter(position=m["pos2"]).exists()


def test_rankings_are_the_enterprises_own_and_only_of_applicants(ranked_round, send):
    m = ranked_round
    url = f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos1'].pk}"

    other = client_for(m["other_enterprise_user"])
    peek = other.get(f"{url}/candidates")
    meddle = send(other, "put", f"{url}/ranking", {"mode": "derived"})
    stranger = send(
        client_for(m["enterprise_user"]), "put", f"{url}/ranking", {"mode": "entered", "ranked": [999999]}
    )
    not_applicant = send(
        client_for(m["enterprise_user"]),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos4'].pk}/ranking",
        {"mode": "entered", "ranked": [m["part1"].pk]},
    )
    bad_mode = send(client_for(m["enterprise_user"]), "put", f"{url}/ranking", {"mode": "alphabetical"})

    assert (peek.status_code, meddle.status_code) == (403, 403)
    assert (stranger.status_code, stranger.json()["detail"][0]["loc"]) == (422, ["body", "ranked"])
    assert (
        not_applicant.status_code == 422
        and "listed this position" in not_applicant.json()["detail"][0]["msg"]
    )
    assert (bad_mode.status_code, bad_mode.json()["detail"][0]["loc"]) == (422, ["body", "mode"])
    assert (
        m["pos1"].ranking_mode == "derived" and not CandidateRank.objects.filter(position=m["pos1"]).exists()
    )


def test_the_coordinator_sets_seats_and_requirements_of_a_position(matching_round, send):
    m = matching_round
    url = f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos1'].pk}"

    changed = send(client_for(m["officer"]), "patch", url, {"capacity": 2, "certificates_required": True})
    bad = send(client_for(m["officer"]), "patch", url, {"capacity": -1})
    refused = send(client_for(m["enterprise_user"]), "patch", url, {"capacity": 9})

    assert changed.status_code == 200 and (
        changed.json()["capacity"],
        changed.json()["certificates_required"],
    ) == (2, True)
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "capacity"])
    assert refused.status_code == 403
    m["pos1"].refresh_from_db()
    assert m["pos1"].capacity == 2


def test_required_certificates_make_students_without_them_ineligible(matching_round, send):
    m = matching_round
    send(
        client_for(m["officer"]),
        "patch",
        f"/api/matching/rounds/{m['round'].pk}/positions/{m['pos1'].pk}",
        {"certificates_required": True},
    )

    mine = send(
        client_for(m["s2"].user),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/my-choices",
        {"positions": [m["pos1"].pk]},
    )

    assert mine.json()[0]["failed_requirements"] == ["certificates"]


def test_round_settings_change_while_ranking_only(ranked_round, send):
    m = ranked_round
    url = f"/api/matching/rounds/{m['round'].pk}"
    officer = client_for(m["officer"])

    renamed = send(officer, "patch", url, {"name": "第一轮"})
    backwards = send(officer, "patch", url, {"ends_on": "2026-01-01"})
    refused = send(client_for(m["school_user"]), "patch", url, {"name": "学校改名"})

    assert (renamed.status_code, renamed.json()["name"]) == (200, "第一轮")
    assert (backwards.status_code, backwards.json()["detail"][0]["loc"]) == (422, ["body", "ends_on"])
    assert refused.status_code == 403
    m["round"].refresh_from_db()
    assert m["round"].name == "第一轮"


def test_positions_and_rounds_lists_export_to_excel(matching_round):
    m = matching_round
    client = client_for(m["officer"])

    positions = client.get(f"/matching/rounds/{m['round'].pk}/positions/?format=xlsx")
    rounds = client.get("/matching/rounds/")

    assert positions.status_code == 200 and positions["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert m["round"].name in rounds.content.decode()
