"""A light's reason in the reader's language, rebuilt from its structured explanation.

The engine writes each light's sentence in English (stored with the result and returned by the
API); pages, PDFs and workbooks show the same sentence in the language of the request, built from
the stored breaches, shortfalls and thresholds. In English the two are identical.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chanjiao.core.indicators import Framework
from chanjiao.evaluation.indicators import nodes_by_code


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def indicator_names(config: dict[str, Any]) -> dict[str, str]:
    """Indicator names of an evaluation's framework as its reasons use them."""
    nodes = nodes_by_code(Framework.from_dict(config["composite"]["framework"]))
    if _chinese():
        return {code: node.name_zh for code, node in nodes.items()}
    return {code: node.name_en.lower() for code, node in nodes.items()}


def _quantity(value: float, unit: str) -> str:
    return f"{value:.4g} {unit}".strip()


def reason_text(result, names: dict[str, str]) -> str:
    """The reason of ``result``'s light in the active language (``names`` from :func:`indicator_names`)."""
    light, policy = result.light, result.evaluation.config["light_policy"]
    separator = "、" if _chinese() else ", "
    if light["breaches"]:
        parts = [
            (
                _("%(indicator)s is %(value)s, below the red line of %(threshold)s")
                if breach["comparison"] == "below"
                else _("%(indicator)s is %(value)s, above the red line of %(threshold)s")
            )
            % {
                "indicator": names[breach["indicator"]],
                "value": _quantity(breach["value"], breach["unit"]),
                "threshold": _quantity(breach["threshold"], breach["unit"]),
            }
            for breach in light["breaches"]
        ]
        text = _("Red: %(breaches)s.") % {"breaches": "; ".join(parts)}
    elif result.score is None:
        text = _(
            "Not rated: the unit has no composite score (excluded for missing data) and no red line fired."
        )
    elif result.colour == "green":
        text = _("Green: composite score %(score)s is in the green band (at least %(green)s).") % {
            "score": f"{result.score:.1f}",
            "green": f"{policy['green_from']:g}",
        }
    else:
        if result.colour == "red":
            text = _("Red: composite score %(score)s is below the yellow band (%(band)s)")
            band = policy["yellow_from"]
        else:
            text = _("Yellow: composite score %(score)s is below the green band (%(band)s)")
            band = policy["green_from"]
        text %= {"score": f"{result.score:.1f}", "band": f"{band:g}"}
        weakest = separator.join(names[s["indicator"]] for s in light["shortfalls"])
        text += _("; weakest indicators: %(names)s.") % {"names": weakest} if weakest else "."
    if light["unchecked"]:
        codes = _unchecked_codes(light, result.evaluation.config)
        unchecked = separator.join(names.get(code, code) for code in codes)
        text += _(" Red lines not checked for missing data: %(names)s.") % {"names": unchecked}
    return text


def _unchecked_codes(light: dict[str, Any], config: dict[str, Any]) -> list[str]:
    """The engine lists unchecked red lines by lower-cased English name; map them back to codes."""
    nodes = nodes_by_code(Framework.from_dict(config["composite"]["framework"]))
    by_english = {node.name_en.lower(): code for code, node in nodes.items()}
    return [by_english.get(name, name) for name in light["unchecked"]]
