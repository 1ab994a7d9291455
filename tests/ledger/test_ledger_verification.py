"""`chanjiao ledger verify`: every kind of tampering with the database is caught and named."""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chanjiao.cli import main
from chanjiao.core.ledger import encode_public_key, hash_leaf
from chanjiao.ledger.models import Leaf, LedgerEntry, LogState, Node, SignedHead
from chanjiao.ledger.records import get_record_type
from chanjiao.ledger.services import RecordChange, append_records, sign_tree_head
from chanjiao.ledger.verification import verify_ledger
from chanjiao.registry.models import CarrierMember, Organisation, ProgramOccupation
from factories import make_org

pytestmark = pytest.mark.django_db


def _kinds(report) -> list[tuple[str, str | None, str | None]]:
    return [(f.kind, f.record_type, f.record_id) for f in report.findings]


def test_an_untouched_log_verifies(logged_world, ledger_signing_key):
    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert report.ok
    assert (report.tree_size, report.heads_checked, report.records_checked) == (10, 1, 10)


def test_a_record_edited_in_the_database_is_reported_with_its_type_and_id(logged_world, ledger_signing_key):
    # given an enterprise's revenue raised behind the service's back
    enterprise = logged_world["enterprise"]
    Organisation.objects.filter(pk=enterprise.pk).update(revenue=99999)

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert _kinds(report) == [("record_changed", "organisation", str(enterprise.pk))]
    leaf = LedgerEntry.objects.get(record_type="organisation", record_id=str(enterprise.pk)).leaf_id
    assert report.findings[0].leaf_index == leaf
    assert f"organisation {enterprise.pk} differs from its leaf {leaf}" in report.findings[0].message


def test_child_rows_edited_deleted_or_inserted_directly_are_caught(logged_world, ledger_signing_key):
    carrier, program = logged_world["carrier"], logged_world["program"]
    CarrierMember.objects.filter(carrier=carrier, organisation=logged_world["enterprise"]).update(
        council_seats=5
    )
    ProgramOccupation.objects.create(program=program, occupation_id="6-18-01-01", weight=1.0)

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert sorted(_kinds(report)) == [
        ("record_changed", "carrier_membership", str(carrier.pk)),
        ("record_changed", "program_crosswalk", str(program.pk)),
    ]


def test_a_record_inserted_or_deleted_directly_is_caught(logged_world, ledger_signing_key):
    newcomer = make_org("enterprise", "未经登记的企业")
    gone = logged_world["nanjing_bureau"]
    gone_id = gone.pk
    gone.users.all().delete()
    gone.delete()

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert sorted(_kinds(report)) == sorted(
        [
            ("record_unlogged", "organisation", str(newcomer.pk)),
            ("record_missing", "organisation", str(gone_id)),
        ]
    )


def test_a_rewritten_leaf_document_fails_its_hash_and_the_signed_head(logged_world, ledger_signing_key):
    # given the stored document of leaf 0 rewritten, and its hash updated to match
    leaf = Leaf.objects.get(leaf_index=0)
    forged = json.loads(leaf.document)
    forged["content"]["name"] = "伪造的名称"
    Leaf.objects.filter(pk=0).update(document=json.dumps(forged))

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert ("leaf_document", leaf.record_type, leaf.record_id) in _kinds(report)

    # when the forger also replaces the leaf hash, the record, the signed head and the state disagree
    Leaf.objects.filter(pk=0).update(leaf_hash=hash_leaf(json.dumps(forged).encode()))
    report = verify_ledger(public_key=ledger_signing_key.public_key())
    assert _kinds(report) == [
        ("record_changed", leaf.record_type, leaf.record_id),
        ("head", None, None),
        ("state", None, None),
    ]
    assert "signed root hash differs" in report.findings[1].message


def test_a_moved_pointer_a_changed_node_and_a_forged_head_are_caught(logged_world, ledger_signing_key):
    # given 20 more leaves so that a stored subtree node exists
    school = logged_world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": n}) for n in range(20)], actor=None)
    current = get_record_type("organisation").content_of(school.pk)
    append_records(changes=[RecordChange("organisation", school.pk, current)], actor=None)
    sign_tree_head(actor=None)
    assert verify_ledger(public_key=ledger_signing_key.public_key()).ok

    LedgerEntry.objects.filter(record_type="organisation", record_id=str(school.pk)).update(leaf_id=12)
    Node.objects.filter(level=4, node_index=0).update(node_hash=bytes(32))
    forged = Ed25519PrivateKey.generate()
    SignedHead.objects.filter(pk=SignedHead.objects.first().pk).update(
        signature=forged.sign(b"anything"), public_key=encode_public_key(forged.public_key())
    )

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    kinds = [kind for kind, _, _ in _kinds(report)]
    assert kinds.count("entry") == 1
    assert kinds.count("node") == 1
    assert kinds.count("head") == 1
    assert "signature does not verify" in next(f.message for f in report.findings if f.kind == "head")


def test_heads_signed_with_another_key_fail(logged_world):
    report = verify_ledger(public_key=Ed25519PrivateKey.generate().public_key())

    assert _kinds(report) == [("head", None, None)]


def test_the_state_row_must_match_the_leaves(logged_world, ledger_signing_key):
    LogState.objects.update(tree_size=11)

    report = verify_ledger(public_key=ledger_signing_key.public_key())

    assert _kinds(report) == [("state", None, None)]


def test_cli_verify_exits_1_and_names_the_record(logged_world, ledger_signing_key, capsys):
    enterprise = logged_world["enterprise"]
    assert main(["ledger", "verify"]) == 0
    assert capsys.readouterr().out.strip().endswith("VERIFIED")

    Organisation.objects.filter(pk=enterprise.pk).update(name="改过的名称")

    assert main(["ledger", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"FAIL record_changed: organisation {enterprise.pk} differs from its leaf" in out
    assert out.strip().endswith("NOT VERIFIED")


def test_cli_verify_json_and_published_key(logged_world, ledger_signing_key, tmp_path, capsys):
    key_file = tmp_path / "key.pem"
    key_file.write_text(encode_public_key(ledger_signing_key.public_key(), pem=True))

    assert main(["ledger", "verify", "--json", "--public-key", str(key_file)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["ok"], report["tree_size"], report["findings"]) == (True, 10, [])

    assert main(["ledger", "verify", "--public-key", "not a key"]) == 2
    assert "--public-key" in capsys.readouterr().err


def test_edited_leaf_columns_are_told_apart_from_edited_records(logged_world, ledger_signing_key):
    # given an earlier version and the latest version of the school's record
    school = logged_world["school"]
    current = get_record_type("organisation").content_of(school.pk)
    append_records(changes=[RecordChange("organisation", school.pk, current)], actor=logged_world["officer"])
    entry = LedgerEntry.objects.get(record_type="organisation", record_id=str(school.pk))
    earlier = (
        Leaf.objects.filter(record_type="organisation", record_id=str(school.pk))
        .exclude(pk=entry.leaf_id)
        .get()
    )

    # when the actor column of both is rewritten
    Leaf.objects.filter(pk__in=[entry.leaf_id, earlier.pk]).update(actor="user:someone-else")

    # then both are reported as edited leaves, and the record itself as unchanged
    report = verify_ledger(public_key=ledger_signing_key.public_key())
    assert sorted((f.kind, f.leaf_index) for f in report.findings) == sorted(
        [("leaf_columns", earlier.pk), ("leaf_columns", entry.leaf_id)]
    )


def test_records_and_logged_leaves_are_merged_in_numeric_id_order(logged_world, ledger_signing_key):
    # given logged enterprises whose ids cross a digit boundary (9 < 10 < 100 but "10" < "9")
    enterprises = [make_org("enterprise", f"企业{pk}", id=pk) for pk in (9, 10, 99, 100, 1000)]
    append_records(
        changes=[
            RecordChange("organisation", org.pk, get_record_type("organisation").content_of(org.pk))
            for org in enterprises
        ],
        actor=None,
    )
    sign_tree_head(actor=None)
    assert verify_ledger(public_key=ledger_signing_key.public_key()).ok

    # when one in the middle and the last are deleted directly, and one is added after the last
    for pk in (99, 1000):
        Organisation.objects.filter(pk=pk).delete()
    make_org("enterprise", "未经登记的企业", id=5000)

    # then each is named once, and the rest still match their leaves
    report = verify_ledger(public_key=ledger_signing_key.public_key())
    assert sorted(_kinds(report)) == [
        ("record_missing", "organisation", "1000"),
        ("record_missing", "organisation", "99"),
        ("record_unlogged", "organisation", "5000"),
    ]


def test_record_types_need_an_automatic_integer_key():
    from chanjiao.ledger.records import RecordType, field_reader, register_record_types
    from chanjiao.registry.models import Occupation

    kind = RecordType(
        name="occupation_code",
        model=Occupation,
        label="occupation",
        read_contents=field_reader("name"),
        visible=lambda user: Occupation.objects.all(),
        url_name="registry:occupation",
    )
    with pytest.raises(ValueError, match="automatic integer primary key"):
        register_record_types([kind])
