"""Appends, pointers, persisted subtree nodes and signed heads, through the services."""

import json
from decimal import Decimal

import numpy as np
import pytest

from chanjiao.core.ledger import (
    EMPTY_ROOT,
    ArrayHashStore,
    hash_leaf,
    root_from_leaf_hashes,
    verify_tree_head,
)
from chanjiao.ledger.models import Leaf, LedgerEntry, LogState, Node, SignedHead
from chanjiao.ledger.services import (
    RecordChange,
    append_record,
    append_records,
    record_change,
    record_existing,
    sign_tree_head,
)
from chanjiao.registry import services as registry
from chanjiao.registry.models import Organisation

pytestmark = pytest.mark.django_db


def _stored_leaf_hashes() -> np.ndarray:
    digests = b"".join(
        bytes(h) for h in Leaf.objects.order_by("leaf_index").values_list("leaf_hash", flat=True)
    )
    return np.frombuffer(digests, dtype=np.uint8).reshape(-1, 32)


def test_a_batch_append_stores_leaves_nodes_pointers_and_the_root(world):
    # given 40 organisation records (stride-4 nodes complete at 16 and 32 leaves)
    organisation = world["enterprise"]
    changes = [
        RecordChange("organisation", organisation.pk, {"name": f"version {n}", "revenue": Decimal("1.50")})
        for n in range(40)
    ]

    # when they are appended in one batch
    leaves = append_records(changes=changes, actor=world["officer"])

    # then the leaves are numbered 0..39, each document hashes to its leaf hash
    assert [leaf.leaf_index for leaf in leaves] == list(range(40))
    stored = Leaf.objects.get(leaf_index=39)
    assert hash_leaf(stored.document.encode()) == bytes(stored.leaf_hash)
    document = json.loads(stored.document)
    assert document["content"] == {"name": "version 39", "revenue": "1.50"}
    assert (document["record_type"], document["record_id"], document["actor"]) == (
        "organisation",
        organisation.pk,
        "user:officer",
    )
    # the node table equals the in-memory layout of the same leaves
    expected = ArrayHashStore.from_leaf_hashes(_stored_leaf_hashes())
    nodes = list(Node.objects.order_by("level", "node_index").values_list("level", "node_index", "node_hash"))
    assert [(level, index) for level, index, _ in nodes] == [(4, 0), (4, 1)]
    assert [bytes(h) for _, _, h in nodes] == expected.read_nodes([(4, 0), (4, 1)])
    # the pointer names the last version and the state holds size and root
    assert LedgerEntry.objects.get(record_type="organisation", record_id=str(organisation.pk)).leaf_id == 39
    state = LogState.objects.get()
    assert state.tree_size == 40
    assert bytes(state.root_hash) == root_from_leaf_hashes(_stored_leaf_hashes())


def test_appends_one_at_a_time_give_the_same_tree_as_one_batch(world):
    # given the same 20 records appended singly
    organisation = world["school"]
    for n in range(20):
        append_record(record_type="organisation", record_id=organisation.pk, content={"n": n}, actor=None)

    # then the stored nodes and root are those of the whole log built at once
    expected = ArrayHashStore.from_leaf_hashes(_stored_leaf_hashes())
    assert [bytes(h) for h in Node.objects.values_list("node_hash", flat=True)] == expected.read_nodes(
        [(4, 0)]
    )
    assert bytes(LogState.objects.get().root_hash) == root_from_leaf_hashes(_stored_leaf_hashes())


def test_an_unknown_record_type_or_bad_id_is_refused_and_nothing_is_stored(world):
    with pytest.raises(ValueError, match="Unknown record type 'placement'"):
        append_record(record_type="placement", record_id=1, content={}, actor=None)
    with pytest.raises(ValueError, match="not a valid organisation id"):
        append_record(record_type="organisation", record_id="abc", content={}, actor=None)
    with pytest.raises(ValueError, match="no canonical JSON form"):
        append_record(record_type="organisation", record_id=1, content={"tags": {1, 2}}, actor=None)

    assert Leaf.objects.count() == 0
    assert LedgerEntry.objects.count() == 0


def test_record_change_reads_the_record_back_from_the_database(world):
    # given an enterprise whose revenue is written with fewer decimals than the column keeps
    enterprise = world["enterprise"]
    Organisation.objects.filter(pk=enterprise.pk).update(revenue=Decimal("12000.5"))

    # when its change is logged
    leaf = record_change(instance=enterprise, actor=world["officer"])

    # then the content is what the database holds now, field by field
    content = json.loads(leaf.document)["content"]
    assert content["revenue"] == "12000.50"
    assert content["name"] == "苏州精密机械有限公司"
    assert content["region"] == enterprise.region_id
    assert sorted(content) == sorted(
        [
            "kind",
            "name",
            "credit_code",
            "region",
            "address",
            "website",
            "description",
            "size",
            "ownership",
            "industry",
            "employees",
            "revenue",
            "rd_spending",
            "certified_integration_enterprise",
            "school_level",
        ]
    )


def test_record_change_logs_membership_and_crosswalk_only_when_asked(world):
    carrier, program = world["carrier"], world["program"]

    assert record_change(instance=program, actor=None) is None  # a program's own fields are not logged
    membership = record_change(instance=carrier, actor=None, record_type="carrier_membership")
    crosswalk = record_change(instance=program, actor=None, record_type="program_crosswalk")

    members = json.loads(membership.document)["content"]["members"]
    assert [m["organisation"] for m in members] == sorted(
        [world["school"].pk, world["enterprise"].pk, world["other_enterprise"].pk]
    )
    assert members[0] == {
        "organisation": world["school"].pk,
        "role": "lead",
        "council_seats": 0,
        "joined_on": None,
    }
    assert json.loads(crosswalk.document)["content"] == {"occupations": []}
    with pytest.raises(ValueError, match="a carrier_membership record is a Carrier, not a Program"):
        record_change(instance=program, actor=None, record_type="carrier_membership")


def test_registry_services_log_each_write(world):
    # given an officer working through the registry services
    officer, carrier = world["officer"], world["carrier"]

    # when they add a member, set a crosswalk, update and remove
    registry.add_carrier_member(
        actor=officer, carrier=carrier, organisation=world["suzhou_bureau"], role="observer"
    )
    registry.set_crosswalk(actor=officer, program=world["program"], entries=[("6-18-01-01", 0.75)])
    registry.update_record(
        actor=officer, instance=world["school"], data={"address": "苏州市虎丘区学府路 1 号"}
    )
    member = carrier.memberships.get(organisation=world["suzhou_bureau"])
    registry.remove_carrier_member(actor=officer, member=member)

    # then each write is one leaf, in order, by the officer
    leaves = list(Leaf.objects.values_list("record_type", "record_id", "actor"))
    assert leaves == [
        ("carrier_membership", str(carrier.pk), "user:officer"),
        ("program_crosswalk", str(world["program"].pk), "user:officer"),
        ("organisation", str(world["school"].pk), "user:officer"),
        ("carrier_membership", str(carrier.pk), "user:officer"),
    ]
    crosswalk = json.loads(Leaf.objects.get(leaf_index=1).document)["content"]
    assert crosswalk == {"occupations": [{"occupation": "6-18-01-01", "weight": 0.75}]}
    last = json.loads(Leaf.objects.get(leaf_index=3).document)["content"]["members"]
    assert world["suzhou_bureau"].pk not in [m["organisation"] for m in last]


def test_an_update_that_changes_nothing_adds_no_leaf(world):
    registry.update_record(
        actor=world["officer"], instance=world["school"], data={"name": world["school"].name}
    )

    assert Leaf.objects.count() == 0


def test_record_existing_logs_each_record_once(world):
    first = record_existing(actor=None)
    second = record_existing(actor=None)

    # Other apps register their own record types (all empty in this world).
    assert {k: v for k, v in first.items() if v} == {
        "carrier": 1,
        "carrier_membership": 1,
        "organisation": 6,
        "program_crosswalk": 2,
    }
    assert set(second.values()) == {0}
    assert Leaf.objects.count() == 10


def test_a_signed_head_covers_the_log_and_verifies_with_the_public_key(world, ledger_signing_key):
    record_existing(actor=None)

    head = sign_tree_head(actor=world["admin"])

    assert head.tree_size == 10
    assert bytes(head.root_hash) == root_from_leaf_hashes(_stored_leaf_hashes())
    signed = head.signed_tree_head()
    assert verify_tree_head(ledger_signing_key.public_key(), signed.head, signed.signature)
    assert head.signed_by == world["admin"]


def test_an_empty_log_signs_the_empty_root(db):
    head = sign_tree_head(actor=None)

    assert (head.tree_size, bytes(head.root_hash)) == (0, EMPTY_ROOT)


def test_signing_refuses_when_the_recorded_root_differs_from_the_stored_hashes(world):
    record_existing(actor=None)
    LogState.objects.update(root_hash=bytes(32))

    with pytest.raises(ValueError, match="nothing was signed"):
        sign_tree_head(actor=None)
    assert SignedHead.objects.count() == 0


def test_the_demo_region_is_logged_and_signed(world):
    from django.apps import apps

    counts = apps.get_app_config("ledger").populate_demo(dataset=None, progress=lambda *args: None)

    assert counts == {"ledger_leaves": 10}
    assert SignedHead.objects.get().tree_size == 10
