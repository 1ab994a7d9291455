"""The ledger API: heads, proofs in RFC 6962 form, exported records, access, bad input."""

import base64
import json

import pytest
from django.test import Client

from chanjiao.core.ledger import (
    SignedTreeHead,
    verify_consistency,
    verify_inclusion,
    verify_tree_head,
)
from chanjiao.ledger.bundle import check_record_bundle
from chanjiao.ledger.models import Leaf, LedgerEntry, SignedHead
from chanjiao.ledger.services import RecordChange, append_records, sign_tree_head
from chanjiao.registry.models import Carrier, Organisation
from factories import client_for

pytestmark = pytest.mark.django_db


def send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def b64(text: str) -> bytes:
    return base64.b64decode(text)


def test_records_created_through_the_api_appear_in_the_log(world):
    officer = client_for(world["officer"])

    organisation = send(
        officer,
        "post",
        "/api/organisations",
        {
            "kind": "enterprise",
            "name": "苏州新材料有限公司",
            "region": 320505,
            "size": "sme",
            "industry": "C",
        },
    ).json()
    carrier = send(
        officer,
        "post",
        "/api/carriers",
        {
            "name": "新材料产业学院",
            "kind": "industrial_college",
            "region": 320505,
            "lead": world["school"].pk,
        },
    ).json()
    send(
        officer,
        "put",
        f"/api/programs/{world['program'].pk}/crosswalk",
        [{"occupation": "6-18-01-01", "weight": 1}],
    )
    send(officer, "patch", f"/api/organisations/{organisation['id']}", {"employees": 120})

    logged = list(Leaf.objects.values_list("record_type", "record_id", "actor"))
    assert logged == [
        ("organisation", str(organisation["id"]), "user:officer"),
        ("carrier", str(carrier["id"]), "user:officer"),
        ("carrier_membership", str(carrier["id"]), "user:officer"),
        ("program_crosswalk", str(world["program"].pk), "user:officer"),
        ("organisation", str(organisation["id"]), "user:officer"),
    ]
    assert json.loads(Leaf.objects.get(leaf_index=4).document)["content"]["employees"] == 120


def test_public_key_and_heads_are_public(logged_world, ledger_signing_key):
    anonymous = Client()

    key = anonymous.get("/api/ledger/public-key").json()
    latest = anonymous.get("/api/ledger/heads/latest").json()
    heads = anonymous.get("/api/ledger/heads").json()

    public_key = ledger_signing_key.public_key()
    assert b64(key["public_key"]) == public_key.public_bytes_raw()
    assert key["pem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert latest["tree_size"] == 10 and heads["count"] == 1
    signed = SignedTreeHead.from_dict(latest)
    assert verify_tree_head(public_key, signed.head, signed.signature)


def test_latest_head_is_404_before_any_signing(db):
    response = Client().get("/api/ledger/heads/latest")

    assert response.status_code == 404
    assert response.json() == {"detail": "No tree head has been signed yet."}


def test_only_administrators_sign_on_demand(logged_world):
    refused = client_for(logged_world["officer"]).post("/api/ledger/heads")
    anonymous = Client().post("/api/ledger/heads")
    signed = client_for(logged_world["admin"]).post("/api/ledger/heads")

    assert refused.status_code == 403 and anonymous.status_code == 401
    assert signed.status_code == 201 and signed.json()["tree_size"] == 10
    assert SignedHead.objects.count() == 2


def test_inclusion_proof_of_a_leaf_verifies_against_the_signed_root(logged_world):
    client = client_for(logged_world["student_user"])
    head = SignedHead.objects.get()

    for encoding, decode in [("base64", b64), ("hex", bytes.fromhex)]:
        proof = client.get("/api/ledger/proofs/inclusion", {"leaf_index": 3, "encoding": encoding}).json()

        assert (proof["leaf_index"], proof["tree_size"]) == (3, 10)
        assert len(proof["audit_path"]) == 4
        path = [decode(item) for item in proof["audit_path"]]
        assert verify_inclusion(decode(proof["leaf_hash"]), 3, 10, path, bytes(head.root_hash))


def test_consistency_proof_between_two_signed_heads_verifies(logged_world):
    old = SignedHead.objects.get()
    school = logged_world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": n}) for n in range(7)], actor=None)
    new = sign_tree_head(actor=None)

    proof = (
        client_for(logged_world["officer"])
        .get("/api/ledger/proofs/consistency", {"first": 10, "second": 17})
        .json()
    )

    assert (proof["first"], proof["second"]) == (10, 17)
    path = [b64(item) for item in proof["consistency"]]
    assert verify_consistency(10, 17, path, bytes(old.root_hash), bytes(new.root_hash))


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/api/ledger/proofs/inclusion", {"leaf_index": 10}, "leaf_index 10 is not in the log of 10 leaves."),
        (
            "/api/ledger/proofs/inclusion",
            {"leaf_index": 2, "tree_size": 2},
            "leaf_index 2 is not in a tree of 2 leaves.",
        ),
        (
            "/api/ledger/proofs/inclusion",
            {"leaf_index": 0, "tree_size": 11},
            "tree_size 11 exceeds the 10 leaves in the log.",
        ),
        (
            "/api/ledger/proofs/consistency",
            {"first": 5, "second": 3},
            "A consistency proof needs 0 < first <= second.",
        ),
        (
            "/api/ledger/proofs/consistency",
            {"first": 5, "second": 12},
            "tree_size 12 exceeds the 10 leaves in the log.",
        ),
    ],
)
def test_proofs_refuse_sizes_outside_the_log(logged_world, url, params, message):
    response = client_for(logged_world["officer"]).get(url, params)

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == message


@pytest.mark.parametrize(
    "params",
    [
        {"leaf_index": -1},
        {"leaf_index": "x"},
        {},
        {"leaf_index": 1, "encoding": "base32"},
        {"leaf_index": 1, "tree_size": 0},
    ],
)
def test_malformed_proof_parameters_are_422(logged_world, params):
    response = client_for(logged_world["officer"]).get("/api/ledger/proofs/inclusion", params)

    assert response.status_code == 422


def test_proofs_need_a_signed_in_user(logged_world):
    assert Client().get("/api/ledger/proofs/inclusion", {"leaf_index": 0}).status_code == 401


def test_a_leaf_newer_than_every_head_is_409_until_the_next_signing(logged_world):
    client = client_for(logged_world["officer"])
    school = logged_world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": 1})], actor=None)

    pending = client.get("/api/ledger/proofs/inclusion", {"leaf_index": 10})
    sign_tree_head(actor=None)
    ready = client.get("/api/ledger/proofs/inclusion", {"leaf_index": 10})

    assert pending.status_code == 409
    assert "not yet covered by a signed tree head" in pending.json()["detail"]
    assert ready.status_code == 200 and ready.json()["tree_size"] == 11


def test_exported_record_verifies_independently(logged_world, ledger_signing_key):
    carrier = logged_world["carrier"]

    bundle = (
        client_for(logged_world["enterprise_user"]).get(f"/api/ledger/records/carrier/{carrier.pk}").json()
    )

    assert bundle["format"] == "chanjiao-ledger-record/1"
    assert bundle["record"]["record_type"] == "carrier" and bundle["record"]["record_id"] == carrier.pk
    assert bundle["record"]["content"]["name"] == carrier.name
    check = check_record_bundle(bundle, public_key=ledger_signing_key.public_key())
    assert check.ok
    bundle["record"]["content"]["legal_personality"] = True
    assert not check_record_bundle(bundle, public_key=ledger_signing_key.public_key()).ok


def test_record_proof_holds_hashes_only_and_follows_record_visibility(logged_world):
    enterprise = logged_world["enterprise"]
    rival = client_for(logged_world["other_enterprise_user"])
    leaf = LedgerEntry.objects.get(record_type="organisation", record_id=str(enterprise.pk)).leaf_id

    proof = rival.get(f"/api/ledger/records/organisation/{enterprise.pk}/proof")
    content = rival.get(f"/api/ledger/records/organisation/{enterprise.pk}")
    leaf_content = rival.get(f"/api/ledger/leaves/{leaf}")
    own = client_for(logged_world["enterprise_user"]).get(f"/api/ledger/records/organisation/{enterprise.pk}")
    officer = client_for(logged_world["officer"]).get(f"/api/ledger/leaves/{leaf}")

    assert proof.status_code == 200
    assert (proof.json()["leaf_index"], proof.json()["record_id"]) == (leaf, str(enterprise.pk))
    assert "record" not in proof.json()
    assert content.status_code == 403 and leaf_content.status_code == 403
    assert own.status_code == 200 and own.json()["record"]["content"]["revenue"] == "12000.00"
    assert officer.status_code == 200


def test_an_organisation_without_private_figures_is_exported_to_anyone(logged_world):
    school = logged_world["school"]

    response = client_for(logged_world["other_enterprise_user"]).get(
        f"/api/ledger/records/organisation/{school.pk}"
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/ledger/records/placement/1", 404),
        ("/api/ledger/records/organisation/999999", 404),
        ("/api/ledger/records/organisation/abc", 404),
        ("/api/ledger/leaves/999", 404),
    ],
)
def test_unknown_records_are_404(logged_world, url, status):
    response = client_for(logged_world["officer"]).get(url)

    assert response.status_code == status
    assert response.json()["detail"]


def test_a_record_not_yet_logged_is_404(logged_world):
    newcomer = Organisation.objects.create(kind="school", name="新学校", region_id=320505)

    response = client_for(logged_world["officer"]).get(
        f"/api/ledger/records/organisation/{newcomer.pk}/proof"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": f"organisation {newcomer.pk} is not in the log."}


def test_leaves_list_filters_by_record(logged_world):
    carrier = logged_world["carrier"]

    page = (
        client_for(logged_world["student_user"])
        .get("/api/ledger/leaves", {"record_type": "carrier_membership", "record_id": carrier.pk})
        .json()
    )

    assert page["count"] == 1
    assert page["items"][0]["record_type"] == "carrier_membership"
    assert len(b64(page["items"][0]["leaf_hash"])) == 32


def test_verify_endpoint_checks_a_bundle_and_names_bad_fields(logged_world):
    carrier = Carrier.objects.get()
    bundle = client_for(logged_world["officer"]).get(f"/api/ledger/records/carrier/{carrier.pk}").json()
    anonymous = Client()

    ok = send(anonymous, "post", "/api/ledger/verify", {"bundle": bundle}).json()
    bundle["record"]["content"]["status"] = "closed"
    tampered = send(anonymous, "post", "/api/ledger/verify", {"bundle": bundle}).json()
    bad_key = send(anonymous, "post", "/api/ledger/verify", {"bundle": bundle, "public_key": "AAAA"})
    bad_bundle = send(anonymous, "post", "/api/ledger/verify", {"bundle": {"format": "other"}})

    assert ok["ok"] and [step["name"] for step in ok["steps"]] == [
        "record",
        "signature",
        "tree size",
        "inclusion",
    ]
    assert not tampered["ok"]
    assert [step["ok"] for step in tampered["steps"]] == [False, True, True, False]
    assert bad_key.status_code == 422 and bad_key.json()["detail"][0]["loc"] == ["body", "public_key"]
    assert bad_bundle.status_code == 422 and bad_bundle.json()["detail"][0]["loc"] == ["body", "bundle"]
    assert "'format' must be 'chanjiao-ledger-record/1'" in bad_bundle.json()["detail"][0]["msg"]
