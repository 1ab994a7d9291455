"""Front-end files taken from npm packages: only the files the pages load, not whole packages.

A package's folder holds hundreds of builds, themes and sources; collecting (hashing and
compressing) all of them made `chanjiao run` spend minutes before it served. Each entry of
``settings.PACKAGE_STATIC_FILES`` names a URL prefix, a folder under the npm packages and the
files of it that are served (a source map next to a script that names it).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class PackageFilesFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.entries = []
        for prefix, (folder, names) in settings.PACKAGE_STATIC_FILES.items():
            storage = FileSystemStorage(location=settings.NODE_MODULES / folder)
            storage.prefix = prefix
            self.entries.append((prefix, storage, names))

    def check(self, **kwargs):
        return [
            Error(f"{storage.path(name)} is missing: run `make setup` (npm ci).", id="chanjiao.E001")
            for _prefix, storage, names in self.entries
            for name in names
            if not storage.exists(name)
        ]

    def find(self, path, find_all=False, **kwargs):
        found = [
            storage.path(name)
            for prefix, storage, names in self.entries
            for name in names
            if path == f"{prefix}/{name}" and storage.exists(name)
        ]
        return found if find_all else (found[0] if found else [])

    def list(self, ignore_patterns):
        for _prefix, storage, names in self.entries:
            for name in names:
                if storage.exists(name):
                    yield name, storage
