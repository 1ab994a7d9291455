"""The `chanjiao` command line.

Each sub-command lives in a module of ``chanjiao.commands`` that exposes
``register(subparsers)``; the module adds its parser and sets ``handler`` to a function
``handler(args) -> int``. Commands that touch the database call ``chanjiao.commands.setup_django``
themselves, so pure commands (coding, survey analysis) start fast and need no database.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "chanjiao.commands.platform",
    "chanjiao.commands.backup",
    "chanjiao.commands.demo",
    "chanjiao.commands.surveys",
    "chanjiao.commands.occupations",
    "chanjiao.commands.ledger",
    "chanjiao.commands.credit",
    "chanjiao.commands.docking",
    "chanjiao.commands.evaluation",
    "chanjiao.commands.matching",
)


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chanjiao",
        description="Chanjiao: the open platform for industry-education integration.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return int(handler(args) or 0)
    except CommandError as error:
        print(f"chanjiao {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
