"""`chanjiao ledger verify --workers N`: the leaves audited in ranges on a Dask cluster give the
report of the verification in one process, finding for finding."""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.cli import main
from chanjiao.core.ledger import encode_public_key
from chanjiao.ledger.models import Leaf, Node, SignedHead
from chanjiao.ledger.records import get_record_type
from chanjiao.ledger.services import RecordChange, append_records, sign_tree_head
from chanjiao.ledger.verification import verify_ledger
from chanjiao.registry.models import Organisation
from chanjiao.scale.cluster import SCHEDULER_VARIABLE

pytestmark = pytest.mark.django_db


def comparable(report) -> dict:
    return {key: value for key, value in report.as_dict(limit=1000).items() if key != "seconds"}


def grow_log(world):
    school = world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": n}) for n in range(30)], actor=None)
    current = get_record_type("organisation").content_of(school.pk)
    append_records(changes=[RecordChange("organisation", school.pk, current)], actor=None)
    sign_tree_head(actor=None)


def test_a_sound_log_verifies_in_ranges_on_the_cluster(logged_world, ledger_signing_key, client):
    # given a log of 41 leaves: three ranges of 16
    grow_log(logged_world)
    # when
    report = verify_ledger(public_key=ledger_signing_key.public_key(), client=client, range_level=4)
    # then
    assert report.ok
    assert comparable(report) == comparable(verify_ledger(public_key=ledger_signing_key.public_key()))
    assert report.tree_size == 41


def test_tampering_gives_the_same_findings_on_the_cluster(logged_world, ledger_signing_key, client):
    # given a rewritten document, a changed cached node, a forged head and an edited record
    grow_log(logged_world)
    leaf = Leaf.objects.get(leaf_index=20)
    Leaf.objects.filter(pk=20).update(document=leaf.document.replace('"n":', '"m":'))
    Node.objects.filter(level=4, node_index=1).update(node_hash=bytes(32))
    forged = Ed25519PrivateKey.generate()
    SignedHead.objects.filter(pk=SignedHead.objects.first().pk).update(
        signature=forged.sign(b"anything"), public_key=encode_public_key(forged.public_key())
    )
    Organisation.objects.filter(pk=logged_world["enterprise"].pk).update(revenue=1)
    # when
    on_cluster = verify_ledger(public_key=ledger_signing_key.public_key(), client=client, range_level=4)
    # then
    in_process = verify_ledger(public_key=ledger_signing_key.public_key())
    assert comparable(on_cluster) == comparable(in_process)
    kinds = [finding.kind for finding in on_cluster.findings]
    assert kinds.count("leaf_document") == 1
    assert kinds.count("node") == 1
    assert kinds.count("head") == 1
    assert kinds.count("record_changed") == 1


def test_the_cli_verifies_on_the_cluster_named_by_the_environment(
    logged_world, ledger_signing_key, client, monkeypatch, capsys
):
    # given
    monkeypatch.setenv(SCHEDULER_VARIABLE, client.scheduler.address)
    # when
    status = main(["ledger", "verify", "--workers", "2", "--json"])
    # then
    assert status == 0
    assert json.loads(capsys.readouterr().out)["tree_size"] == 10
    assert main(["ledger", "verify", "--workers", "-1"]) == 2
