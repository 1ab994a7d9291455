"""`chanjiao backup | restore`: one archive with the database, the record log's signing key and
the uploaded files; restored into an empty database, then migrated and verified.

The database is copied consistently while the platform runs: ``pg_dump`` (custom format) on
PostgreSQL, SQLite's online backup API on SQLite. The ledger signing key goes into the archive
only when it is the development key file in CHANJIAO_VAR; a key given in LEDGER_SIGNING_KEY stays
with the operator, and the archive records its public key so that a restore can check the key it
will sign with is the same one.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from chanjiao.commands import setup_django

FORMAT = "chanjiao-backup/1"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
KEY_MEMBER = "var/ledger-signing-key.pem"
SECRET_MEMBER = "var/secret_key"
MEDIA_PREFIX = "var/media/"


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="write one archive: database, ledger signing key (development key), uploaded files"
    )
    backup.add_argument("-o", "--output", metavar="FILE", help="default: var/backups/chanjiao-<time>.tar")
    backup.set_defaults(handler=handle_backup)

    restore = subparsers.add_parser(
        "restore", help="restore an archive into the configured (empty) database, migrate and verify it"
    )
    restore.add_argument("archive", metavar="FILE")
    restore.add_argument(
        "--force", action="store_true", help="overwrite a database that already holds data, and var/ files"
    )
    restore.set_defaults(handler=handle_restore)


def _error(message: str):
    from chanjiao.cli import CommandError

    return CommandError(message)


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise _error(f"backups support SQLite and PostgreSQL, not {engine}")


def _pg_command(tool: str, database: dict, *args: str) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    command = [tool, *args]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [flag, str(database[key])]
    return command + ["--dbname", str(database["NAME"])], env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise _error(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise _error(f"{command[0]} failed: {result.stderr.strip()}")


def _sqlite_source(database: dict) -> sqlite3.Connection:
    name = str(database["NAME"])
    if name.startswith("file:"):  # an in-memory database shared in this process (the test suite)
        return sqlite3.connect(name, uri=True)
    return sqlite3.connect(f"file:{name}?mode=ro", uri=True)


def dump_database(database: dict, target: Path) -> None:
    """A consistent copy of the database while it is in use."""
    if _vendor(database) == "sqlite":
        source, copy = _sqlite_source(database), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        _run(
            *_pg_command(
                "pg_dump", database, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"
            )
        )


def load_database(database: dict, dump: Path) -> None:
    """Load a dump into the (empty or, with --force, overwritten) database."""
    if _vendor(database) == "sqlite":
        path = Path(str(database["NAME"]))
        path.parent.mkdir(parents=True, exist_ok=True)
        source, target = sqlite3.connect(dump), sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(
            *_pg_command(
                "pg_restore",
                database,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                str(dump),
            )
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _add(archive: tarfile.TarFile, name: str, data: bytes, files: dict[str, str]) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))
    files[name] = _sha256(data)


def write_backup(output: Path) -> dict:
    """Write the archive and return its manifest."""
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from chanjiao.ledger.keys import (
        KEY_VARIABLE,
        configured_key_text,
        development_key_path,
        public_key_base64,
    )
    from chanjiao.ledger.selectors import latest_head, log_state

    database = settings.DATABASES["default"]
    vendor = _vendor(database)
    var = Path(settings.VAR_DIR)
    head = latest_head()
    files: dict[str, str] = {}
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "ledger": {
            "tree_size": log_state()[0],
            "signed_tree_size": head.tree_size if head else None,
            "public_key": public_key_base64(),
            "key": "development key file (in this archive)"
            if configured_key_text() is None
            else f"{KEY_VARIABLE} (not in this archive)",
        },
        "files": files,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(partial, "w") as archive:
        dump = Path(scratch) / DATABASE_MEMBER[vendor]
        dump_database(database, dump)
        _add(archive, DATABASE_MEMBER[vendor], dump.read_bytes(), files)
        if configured_key_text() is None and development_key_path().is_file():
            _add(archive, KEY_MEMBER, development_key_path().read_bytes(), files)
        if not os.environ.get("SECRET_KEY") and (var / "secret_key").is_file():
            _add(archive, SECRET_MEMBER, (var / "secret_key").read_bytes(), files)
        media = Path(settings.MEDIA_ROOT)
        for path in sorted(media.rglob("*")) if media.is_dir() else []:
            if path.is_file():
                _add(
                    archive,
                    MEDIA_PREFIX + path.relative_to(media).as_posix(),
                    path.read_bytes(),
                    files,
                )
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode(), {})
    partial.replace(output)  # a backup interrupted half-way never looks complete
    return manifest


def _read_archive(path: Path) -> tuple[dict, dict[str, bytes]]:
    try:
        with tarfile.open(path) as archive:
            members = {
                member.name: archive.extractfile(member).read()  # type: ignore[union-attr]
                for member in archive.getmembers()
                if member.isfile()
            }
    except (OSError, tarfile.TarError) as error:
        raise _error(f"cannot read the backup {path}: {error}") from None
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError):
        raise _error(f"{path} is not a Chanjiao backup (no manifest.json)") from None
    if manifest.get("format") != FORMAT:
        raise _error(f"{path}: unknown backup format {manifest.get('format')!r}")
    for name, digest in manifest["files"].items():
        if name not in members or _sha256(members[name]) != digest:
            raise _error(f"{path}: {name} is missing or damaged (checksum mismatch); nothing was restored")
    unsafe = [name for name in members if name.startswith("/") or ".." in Path(name).parts]
    if unsafe:
        raise _error(f"{path}: refusing unsafe paths {unsafe}")
    return manifest, members


def _database_has_data() -> bool:
    from django.db import connection

    return "django_migrations" in connection.introspection.table_names()


def _write_file(path: Path, data: bytes, *, force: bool, what: str) -> None:
    if path.is_file() and path.read_bytes() != data and not force:
        raise _error(f"{path} ({what}) exists and differs from the backup's; use --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o600)


def restore_backup(archive: Path, *, force: bool) -> dict:
    """Restore into the configured database and var/ folder; returns the manifest."""
    from django.conf import settings
    from django.db import connection

    from chanjiao.ledger.keys import configured_key_text, development_key_path

    manifest, members = _read_archive(archive)
    database = settings.DATABASES["default"]
    vendor = _vendor(database)
    if manifest["database"] != vendor:
        raise _error(f"this backup holds a {manifest['database']} database; the configured one is {vendor}")
    if _database_has_data() and not force:
        raise _error(
            "the configured database already holds a platform; restore into an empty database or use --force"
        )
    if KEY_MEMBER not in members and configured_key_text() is None:
        raise _error(
            "the backup was signed with LEDGER_SIGNING_KEY, which is not in the archive: set the same key "
            f"(public key {manifest['ledger']['public_key']}) before restoring"
        )
    var = Path(settings.VAR_DIR)
    if KEY_MEMBER in members:
        _write_file(development_key_path(), members[KEY_MEMBER], force=force, what="ledger signing key")
    if SECRET_MEMBER in members and not os.environ.get("SECRET_KEY"):
        _write_file(var / "secret_key", members[SECRET_MEMBER], force=force, what="secret key")
    from chanjiao.ledger.keys import public_key_base64

    if public_key_base64() != manifest["ledger"]["public_key"]:
        raise _error(
            "the configured LEDGER_SIGNING_KEY is not the key that signed this backup's heads "
            f"(expected public key {manifest['ledger']['public_key']})"
        )
    connection.close()
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DATABASE_MEMBER[vendor]
        dump.write_bytes(members[DATABASE_MEMBER[vendor]])
        load_database(database, dump)
    media = Path(settings.MEDIA_ROOT)
    for name, data in members.items():
        if name.startswith(MEDIA_PREFIX):
            _write_file(media / name[len(MEDIA_PREFIX) :], data, force=force, what="uploaded file")
    return manifest


def handle_backup(args: argparse.Namespace) -> int:
    setup_django()
    from django.conf import settings

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    output = (
        Path(args.output) if args.output else Path(settings.VAR_DIR) / "backups" / f"chanjiao-{stamp}.tar"
    )
    manifest = write_backup(output)
    print(
        f"backup written to {output}: {manifest['database']} database, {len(manifest['files'])} files, "
        f"record log of {manifest['ledger']['tree_size']} leaves ({manifest['ledger']['key']})"
    )
    return 0


def handle_restore(args: argparse.Namespace) -> int:
    setup_django()
    from chanjiao.commands import migrate_database
    from chanjiao.ledger.keys import public_key
    from chanjiao.ledger.verification import verify_ledger

    manifest = restore_backup(Path(args.archive), force=args.force)
    migrate_database()  # the code may be newer than the backup
    report = verify_ledger(public_key=public_key())
    print(f"restored {args.archive} (made {manifest['created_at']}) into the {manifest['database']} database")
    summary = report.as_dict()
    print(json.dumps({key: summary[key] for key in summary if key != "findings"}, ensure_ascii=False))
    if not report.ok:
        print("the record log does NOT verify after the restore: see `chanjiao ledger verify`")
        return 1
    print("the record log verifies")
    return 0
