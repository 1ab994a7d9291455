"""Expert suggestions for a technical need: college teachers and researchers scored by their
stated expertise and the needs they helped solve (:func:`chanjiao.core.matching.experts.rank_experts`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chanjiao.core.matching.experts import rank_experts
from chanjiao.docking.models import NeedExpert, NeedStatus, TechnicalNeed
from chanjiao.matching.models import ExpertInvitation
from chanjiao.matching.policy import expert_pool
from chanjiao.registry.models import Teacher


@dataclass(frozen=True)
class ExpertSuggestion:
    expert: Teacher
    score: float
    components: dict[str, float]
    reasons: list[str]
    invitation: ExpertInvitation | None


def need_text(need: TechnicalNeed) -> str:
    return " ".join(part for part in (need.title, need.field, need.description) if part)


def suggest_experts(need: TechnicalNeed, *, top: int = 10) -> list[ExpertSuggestion]:
    """The best experts for a need, best first, each with why."""
    experts = list(expert_pool().order_by("pk"))
    past: dict[int, list[TechnicalNeed]] = defaultdict(list)
    for link in NeedExpert.objects.filter(
        need__status=NeedStatus.SOLVED, expert__in=[e.pk for e in experts]
    ).select_related("need"):
        if link.need_id != need.pk:
            past[link.expert_id].append(link.need)
    ranking = rank_experts(
        need_text(need),
        [expert.expertise for expert in experts],
        [[need_text(solved) for solved in past[expert.pk]] for expert in experts],
        top=top,
    )
    invitations = {i.expert_id: i for i in ExpertInvitation.objects.filter(need=need)}
    suggestions = []
    for index in ranking.order.tolist():
        expert = experts[index]
        reasons = []
        if ranking.matched_phrases[index]:
            reasons.append(
                _("Expertise: %(phrases)s.") % {"phrases": "、".join(ranking.matched_phrases[index])}
            )
        closest = int(ranking.closest_past_need[index])
        if closest >= 0 and ranking.components["past_needs"][index] > 0:
            reasons.append(
                _("Helped solve a similar need: %(title)s.") % {"title": past[expert.pk][closest].title}
            )
        if past[expert.pk]:
            solved = len(past[expert.pk])
            reasons.append(
                ngettext(
                    "Helped solve %(count)d technical need.",
                    "Helped solve %(count)d technical needs.",
                    solved,
                )
                % {"count": solved}
            )
        suggestions.append(
            ExpertSuggestion(
                expert=expert,
                score=float(ranking.total[index]),
                components={name: float(values[index]) for name, values in ranking.components.items()},
                reasons=reasons,
                invitation=invitations.get(expert.pk),
            )
        )
    return suggestions


def suggestion_for(need: TechnicalNeed, expert: Teacher) -> dict:
    """The score and reasons to keep on an invitation: the expert's suggestion, if among the best 50."""
    for suggestion in suggest_experts(need, top=50):
        if suggestion.expert.pk == expert.pk:
            return {"score": suggestion.score, "reasons": suggestion.reasons}
    return {}
