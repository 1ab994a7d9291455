"""After the run: publication turns matches into placements awaiting both parties' answers (each
logged in the record log), the parties accept or decline, the scramble offers the seats left to
students still without one, and the round closes."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.ledger.models import Leaf, LedgerEntry
from chanjiao.ledger.verification import verify_ledger
from chanjiao.matching.models import Offer, Placement, RoundStudent
from chanjiao.matching.services import open_scramble, publish_round, run_round, set_student_choices
from factories import client_for


@pytest.fixture
def published(closed_round):
    run_round(rnd=closed_round["round"], actor=closed_round["officer"])
    publish_round(actor=closed_round["officer"], rnd=closed_round["round"])
    return closed_round


def log_verifies() -> list:
    """Findings of the whole-log check about round placements (the factories' other records
    are not logged). No tree head is signed in these tests, so any key will do."""
    report = verify_ledger(public_key=Ed25519PrivateKey.generate().public_key())
    return [f.as_dict() for f in report.findings if f.record_type == "round_placement"]


def offer_of(m, participant):
    return Offer.objects.select_related("placement").get(participant=m[participant])


def test_publishing_makes_each_match_a_placement_awaiting_answers_and_logs_it(closed_round, send):
    m = closed_round
    run_round(rnd=m["round"], actor=m["officer"])

    response = send(
        client_for(m["officer"]), "post", f"/api/matching/rounds/{m['round'].pk}/publish", {"confirm": True}
    )

    assert (response.status_code, response.json()["status"]) == (200, "published")
    placements = Placement.objects.filter(round=m["round"]).order_by("student_id")
    assert [
        (p.student_id, p.enterprise_id, p.status, p.source, p.kind, p.stage, p.year) for p in placements
    ] == [
        (m["s1"].pk, m["enterprise"].pk, "offered", "round", "internship", "post", 2026),
        (m["s4"].pk, m["other_enterprise"].pk, "offered", "round", "internship", "post", 2026),
        (m["s3"].pk, m["other_enterprise"].pk, "offered", "round", "internship", "post", 2026),
    ]
    assert Leaf.objects.filter(record_type="round_placement").count() == 3
    assert log_verifies() == []


def test_a_placement_is_accepted_when_both_parties_accept(published, send):
    m = published
    offer = offer_of(m, "part1")

    by_student = send(
        client_for(m["student_user"]),
        "post",
        f"/api/matching/offers/{offer.pk}/respond",
        {"decision": "accept"},
    )
    by_enterprise = client_for(m["enterprise_user"]).post(
        f"/matching/offers/{offer.pk}/respond/",
        {"decision": "accept", "next": f"/matching/rounds/{m['round'].pk}/offers/"},
    )

    assert by_student.json()["student_response"] == "accepted"
    assert by_enterprise.status_code == 302
    offer.placement.refresh_from_db()
    assert offer.placement.status == "accepted"
    entry = LedgerEntry.objects.get(record_type="round_placement", record_id=str(offer.placement.pk))
    assert '"status":"accepted"' in entry.leaf.document
    assert log_verifies() == []


def test_a_declined_offer_declines_the_placement_and_cannot_be_answered_again(published, send):
    m = published
    offer = offer_of(m, "part1")
    enterprise = client_for(m["enterprise_user"])

    declined = send(
        enterprise,
        "post",
        f"/api/matching/offers/{offer.pk}/respond",
        {"decision": "decline", "confirm": True},
    )
    again = send(
        client_for(m["student_user"]),
        "post",
        f"/api/matching/offers/{offer.pk}/respond",
        {"decision": "accept"},
    )

    assert declined.status_code == 200
    assert again.status_code == 422 and "declined" in again.json()["detail"][0]["msg"]
    offer.refresh_from_db()
    assert (offer.placement.status, offer.student_response) == ("declined", "pending")


def test_only_the_parties_answer_an_offer(published, send):
    m = published
    offer = offer_of(m, "part1")
    url = f"/api/matching/offers/{offer.pk}/respond"

    outsider = send(client_for(m["other_enterprise_user"]), "post", url, {"decision": "accept"})
    school = send(client_for(m["school_user"]), "post", url, {"decision": "accept"})
    officer = send(client_for(m["officer"]), "post", url, {"decision": "accept"})
    bad = send(client_for(m["student_user"]), "post", url, {"decision": "maybe"})

    assert (outsider.status_code, school.status_code, officer.status_code) == (404, 403, 403)
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "decision"])
    offer.refresh_from_db()
    assert (offer.student_response, offer.enterprise_response) == ("pending", "pending")


def test_each_party_sees_only_its_own_offers(published):
    m = published
    url = f"/api/matching/rounds/{m['round'].pk}/offers"

    def students(user):
        return sorted(o["student_id"] for o in client_for(m[user]).get(url).json()["items"])

    assert students("student_user") == [m["s1"].pk]
    assert students("enterprise_user") == [m["s1"].pk]
    assert students("other_enterprise_user") == sorted([m["s3"].pk, m["s4"].pk])
    assert students("other_school_user") == [m["s4"].pk]
    assert len(students("officer")) == 3
    page = client_for(m["student_user"]).get(f"/matching/rounds/{m['round'].pk}/offers/").content.decode()
    assert "车工实习" in page and "程序员实习" not in page


def test_the_scramble_offers_open_seats_to_students_without_one(
    published, send, django_capture_on_commit_callbacks
):
    m = published
    officer = client_for(m["officer"])

    opened = send(officer, "post", f"/api/matching/rounds/{m['round'].pk}/scramble")
    listed = send(
        client_for(m["s2"].user),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/my-choices",
        {"positions": [m["pos4"].pk]},
    )
    placed_student = send(
        client_for(m["student_user"]),
        "put",
        f"/api/matching/rounds/{m['round'].pk}/my-choices",
        {"positions": [m["pos4"].pk]},
    )
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(f"/matching/rounds/{m['round'].pk}/run/")

    assert (opened.status_code, opened.json()["status"]) == (200, "scramble")
    assert listed.status_code == 200
    assert placed_student.status_code == 422 and "without a seat" in placed_student.json()["detail"][0]["msg"]
    scramble = Offer.objects.get(stage="scramble")
    assert (scramble.participant, scramble.position, scramble.placement.status) == (
        m["part2"],
        m["pos4"],
        "offered",
    )
    m["round"].refresh_from_db()
    assert m["round"].status == "published"
    assert RoundStudent.objects.get(pk=m["part2"].pk).outcome == "matched"
    report = officer.get(f"/api/matching/rounds/{m['round'].pk}/report?stage=scramble").json()
    assert (report["students"], report["matched"], report["seats"]) == (1, 1, 2)
    result = client_for(m["s2"].user).get(f"/api/matching/rounds/{m['round'].pk}/my-result").json()
    assert [r["stage"] for r in result] == ["main", "scramble"]
    assert result[1]["summary"] == f"Placed at 车工学徒 · {m['enterprise'].name}, your choice 1."


def test_a_seat_declined_by_a_student_goes_to_the_scramble(published, send):
    m = published
    offer = offer_of(m, "part1")
    send(
        client_for(m["student_user"]),
        "post",
        f"/api/matching/offers/{offer.pk}/respond",
        {"decision": "decline", "confirm": True},
    )

    open_scramble(actor=m["officer"], rnd=m["round"])

    set_student_choices(actor=None, participant=m["part2"], positions=[m["pos1"]])
    assert (
        client_for(m["s2"].user).get(f"/api/matching/rounds/{m['round'].pk}/my-choices").json()[0]["title"]
        == "车工实习"
    )


def test_the_scramble_needs_open_seats_and_students_without_one(closed_round, send):
    m = closed_round
    m["pos4"].delete()
    m["pos3"].capacity = 1
    m["pos3"].save()
    run_round(rnd=m["round"], actor=m["officer"])
    publish_round(actor=m["officer"], rnd=m["round"])

    response = send(client_for(m["officer"]), "post", f"/api/matching/rounds/{m['round'].pk}/scramble")

    assert response.status_code == 422 and "Every seat is taken" in response.json()["detail"][0]["msg"]
    m["round"].refresh_from_db()
    assert m["round"].status == "published"


def test_publishing_closing_and_scrambles_are_the_coordinators(published, send):
    m = published
    url = f"/api/matching/rounds/{m['round'].pk}"

    refused = [
        send(client_for(m["school_user"]), "post", f"{url}/{action}").status_code
        for action in ("publish", "scramble", "close")
    ]
    publish_again = send(client_for(m["officer"]), "post", f"{url}/publish", {"confirm": True})
    closed = client_for(m["officer"]).post(f"/matching/rounds/{m['round'].pk}/close/")

    assert refused == [403, 403, 403]
    assert publish_again.status_code == 422
    assert closed.status_code == 302
    m["round"].refresh_from_db()
    assert m["round"].status == "closed"


def test_completing_a_round_placement_is_logged(published):
    m = published
    placement = offer_of(m, "part1").placement
    client = client_for(m["school_user"])
    form = {
        "student": placement.student_id,
        "enterprise": placement.enterprise_id,
        "kind": "internship",
        "stage": "post",
        "occupation": "6-18-01-01",
        "year": 2026,
        "start_date": "2026-07-01",
        "end_date": "2026-12-31",
        "status": "completed",
    }

    response = client.post(f"/placements/{placement.pk}/edit/", form)

    assert response.status_code == 302
    entry = LedgerEntry.objects.get(record_type="round_placement", record_id=str(placement.pk))
    assert '"status":"completed"' in entry.leaf.document
    assert Leaf.objects.filter(record_type="round_placement", record_id=str(placement.pk)).count() == 2
    assert log_verifies() == []


def test_the_report_shows_each_participating_organisation_its_own_rows(published):
    m = published

    school = client_for(m["other_school_user"]).get(f"/api/matching/rounds/{m['round'].pk}/report").json()
    enterprise = client_for(m["enterprise_user"]).get(f"/api/matching/rounds/{m['round'].pk}/report").json()
    page = client_for(m["officer"]).get(f"/matching/rounds/{m['round'].pk}/report/").content.decode()
    excel = client_for(m["officer"]).get(
        f"/matching/rounds/{m['round'].pk}/report/?format=xlsx&table=enterprises"
    )

    assert [row["name"] for row in school["by_school"]] == [m["other_school"].name] and school[
        "by_enterprise"
    ] == []
    assert [row["name"] for row in enterprise["by_enterprise"]] == [m["enterprise"].name]
    assert "matched" not in school and "stability" not in enterprise
    assert "Welfare-optimal assignment" in page and "List too short" in page
    assert excel.status_code == 200
    assert client_for(m["student_user"]).get(f"/matching/rounds/{m['round'].pk}/report/").status_code == 403
