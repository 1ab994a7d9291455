"""Static files are collected again only when the files to collect changed, and only the files
the pages load are taken from the npm packages."""

from django.contrib.staticfiles import finders
from django.core.management import call_command

from chanjiao.commands import collect_static


def test_static_files_are_collected_again_only_when_a_source_changed(tmp_path, settings, monkeypatch):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body {}")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "static"
    finders.get_finder.cache_clear()
    runs = []

    def collect(*args, **kwargs):
        runs.append(args)
        settings.STATIC_ROOT.mkdir(exist_ok=True)
        (settings.STATIC_ROOT / "staticfiles.json").write_text("{}")

    monkeypatch.setattr("django.core.management.call_command", collect)

    collect_static()
    collect_static()
    assert len(runs) == 1

    (source / "site.css").write_text("body { margin: 0 }")
    collect_static()
    assert len(runs) == 2

    (settings.STATIC_ROOT / "staticfiles.json").unlink()
    collect_static()
    assert len(runs) == 3
    finders.get_finder.cache_clear()


def test_only_the_loaded_files_of_the_npm_packages_are_collected(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("collectstatic", "--no-input", "-v", "0")

    vendor = sorted(
        p.relative_to(settings.STATIC_ROOT).as_posix()
        for p in (settings.STATIC_ROOT / "vendor").rglob("*")
        if p.is_file()
    )
    assert vendor == [
        "vendor/chartjs/chart.umd.min.js",
        "vendor/chartjs/chart.umd.min.js.map",
        "vendor/pico/pico.min.css",
        "vendor/sortablejs/Sortable.min.js",
    ]
    assert finders.find("vendor/pico/pico.min.css").endswith("node_modules/@picocss/pico/css/pico.min.css")
    assert not finders.find("vendor/pico/pico.css")
