"""Screening: which responses are invalid and why, by the questionnaire's rules.

The core's :func:`chanjiao.core.surveys.screen_responses` judges all responses together (the
too-fast threshold defaults to a third of the median duration), so every change to the
responses or the rules screens the whole questionnaire again and stores each verdict.
"""

from __future__ import annotations

from django.db import transaction

from chanjiao.core.surveys import LikertScale, screen_responses
from chanjiao.surveys.models import Questionnaire, Response
from chanjiao.surveys.selectors import response_frame, screening_items, screening_rules


@transaction.atomic
def screen_questionnaire(questionnaire: Questionnaire) -> int:
    """Store ``valid``, reasons and detail on every response; returns the number of valid ones."""
    # In primary-key order, so concurrent screenings lock rows in the same order.
    stored = list(
        questionnaire.responses.order_by("pk").values_list(
            "pk", "valid", "exclusion_reasons", "exclusion_detail"
        )
    )
    if not stored:
        return 0
    frame = response_frame(questionnaire)
    result = screen_responses(
        frame,
        screening_items(questionnaire),
        screening_rules(questionnaire),
        scale=LikertScale(questionnaire.scale_points),
    )
    verdicts = {exclusion.row: exclusion for exclusion in result.exclusions}
    changed = []
    for pk, *before in stored:
        exclusion = verdicts.get(pk)
        verdict = (
            exclusion is None,
            list(exclusion.reasons) if exclusion is not None else [],
            exclusion.detail[:300] if exclusion is not None else "",
        )
        if tuple(before) != verdict:
            valid, reasons, detail = verdict
            changed.append(Response(pk=pk, valid=valid, exclusion_reasons=reasons, exclusion_detail=detail))
    Response.objects.bulk_update(changed, ["valid", "exclusion_reasons", "exclusion_detail"], batch_size=1000)
    return len(result.valid)
