"""`chanjiao demo`: generate the demo region (idempotent for a scale and seed)."""

from __future__ import annotations

import argparse

from chanjiao.commands import migrate_database, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="generate a demo region (city: Suzhou; province: all of Jiangsu, ~1,000,000 students)",
        description="Generate a deterministic demo region. The same seed always gives the same data; "
        "running it again for the same scale and seed changes nothing.",
    )
    parser.add_argument("--scale", choices=["city", "province"], default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from chanjiao.demo.generator import demo_accounts
    from chanjiao.jobs.services import run_job, start_job_record

    job = start_job_record(
        kind="demo.generate",
        label=f"Demo region ({args.scale}, seed {args.seed})",
        actor=None,
        params={"scale": args.scale, "seed": args.seed},
    )
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
    ) as bar:
        task = bar.add_task("demo", total=1)

        def echo(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message or "demo")

        job = run_job(job.pk, echo=echo)
    if job.status != "succeeded":
        print(f"Demo generation failed: {job.error}")
        return 1
    print(f"Demo region ready: {job.result['counts']}")
    accounts = demo_accounts()
    if accounts:
        print_accounts(accounts)
    return 0


def print_accounts(accounts) -> None:
    from chanjiao.demo.generator import DEMO_PASSWORD

    print(f"\nDemo accounts (password: {DEMO_PASSWORD}):")
    for username, role, organisation in accounts:
        print(f"  {username:<12} {role:<28} {organisation}")
