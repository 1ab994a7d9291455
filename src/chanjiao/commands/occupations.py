"""`chanjiao occupations`: code job titles to CSCO 2022, look codes up (no database).

chanjiao occupations code INPUT -o OUTPUT [--workers N]   (CSV or Parquet with a `title` column,
                                                          optionally `description`)
chanjiao occupations show CODE
chanjiao occupations search TEXT
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from chanjiao.cli import CommandError
from chanjiao.core.spreadsheets import CsvWriter

PARQUET_SUFFIXES = (".parquet", ".pq")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "occupations",
        help="code job titles to CSCO 2022 occupations; show and search codes",
        description="Occupation coding with the coder shipped in the package: free-text job titles "
        "(Chinese or English, as posted) to CSCO 2022 codes, offline.",
    )
    actions = parser.add_subparsers(dest="occupations_action", metavar="ACTION")
    parser.set_defaults(handler=lambda args: _print_help(parser))

    code = actions.add_parser(
        "code",
        help="code every title of a CSV or Parquet file",
        description="Read a CSV file (UTF-8 or GB18030) or a Parquet file (.parquet, .pq) with a "
        "'title' column and optionally a 'description' column; write title, code, name, level, "
        "confidence and alternatives ('code:probability' pairs separated by ';', best first) as CSV, "
        "or as Parquet when the output ends in .parquet or .pq.",
    )
    code.add_argument("input", type=Path, help="CSV or Parquet file with a 'title' column")
    code.add_argument(
        "-o", "--output", type=Path, help="CSV or Parquet file to write (default: CSV on standard output)"
    )
    code.add_argument(
        "--workers",
        type=int,
        default=0,
        help="code on a Dask cluster: N worker processes on this machine, or the cluster at "
        "DASK_SCHEDULER_ADDRESS when it is set (default 0: in this process)",
    )
    code.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="below this probability answer with the minor, medium or major group (default 0.5)",
    )
    code.set_defaults(handler=handle_code)

    show = actions.add_parser(
        "show",
        help="show a CSCO 2022 code",
        description="Show a CSCO 2022 code: its place in the tree, definition, tasks and job-market titles.",
    )
    show.add_argument("code", help="a code such as 6-18-02-04")
    show.set_defaults(handler=handle_show)

    search = actions.add_parser(
        "search",
        help="find the codes that fit a title or phrase",
        description="Code one title or phrase and list the most probable codes.",
    )
    search.add_argument("text", nargs="+", help="title or phrase, e.g. 数控车工 or 'forklift driver'")
    search.add_argument("-n", "--limit", type=int, default=10, help="how many codes to list (default 10)")
    search.set_defaults(handler=handle_search)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def read_titles(path: Path) -> tuple[list[str], list[str]]:
    """Titles and descriptions of a CSV or Parquet file; every problem names the file and the line."""
    if not path.is_file():
        raise CommandError(f"input file '{path}' does not exist")
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return read_parquet_titles(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            # CSV files saved by Excel on Chinese Windows are GB18030 (a superset of GBK).
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise CommandError(f"{path} line {line}: not UTF-8 or GB18030 text") from utf8_error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise CommandError(f"{path} line 1: empty file, expected a header with a 'title' column") from None
    except csv.Error as error:
        raise CommandError(f"{path} line 1: {error}") from error
    if "title" not in header:
        found = ", ".join(repr(column) for column in header) or "nothing"
        raise CommandError(f"{path} line 1: no 'title' column in the header (found {found})")
    title_at = header.index("title")
    description_at = header.index("description") if "description" in header else None
    titles: list[str] = []
    descriptions: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CommandError(f"{path} line {line}: {len(row)} fields, the header has {len(header)}")
            title = row[title_at].strip()
            if not title:
                raise CommandError(f"{path} line {line}: empty title")
            titles.append(title)
            descriptions.append(row[description_at].strip() if description_at is not None else "")
    except csv.Error as error:
        raise CommandError(f"{path} line {reader.line_num}: {error}") from error
    if not titles:
        raise CommandError(f"{path}: no titles to code")
    return titles, descriptions


def read_parquet_titles(path: Path) -> tuple[list[str], list[str]]:
    """Titles and descriptions of a Parquet file; rows are numbered from 1 in messages."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as error:
        raise CommandError(f"{path}: not a readable Parquet file ({error})") from error
    if "title" not in schema.names:
        found = ", ".join(repr(column) for column in schema.names) or "nothing"
        raise CommandError(f"{path}: no 'title' column (found {found})")
    columns = ["title", *(["description"] if "description" in schema.names else [])]
    table = pq.read_table(path, columns=columns)
    for column in columns:
        if not pa.types.is_string(table.schema.field(column).type) and not pa.types.is_large_string(
            table.schema.field(column).type
        ):
            raise CommandError(f"{path}: column '{column}' holds {table.schema.field(column).type}, not text")
    titles = [("" if title is None else title.strip()) for title in table.column("title").to_pylist()]
    empty = next((row for row, title in enumerate(titles, start=1) if not title), None)
    if empty is not None:
        raise CommandError(f"{path} row {empty}: empty title")
    if not titles:
        raise CommandError(f"{path}: no titles to code")
    if "description" in columns:
        descriptions = [(text or "").strip() for text in table.column("description").to_pylist()]
    else:
        descriptions = [""] * len(titles)
    return titles, descriptions


def _csv(coded) -> str:
    """The coded table as CSV, with titles that look like formulas made inert for spreadsheets."""
    output = io.StringIO(newline="")
    writer = CsvWriter(output, lineterminator="\n")
    writer.writerow(list(coded.columns))
    writer.writerows(coded.itertuples(index=False, name=None))
    return output.getvalue()


def handle_code(args: argparse.Namespace) -> int:
    if not 0.0 < args.threshold <= 1.0:
        raise CommandError(f"--threshold must be in (0, 1], got {args.threshold}")
    if args.workers < 0:
        raise CommandError(f"--workers must be 0 (this process) or more, got {args.workers}")
    if args.output is not None and not args.output.parent.exists():
        raise CommandError(f"directory '{args.output.parent}' for output '{args.output}' does not exist")
    titles, descriptions = read_titles(args.input)
    from chanjiao.scale.coding import code_titles, coded_frame, fitted_coder

    if args.workers:
        from chanjiao.scale.cluster import dask_client

        with dask_client(args.workers) as client:
            coded = code_titles(client, titles, descriptions, threshold=args.threshold)
    else:
        coded = coded_frame(fitted_coder(args.threshold), titles, descriptions)
    if args.output is None:
        sys.stdout.write(_csv(coded))
        return 0
    if args.output.suffix.lower() in PARQUET_SUFFIXES:
        coded.astype({"confidence": float}).to_parquet(args.output, index=False)
    else:
        args.output.write_text(_csv(coded), encoding="utf-8")
    found = int((coded["code"] != "").sum())
    fine = int((coded["level"] == "fine").sum())
    print(f"coded {found} of {len(coded)} titles ({fine} to a fine occupation); wrote {args.output}")
    return 0


def handle_show(args: argparse.Namespace) -> int:
    from chanjiao.core.coding.hierarchy import LEVELS, CodeHierarchy
    from chanjiao.core.coding.lexicon import load_job_titles
    from chanjiao.core.taxonomy import load_occupations

    occupations = {occupation.code: occupation for occupation in load_occupations()}
    hierarchy = CodeHierarchy.from_occupations(occupations.values())
    code = args.code.strip()
    if code not in hierarchy.levels:
        raise CommandError(f"unknown CSCO 2022 code '{code}' (codes look like 6-18-02-04)")
    occupation = occupations[code]
    print(f"{code}  {hierarchy.names[code]}  ({LEVELS[hierarchy.levels[code]]})")
    for ancestor in hierarchy.lineage(code)[1:]:
        print(f"  in {ancestor}  {hierarchy.names[ancestor]}")
    if occupation.definition:
        print(f"definition: {occupation.definition}")
    if occupation.tasks:
        print(f"tasks: {occupation.tasks}")
    titles = list(dict.fromkeys([*occupation.aliases, *load_job_titles().get(code, ())]))
    titles = [title for title in titles if title != occupation.name]
    if titles:
        print(f"job-market titles: {', '.join(titles)}")
    children = sorted(child for child, parent in hierarchy.parents.items() if parent == code)
    for child in children:
        print(f"  contains {child}  {hierarchy.names[child]}")
    return 0


def handle_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError(f"--limit must be at least 1, got {args.limit}")
    from chanjiao.core.coding import load_coder

    text = " ".join(args.text)
    coder = load_coder()
    answer = coder.code_one(text)
    if not answer.code:
        print(f"no CSCO 2022 code fits '{text}'")
        return 1
    print(f"{answer.code}  {answer.name}  ({answer.level}, confidence {answer.confidence:.2f})")
    probabilities = coder.predict_proba([text])[0]
    for index in probabilities.argsort()[::-1][: args.limit]:
        code = coder.classes_[index]
        print(f"  {code}  {probabilities[index]:.4f}  {coder.hierarchy_.names[code]}")
    return 0
