"""Grants no ORM path reaches: an evaluated unit named by kind and id, and a logged record
whose readability follows the version that was logged."""

from __future__ import annotations

import json
from collections import defaultdict

from django.db.models import Model

from chanjiao.evaluation.models import Assignment, RectificationCase, UnitResult
from chanjiao.ledger.models import Leaf, LedgerEntry
from chanjiao.ledger.records import get_record_type
from chanjiao.registry.models import Carrier, Organisation, Region

# Fields of an organisation that only its representatives and officers see.
PRIVATE_ORGANISATION_FIELDS = ("revenue", "rd_spending", "employees")


def _units(model: type[Model], pks: list[int]) -> dict[int, tuple[str, int]]:
    if model is Organisation:
        return {pk: ("organisation", pk) for pk in pks}
    return {
        pk: (kind, uid)
        for pk, kind, uid in model._default_manager.filter(pk__in=pks).values_list(
            "pk", "unit_kind", "unit_id"
        )
    }


def unit_reps(model: type[Model], pks: list[int]) -> dict[int, set]:
    """The unit's own organisation: a carrier's lead, the college, the enterprise."""
    units = _units(model, pks)
    carriers = dict(
        Carrier.objects.filter(pk__in=[u for k, u in units.values() if k == "carrier"]).values_list(
            "pk", "lead_id"
        )
    )
    reach: dict[int, set] = {}
    for pk, (kind, uid) in units.items():
        if kind == "carrier":
            reach[pk] = {carriers[uid]} if carriers.get(uid) else set()
        elif kind in ("college", "enterprise", "organisation"):
            reach[pk] = {uid}
        else:
            reach[pk] = set()
    return reach


def unit_officers(model: type[Model], pks: list[int]) -> dict[int, set]:
    units = _units(model, pks)
    ids = defaultdict(set)
    for kind, uid in units.values():
        ids[kind].add(uid)
    paths = {
        ("carrier", pk): path
        for pk, path in Carrier.objects.filter(pk__in=ids["carrier"]).values_list("pk", "region__path")
    }
    for kind in ("college", "enterprise"):
        paths |= {
            (kind, pk): path
            for pk, path in Organisation.objects.filter(pk__in=ids[kind]).values_list("pk", "region__path")
        }
    paths |= {
        ("region", pk): path
        for pk, path in Region.objects.filter(pk__in=ids["region"]).values_list("pk", "path")
    }
    return {pk: {paths[unit]} if unit in paths else set() for pk, unit in units.items()}


def assigned_evaluators(model: type[Model], pks: list[int]) -> dict[int, set]:
    """The evaluator an on-site assignment names for the unit (of that cycle, for a result)."""
    if model is Organisation:
        rows = Assignment.objects.filter(unit_kind__in=("college", "enterprise"), unit_id__in=pks)
        reach: dict[int, set] = {pk: set() for pk in pks}
        for uid, evaluator in rows.values_list("unit_id", "evaluator_id"):
            reach[uid].add(evaluator)
        return reach
    if model is RectificationCase:
        result_of = dict(RectificationCase.objects.filter(pk__in=pks).values_list("pk", "result_id"))
        by_result = assigned_evaluators(UnitResult, sorted(set(result_of.values())))
        return {pk: by_result.get(result_of[pk], set()) for pk in pks}
    results = UnitResult.objects.filter(pk__in=pks).values_list(
        "pk", "evaluation__cycle_id", "unit_kind", "unit_id"
    )
    reach = {pk: set() for pk in pks}
    for pk, cycle, kind, uid in results:
        reach[pk] |= set(
            Assignment.objects.filter(cycle_id=cycle, unit_kind=kind, unit_id=uid).values_list(
                "evaluator_id", flat=True
            )
        )
    return reach


def leaf_private_reach(model: type[Model], pks: list[int], via_entry: bool = False) -> dict[int, dict]:
    """Who may read a logged version: whoever sees the record it logs, and for an organisation
    whose logged version holds private figures, only its representatives and officers."""
    from access.scope import resolve
    from access.table import RULES, rule_of_model

    if via_entry:
        leaf_of = dict(LedgerEntry.objects.filter(pk__in=pks).values_list("pk", "leaf_id"))
    else:
        leaf_of = {pk: pk for pk in pks}
    leaves = Leaf.objects.filter(pk__in=set(leaf_of.values())).values_list(
        "pk", "record_type", "record_id", "document"
    )
    reach: dict[int, dict] = {}
    by_leaf = {}
    for leaf_pk, record_type, record_id, document in leaves:
        model_of_record = get_record_type(record_type).model
        rule_name = rule_of_model(model_of_record)
        if model_of_record is Organisation:
            content = json.loads(document).get("content") or {}
            if any(content.get(name) not in (None, "") for name in PRIVATE_ORGANISATION_FIELDS):
                rule_name = "organisation_private"
        if rule_name is None:
            by_leaf[leaf_pk] = {"all": {True}}
            continue
        rule = RULES[rule_name]
        record_pk = int(record_id)
        by_leaf[leaf_pk] = dict(resolve(rule.model, rule.see, [record_pk]).get(record_pk, {}))
    for pk, leaf_pk in leaf_of.items():
        reach[pk] = by_leaf.get(leaf_pk, {})
    return reach
