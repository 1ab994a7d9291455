"""Placements entered directly: recorded by the school, seen by the student, the host and officers."""

import datetime as dt
import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.ledger.models import Leaf, LedgerEntry
from chanjiao.ledger.services import record_existing
from chanjiao.ledger.verification import verify_ledger
from chanjiao.matching.models import Placement
from factories import client_for


def placement_payload(world, **changes):
    return {
        "student": world["student"].pk,
        "enterprise": world["enterprise"].pk,
        "kind": "internship",
        "stage": "post",
        "occupation": "6-18-01-01",
        "year": 2025,
        "start_date": "2025-07-01",
        "end_date": "2025-12-31",
        "status": "active",
        **changes,
    }


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def make_placement(world, **fields):
    data = {
        "student": world["student"],
        "enterprise": world["enterprise"],
        "kind": "internship",
        "stage": "post",
        "year": 2025,
        "start_date": dt.date(2025, 7, 1),
        "end_date": dt.date(2025, 12, 31),
        **fields,
    }
    return Placement.objects.create(**data)


def test_school_records_a_placement_through_the_api(world):
    response = send(client_for(world["school_user"]), "post", "/api/placements", placement_payload(world))

    assert response.status_code == 201
    body = response.json()
    assert (body["school_id"], body["enterprise_id"], body["occupation_id"], body["source"]) == (
        world["school"].pk,
        world["enterprise"].pk,
        "6-18-01-01",
        "direct",
    )


def test_bad_placements_are_refused_naming_the_field(world):
    client = client_for(world["school_user"])

    backwards = send(client, "post", "/api/placements", placement_payload(world, end_date="2025-06-01"))
    wrong_year = send(client, "post", "/api/placements", placement_payload(world, year=2024))
    other_school = send(
        client, "post", "/api/placements", placement_payload(world, student=world["other_student"].pk)
    )
    not_enterprise = send(
        client, "post", "/api/placements", placement_payload(world, enterprise=world["other_school"].pk)
    )
    stage_on_job = send(client, "post", "/api/placements", placement_payload(world, kind="job"))

    assert [
        r.json()["detail"][0]["loc"][-1]
        for r in (backwards, wrong_year, other_school, not_enterprise, stage_on_job)
    ] == ["end_date", "year", "student", "enterprise", "stage"]
    assert Placement.objects.count() == 0


def test_enterprises_record_nothing_and_see_only_their_own_placements(world):
    mine = make_placement(world)
    theirs = make_placement(world, enterprise=world["other_enterprise"])
    enterprise = client_for(world["enterprise_user"])

    listed = enterprise.get("/api/placements").json()
    foreign = enterprise.get(f"/api/placements/{theirs.pk}")
    create = send(enterprise, "post", "/api/placements", placement_payload(world))
    edit = send(enterprise, "patch", f"/api/placements/{mine.pk}", {"status": "completed"})

    assert [p["id"] for p in listed["items"]] == [mine.pk]
    assert foreign.status_code == 404
    assert create.status_code == 403 and edit.status_code == 403
    assert Placement.objects.get(pk=mine.pk).status == "accepted"


def test_the_student_and_officers_see_the_placement(world):
    placement = make_placement(world)
    world["student"].user = world["student_user"]
    world["student"].save()

    student = client_for(world["student_user"]).get(f"/placements/{placement.pk}/")
    officer = client_for(world["officer"]).get("/api/placements", {"school": world["school"].pk}).json()
    nanjing = client_for(world["nanjing_officer"]).get(f"/api/placements/{placement.pk}")

    assert student.status_code == 200 and "苏州精密机械有限公司" in student.content.decode()
    assert officer["count"] == 1
    assert nanjing.status_code == 404


def test_school_records_and_edits_through_the_web(world):
    client = client_for(world["school_user"])
    form = {**placement_payload(world), "occupation": "6-18-01-01"}

    created = client.post("/placements/new/", form)
    placement = Placement.objects.get()
    edited = client.post(f"/placements/{placement.pk}/edit/", {**form, "status": "completed"})
    listing = client.get("/placements/", {"status": "completed"}).content.decode()
    export = client.get("/placements/", {"format": "xlsx"})

    assert created.status_code == 302 and edited.status_code == 302
    assert Placement.objects.get().status == "completed"
    assert world["student"].name in listing
    assert export.status_code == 200


def test_placements_entered_by_a_school_are_logged_at_every_change(world):
    record_existing(actor=None)  # the registry records of the world
    school = client_for(world["school_user"])
    created = send(school, "post", "/api/placements", placement_payload(world)).json()
    form = {**placement_payload(world), "status": "completed"}
    school.post(f"/placements/{created['id']}/edit/", form)
    school.post(f"/placements/{created['id']}/edit/", form)  # unchanged: not logged again

    leaves = Leaf.objects.filter(record_type="direct_placement", record_id=str(created["id"]))
    assert [json.loads(leaf.document)["content"]["status"] for leaf in leaves] == ["active", "completed"]
    assert leaves.last().actor == f"user:{world['school_user'].username}"
    entry = LedgerEntry.objects.get(record_type="direct_placement", record_id=str(created["id"]))
    assert entry.leaf_id == leaves.last().leaf_index
    key = Ed25519PrivateKey.generate().public_key()
    assert verify_ledger(public_key=key).ok
    page = school.get(f"/placements/{created['id']}/").content.decode()
    assert f"Placement entered by a school logged · leaf {entry.leaf_id}" in page
    assert "Placement from a matching round" not in page  # no badge for a type it is not of

    # a completion turned back in the database, bypassing the platform, is caught
    Placement.objects.filter(pk=created["id"]).update(status="active")
    findings = verify_ledger(public_key=key).findings
    assert [(f.kind, f.record_type, f.record_id) for f in findings] == [
        ("record_changed", "direct_placement", str(created["id"]))
    ]
