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
