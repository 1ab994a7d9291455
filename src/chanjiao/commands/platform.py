"""`chanjiao run | setup | worker | scheduler | token | createadmin`: operating the platform."""

from __future__ import annotations

import argparse
import ctypes
import getpass
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from chanjiao.commands import collect_static, migrate_database, setup_django


def register(subparsers) -> None:
    run = subparsers.add_parser(
        "run", help="set up (migrate, demo, static files) and serve the platform with its worker"
    )
    run.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
    run.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    run.add_argument("--no-demo", action="store_true", help="do not generate the demo region")
    run.add_argument(
        "--sign-every",
        type=int,
        default=int(os.environ.get("LEDGER_SIGN_EVERY", "3600")),
        metavar="SECONDS",
        help="sign a tree head of the record log at this interval when it has grown (0: never; "
        "default LEDGER_SIGN_EVERY or 3600)",
    )
    run.set_defaults(handler=handle_run)

    setup = subparsers.add_parser(
        "setup", help="migrate the database, load reference data and collect static files"
    )
    setup.add_argument("--demo", action="store_true", help="also generate the city demo region")
    setup.set_defaults(handler=handle_setup)

    worker = subparsers.add_parser("worker", help="run the background-job worker in the foreground")
    worker.set_defaults(handler=handle_worker)

    scheduler = subparsers.add_parser(
        "scheduler",
        help="start periodic jobs (head signing, pruning) and re-run or fail jobs whose worker died",
    )
    scheduler.set_defaults(handler=handle_scheduler)

    token = subparsers.add_parser("token", help="create an API token for a user")
    token.add_argument("action", choices=["create"])
    token.add_argument("username")
    token.add_argument("--name", default="command line")
    token.set_defaults(handler=handle_token)

    createadmin = subparsers.add_parser(
        "createadmin",
        help="create a platform administrator, asking for its password (outside the demo, the first "
        "account; no account is ever created with a known password)",
    )
    createadmin.add_argument("username")
    createadmin.add_argument("--email", default="")
    createadmin.add_argument(
        "--password-file",
        metavar="PATH",
        help="read the password from the first line of this file (for scripts) instead of asking",
    )
    createadmin.set_defaults(handler=handle_createadmin)


def handle_setup(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    collect_static()
    if getattr(args, "demo", False):
        from chanjiao.commands.demo import handle as demo

        return demo(argparse.Namespace(scale="city", seed=1))
    from chanjiao.accounts.models import User

    if not User.objects.filter(is_active=True, is_superuser=True).exists():
        print(
            "No administrator yet: create one with `chanjiao createadmin USERNAME` (it asks for the password)."
        )
    return 0


def _die_with_parent() -> None:
    """In a child of `chanjiao run`: be killed when `chanjiao run` dies, even by SIGKILL (Linux)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start(argv: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *argv], env=env, preexec_fn=_die_with_parent)


def _stop_all(processes: list[subprocess.Popen], *, grace: float = 30.0) -> None:
    """SIGTERM every process, wait for all of them together, SIGKILL what is left after ``grace``."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def handle_run(args: argparse.Namespace) -> int:
    """Set up, then run gunicorn, the worker and the scheduler until SIGTERM or Ctrl+C stops all
    three; a worker or scheduler that exits on its own is started again."""
    status = handle_setup(argparse.Namespace(demo=not args.no_demo))
    if status:
        return status
    stop = threading.Event()

    def request_stop(signum, frame) -> None:
        stop.set()

    previous = {signum: signal.signal(signum, request_stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    env = {**os.environ, "LEDGER_SIGN_EVERY": str(max(args.sign_every, 0))}
    helpers = {
        "worker": ["chanjiao.cli", "worker"],
        "scheduler": ["chanjiao.cli", "scheduler"],
    }
    running = {name: _start(argv, env) for name, argv in helpers.items()}
    server = _start(
        [
            "gunicorn",
            "chanjiao.config.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
            "--graceful-timeout",
            "20",
        ],
        env,
    )
    print(f"\nChanjiao is serving at http://{args.bind}  (Ctrl+C stops it)\n", flush=True)
    try:
        while not stop.wait(1.0) and server.poll() is None:
            for name, process in running.items():
                if process.poll() is not None:
                    logging.getLogger(__name__).warning(
                        "the %s stopped (exit status %s); starting it again", name, process.returncode
                    )
                    running[name] = _start(helpers[name], env)
    finally:
        _stop_all([server, *running.values()])
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0 if stop.is_set() else int(server.poll() or 0)


def handle_worker(args: argparse.Namespace) -> int:
    setup_django()
    from chanjiao.jobs.processes import run_worker

    run_worker()
    return 0


def handle_scheduler(args: argparse.Namespace) -> int:
    setup_django()
    from chanjiao.jobs.processes import run_scheduler

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda signum, frame: stop.set())
    run_scheduler(stop)
    return 0


def handle_token(args: argparse.Namespace) -> int:
    setup_django()
    from chanjiao.accounts.models import User
    from chanjiao.accounts.services import create_api_token
    from chanjiao.cli import CommandError

    user = User.objects.filter(username=args.username).first()
    if user is None:
        raise CommandError(f"no user named {args.username!r}")
    _token, raw = create_api_token(user=user, name=args.name)
    print(raw)
    return 0


def _password(args: argparse.Namespace) -> str:
    from chanjiao.cli import CommandError

    if args.password_file:
        try:
            with open(args.password_file, encoding="utf-8") as file:
                return file.readline().rstrip("\r\n")
        except OSError as error:
            raise CommandError(f"cannot read the password file: {error}") from None
    if not sys.stdin.isatty():
        raise CommandError("no terminal to ask for the password: give --password-file")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise CommandError("the two passwords differ")
    return first


def handle_createadmin(args: argparse.Namespace) -> int:
    """A platform administrator with a password only its operator knows."""
    setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from chanjiao.accounts.models import Role, User
    from chanjiao.cli import CommandError

    if User.objects.filter(username__iexact=args.username).exists():
        raise CommandError(f"a user named {args.username!r} exists already")
    password = _password(args)
    candidate = User(username=args.username, email=args.email, role=Role.ADMIN)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    User.objects.create_superuser(
        username=args.username, email=args.email, password=password, role=Role.ADMIN
    )
    print(f"Administrator {args.username!r} created; sign in at /accounts/login/ or /admin/.")
    return 0
