"""Several processes appending at once on PostgreSQL produce one consistent log.

The test makes a scratch database on the PostgreSQL server of ``DATABASE_URL`` (or
postgres://postgres@127.0.0.1:5432/test), migrates it, starts writer processes that append
through the registry and ledger services at the same moment, then signs and verifies the log.
It is skipped, saying why, when no PostgreSQL server answers.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

WRITERS, ROUNDS = 4, 8
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
SCRIPT = Path(__file__).with_name("ledger_concurrent_writer.py")


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_URL


@pytest.fixture
def scratch_database(ledger_signing_key):
    psycopg = pytest.importorskip("psycopg")
    server_url = _server_url()
    try:
        admin = psycopg.connect(server_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is unreachable at {urlsplit(server_url).hostname}: {error}")
    name = f"chanjiao_ledger_concurrency_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": urlsplit(server_url)._replace(path=f"/{name}").geturl(),
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "PYTHONPATH": os.pathsep.join(sys.path),
        "LEDGER_SIGNING_KEY": settings.LEDGER_SIGNING_KEY,
    }
    try:
        migrate = subprocess.run(
            [sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, capture_output=True, text=True
        )
        assert migrate.returncode == 0, migrate.stderr[-2000:]
        yield env
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_concurrent_writers_produce_one_consistent_log(scratch_database, tmp_path):
    # given writer processes, started together once every one is ready
    go_file = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), "write", str(writer), str(go_file), str(ROUNDS)],
            env=scratch_database,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for writer in range(WRITERS)
    ]

    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("go.*.ready"))) < WRITERS and time.monotonic() < deadline:
        time.sleep(0.05)
    go_file.touch()

    # when they have all finished
    outputs = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, [err for _, err in outputs]
    appended = sum(int(out) for out, _ in outputs)

    # then the log holds every append once, numbered without gaps, and verifies end to end
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "verify"],
        env=scratch_database,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert appended == WRITERS * sum(2 + min(n + 1, 3) for n in range(ROUNDS))
    assert (report["tree_size"], report["contiguous"], report["findings"]) == (appended, True, [])
    assert report["ok"] and report["records_checked"] == WRITERS * ROUNDS
    assert report["writer_switches"] > WRITERS - 1  # the writers really interleaved
