"""The hypothesised model of a questionnaire: validate lavaan-style syntax against its items, and
write the syntax from a choice of items and structural paths.

The core parser (:func:`chanjiao.core.surveys.parse_model`) checks the grammar and names the line
of a mistake; here every name is also checked against the questionnaire, again naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from chanjiao.core.surveys import ModelSpec, parse_model
from chanjiao.surveys.models import ItemKind

COMMENT = re.compile(r"[#!].*")


def line_of(syntax: str, name: str) -> int:
    """The first line (1-based) where ``name`` appears as a whole word outside comments."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w.])")
    for number, line in enumerate(syntax.splitlines(), start=1):
        if word.search(COMMENT.sub("", line)):
            return number
    return 1


def check_model(syntax: str, item_kinds: Mapping[str, str]) -> ModelSpec:
    """Parse ``syntax`` and check it against the questionnaire's items (code → kind).

    Raises ValueError naming the line for bad syntax, names that are not items of the
    questionnaire, items that are not Likert items, and constructs named like an item.
    """
    spec = parse_model(syntax)
    likert = [code for code, kind in item_kinds.items() if kind == ItemKind.LIKERT]
    for construct in spec.constructs:
        if construct in item_kinds:
            raise ValueError(
                f"line {line_of(syntax, construct)}: construct '{construct}' has the same code as an item; "
                "rename the construct"
            )
    for name in spec.observed:
        if name in likert:
            continue
        line = line_of(syntax, name)
        if name in item_kinds:
            raise ValueError(
                f"line {line}: '{name}' is a {item_kinds[name]} item; only Likert items can be modelled"
            )
        known = ", ".join(likert[:40]) or "none yet"
        raise ValueError(
            f"line {line}: '{name}' is not an item of this questionnaire (Likert items: {known})"
        )
    return spec


def write_model(
    constructs: Mapping[str, Sequence[str]], paths: Iterable[tuple[str, str]], item_kinds: Mapping[str, str]
) -> str:
    """Canonical syntax for constructs measured by items and ``(outcome, predictor)`` paths.

    Constructs with no chosen item are left out; the result is checked like typed syntax.
    """
    measured = {name: tuple(items) for name, items in constructs.items() if items}
    paths = tuple(dict.fromkeys(paths))
    for outcome, predictor in paths:
        for name in (outcome, predictor):
            if name not in measured:
                raise ValueError(f"path {outcome} ~ {predictor}: construct '{name}' has no item in the model")
    spec = ModelSpec(constructs=measured, paths=paths)
    syntax = spec.syntax()
    check_model(syntax, item_kinds)
    return syntax
