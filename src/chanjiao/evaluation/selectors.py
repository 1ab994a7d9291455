"""Reads for the dashboard, the scorecard and the history of a unit."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.db.models import Max, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.models import User
from chanjiao.core.indicators import Framework
from chanjiao.evaluation.indicators import DEFINITIONS, nodes_by_code
from chanjiao.evaluation.models import AnnualReturn, Colour, Evaluation, UnitKind, UnitResult, WeightingMethod
from chanjiao.evaluation.reasons import indicator_names, reason_text
from chanjiao.evaluation.sources import GROUPS

COLOUR_ORDER = {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 2, Colour.GREY: 3}


def _latest_runs(evaluations: QuerySet[Evaluation]) -> list[int]:
    return list(evaluations.values("cycle_id").annotate(last=Max("pk")).values_list("last", flat=True))


def current_evaluations(user: User) -> QuerySet[Evaluation]:
    """The latest run of every cycle the user sees, newest year first."""
    return (
        Evaluation.objects.filter(pk__in=_latest_runs(access.visible(user, Evaluation)))
        .select_related("cycle", "cycle__scheme", "cycle__scheme__region")
        .order_by("-cycle__year", "cycle__scheme__unit_kind", "cycle__kind")
    )


def _name(code: str, framework: Framework) -> str:
    node = nodes_by_code(framework)[code]
    return node.name_zh if (get_language() or "").startswith("zh") else node.name_en


def light_grid(evaluation: Evaluation, user: User) -> list[dict[str, Any]]:
    """Rows by region, each with its units' lights (worst first) and the region's own light."""
    results = access.visible(user, UnitResult).filter(evaluation=evaluation).select_related("region")
    region_lights: dict[int, UnitResult] = {}
    if evaluation.config["unit_kind"] != UnitKind.REGION:
        districts = (
            current_evaluations(user)
            .filter(cycle__year=evaluation.cycle.year, cycle__scheme__unit_kind=UnitKind.REGION)
            .filter(cycle__scheme__region=evaluation.cycle.scheme.region)
            .first()
        )
        if districts is not None:
            region_lights = {
                r.unit_id: r for r in access.visible(user, UnitResult).filter(evaluation=districts)
            }
    names = indicator_names(evaluation.config)
    rows: OrderedDict[int | None, dict[str, Any]] = OrderedDict()
    for result in sorted(results, key=lambda r: (r.region_id or 0, COLOUR_ORDER[r.colour], r.rank or 10**9)):
        row = rows.setdefault(
            result.region_id,
            {"region": result.region, "light": region_lights.get(result.region_id), "results": []},
        )
        result.reason = reason_text(result, names)
        row["results"].append(result)
    return list(rows.values())


def _source_text(source: dict[str, Any], year: int) -> str:
    if source["kind"] == "platform":
        return _(source["label"])
    return _("annual return %(year)s, reported by %(by)s on %(on)s") % {
        "year": year,
        "by": source["by"] or "—",
        "on": source["on"],
    }


def _figure_label(name: str) -> str:
    if name == "onsite_score":
        return str(_("on-site score"))
    return str(AnnualReturn._meta.get_field(name).verbose_name)


def scorecard(result: UnitResult, user: User | None) -> dict[str, Any]:
    """Everything a scorecard page, PDF or workbook shows for one result (user None: the platform)."""
    evaluation = result.evaluation
    config = evaluation.config
    framework = Framework.from_dict(config["composite"]["framework"])
    weights = dict(zip(framework.indicator_codes, framework.effective_weights(), strict=True))
    breached = {breach["indicator"] for breach in result.light.get("breaches", [])}
    shortfalls = {s["indicator"] for s in result.light.get("shortfalls", [])}
    returns = AnnualReturn.objects.all() if user is None else access.visible(user, AnnualReturn)
    visible_returns = set(returns.values_list("pk", flat=True))
    indicators = []
    for leaf in framework.indicators:
        cell = result.inputs[leaf.code]
        sources = [
            {
                "text": _source_text(s, config["year"]),
                "group": str(GROUPS[s["group"]].label),
                "return_id": s.get("id") if s.get("id") in visible_returns else None,
            }
            for s in cell["sources"]
        ]
        indicators.append(
            {
                "code": leaf.code,
                "name": _name(leaf.code, framework),
                "unit": leaf.unit,
                "direction": leaf.direction,
                "target": leaf.target,
                "value": cell["value"],
                "normalised": result.normalised.get(leaf.code),
                "weight": float(weights[leaf.code]),
                "imputed": leaf.code in result.imputed,
                "breached": leaf.code in breached,
                "shortfall": leaf.code in shortfalls,
                "figures": [(_figure_label(k), v) for k, v in cell["figures"].items()],
                "sources": sources,
                "definition": DEFINITIONS[leaf.code].definition
                if leaf.code in DEFINITIONS
                else leaf.definition,
            }
        )
    dimensions = [
        {"code": d.code, "name": _name(d.code, framework), "score": result.dimension_scores.get(d.code)}
        for d in framework.dimensions[1:]
    ]
    rated = evaluation.unit_count - evaluation.colour_counts.get("grey", 0)
    return {
        "result": result,
        "reason": reason_text(result, indicator_names(config)),
        "evaluation": evaluation,
        "cycle": evaluation.cycle,
        "indicators": indicators,
        "dimensions": dimensions,
        "rated": rated,
        "history": history(result, user),
        "weighting": config["weighting"],
        "weighting_label": WeightingMethod(config["weighting"]["method"]).label,
    }


def history(result: UnitResult, user: User | None) -> list[UnitResult]:
    """The unit's result in the latest run of every cycle, oldest first (user None: the platform)."""
    results = UnitResult.objects.all() if user is None else access.visible(user, UnitResult)
    latest = _latest_runs(Evaluation.objects.filter(cycle__scheme__unit_kind=result.unit_kind))
    return list(
        results.filter(unit_kind=result.unit_kind, unit_id=result.unit_id, evaluation_id__in=latest)
        .select_related("evaluation__cycle")
        .order_by("evaluation__cycle__year", "evaluation__cycle__kind")
    )
