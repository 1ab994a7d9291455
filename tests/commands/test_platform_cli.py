"""The `chanjiao` command line: help, bad input as one clear line with a non-zero exit."""

import subprocess
import sys

from chanjiao.accounts.models import ApiToken
from chanjiao.cli import main
from factories import make_user


def test_help_lists_the_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("run", "setup", "worker", "token", "demo"):
        assert command in out


def test_unknown_scale_is_refused_by_argparse():
    result = subprocess.run(
        [sys.executable, "-m", "chanjiao", "demo", "--scale", "planet"], capture_output=True, text=True
    )

    assert result.returncode == 2
    assert "invalid choice: 'planet'" in result.stderr
    assert "Traceback" not in result.stderr


def test_token_for_unknown_user_is_a_clear_error(db, capsys):
    assert main(["token", "create", "nobody"]) == 2
    assert capsys.readouterr().err.strip() == "chanjiao token: error: no user named 'nobody'"


def test_token_for_a_user_prints_the_secret_once(db, capsys):
    make_user("government", username="wu")

    assert main(["token", "create", "wu", "--name", "etl"]) == 0

    secret = capsys.readouterr().out.strip()
    assert secret.startswith("cj_")
    assert ApiToken.objects.get(user__username="wu").name == "etl"


class _Process:
    started: list[list[str]] = []
    environments: list[dict] = []

    def __init__(self, argv, env=None, preexec_fn=None):
        self.started.append(argv)
        self.environments.append(env or {})

    def wait(self, timeout=None):
        return 0

    def poll(self):
        return 0


def _started_by_run(monkeypatch, *argv) -> list[list[str]]:
    from chanjiao.commands import platform

    _Process.started, _Process.environments = [], []
    monkeypatch.setattr(platform, "handle_setup", lambda args: 0)
    monkeypatch.setattr(platform.subprocess, "Popen", _Process)
    assert main(["run", *argv]) == 0
    return [argv[3:] if argv[1:3] == ["-m", "chanjiao.cli"] else argv[2:3] for argv in _Process.started]


def test_run_starts_the_worker_the_scheduler_and_the_web_server(monkeypatch, capsys):
    assert _started_by_run(monkeypatch, "--sign-every", "600") == [["worker"], ["scheduler"], ["gunicorn"]]
    assert {env["LEDGER_SIGN_EVERY"] for env in _Process.environments} == {"600"}
    assert _started_by_run(monkeypatch, "--sign-every", "0") == [["worker"], ["scheduler"], ["gunicorn"]]
    assert {env["LEDGER_SIGN_EVERY"] for env in _Process.environments} == {"0"}
