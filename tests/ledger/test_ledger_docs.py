"""docs/ledger.md: the auditor's by-hand check runs as printed and catches a changed record."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chanjiao.cli import main
from chanjiao.core.ledger import encode_public_key

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"

pytestmark = pytest.mark.django_db


def _by_hand_script() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    return next(block for block in blocks if block.startswith("# verify_record.py"))


@pytest.fixture
def audit_folder(logged_world, ledger_signing_key, tmp_path):
    carrier = logged_world["carrier"]
    main(["ledger", "export", "carrier_membership", str(carrier.pk), "-o", str(tmp_path / "record.json")])
    main(["ledger", "head", "-o", str(tmp_path / "head.json")])
    (tmp_path / "key.pem").write_text(encode_public_key(ledger_signing_key.public_key(), pem=True))
    (tmp_path / "verify_record.py").write_text(_by_hand_script(), encoding="utf-8")
    return tmp_path


def _run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "verify_record.py"], cwd=folder, capture_output=True, text=True, check=False
    )


def test_the_documented_check_verifies_an_exported_record(audit_folder, logged_world):
    result = _run(audit_folder)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"verified: carrier_membership {logged_world['carrier'].pk}"


def test_the_documented_check_rejects_a_changed_record(audit_folder):
    record = audit_folder / "record.json"
    bundle = json.loads(record.read_text(encoding="utf-8"))
    bundle["record"]["content"]["members"][0]["council_seats"] = 9
    record.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")

    result = _run(audit_folder)

    assert result.returncode == 1
    assert "the record is NOT in the signed tree" in result.stderr
