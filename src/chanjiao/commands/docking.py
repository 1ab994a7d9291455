"""`chanjiao docking refresh | recode | feedback | gaps`: the supply–demand table from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chanjiao.commands import migrate_database, setup_django
from chanjiao.core.spreadsheets import CsvWriter


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "docking", help="supply–demand table and posting codes (refresh, recode, feedback, gaps)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    refresh = actions.add_parser("refresh", help="recompute the supply–demand table, advice and alignment")
    refresh.set_defaults(handler=handle_refresh)

    recode = actions.add_parser("recode", help="ask the coder again for postings nobody has confirmed")
    recode.set_defaults(handler=handle_recode)

    feedback = actions.add_parser(
        "feedback",
        help="write confirmed and corrected codes (title,description,code) for retraining the coder",
    )
    feedback.add_argument("-o", "--output", type=Path, required=True, help="CSV file to write")
    feedback.add_argument("--corrections-only", action="store_true", help="leave out plain confirmations")
    feedback.set_defaults(handler=handle_feedback)

    gaps = actions.add_parser("gaps", help="print the largest shortages and surpluses of a region")
    gaps.add_argument("--region", type=int, help="region id (default: the busiest city)")
    gaps.add_argument("--level", type=int, default=4, choices=[1, 2, 3, 4], help="CSCO level (default 4)")
    gaps.add_argument("--year", type=int, help="default: the latest year with seats and graduates")
    gaps.add_argument("-n", type=int, default=10, help="how many of each (default 10)")
    gaps.set_defaults(handler=handle_gaps)


def handle_refresh(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from chanjiao.jobs.services import run_job, start_job_record

    job = start_job_record(
        kind="docking.refresh_supply_demand", label="Refresh the supply–demand table", actor=None
    )
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()) as bar:
        task = bar.add_task("refresh", total=1)

        def echo(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message or "refresh")

        job = run_job(job.pk, echo=echo)
    if job.status != "succeeded":
        print(f"Refresh failed: {job.error}", file=sys.stderr)
        return 1
    result = job.result
    print(
        f"{result['cells']:,} cells from {result['postings']:,} published postings in {result['seconds']:.1f} s"
    )
    return 0


def handle_recode(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from chanjiao.docking.models import Posting
    from chanjiao.docking.services import recode_postings

    done = recode_postings(actor=None, postings=Posting.objects.all())
    print(f"{done:,} postings coded again")
    return 0


def handle_feedback(args: argparse.Namespace) -> int:
    from chanjiao.cli import CommandError

    if args.output.parent and not args.output.parent.exists():
        raise CommandError(f"{args.output.parent} does not exist")
    setup_django()
    migrate_database()
    from chanjiao.docking.models import CodingFeedback

    rows = CodingFeedback.objects.order_by("at", "id")
    if args.corrections_only:
        rows = rows.filter(overridden=True)
    count = 0
    with args.output.open("w", newline="", encoding="utf-8") as handle:
        writer = CsvWriter(handle)
        writer.writerow(["title", "description", "code", "suggested_code", "corrected"])
        for title, description, code, suggested, corrected in rows.values_list(
            "title", "description", "occupation_id", "suggested_code", "overridden"
        ).iterator(chunk_size=5000):
            writer.writerow([title, description, code, suggested, int(corrected)])
            count += 1
    print(f"{count:,} rows written to {args.output}")
    return 0


def handle_gaps(args: argparse.Namespace) -> int:
    from chanjiao.cli import CommandError

    setup_django()
    migrate_database()
    from chanjiao.docking import selectors
    from chanjiao.registry.models import Region

    if args.region is not None:
        region = Region.objects.filter(pk=args.region).first()
        if region is None:
            raise CommandError(f"no region with id {args.region}")
    else:
        region = selectors.default_region(_anonymous())
    year = args.year or selectors.default_year(region)
    if year is None:
        raise CommandError("the supply–demand table is empty: run `chanjiao docking refresh` first")
    view = selectors.View(region=region, level=args.level, year=year)
    totals = selectors.totals(view)
    print(
        f"{region.full_name}, {year}, level {args.level}: {totals['demand']:,} seats, {totals['supply']:,.0f} graduates"
    )
    for label, rows in (
        ("shortages", selectors.shortages(view, args.n)),
        ("surpluses", selectors.surpluses(view, args.n)),
    ):
        print(f"\n{label}:")
        for cell in rows:
            print(
                f"  {cell.occupation_id}  {cell.occupation.name:<24} {cell.demand:>7,} {cell.supply:>9,.0f} {cell.gap:>+9,.0f}"
            )
    return 0


def _anonymous():
    from chanjiao.accounts.models import User

    return User(username="cli")
