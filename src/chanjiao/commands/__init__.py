"""Sub-commands of the `chanjiao` CLI (see chanjiao.cli)."""

import os


def setup_django() -> None:
    """Configure Django for commands that use the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chanjiao.config.settings")
    import django

    django.setup()
