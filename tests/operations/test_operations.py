"""What an operator relies on: /health/, request ids, the proxy setting, the 503 during a database
outage and the environment file."""

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import timezone

from chanjiao.jobs.models import ProcessBeat, ProcessRole
from chanjiao.web.operations import server_error

ROOT = Path(__file__).resolve().parents[2]


def _beat(role, seconds_ago):
    at = timezone.now() - timedelta(seconds=seconds_ago)
    ProcessBeat.objects.create(name=f"host:{role}", role=role, started_at=at, beat_at=at)


def test_health_reports_database_worker_scheduler_jobs_and_ledger(db, settings):
    from chanjiao.ledger.services import sign_tree_head

    settings.JOB_STALE_SECONDS = 3600  # a slow, loaded machine must not make a fresh beat stale

    _beat(ProcessRole.WORKER, 2)
    _beat(ProcessRole.SCHEDULER, 3)
    sign_tree_head(actor=None)

    response = Client().get("/health/")

    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok", body
    assert body["database"]["status"] == "ok"
    assert body["worker"]["status"] == "ok" and body["worker"]["last_beat_seconds_ago"] >= 2
    assert body["scheduler"]["status"] == "ok"
    assert body["jobs"] == {"queued": 0, "running": 0, "oldest_queued_seconds_ago": None}
    assert body["ledger"]["status"] == "ok" and body["ledger"]["last_head_signed_at"] is not None


def test_health_is_degraded_without_a_live_worker(db, settings):
    settings.JOB_STALE_SECONDS = 3600
    _beat(ProcessRole.WORKER, 7200)

    body = Client().get("/health/").json()

    assert body["status"] == "degraded"
    assert body["worker"]["status"] == "stale" and body["scheduler"] == {
        "status": "missing",
        "last_beat_seconds_ago": None,
    }


def test_every_response_carries_a_request_id_and_keeps_the_proxys(db, caplog):
    caplog.set_level(logging.INFO, logger="chanjiao.request")

    fresh = Client().get("/health/")
    given = Client().get("/health/", HTTP_X_REQUEST_ID="proxy-1234abcd")
    forged = Client().get("/health/", HTTP_X_REQUEST_ID="bad id\nwith newline")

    assert re.fullmatch(r"[0-9a-f]{32}", fresh["X-Request-ID"])
    assert given["X-Request-ID"] == "proxy-1234abcd"
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])
    line = next(r for r in caplog.records if r.request_id == "proxy-1234abcd")
    assert (line.method, line.path, line.status) == ("GET", "/health/", 200)


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(db, settings):
    from chanjiao.web.request_context import TrustedProxyMiddleware

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    seen = []
    middleware = TrustedProxyMiddleware(lambda request: seen.append(request.META["REMOTE_ADDR"]))
    factory = RequestFactory()

    middleware(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"))
    middleware(factory.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9"))
    middleware(factory.get("/", REMOTE_ADDR="127.0.0.1"))

    assert seen == ["203.0.113.9", "198.51.100.7", "127.0.0.1"]


def test_an_unreachable_database_answers_503_with_a_clear_message():
    request = RequestFactory().get("/api/registry/organisations")
    page = RequestFactory().get("/registry/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        api = server_error(request)
        html = server_error(page)
    try:
        raise KeyError("a bug")
    except KeyError:
        bug = server_error(page)

    assert api.status_code == 503 and api["Retry-After"] == "5"
    assert json.loads(api.content)["detail"].startswith("The database is unavailable at the moment")
    assert html.status_code == 503 and "数据库暂时无法连接" in html.content.decode()
    assert bug.status_code == 500


def _settings_with(env: dict) -> dict:
    code = (
        "import json; from chanjiao.config import settings as s; "
        "print(json.dumps({'secret': s.SECRET_KEY, 'hosts': s.ALLOWED_HOSTS, 'var': str(s.VAR_DIR), "
        "'static': str(s.STATIC_ROOT), 'level': s.LOGGING['root']['level'], 'db': s.DATABASES['default']['NAME']}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("CHANJIAO", "DATABASE_URL", "SECRET_KEY"))
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_environment_file_is_loaded_and_the_process_environment_wins(tmp_path):
    env_file = tmp_path / "chanjiao.env"
    env_file.write_text(
        "# a comment line\nSECRET_KEY=from-the-file\nALLOWED_HOSTS=a.example,b.example\nLOG_LEVEL=WARNING\n"
        f"CHANJIAO_VAR={tmp_path / 'var'}\nSTATIC_ROOT=\n"
    )

    loaded = _settings_with({"CHANJIAO_ENV_FILE": str(env_file), "LOG_LEVEL": "ERROR"})

    assert loaded["secret"] == "from-the-file" and loaded["hosts"] == ["a.example", "b.example"]
    assert loaded["level"] == "ERROR"  # the process environment wins over the file
    assert loaded["static"] == str(tmp_path / "var" / "static")  # empty means the default


def test_the_example_environment_file_loads_without_comment_text_in_any_value(tmp_path):
    example = (ROOT / ".env.example").read_text()
    names = re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE)
    documented = (ROOT / "docs" / "operations.md").read_text()

    for path in (ROOT / ".env.example", ROOT / "deploy" / "chanjiao.env.example"):
        for line in path.read_text().splitlines():
            if line and not line.startswith("#"):
                assert "#" not in line.partition("=")[2], (
                    f"{path.name}: an inline comment becomes the value: {line}"
                )
    assert [name for name in names if f"`{name}`" not in documented] == []
    loaded = _settings_with({"CHANJIAO_ENV_FILE": str(ROOT / ".env.example"), "CHANJIAO_VAR": str(tmp_path)})
    assert loaded["hosts"] == ["127.0.0.1", "localhost"] and loaded["db"] == str(
        tmp_path / "chanjiao.sqlite3"
    )
    assert (tmp_path / "secret_key").read_text().strip() == loaded["secret"]


def test_every_api_operation_declares_the_error_responses(db):
    schema = Client().get("/api/openapi.json").json()

    operations = [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]
    missing = [
        (method, path, status)
        for path, method, op in operations
        for status in ("401", "403", "404", "422")
        if status not in op["responses"]
    ]
    assert len(operations) > 50 and missing == []
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    assert "FieldError" in schema["components"]["schemas"]
