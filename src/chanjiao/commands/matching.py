"""`chanjiao match rounds | run | report | explain`: matching rounds from the shell."""

from __future__ import annotations

import argparse
import json
import sys

from chanjiao.commands import migrate_database, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser("match", help="matching rounds (rounds, run, report, explain)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    rounds = actions.add_parser("rounds", help="list the rounds with their status")
    rounds.set_defaults(handler=handle_rounds)

    run = actions.add_parser("run", help="run a round (or its open scramble) now, with a progress bar")
    run.add_argument("round", type=int, help="round id")
    run.add_argument("--reason", default="", help="why the round runs before its ranking window closes")
    run.set_defaults(handler=handle_run)

    report = actions.add_parser("report", help="print a round's report")
    report.add_argument("round", type=int, help="round id")
    report.add_argument("--stage", choices=["main", "scramble"], default="main")
    report.add_argument("--json", action="store_true", help="the whole report as JSON")
    report.set_defaults(handler=handle_report)

    explain = actions.add_parser("explain", help="explain one student's result, choice by choice")
    explain.add_argument("round", type=int, help="round id")
    explain.add_argument("student", type=int, help="student id (registry)")
    explain.add_argument("--stage", choices=["main", "scramble"], default="main")
    explain.set_defaults(handler=handle_explain)


def _round(round_id: int):
    from chanjiao.cli import CommandError
    from chanjiao.matching.models import MatchingRound

    rnd = MatchingRound.objects.filter(pk=round_id).first()
    if rnd is None:
        raise CommandError(f"no round with id {round_id}")
    return rnd


def _run(rnd, stage: str):
    from chanjiao.cli import CommandError
    from chanjiao.matching.selectors import latest_run

    run = latest_run(rnd, stage)
    if run is None:
        raise CommandError(f"round {rnd.pk} has no {stage} run yet: `chanjiao match run {rnd.pk}`")
    return run


def handle_rounds(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from django.db.models import Count

    from chanjiao.matching.models import MatchingRound

    rounds = MatchingRound.objects.annotate(
        n_students=Count("participants", distinct=True), n_positions=Count("positions", distinct=True)
    ).order_by("pk")
    for rnd in rounds:
        print(
            f"{rnd.pk:>5}  {rnd.status:<9}  {rnd.n_students:>7,} students  {rnd.n_positions:>6,} positions  {rnd.name}"
        )
    if not rounds:
        print("No rounds yet.")
    return 0


def handle_run(args: argparse.Namespace) -> int:
    from chanjiao.cli import CommandError

    setup_django()
    migrate_database()
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from chanjiao.jobs.services import run_job, start_job_record
    from chanjiao.matching.services import allow_run

    rnd = _round(args.round)
    try:
        allow_run(actor=None, rnd=rnd, reason=args.reason)
    except ValueError as error:
        raise CommandError(f"round {rnd.pk}: {error}") from error
    job = start_job_record(
        kind="matching.run_round", label=f"Matching round {rnd.name}", actor=None, params={"round_id": rnd.pk}
    )
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()) as bar:
        task = bar.add_task("run", total=1)

        def echo(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message or "run")

        job = run_job(job.pk, echo=echo)
    if job.status != "succeeded":
        print(f"Run failed: {job.error}", file=sys.stderr)
        return 1
    result = job.result
    print(
        f"{result['matched']:,} of {result['students']:,} students placed, {result['blocking_pairs']} blocking "
        f"pairs, lottery seed {result['lottery_seed']}, {result['seconds']:.2f} s"
    )
    return 0


def handle_report(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    run = _run(_round(args.round), args.stage)
    report = run.report
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"students placed  {report['matched']:,} of {report['students']:,} ({report['match_rate']:.1%})")
    print(
        f"seats filled     {report['seats_filled']:,} of {report['seats']:,} ({report['seat_fill_rate']:.1%})"
    )
    print(f"1st choice       {report['first_choice_share']:.1%}   top 3  {report['top3_share']:.1%}")
    print(f"blocking pairs   {report['stability']['blocking_pairs']}")
    welfare = report["welfare_optimal"]
    print(
        f"welfare-optimal  {welfare['matched']:,} placed, rank sum {welfare['rank_sum']:,} "
        f"(deferred acceptance {report['rank_sum']:,}), {welfare['blocking_pairs']:,} blocking pairs"
    )
    for reason, count in report["unmatched_by_reason"].items():
        print(f"unmatched: {reason:<22} {count:,}")
    for reason, count in report["unfilled_seats_by_reason"].items():
        print(f"open seats: {reason:<27} {count:,}")
    print(f"lottery seed {report['lottery']['seed']}  sha256 {report['lottery']['digest']}")
    return 0


def handle_explain(args: argparse.Namespace) -> int:
    from chanjiao.cli import CommandError

    setup_django()
    migrate_database()
    from chanjiao.matching.explanations import explain_participant
    from chanjiao.matching.models import RoundStudent

    rnd = _round(args.round)
    participant = RoundStudent.objects.filter(round=rnd, student_id=args.student).first()
    if participant is None:
        raise CommandError(f"student {args.student} does not take part in round {rnd.pk}")
    explained = explain_participant(_run(rnd, args.stage), participant.pk)
    if explained is None:
        raise CommandError(f"student {args.student} was not part of the {args.stage} run")
    print(explained["summary"])
    for choice in explained["choices"]:
        print(f"{choice['choice_number']:>3}. {choice['sentence']}")
    return 0
