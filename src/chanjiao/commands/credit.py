"""`chanjiao credit recompute | rate | policy show | policy save`: the enterprise credit file from
the command line (e.g. a nightly recomputation after the year's records are loaded)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from chanjiao.commands import migrate_database, setup_django


def register(subparsers) -> None:
    credit = subparsers.add_parser(
        "credit",
        help="enterprise credit ratings and the region's policy",
        description="Recompute ratings, rate one enterprise, show or save a region's policy (docs/credit.md).",
    )
    actions = credit.add_subparsers(dest="credit_action", metavar="ACTION", required=True)

    recompute = actions.add_parser("recompute", help="reassess every enterprise of a region and below")
    recompute.add_argument("region", type=int, metavar="REGION_ID", help="official division id, e.g. 320500")
    recompute.add_argument("--year", type=int, help="rated year (default: the latest year with placements)")
    recompute.set_defaults(handler=handle_recompute)

    rate = actions.add_parser(
        "rate", help="reassess one enterprise and print its rating, reasons and paths up"
    )
    rate.add_argument("enterprise", type=int, metavar="ENTERPRISE_ID")
    rate.add_argument("--year", type=int, help="rated year (default: that of its current assessment)")
    rate.set_defaults(handler=handle_rate)

    policy = actions.add_parser("policy", help="show or save a region's policy")
    policy_actions = policy.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    show = policy_actions.add_parser("show", help="print the policy governing a region as JSON")
    show.add_argument("region", type=int, metavar="REGION_ID")
    show.add_argument("--version", type=int, help="a version of the region's own policy")
    show.set_defaults(handler=handle_show)
    save = policy_actions.add_parser("save", help="save a JSON file as the region's next policy version")
    save.add_argument("region", type=int, metavar="REGION_ID")
    save.add_argument("file", metavar="POLICY.json", help="settings (partial: the rest keep their defaults)")
    save.add_argument("--tier", required=True, help="the region's local finance tier, e.g. strong")
    save.add_argument("--note", required=True, help="what changed")
    save.set_defaults(handler=handle_save)


def _region(region_id: int):
    from chanjiao.cli import CommandError
    from chanjiao.registry.models import Region

    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise CommandError(f"no region with id {region_id}; use an official division id such as 320500")
    return region


def handle_recompute(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from chanjiao.credit.jobs import recompute_region

    region = _region(args.region)
    summary = recompute_region(region=region, actor=None, as_of_year=args.year)
    print(f"{region.full_name}: {summary['assessed']} enterprises assessed")
    print("  " + "  ".join(f"{rating} {count}" for rating, count in summary["ratings"].items()))
    return 0


def handle_rate(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from chanjiao.cli import CommandError
    from chanjiao.credit.services import assess_enterprise
    from chanjiao.registry.models import Organisation

    enterprise = (
        Organisation.objects.filter(pk=args.enterprise, kind="enterprise").select_related("region").first()
    )
    if enterprise is None:
        raise CommandError(f"no enterprise with id {args.enterprise}")
    assessment = assess_enterprise(enterprise=enterprise, actor=None, as_of_year=args.year)
    print(
        f"{enterprise.name}: {assessment.rating} ({assessment.first_year}–{assessment.as_of_year}, "
        f"{assessment.policy.region.name} policy v{assessment.policy.version})"
    )
    for reason in assessment.result["reasons"]:
        print(f"  why: {reason}")
    for path in assessment.result["paths_up"]:
        print(f"  to {path['rating']}: " + "; ".join(path["changes"]))
    for decision in assessment.decisions:
        print(f"  {'granted' if decision['granted'] else 'not granted'}: {decision['title']}")
    return 0


def handle_show(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from chanjiao.cli import CommandError
    from chanjiao.credit.models import PolicyVersion
    from chanjiao.credit.selectors import governing_version

    region = _region(args.region)
    if args.version is not None:
        version = PolicyVersion.objects.filter(region=region, version=args.version).first()
    else:
        version = governing_version(region)
    if version is None:
        raise CommandError(f"{region.full_name} has no such policy version; the national defaults apply")
    print(
        json.dumps(
            {"finance_tier": version.finance_tier, "note": version.note, **version.settings},
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0


def handle_save(args: argparse.Namespace) -> int:
    setup_django()
    migrate_database()
    from django.core.exceptions import ValidationError

    from chanjiao.cli import CommandError
    from chanjiao.credit.services import save_policy

    region = _region(args.region)
    try:
        settings = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise CommandError(f"{args.file} is not JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(settings, dict):
        raise CommandError(f"{args.file} must hold a JSON object of settings")
    settings = {
        key: value
        for key, value in settings.items()
        if key not in ("version", "region", "finance_tier", "note")
    }
    try:
        saved = save_policy(
            region=region, policy_settings=settings, finance_tier=args.tier, note=args.note, actor=None
        )
    except ValidationError as error:
        raise CommandError(
            "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
        ) from None
    print(
        f"{region.full_name}: saved policy version {saved.version}; run `chanjiao credit recompute {region.pk}` to apply it"
    )
    return 0
