"""`chanjiao ledger sign | verify | prove | export | head | backfill`: the tamper-evident record log.

``prove`` is pure: it reads files and uses nothing but the ledger core, so it runs on an
auditor's machine with no database and no access to the platform.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from chanjiao.commands import setup_django


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def register(subparsers) -> None:
    ledger = subparsers.add_parser(
        "ledger",
        help="the tamper-evident record log: sign heads, verify the log, prove one record offline",
        description="The RFC 6962 record log. See docs/ledger.md for the auditor's walk-through.",
    )
    actions = ledger.add_subparsers(dest="ledger_action", metavar="ACTION", required=True)

    sign = actions.add_parser("sign", help="sign a tree head of the log as it is now")
    sign.add_argument(
        "--every", type=_positive_int, metavar="SECONDS", help="keep signing at this interval until stopped"
    )
    sign.add_argument(
        "--if-grown", action="store_true", help="sign only when the log has grown since the latest head"
    )
    sign.set_defaults(handler=handle_sign)

    verify = actions.add_parser(
        "verify", help="check every leaf, record, pointer and signed head; exit 1 on any failure"
    )
    verify.add_argument(
        "--public-key", metavar="KEY", help="published key (file or base64); default: the configured key"
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument(
        "--workers",
        type=int,
        default=0,
        help="hash the leaves and rebuild the tree in ranges on a Dask cluster: N worker processes on "
        "this machine, or the cluster at DASK_SCHEDULER_ADDRESS when it is set (default 0: in this process)",
    )
    verify.set_defaults(handler=handle_verify)

    prove = actions.add_parser(
        "prove", help="check one exported record against a signed head, offline; exit 1 if it fails"
    )
    prove.add_argument("record", metavar="RECORD.json", help="the exported record (chanjiao-ledger-record/1)")
    prove.add_argument(
        "--head", metavar="HEAD.json", help="a signed tree head; default: the one in the record"
    )
    prove.add_argument(
        "--public-key", metavar="KEY", required=True, help="the log's public key: PEM or base64, file or text"
    )
    prove.set_defaults(handler=handle_prove)

    export = actions.add_parser(
        "export", help="write a record's exported JSON (as GET /api/ledger/records/...)"
    )
    export.add_argument("record_type")
    export.add_argument("record_id")
    export.add_argument("--tree-size", type=_positive_int, help="default: the latest signed head's size")
    export.add_argument("--encoding", choices=["base64", "hex"], default="base64")
    export.add_argument("-o", "--output", metavar="FILE", help="default: standard output")
    export.set_defaults(handler=handle_export)

    head = actions.add_parser("head", help="write the latest signed tree head as JSON")
    head.add_argument("-o", "--output", metavar="FILE", help="default: standard output")
    head.set_defaults(handler=handle_head)

    backfill = actions.add_parser(
        "backfill",
        help="log every record of a logged type that has no leaf yet (records made before the log)",
    )
    backfill.set_defaults(handler=handle_backfill)


def _key_text(value: str) -> str:
    path = Path(value)
    try:
        return path.read_text() if path.is_file() else value
    except (OSError, UnicodeDecodeError) as error:
        from chanjiao.cli import CommandError

        raise CommandError(f"cannot read the public key {value}: {error}") from None


def _load_public_key(value: str):
    from chanjiao.cli import CommandError
    from chanjiao.core.ledger import load_public_key

    try:
        return load_public_key(_key_text(value))
    except ValueError as error:
        raise CommandError(f"--public-key: {error}") from None


def _read_json(path: str, what: str) -> dict:
    from chanjiao.cli import CommandError
    from chanjiao.ledger.bundle import load_json_object

    try:
        return load_json_object(Path(path).read_bytes(), what)
    except OSError as error:
        raise CommandError(f"cannot read {what} {path}: {error.strerror}") from None
    except ValueError as error:
        raise CommandError(str(error)) from None


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


def handle_prove(args: argparse.Namespace) -> int:
    from chanjiao.cli import CommandError
    from chanjiao.core.ledger import SignedTreeHead
    from chanjiao.ledger.bundle import check_record_bundle

    bundle = _read_json(args.record, "the exported record")
    public_key = _load_public_key(args.public_key)
    try:
        head = SignedTreeHead.from_dict(_read_json(args.head, "the signed tree head")) if args.head else None
        check = check_record_bundle(bundle, public_key=public_key, signed_head=head)
    except ValueError as error:
        raise CommandError(str(error)) from None
    for step in check.steps:
        print(f"{'ok  ' if step.ok else 'FAIL'} {step.name}: {step.detail}")
    record = bundle["record"]
    if check.ok:
        print(
            f"VERIFIED: {record.get('record_type')} {record.get('record_id')} is leaf {check.leaf_index} "
            f"of the log signed at size {check.tree_size}."
        )
        return 0
    print(f"NOT VERIFIED: {record.get('record_type')} {record.get('record_id')}.")
    return 1


def _database_ready() -> None:
    from django.db import DatabaseError

    from chanjiao.cli import CommandError
    from chanjiao.ledger.models import LogState

    try:
        LogState.objects.exists()
    except DatabaseError as error:
        raise CommandError(f"the database is not ready (run `chanjiao setup`): {error}") from None


def handle_sign(args: argparse.Namespace) -> int:
    setup_django()
    _database_ready()
    from django.db import close_old_connections

    from chanjiao.cli import CommandError
    from chanjiao.ledger.selectors import log_state
    from chanjiao.ledger.services import sign_tree_head, sign_tree_head_if_grown

    while True:
        try:
            head = sign_tree_head_if_grown(actor=None) if args.if_grown else sign_tree_head(actor=None)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if head is None:
            print(f"the latest signed head covers all {log_state()[0]} leaves: nothing to sign", flush=True)
        else:
            print(f"signed tree head: size {head.tree_size}, root {bytes(head.root_hash).hex()}", flush=True)
        if args.every is None:
            return 0
        close_old_connections()
        time.sleep(args.every)


def handle_verify(args: argparse.Namespace) -> int:
    setup_django()
    _database_ready()
    from chanjiao.cli import CommandError
    from chanjiao.ledger.keys import configured_public_key
    from chanjiao.ledger.verification import verify_ledger

    if args.workers < 0:
        raise CommandError(f"--workers must be 0 (this process) or more, got {args.workers}")
    public_key = _load_public_key(args.public_key) if args.public_key else configured_public_key()
    if public_key is None:
        raise CommandError("no signing key is configured here: give the published key with --public-key")
    if args.workers:
        from chanjiao.scale.cluster import dask_client

        with dask_client(args.workers) as client:
            report = verify_ledger(public_key=public_key, client=client)
    else:
        report = verify_ledger(public_key=public_key)
    if args.json:
        print(json.dumps(report.as_dict(limit=len(report.findings)), ensure_ascii=False, indent=2))
    else:
        print(
            f"{report.tree_size} leaves, root {report.root_hash.hex()}; {report.heads_checked} signed heads; "
            f"{report.records_checked} records checked in {report.seconds:.1f} s"
        )
        for finding in report.findings:
            print(f"FAIL {finding.kind}: {finding.message}")
        if report.findings_left_out:
            print(f"... and {report.findings_left_out} more findings")
        print("VERIFIED" if report.ok else "NOT VERIFIED")
    return 0 if report.ok else 1


def handle_export(args: argparse.Namespace) -> int:
    setup_django()
    _database_ready()
    from chanjiao.cli import CommandError
    from chanjiao.ledger.records import get_record_type
    from chanjiao.ledger.selectors import NotYetSigned, entry_for, leaf_export

    try:
        kind = get_record_type(args.record_type)
        entry = entry_for(kind.name, kind.record_id(args.record_id))
        if entry is None:
            raise CommandError(f"{kind.name} {args.record_id} is not in the log")
        bundle = leaf_export(entry.leaf, tree_size=args.tree_size, encoding=args.encoding)
    except (ValueError, NotYetSigned) as error:
        raise CommandError(str(error)) from None
    _write(json.dumps(bundle, ensure_ascii=False, indent=2), args.output)
    return 0


def handle_head(args: argparse.Namespace) -> int:
    setup_django()
    _database_ready()
    from chanjiao.cli import CommandError
    from chanjiao.ledger.selectors import latest_head

    head = latest_head()
    if head is None:
        raise CommandError("no tree head has been signed yet: run `chanjiao ledger sign`")
    _write(json.dumps(head.signed_tree_head().to_dict(), indent=2), args.output)
    return 0


def handle_backfill(args: argparse.Namespace) -> int:
    setup_django()
    _database_ready()
    from chanjiao.ledger.services import record_existing

    logged = record_existing(actor=None)
    for name, count in logged.items():
        print(f"{name}: {count} records logged")
    print(f"{sum(logged.values())} records logged in all")
    return 0
