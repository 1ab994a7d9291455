"""Questionnaire instruments shipped as plain JSON (the seed-001 template)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chanjiao.core.surveys.items import LikertScale
from chanjiao.core.surveys.model_syntax import ModelSpec, parse_model

INSTRUMENT_FILES = {"seed001": "seed001_instrument.json"}


@dataclass(frozen=True)
class Item:
    code: str
    text_zh: str
    text_en: str
    reverse_keyed: bool = False


@dataclass(frozen=True)
class Construct:
    code: str
    name_zh: str
    name_en: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Hypothesis:
    code: str
    outcome: str
    predictor: str
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class Instrument:
    """A Likert questionnaire: constructs with items, hypotheses as structural paths.

    ``raw`` keeps the whole JSON document (target groups, distribution figures, the demo
    population) for callers that need more than the measurement model.
    """

    code: str
    title_zh: str
    title_en: str
    scale: LikertScale
    scale_labels_zh: tuple[str, ...]
    scale_labels_en: tuple[str, ...]
    constructs: tuple[Construct, ...]
    hypotheses: tuple[Hypothesis, ...]
    raw: dict

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for construct in self.constructs for item in construct.items)

    @property
    def reverse_keyed(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items if item.reverse_keyed)

    def model_syntax(self) -> str:
        """Lavaan-style model: one measurement line per construct, one path per hypothesis.

        Examples
        --------
        >>> print(load_instrument("seed001").model_syntax().splitlines()[-1])
        TQ ~ SS + EP + CG
        """
        return self.model_spec().syntax()

    def model_spec(self) -> ModelSpec:
        lines = [
            f"{construct.code} =~ {' + '.join(item.code for item in construct.items)}"
            for construct in self.constructs
        ]
        lines.extend(f"{hypothesis.outcome} ~ {hypothesis.predictor}" for hypothesis in self.hypotheses)
        return parse_model("\n".join(lines))


def instrument_from_dict(document: dict) -> Instrument:
    """Build an Instrument from its JSON document, checking that hypotheses name constructs.

    Examples
    --------
    >>> doc = {"code": "x", "title": {"zh": "", "en": "X"}, "scale": {"points": 7},
    ...        "constructs": [{"code": "A", "zh": "", "en": "A",
    ...                        "items": [{"code": "a1", "zh": "", "en": ""}, {"code": "a2", "zh": "", "en": ""}]}]}
    >>> instrument_from_dict(doc).scale.points
    7
    """
    constructs = tuple(
        Construct(
            code=construct["code"],
            name_zh=construct.get("zh", ""),
            name_en=construct.get("en", ""),
            items=tuple(
                Item(
                    code=item["code"],
                    text_zh=item.get("zh", ""),
                    text_en=item.get("en", ""),
                    reverse_keyed=bool(item.get("reverse_keyed", False)),
                )
                for item in construct["items"]
            ),
        )
        for construct in document["constructs"]
    )
    names = {construct.code for construct in constructs}
    hypotheses = []
    for hypothesis in document.get("hypotheses", []):
        for role in ("outcome", "predictor"):
            if hypothesis[role] not in names:
                raise ValueError(
                    f"hypothesis {hypothesis['code']}: {role} '{hypothesis[role]}' is not a construct"
                )
        hypotheses.append(
            Hypothesis(
                code=hypothesis["code"],
                outcome=hypothesis["outcome"],
                predictor=hypothesis["predictor"],
                text_zh=hypothesis.get("zh", ""),
                text_en=hypothesis.get("en", ""),
            )
        )
    scale = document["scale"]
    labels = scale.get("labels", {})
    return Instrument(
        code=document["code"],
        title_zh=document["title"].get("zh", ""),
        title_en=document["title"].get("en", ""),
        scale=LikertScale(int(scale["points"])),
        scale_labels_zh=tuple(labels.get("zh", ())),
        scale_labels_en=tuple(labels.get("en", ())),
        constructs=constructs,
        hypotheses=tuple(hypotheses),
        raw=document,
    )


@cache
def load_instrument(code: str = "seed001") -> Instrument:
    """A shipped instrument by code.

    Examples
    --------
    >>> instrument = load_instrument("seed001")
    >>> [construct.code for construct in instrument.constructs], instrument.scale.points
    (['EP', 'CG', 'SS', 'TQ'], 5)
    >>> instrument.reverse_keyed
    ('EP5', 'SS5')
    """
    if code not in INSTRUMENT_FILES:
        raise ValueError(f"unknown instrument '{code}'; available: {', '.join(sorted(INSTRUMENT_FILES))}")
    source = resources.files("chanjiao.core.surveys").joinpath(INSTRUMENT_FILES[code])
    with source.open(encoding="utf-8") as handle:
        return instrument_from_dict(json.load(handle))
