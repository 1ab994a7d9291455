"""`chanjiao ledger sign | export | head | prove | backfill`; prove runs with no database at all."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chanjiao.cli import main
from chanjiao.core.ledger import encode_public_key
from chanjiao.ledger.models import Leaf, SignedHead
from chanjiao.ledger.services import RecordChange, append_records, sign_tree_head
from chanjiao.registry.models import Organisation
from factories import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(logged_world, ledger_signing_key, tmp_path):
    """An exported carrier record, the latest head and the published key, as files."""
    carrier = logged_world["carrier"]
    record, head, key = tmp_path / "record.json", tmp_path / "head.json", tmp_path / "key.pem"
    assert main(["ledger", "export", "carrier", str(carrier.pk), "-o", str(record)]) == 0
    assert main(["ledger", "head", "-o", str(head)]) == 0
    key.write_text(encode_public_key(ledger_signing_key.public_key(), pem=True))
    return record, head, key


def test_prove_verifies_an_exported_record(exported, logged_world, capsys):
    record, head, key = exported

    status = main(["ledger", "prove", str(record), "--head", str(head), "--public-key", str(key)])

    out = capsys.readouterr().out
    assert status == 0
    assert f"VERIFIED: carrier {logged_world['carrier'].pk} is leaf 0 of the log signed at size 10." in out


def test_prove_fails_for_a_changed_record_and_says_which_step(exported, capsys):
    record, head, key = exported
    bundle = json.loads(record.read_text())
    bundle["record"]["content"]["name"] = "另一个名字"
    record.write_text(json.dumps(bundle, ensure_ascii=False))

    status = main(["ledger", "prove", str(record), "--head", str(head), "--public-key", str(key)])

    out = capsys.readouterr().out
    assert status == 1
    assert "FAIL record: the record hashes to" in out and "FAIL inclusion" in out
    assert "NOT VERIFIED" in out


def test_prove_against_a_newer_head_asks_for_the_matching_proof(exported, logged_world, capsys, tmp_path):
    record, _head, key = exported
    school = logged_world["school"]
    append_records(changes=[RecordChange("organisation", school.pk, {"n": 1})], actor=None)
    sign_tree_head(actor=None)
    newer = tmp_path / "newer.json"
    main(["ledger", "head", "-o", str(newer)])

    stale = main(["ledger", "prove", str(record), "--head", str(newer), "--public-key", str(key)])
    stale_out = capsys.readouterr().out
    main(
        [
            "ledger",
            "export",
            "carrier",
            str(logged_world["carrier"].pk),
            "--tree-size",
            "11",
            "-o",
            str(record),
        ]
    )
    fresh = main(["ledger", "prove", str(record), "--head", str(newer), "--public-key", str(key)])

    assert stale == 1 and "fetch the proof for the head's size" in stale_out
    assert fresh == 0


def test_prove_with_another_key_fails(exported, tmp_path, capsys):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    record, head, _key = exported
    other = encode_public_key(Ed25519PrivateKey.generate().public_key())

    assert main(["ledger", "prove", str(record), "--public-key", other]) == 1
    assert "FAIL signature" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"record": "{oops"}, "the exported record is not valid JSON"),
        ({"record": '{"format": "x"}'}, "'format' must be 'chanjiao-ledger-record/1'"),
        ({"head": "[]"}, "the signed tree head must be a JSON object"),
        ({"key": "not a key"}, "--public-key"),
    ],
)
def test_prove_bad_files_are_one_line_errors(exported, files, message, capsys):
    record, head, key = exported
    for name, text in files.items():
        {"record": record, "head": head, "key": key}[name].write_text(text)

    status = main(["ledger", "prove", str(record), "--head", str(head), "--public-key", str(key)])

    assert status == 2
    assert message in capsys.readouterr().err


def test_prove_needs_no_django_and_no_database(exported):
    record, head, key = exported
    script = (
        "import sys; from chanjiao.cli import main; status = main(sys.argv[1:]); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'; "
        "sys.exit(status)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # unreachable: any database use would fail

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "ledger",
            "prove",
            str(record),
            "--head",
            str(head),
            "--public-key",
            str(key),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parent,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "VERIFIED" in result.stdout


def test_sign_and_backfill(world, capsys):
    assert main(["ledger", "backfill"]) == 0
    assert main(["ledger", "sign"]) == 0

    out = capsys.readouterr().out
    assert "organisation: 6 records logged" in out and "10 records logged in all" in out
    assert f"signed tree head: size 10, root {bytes(SignedHead.objects.get().root_hash).hex()}" in out
    assert Leaf.objects.count() == 10


def test_sign_if_grown_skips_an_unchanged_log(world, capsys):
    main(["ledger", "backfill"])
    assert main(["ledger", "sign", "--if-grown"]) == 0  # no head yet: signs
    assert main(["ledger", "sign", "--if-grown"]) == 0  # nothing new: no second head
    assert "covers all 10 leaves: nothing to sign" in capsys.readouterr().out
    make_org("enterprise", "新登记的企业")
    main(["ledger", "backfill"])
    assert main(["ledger", "sign", "--if-grown"]) == 0

    assert list(SignedHead.objects.order_by("id").values_list("tree_size", flat=True)) == [10, 11]


def test_export_and_head_errors(world, capsys):
    organisation = Organisation.objects.first()

    assert main(["ledger", "head"]) == 2
    assert "no tree head has been signed yet" in capsys.readouterr().err
    assert main(["ledger", "export", "organisation", str(organisation.pk)]) == 2
    assert f"organisation {organisation.pk} is not in the log" in capsys.readouterr().err
    assert main(["ledger", "export", "vote", "1"]) == 2
    assert "Unknown record type 'vote'" in capsys.readouterr().err
