"""`chanjiao run | setup | worker | token`: operating the platform."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

from chanjiao.commands import migrate_database, setup_django


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

    token = subparsers.add_parser("token", help="create an API token for a user")
    token.add_argument("action", choices=["create"])
    token.add_argument("username")
    token.add_argument("--name", default="command line")
    token.set_defaults(handler=handle_token)


def _manage(*argv: str) -> None:
    from django.core.management import call_command

    call_command(*argv)


def handle_setup(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    _manage("collectstatic", "--no-input", "-v", "0")
    if getattr(args, "demo", False):
        from chanjiao.commands.demo import handle as demo

        return demo(argparse.Namespace(scale="city", seed=1))
    return 0


def handle_run(args: argparse.Namespace) -> int:
    status = handle_setup(argparse.Namespace(demo=not args.no_demo))
    if status:
        return status
    worker = subprocess.Popen([sys.executable, "-m", "chanjiao.cli", "worker"])
    helpers = [worker]
    if args.sign_every > 0:
        signer = ["ledger", "sign", "--every", str(args.sign_every), "--if-grown"]
        helpers.append(subprocess.Popen([sys.executable, "-m", "chanjiao.cli", *signer]))
    print(f"\nChanjiao is serving at http://{args.bind}  (Ctrl+C stops it)\n", flush=True)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "chanjiao.config.wsgi:application",
            "--bind",
            args.bind,
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
    )
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (server, *helpers):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=10)


def handle_worker(args: argparse.Namespace) -> int:
    setup_django()
    _manage("db_worker", "--queue-name", "*", "--interval", "1")
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
