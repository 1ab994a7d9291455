"""Sub-commands of the `chanjiao` CLI (see chanjiao.cli)."""

import os


def setup_django() -> None:
    """Configure Django for commands that use the database (once per process: setting up again
    would rebuild the log handlers on whatever stderr is current)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanjiao.config.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate_database() -> None:
    """Bring the database schema and reference data up to date (quick when nothing is new)."""
    from django.conf import settings
    from django.core.management import call_command

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", "--no-input", "-v", "0")
    call_command("createcachetable", "-v", "0")


def collect_static() -> None:
    """Collect the static files into STATIC_ROOT, unless exactly the same files (by path, size and
    modification time) were collected last time: hashing and compressing every file (gzip and
    brotli) takes a minute or more on 2 cores, at every start of `chanjiao run`."""
    import hashlib
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    sources = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            status = os.stat(storage.path(path))
            sources.append(
                f"{getattr(storage, 'prefix', '') or ''}/{path}\0{status.st_size}\0{status.st_mtime_ns}"
            )
    fingerprint = hashlib.sha256(
        "\n".join([settings.STORAGES["staticfiles"]["BACKEND"], *sorted(sources)]).encode()
    ).hexdigest()
    root = Path(settings.STATIC_ROOT)
    stamp = root / ".collected"
    if stamp.is_file() and stamp.read_text() == fingerprint and (root / "staticfiles.json").is_file():
        return
    call_command("collectstatic", "--no-input", "-v", "0")
    stamp.write_text(fingerprint)
