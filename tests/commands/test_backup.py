"""`chanjiao backup` / `chanjiao restore`: a backup restores into a fresh database (SQLite, or
PostgreSQL when the suite runs there), the record log verifies and serves the same signed head."""

import io
import json
import os
import subprocess
import sys
import tarfile
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from chanjiao.cli import CommandError
from chanjiao.commands.backup import restore_backup, write_backup
from chanjiao.ledger.selectors import latest_head
from chanjiao.ledger.services import record_existing, sign_tree_head

# Backups read the database through a connection of their own: the data must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
KEY_TEXT = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  # base64 of bytes 0..31, as tests/ledger


@pytest.fixture
def fresh_database(tmp_path):
    """A URL for an empty database of the suite's kind; dropped afterwards on PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    server = os.environ["DATABASE_URL"]
    name = f"chanjiao_restore_{os.getpid()}"
    admin = psycopg.connect(server, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _chanjiao(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chanjiao", *args], env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def signed_world(world, settings, tmp_path):
    settings.LEDGER_SIGNING_KEY = KEY_TEXT
    settings.VAR_DIR = tmp_path / "var-before"
    settings.MEDIA_ROOT = tmp_path / "var-before" / "media"
    evidence = settings.MEDIA_ROOT / "evaluation" / "evidence" / "2025" / "report.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 evidence")
    record_existing(actor=None)
    sign_tree_head(actor=None)
    return world


def test_a_backup_restores_into_a_fresh_database_and_its_log_verifies(signed_world, tmp_path, fresh_database):
    # given a backup of a platform with a signed record log and an uploaded file
    archive = tmp_path / "backup.tar"
    manifest = write_backup(archive)
    head_before = latest_head().signed_tree_head().to_dict()
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database,
        "CHANJIAO_VAR": str(tmp_path / "var-after"),
        "LEDGER_SIGNING_KEY": KEY_TEXT,
        "DJANGO_SETTINGS_MODULE": "chanjiao.config.settings",
        "LOG_LEVEL": "WARNING",
    }

    # when it is restored into an empty database
    restored = _chanjiao(env, "restore", str(archive))
    head_after = _chanjiao(env, "ledger", "head")

    # then the log verifies, the signed head is the same and the uploaded file is back
    assert restored.returncode == 0, restored.stdout + restored.stderr[-3000:]
    assert "the record log verifies" in restored.stdout
    assert (
        manifest["ledger"]["tree_size"] > 0
        and manifest["ledger"]["signed_tree_size"] == manifest["ledger"]["tree_size"]
    )
    assert json.loads(head_after.stdout) == head_before
    restored_file = tmp_path / "var-after" / "media" / "evaluation" / "evidence" / "2025" / "report.pdf"
    assert restored_file.read_bytes() == b"%PDF-1.4 evidence"


def test_restore_refuses_a_database_that_holds_a_platform(signed_world, tmp_path):
    archive = tmp_path / "backup.tar"
    write_backup(archive)
    size = latest_head().tree_size

    with pytest.raises(CommandError, match="already holds a platform"):
        restore_backup(archive, force=False)

    assert latest_head().tree_size == size


def test_a_damaged_backup_is_refused_before_anything_is_restored(signed_world, tmp_path):
    archive = tmp_path / "backup.tar"
    write_backup(archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    with pytest.raises(CommandError, match="missing or damaged"):
        restore_backup(damaged, force=True)
