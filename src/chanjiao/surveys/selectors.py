"""Reads: responses as an analysis table, screening settings, distribution tracking, reminders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import numpy as np
import pandas as pd
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from chanjiao.accounts.models import hash_token
from chanjiao.core.surveys import ScreeningRules, parse_model
from chanjiao.registry.models import Carrier, Organisation
from chanjiao.surveys.models import Invitation, Item, ItemKind, Questionnaire, Response, TargetGroup

DURATION_COLUMN = "duration_seconds"
GROUP_COLUMN = "group"
DESCRIPTION_COLUMNS = ["respondent", GROUP_COLUMN, "organisation", "carrier", DURATION_COLUMN]


def likert_codes(questionnaire: Questionnaire) -> list[str]:
    return [item.code for item in questionnaire.items.all() if item.kind == ItemKind.LIKERT]


def screening_items(questionnaire: Questionnaire) -> list[str]:
    """Items screened for invalid responses, in questionnaire order: the model's items when a
    model is set (so the stored screening is exactly the analysis's), otherwise every Likert item."""
    likert = likert_codes(questionnaire)
    if not questionnaire.model_syntax.strip():
        return likert
    modelled = set(parse_model(questionnaire.model_syntax).items)
    return [code for code in likert if code in modelled]


def screening_rules(questionnaire: Questionnaire) -> ScreeningRules:
    return ScreeningRules(
        max_missing=questionnaire.max_missing,
        straight_lining_run=questionnaire.straight_lining_run,
        duration_column=DURATION_COLUMN if questionnaire.screen_too_fast else None,
        min_duration_seconds=questionnaire.min_duration_seconds,
    )


def _answer_column(item: Item, values: list) -> pd.Series:
    if item.kind in (ItemKind.LIKERT, ItemKind.NUMBER):
        return pd.Series([np.nan if value is None else float(value) for value in values], dtype=float)
    if item.kind == ItemKind.CHOICE:
        labels = item.option_labels()
        return pd.Series(
            [
                labels[value - 1] if isinstance(value, int) and 0 < value <= len(labels) else None
                for value in values
            ],
            dtype=object,
        )
    return pd.Series(values, dtype=object)


def response_frame(questionnaire: Questionnaire, responses: QuerySet[Response] | None = None) -> pd.DataFrame:
    """One row per response (indexed by response id): respondent, group (target group label),
    organisation, carrier, duration_seconds, then one column per item in questionnaire order
    (Likert and numbers as floats, raw as answered; choices as option labels; NaN/None if
    unanswered)."""
    if responses is None:
        responses = questionnaire.responses.all()
    rows = list(
        responses.order_by("pk").values_list(
            "pk",
            "respondent",
            "target_group",
            "organisation__name",
            "carrier__name",
            DURATION_COLUMN,
            "answers",
        )
    )
    groups = {code: str(label) for code, label in TargetGroup.choices}
    frame = pd.DataFrame(
        {
            "respondent": [row[1] or f"#{row[0]}" for row in rows],
            GROUP_COLUMN: [groups.get(row[2], row[2]) if row[2] else None for row in rows],
            "organisation": [row[3] for row in rows],
            "carrier": [row[4] for row in rows],
            DURATION_COLUMN: pd.Series([np.nan if row[5] is None else row[5] for row in rows], dtype=float),
        }
    )
    for item in questionnaire.items.all():
        frame[item.code] = _answer_column(item, [row[6].get(item.code) for row in rows])
    frame.index = pd.Index([row[0] for row in rows], name="response")
    return frame


# -- distribution --------------------------------------------------------------------------


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def invitation_for_link(token: str) -> Invitation:
    """The invitation a link's token belongs to; 404 for an unknown or replaced link."""
    invitation = (
        Invitation.objects.select_related("questionnaire").filter(token_hash=hash_token(token or "")).first()
    )
    if invitation is None:
        raise Http404(
            _(
                "No questionnaire has this link; check that it was copied whole, or use the latest "
                "link you were sent (a new link replaces the old one)."
            )
        )
    return invitation


def reminders_due(questionnaire: Questionnaire, now=None) -> QuerySet[Invitation]:
    """Unanswered invitations whose last contact (sent or reminded) is older than the
    questionnaire's reminder interval, while it still accepts responses."""
    now = now or timezone.now()
    if questionnaire.state(now) != "open":
        return questionnaire.invitations.none()
    cutoff = now - timedelta(days=questionnaire.reminder_after_days)
    return (
        questionnaire.invitations.filter(response__isnull=True)
        .filter(Q(reminded_at__lt=cutoff) | Q(reminded_at__isnull=True, sent_at__lt=cutoff))
        .select_related("organisation")
    )


def tracking(questionnaire: Questionnaire) -> dict:
    """Sent, opened, received and valid, overall and per target group, with rates and the
    exclusions by reason. Sent counts invitations plus questionnaires distributed outside."""
    invitations = questionnaire.invitations.values("target_group").annotate(
        sent=Count("pk"), started=Count("pk", filter=Q(started_at__isnull=False))
    )
    responses = questionnaire.responses.values("target_group").annotate(
        received=Count("pk"), valid=Count("pk", filter=Q(valid=True))
    )
    by_group: dict[str, dict[str, int]] = {}
    for row in invitations:
        by_group.setdefault(row["target_group"], {}).update(sent=row["sent"], started=row["started"])
    for row in responses:
        by_group.setdefault(row["target_group"], {}).update(received=row["received"], valid=row["valid"])
    labels = dict(TargetGroup.choices)
    groups = []
    for code, figures in sorted(
        by_group.items(), key=lambda pair: list(labels).index(pair[0]) if pair[0] in labels else 99
    ):
        sent, received, valid = figures.get("sent", 0), figures.get("received", 0), figures.get("valid", 0)
        groups.append(
            {
                "group": code,
                "label": str(labels.get(code, "—")),
                "sent": sent,
                "started": figures.get("started", 0),
                "received": received,
                "valid": valid,
                "response_rate": _rate(received, sent),
                "valid_rate": _rate(valid, sent),
            }
        )
    invited = sum(figures.get("sent", 0) for figures in by_group.values())
    sent = invited + questionnaire.distributed_outside
    received = sum(figures.get("received", 0) for figures in by_group.values())
    valid = sum(figures.get("valid", 0) for figures in by_group.values())
    reasons: dict[str, int] = {}
    for listed in questionnaire.responses.filter(valid=False).values_list("exclusion_reasons", flat=True):
        for reason in listed:
            reasons[reason] = reasons.get(reason, 0) + 1
    return {
        "sent": sent,
        "invitations": invited,
        "distributed_outside": questionnaire.distributed_outside,
        "started": sum(figures.get("started", 0) for figures in by_group.values()),
        "received": received,
        "valid": valid,
        "excluded": received - valid,
        "response_rate": _rate(received, sent),
        "valid_rate": _rate(valid, sent),
        "valid_share_of_received": _rate(valid, received),
        "reminders_due": reminders_due(questionnaire).count(),
        "exclusions_by_reason": dict(sorted(reasons.items())),
        "groups": groups,
    }


def _count_of(model, **conditions) -> Coalesce:
    counted = (
        model.objects.filter(questionnaire=OuterRef("pk"), **conditions)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(questionnaires: QuerySet[Questionnaire]) -> QuerySet[Questionnaire]:
    """Each questionnaire with ``n_invitations``, ``n_responses`` and ``n_valid`` (subqueries, so
    the counts do not multiply each other)."""
    return questionnaires.annotate(
        n_invitations=_count_of(Invitation),
        n_responses=_count_of(Response),
        n_valid=_count_of(Response, valid=True),
    )


# -- cooperation satisfaction for the evaluation indicators ----------------------------------


@dataclass(frozen=True)
class SatisfactionScore:
    """``score`` on 0–100 (0: every answer at the scale's bottom, 100: at its top), from
    ``responses`` valid responses to ``questionnaires`` questionnaires."""

    score: float
    responses: int
    questionnaires: int


def _satisfaction_items(questionnaire_ids: Iterable[int]) -> dict[int, tuple[list[str], set[str], int]]:
    """Per questionnaire: the satisfaction construct's Likert items, the reverse-keyed ones, the points."""
    plan: dict[int, tuple[list[str], set[str], int]] = {}
    items = Item.objects.filter(
        questionnaire_id__in=list(questionnaire_ids),
        kind=ItemKind.LIKERT,
        construct_id=F("questionnaire__satisfaction_construct_id"),
    ).values_list("questionnaire_id", "code", "reverse_keyed", "questionnaire__scale_points")
    for questionnaire_id, code, reverse_keyed, points in items:
        codes, reversed_codes, _points = plan.setdefault(questionnaire_id, ([], set(), points))
        codes.append(code)
        if reverse_keyed:
            reversed_codes.add(code)
    return plan


def satisfaction_scores(
    year: int, *, by: Literal["organisation", "carrier"], units: Iterable[int] | None = None
) -> dict[int, SatisfactionScore]:
    """Cooperation satisfaction of every organisation (or carrier) with answers in ``year``.

    For each valid response submitted in ``year`` (local time) to a questionnaire that names a
    satisfaction construct, the respondent's score is the mean of their answers to that
    construct's Likert items after reverse-keyed items are recoded, rescaled from 1..points to
    0–100. A unit's score is the mean of its respondents' scores: each respondent weighs the
    same. Responses count for the organisation and the carrier their invitation (or imported
    row) names. Units with no such response are absent.
    """
    if by not in ("organisation", "carrier"):
        raise ValueError("by is 'organisation' or 'carrier'")
    responses = Response.objects.filter(
        valid=True, submitted_at__year=year, questionnaire__satisfaction_construct__isnull=False
    ).exclude(**{f"{by}_id": None})
    if units is not None:
        responses = responses.filter(**{f"{by}_id__in": list(units)})
    rows = list(responses.values_list(f"{by}_id", "questionnaire_id", "answers"))
    plan = _satisfaction_items({questionnaire_id for _unit, questionnaire_id, _answers in rows})
    per_unit: dict[int, list[float]] = {}
    sources: dict[int, set[int]] = {}
    for unit, questionnaire_id, answers in rows:
        codes, reversed_codes, points = plan.get(questionnaire_id, ([], set(), 5))
        values = [
            points + 1 - answers[code] if code in reversed_codes else answers[code]
            for code in codes
            if isinstance(answers.get(code), int)
        ]
        if not values:
            continue
        per_unit.setdefault(unit, []).append(100.0 * (sum(values) / len(values) - 1) / (points - 1))
        sources.setdefault(unit, set()).add(questionnaire_id)
    return {
        unit: SatisfactionScore(
            score=round(sum(scores) / len(scores), 2),
            responses=len(scores),
            questionnaires=len(sources[unit]),
        )
        for unit, scores in per_unit.items()
    }


def cooperation_satisfaction(unit: Organisation | Carrier, year: int) -> float | None:
    """Cooperation satisfaction of an organisation or a carrier in ``year``, on 0–100.

    The mean, over the valid responses submitted in ``year`` that name ``unit`` (as the
    respondent's organisation or as the carrier rated), of each respondent's mean answer to the
    questionnaire's satisfaction construct (seed 001: "satisfaction with industry-education
    synergy", SS1–SS5, SS5 reverse-keyed), rescaled so that 0 is the scale's bottom and 100 its
    top. ``None`` when there is no such response. :func:`satisfaction_scores` gives every unit at
    once, with the number of responses behind each score.

    Examples
    --------
    A response answering 4, 4, 5, 4 and 2 (reverse-keyed, so 4) on a five-point scale scores
    (4.2 - 1) / 4 * 100 = 80.0.
    """
    by: Literal["organisation", "carrier"] = "carrier" if isinstance(unit, Carrier) else "organisation"
    score = satisfaction_scores(year, by=by, units=[unit.pk]).get(unit.pk)
    return None if score is None else score.score
