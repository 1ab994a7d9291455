"""A funding line's reason in the reader's language, rebuilt from the line's stored facts.

The funding rules (:mod:`chanjiao.core.funding`) write each line's reason in English; it is stored
with the line and returned by the API. Pages and workbooks show the same sentence in the language
of the request, built from the line's inputs and status and the allocation's rules (the
institutions' reference is recomputed from all the lines, in the order the rules saw them). In
English the two are identical; a line whose facts do not suffice keeps its stored sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chanjiao.core.funding import InstitutionPolicy, RegionalPolicy, floats_around_reference
from chanjiao.evaluation.models import FundingAllocation, FundingKind, FundingLine

INSTITUTION_FACTS = ("certification_pass_rate", "graduate_retention_rate", "performance")
REGION_FACTS = ("integration_score", "other_score", "appraisal_score", "red_light")


def _has_facts(line: Mapping[str, Any], names: Sequence[str]) -> bool:
    inputs = line.get("inputs")
    return isinstance(inputs, Mapping) and all(name in inputs for name in names)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _institution_reason(line: Mapping[str, Any], float_share: float, reference: float | None) -> str:
    inputs = line["inputs"]
    performance = inputs["performance"]
    if performance is None:
        no_pass_rate = inputs["certification_pass_rate"] is None
        no_retention = inputs["graduate_retention_rate"] is None
        if no_pass_rate and no_retention:
            return _(
                "No skill-certification pass rate or graduate retention rate: allocated at the benchmark."
            )
        if no_pass_rate:
            return _("No skill-certification pass rate: allocated at the benchmark.")
        if no_retention:
            return _("No graduate retention rate: allocated at the benchmark.")
        return line["reason"]  # no performance yet both rates: not a line the rules wrote
    if reference is None or float_share == 0:
        return _("Performance %(performance)s equals the reference: allocated at the benchmark.") % {
            "performance": f"{performance:.1f}"
        }
    sentence = (
        _(
            "Performance %(performance)s is above the benchmark-weighted mean %(reference)s: %(share)s %% of the benchmark."
        )
        if float_share > 0
        else _(
            "Performance %(performance)s is below the benchmark-weighted mean %(reference)s: %(share)s %% of the benchmark."
        )
    )
    return sentence % {
        "performance": f"{performance:.1f}",
        "reference": f"{reference:.1f}",
        "share": f"{float_share * 100:+.1f}",
    }


def _institution_reasons(policy: InstitutionPolicy, lines: Sequence[Mapping[str, Any]]) -> list[str]:
    if not all(_has_facts(line, INSTITUTION_FACTS) and _number(line.get("base_weight")) for line in lines):
        return [line["reason"] for line in lines]
    performance = [line["inputs"]["performance"] for line in lines]
    if not all(value is None or _number(value) for value in performance):
        return [line["reason"] for line in lines]
    weights = [float(line["base_weight"]) for line in lines]
    reference, floats = floats_around_reference(weights, performance, policy.float_band)
    return [
        _institution_reason(line, float_share, reference)
        for line, float_share in zip(lines, floats, strict=True)
    ]


def _region_reason(policy: RegionalPolicy, line: Mapping[str, Any]) -> str:
    if not _has_facts(line, REGION_FACTS):
        return line["reason"]
    inputs, status = line["inputs"], line["status"]
    integration, appraisal = inputs["integration_score"], inputs["appraisal_score"]
    if status == "not_rated":
        return _("Not evaluated: no integration score, so neither incentive nor cut applies.")
    cut = {"cut": f"{policy.shortfall_cut * 100:g}"}
    if status == "below_standard" and inputs["red_light"] is True:
        return _("Below standard (has a red light): loses %(cut)s %% of the special subsidy.") % cut
    if status == "below_standard" and _number(integration):
        return _(
            "Below standard (integration score %(score)s is below the standard %(standard)s): "
            "loses %(cut)s %% of the special subsidy."
        ) % {**cut, "score": f"{integration:.1f}", "standard": f"{policy.standard_score:g}"}
    if status == "top" and _number(appraisal):
        return _(
            "Appraisal score %(score)s is in the top %(top)s %%: %(incentive)s %% floating incentive."
        ) % {
            "score": f"{appraisal:.1f}",
            "top": f"{policy.top_fraction * 100:g}",
            "incentive": f"{policy.incentive * 100:g}",
        }
    if status == "standard" and _number(integration):
        return _("Up to standard (integration score %(score)s): base subsidy.") % {
            "score": f"{integration:.1f}"
        }
    return line["reason"]


REGION_STATUSES = {
    "not_rated": gettext_lazy("not rated"),
    "below_standard": gettext_lazy("below standard"),
    "standard": gettext_lazy("up to standard"),
    "top": gettext_lazy("top share"),
}
"""A region's standing in the performance appraisal (:mod:`chanjiao.core.funding.regions`), named."""


def status_text(status: str) -> str:
    return str(REGION_STATUSES.get(status, status))


def reason_texts(kind: str, policy: Mapping[str, Any], lines: Sequence[Mapping[str, Any]]) -> list[str]:
    """The reasons of an allocation's ``lines`` in the active language.

    Each line is a mapping with ``inputs``, ``status``, ``base_weight`` and the stored ``reason``,
    in the order the rules saw the units (an institution's float depends on all the lines).
    """
    try:
        if kind == FundingKind.INSTITUTIONS:
            return _institution_reasons(InstitutionPolicy.from_dict(policy), lines)
        if kind == FundingKind.REGIONS:
            regional = RegionalPolicy.from_dict(policy)
            return [_region_reason(regional, line) for line in lines]
    except ValueError:
        pass  # rules stored in another shape (an older allocation): the sentences stay as stored
    return [line["reason"] for line in lines]


def lines_with_reasons(allocation: FundingAllocation) -> list[FundingLine]:
    """The allocation's lines in page order, each with ``reason_text`` in the active language."""
    lines = list(allocation.lines.all())
    # Lines were stored in the order the rules saw the units, so their keys give it back.
    in_rule_order = sorted(lines, key=lambda line: line.pk)
    facts = [
        {"inputs": line.inputs, "status": line.status, "base_weight": line.base_weight, "reason": line.reason}
        for line in in_rule_order
    ]
    texts = reason_texts(allocation.kind, allocation.policy, facts)
    for line, text in zip(in_rule_order, texts, strict=True):
        line.reason_text = text
        line.status_text = status_text(line.status)
    return lines
