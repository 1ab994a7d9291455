"""Settings for the test suite: the real settings with fast password hashing, plain static
storage (no manifest to build) and jobs run immediately in the test process."""

import os

from chanjiao.config.settings import *  # noqa: F403
from chanjiao.config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Several test runs may share one PostgreSQL server (developers' machines, parallel jobs): each run
# gets its own database, dropped when the run ends.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_chanjiao_{os.getpid()}"}  # noqa: F405
