"""`chanjiao evaluate`: run evaluation cycles, reproduce them and export scorecards.

chanjiao evaluate cycles                       list cycles and their latest lights
chanjiao evaluate run CYCLE                    evaluate every unit of a cycle now
chanjiao evaluate reproduce EVALUATION         re-run its stored configuration (exit 1 if it differs)
chanjiao evaluate scorecard RESULT -o FILE     a unit's scorecard as .pdf or .xlsx
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from chanjiao.cli import CommandError
from chanjiao.commands import migrate_database, setup_django

SCORECARD_FORMATS = (".pdf", ".xlsx")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="evaluation cycles: run, reproduce, export scorecards",
        description="Evaluate carriers, colleges, enterprises or districts under a scheme's cycle, check that "
        "a stored evaluation reproduces, and export scorecards. Acts as the platform (no user).",
    )
    actions = parser.add_subparsers(dest="evaluate_action", metavar="ACTION")
    parser.set_defaults(handler=lambda args: _help(parser))

    cycles = actions.add_parser("cycles", help="list cycles with their latest evaluation")
    cycles.add_argument("--year", type=int, help="only this year")
    cycles.set_defaults(handler=handle_cycles)

    run = actions.add_parser("run", help="evaluate every unit of a cycle now")
    run.add_argument("cycle", type=int, help="cycle id (see `chanjiao evaluate cycles`)")
    run.set_defaults(handler=handle_run)

    reproduce = actions.add_parser("reproduce", help="re-run an evaluation's stored configuration")
    reproduce.add_argument("evaluation", type=int, help="evaluation id")
    reproduce.set_defaults(handler=handle_reproduce)

    scorecard = actions.add_parser("scorecard", help="write a unit's scorecard")
    scorecard.add_argument("result", type=int, help="result id (the number in /evaluation/results/<id>/)")
    scorecard.add_argument("-o", "--output", type=Path, required=True, help="file: .pdf or .xlsx")
    scorecard.set_defaults(handler=handle_scorecard)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def _setup() -> None:
    setup_django()
    migrate_database()


def handle_cycles(args: argparse.Namespace) -> int:
    _setup()
    from chanjiao.evaluation.models import Cycle

    cycles = Cycle.objects.select_related("scheme").order_by("-year", "pk")
    if args.year:
        cycles = cycles.filter(year=args.year)
    for cycle in cycles:
        latest = cycle.evaluations.first()
        lights = (
            " ".join(f"{colour} {n}" for colour, n in latest.colour_counts.items() if n)
            if latest
            else "not evaluated"
        )
        print(f"{cycle.pk:>5}  {cycle.year}  {cycle.kind:<9}  {cycle.name}  [{lights}]")
    return 0


def handle_run(args: argparse.Namespace) -> int:
    _setup()
    from chanjiao.evaluation.models import Cycle
    from chanjiao.evaluation.runs import run_evaluation

    cycle = Cycle.objects.filter(pk=args.cycle).first()
    if cycle is None:
        raise CommandError(f"no cycle {args.cycle}; list them with `chanjiao evaluate cycles`")
    try:
        evaluation = run_evaluation(actor=None, cycle=cycle, background=False)
    except ValueError as error:
        raise CommandError(str(error)) from None
    counts = evaluation.colour_counts
    print(
        f"Evaluation {evaluation.pk} of {cycle.name}: {evaluation.unit_count} units, "
        f"{counts['red']} red, {counts['yellow']} yellow, {counts['green']} green, {counts['grey']} not rated"
    )
    for result in evaluation.results.filter(colour="red").order_by("position"):
        print(f"  red  {result.unit_name}: {result.sentence}")
    return 0


def handle_reproduce(args: argparse.Namespace) -> int:
    _setup()
    from chanjiao.evaluation.models import Evaluation
    from chanjiao.evaluation.runs import reproduce_evaluation

    evaluation = Evaluation.objects.filter(pk=args.evaluation).first()
    if evaluation is None:
        raise CommandError(f"no evaluation {args.evaluation}")
    report = reproduce_evaluation(evaluation)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["reproduced"] else 1


def handle_scorecard(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower()
    if suffix not in SCORECARD_FORMATS:
        raise CommandError(
            f"scorecard file must end in {' or '.join(SCORECARD_FORMATS)}, got '{args.output}'"
        )
    _setup()
    from chanjiao.evaluation.models import UnitResult
    from chanjiao.evaluation.reports import scorecard_pdf, scorecard_xlsx
    from chanjiao.evaluation.selectors import scorecard

    result = UnitResult.objects.select_related("evaluation__cycle").filter(pk=args.result).first()
    if result is None:
        raise CommandError(f"no result {args.result}")
    card = scorecard(result, None)
    args.output.write_bytes(scorecard_pdf(card) if suffix == ".pdf" else scorecard_xlsx(card))
    print(f"Wrote {args.output}")
    return 0
