"""`chanjiao demo`: generate the demo region (idempotent for a scale and seed), or the national
synthetic dataset as Parquet files for the batch steps (`--scale nation`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from chanjiao.commands import migrate_database, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="generate a demo region (city: Suzhou; province: all of Jiangsu, ~1,000,000 students; "
        "nation: Parquet files of 31 provinces for the batch steps)",
        description="Generate a deterministic demo region. The same seed always gives the same data; "
        "running it again for the same scale and seed changes nothing. --scale nation writes Parquet "
        "files (postings by month and province, placement rounds, schools, enterprises) instead of "
        "the web database: see docs/scale-out.md.",
    )
    parser.add_argument("--scale", choices=["city", "province", "nation"], default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--fraction",
        type=float,
        default=0.05,
        help="nation: share of the national load to write (1: 35 million students, 100 million "
        "postings a year; default 0.05, about 5 million postings)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="nation: folder to write (default: $CHANJIAO_VAR/nation or var/nation)",
    )
    parser.set_defaults(handler=handle)


def handle_nation(args: argparse.Namespace) -> int:
    import os

    from chanjiao.cli import CommandError

    if not 0 < args.fraction <= 1:
        raise CommandError(f"--fraction must be in (0, 1], got {args.fraction}")
    if args.seed < 0:
        raise CommandError(f"--seed must be non-negative, got {args.seed}")
    output = args.output or Path(os.environ.get("CHANJIAO_VAR") or "var") / "nation"
    if output.exists() and any(output.iterdir()):
        raise CommandError(f"folder '{output}' is not empty: give a new one with --output")
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from chanjiao.scale.nation import write_nation

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()) as bar:
        task = bar.add_task("nation", total=1)

        def echo(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message or "nation")

        summary = write_nation(output, seed=args.seed, fraction=args.fraction, progress=echo)
    print(
        f"National dataset in {output}: {summary.provinces} provinces, {summary.students:,} students in "
        f"{summary.schools:,} schools, {summary.enterprises:,} enterprises, {summary.postings:,} postings; "
        f"placement rounds of {summary.round_students:,} students over {summary.round_positions:,} positions"
    )
    return 0


def handle(args: argparse.Namespace) -> int:
    if args.scale == "nation":
        return handle_nation(args)
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
