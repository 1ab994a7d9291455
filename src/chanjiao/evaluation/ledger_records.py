"""Evaluation records kept in the tamper-evident record log: every evaluation (its exact
configuration and each unit's score, rank and light) and every committed funding allocation
(its rules and each line). The services log them as they are written (``record_change``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation.models import Evaluation, FundingAllocation, FundingLine, UnitResult
from chanjiao.ledger.records import ContentReader, RecordType, children_reader, field_reader


def merged(*readers: ContentReader) -> ContentReader:
    """A reader whose content joins the contents of several readers of the same rows."""

    def read(queryset: QuerySet) -> Iterator[tuple[Any, dict[str, Any]]]:
        for parts in zip(*(reader(queryset) for reader in readers), strict=True):
            content: dict[str, Any] = {}
            for _pk, part in parts:
                content.update(part)
            yield parts[0][0], content

    return read


def evaluation_content_readable(user, evaluation: Evaluation) -> bool:
    """The content lists every unit's result, so only officers of the scheme's region export it."""
    return access.allows(user, Action.MANAGE, evaluation.cycle)


RECORD_TYPES = [
    RecordType(
        name="evaluation",
        model=Evaluation,
        label=_("Evaluation"),
        read_contents=merged(
            field_reader("cycle", "config", "unit_count"),
            children_reader(
                UnitResult,
                "evaluation",
                ("position", "unit_kind", "unit_id", "score", "rank", "colour"),
                "results",
            ),
        ),
        url_name="evaluation:evaluation",
        content_readable=evaluation_content_readable,
    ),
    RecordType(
        name="funding_allocation",
        model=FundingAllocation,
        label=_("Funding allocation"),
        read_contents=merged(
            field_reader("kind", "title", "region", "year", "budget", "policy", "parameters", "evaluation"),
            children_reader(
                FundingLine,
                "allocation",
                ("unit_id", "unit_kind", "benchmark", "factor", "status", "amount"),
                "lines",
            ),
        ),
        url_name="evaluation:allocation",
    ),
]
