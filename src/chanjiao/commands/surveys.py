"""`chanjiao surveys`: questionnaire analysis for researchers with their own data (no database).

chanjiao surveys analyze DATA.csv --model MODEL.txt -o REPORT.json   (.json, .xlsx or .pdf)
chanjiao surveys simulate -o DATA.csv --model-out MODEL.txt          (seed-001 demo data)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from chanjiao.cli import CommandError

REPORT_FORMATS = (".json", ".xlsx", ".pdf")
DIAGRAM_FORMATS = (".png", ".svg", ".pdf")
ROTATIONS = ("oblimin", "promax", "quartimin", "geomin_obl", "varimax", "none")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "surveys",
        help="analyse Likert questionnaires: reliability, validity, EFA, CFA/SEM",
        description="Questionnaire analysis without the database: screening, descriptives, Cronbach's alpha, "
        "KMO/Bartlett, EFA, CFA/SEM with fit indices, CR/AVE, Fornell-Larcker and HTMT.",
    )
    actions = parser.add_subparsers(dest="surveys_action", metavar="ACTION")
    parser.set_defaults(handler=lambda args: _print_help(parser))

    analyze = actions.add_parser(
        "analyze",
        help="analyse responses against a lavaan-style model",
        description="Analyse responses (CSV or Excel, one row per respondent) against a lavaan-style model "
        "('F =~ x1 + x2 + x3', 'F2 ~ F1') and write the report as JSON, Excel or PDF.",
    )
    analyze.add_argument("data", type=Path, help="responses: .csv (UTF-8 or GB18030) or .xlsx")
    analyze.add_argument("--model", type=Path, required=True, help="text file with the model syntax")
    analyze.add_argument("-o", "--output", type=Path, required=True, help="report file: .json, .xlsx or .pdf")
    analyze.add_argument("--ordinal", action="store_true", help="estimate on polychoric correlations")
    analyze.add_argument("--scale-points", type=int, help="Likert points (5 or 7); enables range checks")
    analyze.add_argument("--reverse", default="", help="comma-separated reverse-keyed items, e.g. EP5,SS5")
    analyze.add_argument("--duration-column", help="column with completion time in seconds (speeder rule)")
    analyze.add_argument("--min-duration", type=float, help="seconds below which a response is too fast")
    analyze.add_argument(
        "--group-column", action="append", default=[], help="describe the sample by this column"
    )
    analyze.add_argument("--sent", type=int, help="questionnaires distributed, for the response rate")
    analyze.add_argument("--n-factors", type=int, help="EFA factors (default: constructs in the model)")
    analyze.add_argument("--rotation", choices=ROTATIONS, default="oblimin", help="EFA rotation")
    analyze.add_argument("--diagram", type=Path, help="also write the path diagram (.png, .svg or .pdf)")
    analyze.set_defaults(handler=handle_analyze)

    simulate = actions.add_parser(
        "simulate",
        help="write simulated responses to the seed-001 questionnaire",
        description="Simulate responses to the shipped seed-001 instrument (four constructs, five-point "
        "Likert items, some invalid responses) from its known demo model.",
    )
    simulate.add_argument("-o", "--output", type=Path, required=True, help="responses file (.csv or .xlsx)")
    simulate.add_argument("--model-out", type=Path, help="also write the model syntax to this file")
    simulate.add_argument("-n", "--responses", type=int, default=600, help="responses received (default 600)")
    simulate.add_argument("--seed", type=int, default=1)
    simulate.set_defaults(handler=handle_simulate)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def read_responses(path: Path) -> pd.DataFrame:
    """Read a CSV or Excel file of responses, rows numbered as in a spreadsheet; errors name the file."""
    if not path.is_file():
        raise CommandError(f"data file '{path}' does not exist")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path)
        elif suffix in (".csv", ".txt"):
            try:
                frame = pd.read_csv(path, encoding="utf-8-sig")
            except UnicodeDecodeError:
                # CSV files saved by Excel on Chinese Windows are GB18030 (a superset of GBK).
                frame = pd.read_csv(path, encoding="gb18030")
        else:
            raise CommandError(f"data file '{path}' must be .csv or .xlsx")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OSError) as error:
        raise CommandError(f"cannot read '{path}': {str(error).splitlines()[0]}") from error
    if frame.empty:
        raise CommandError(f"data file '{path}' has no responses")
    frame.columns = [str(column).strip() for column in frame.columns]
    # Number rows as a spreadsheet shows them (the header is row 1), so messages and the exclusion
    # list point at the row a researcher sees.
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame


def _read_model(path: Path) -> str:
    if not path.is_file():
        raise CommandError(f"model file '{path}' does not exist")
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read model file '{path}': {error}") from error


def _check_output(path: Path, formats: tuple[str, ...], what: str) -> None:
    if path.suffix.lower() not in formats:
        raise CommandError(f"{what} '{path}' must end in {', '.join(formats)}")
    if not path.parent.exists():
        raise CommandError(f"directory '{path.parent}' for {what} '{path}' does not exist")


def handle_analyze(args: argparse.Namespace) -> int:
    from chanjiao.core.surveys import (
        ScreeningRules,
        analyze,
        path_diagram,
        report_to_excel,
        report_to_pdf,
    )

    _check_output(args.output, REPORT_FORMATS, "report")
    if args.diagram is not None:
        _check_output(args.diagram, DIAGRAM_FORMATS, "diagram")
    data = read_responses(args.data)
    model = _read_model(args.model)
    reverse = [item.strip() for item in args.reverse.split(",") if item.strip()]
    screening = ScreeningRules(duration_column=args.duration_column, min_duration_seconds=args.min_duration)
    try:
        report = analyze(
            data,
            model,
            ordinal=args.ordinal,
            scale_points=args.scale_points,
            reverse_keyed=reverse,
            screening=screening,
            group_columns=args.group_column,
            sent=args.sent,
            n_factors=args.n_factors,
            rotation=None if args.rotation == "none" else args.rotation,
        )
    except ValueError as error:
        raise CommandError(str(error)) from error
    suffix = args.output.suffix.lower()
    if suffix == ".json":
        args.output.write_text(
            json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False), encoding="utf-8"
        )
    elif suffix == ".xlsx":
        args.output.write_bytes(report_to_excel(report))
    else:
        args.output.write_bytes(report_to_pdf(report))
    if args.diagram is not None:
        args.diagram.write_bytes(path_diagram(report, image_format=args.diagram.suffix.lower().lstrip(".")))
    fit = report["fit"]
    print(
        f"{report['n']} valid of {report['sample']['received']} responses; chi2({fit['df']}) = {fit['chi2']:.2f}, "
        f"CFI = {fit['cfi']:.3f}, TLI = {fit['tli']:.3f}, RMSEA = {fit['rmsea']:.3f}, SRMR = {fit['srmr']:.3f}"
    )
    for warning in report["warnings"]:
        print(f"warning: {warning}")
    print(f"wrote {args.output}")
    return 0


def handle_simulate(args: argparse.Namespace) -> int:
    from chanjiao.core.surveys import load_instrument, simulate_instrument

    _check_output(args.output, (".csv", ".xlsx"), "responses file")
    if args.model_out is not None and not args.model_out.parent.exists():
        raise CommandError(f"directory '{args.model_out.parent}' for the model file does not exist")
    if args.responses < 1:
        raise CommandError("--responses must be at least 1")
    instrument = load_instrument("seed001")
    survey = simulate_instrument(instrument, args.responses, seed=args.seed)
    if args.output.suffix.lower() == ".csv":
        survey.responses.to_csv(args.output, index=False, encoding="utf-8")
    else:
        survey.responses.to_excel(args.output, index=False)
    if args.model_out is not None:
        args.model_out.write_text(instrument.model_syntax() + "\n", encoding="utf-8")
    print(
        f"wrote {len(survey.responses)} responses ({len(survey.invalid)} deliberately invalid) to {args.output}; "
        f"analyse with --scale-points {instrument.scale.points} --reverse {','.join(instrument.reverse_keyed)} "
        "--duration-column duration_seconds --group-column group"
    )
    return 0
