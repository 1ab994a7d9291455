"""A student's result explained choice by choice, from the arrays the run kept.

The core explains (:func:`chanjiao.core.matching.explain_student`); this module reads the run's
arrays back, names the positions and words each explanation in the reader's language.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from chanjiao.core.matching import (
    ENTERPRISE_WEIGHTS,
    Assignment,
    ChoiceExplanation,
    EligibleChoices,
    ScoreBreakdown,
    explain_student,
)
from chanjiao.matching.instance import unpack_arrays
from chanjiao.matching.models import RoundPosition, RoundRun

REQUIREMENT_LABELS = {
    "program": gettext_lazy("program"),
    "year": gettext_lazy("year of study"),
    "certificates": gettext_lazy("certificates"),
    "region": gettext_lazy("region"),
}
COMPONENT_LABELS = {
    "skills": gettext_lazy("skills"),
    "certificates": gettext_lazy("certificates"),
    "program_fit": gettext_lazy("program fit"),
    "mentor": gettext_lazy("mentor assessment"),
}


def _sentence(choice: ChoiceExplanation, name: str) -> str:
    values = {
        "name": name,
        "number": choice.choice_number,
        "seats": choice.seats,
        "open": choice.seats - choice.seats_filled,
        "place": choice.place_among_applicants,
        "applicants": choice.applicants,
    }
    if choice.outcome == "placed":
        return _("You were placed at %(name)s, your choice %(number)s.") % values
    if choice.outcome == "ineligible":
        if choice.failed_requirements == ("other rule",):
            return _("The enterprise chose not to consider you for %(name)s.") % values
        labels = [str(REQUIREMENT_LABELS.get(r, r)) for r in choice.failed_requirements if r != "other rule"]
        return _("You were not eligible for %(name)s: its %(requirements)s requirement is not met.") % {
            **values,
            "requirements": _(" and ").join(labels),
        }
    if choice.outcome == "no_seats":
        return _("%(name)s had no seats left in this round.") % values
    if choice.outcome == "outranked":
        text = (
            ngettext(
                "The only seat at %(name)s went to a candidate the enterprise ranked higher; "
                "you were number %(place)s of %(applicants)s applicants.",
                "All %(seats)s seats at %(name)s went to candidates the enterprise ranked higher; "
                "you were number %(place)s of %(applicants)s applicants.",
                choice.seats,
            )
            % values
        )
        if choice.student_score is not None and choice.lowest_admitted_score is not None:
            text += " " + _(
                "Your score there was %(score).2f; the lowest admitted score was %(lowest).2f."
            ) % {
                "score": choice.student_score,
                "lowest": choice.lowest_admitted_score,
            }
        return text
    if choice.seats_filled < choice.seats:
        return _("%(name)s left %(open)s of %(seats)s seats open, but you were not placed there.") % values
    return _("%(name)s gave seats to candidates it ranked below you.") % values


def _summary(position: int, choice_number: int | None, choices: list[ChoiceExplanation], name: str) -> str:
    if position >= 0:
        return _("Placed at %(name)s, your choice %(number)s.") % {"name": name, "number": choice_number}
    if not choices:
        return _("Not placed: you listed no seats.")
    if all(choice.outcome == "ineligible" for choice in choices):
        return _("Not placed: you were not eligible for any seat you listed.")
    return _("Not placed: every seat you listed went to other candidates.")


def explain_participant(run: RoundRun, participant_id: int) -> dict[str, Any] | None:
    """The participant's result in a run with every higher choice explained; None if they were
    not part of the run (a scramble is for students without a seat)."""
    data = unpack_arrays(run.arrays)
    rows = np.flatnonzero(data["participant_ids"] == participant_id)
    if not rows.size:
        return None
    student = int(rows[0])
    position_ids = data["position_ids"].tolist()
    positions = {
        p.pk: p for p in RoundPosition.objects.filter(pk__in=position_ids).select_related("enterprise")
    }
    names = [f"{positions[pk].title} · {positions[pk].enterprise.name}" for pk in position_ids]
    eligibility = EligibleChoices(
        choices=data["choices"],
        original_index=data["original_index"],
        original_choices=data["original_choices"],
        failures=data["failures"],
    )
    scores = ScoreBreakdown(
        total=data["score_total"],
        components={name: data[f"score_{name}"] for name in ENTERPRISE_WEIGHTS},
        weights=dict(ENTERPRISE_WEIGHTS),
    )
    result = Assignment(
        assignment=data["assignment"], choice_index=data["choice_index"], seats_filled=data["seats_filled"]
    )
    explained = explain_student(
        student,
        data["choices"],
        data["position_rank"],
        data["capacity"],
        result,
        eligibility=eligibility,
        scores=scores,
        position_names=names,
    )
    kept = data["original_index"][student]
    choices = []
    for choice in explained.choices:
        matched_k = np.flatnonzero(kept == choice.choice_number - 1)
        breakdown = (
            {
                str(COMPONENT_LABELS[name]): round(part["contribution"], 3)
                for name, part in scores.explain(student, int(matched_k[0])).items()
            }
            if matched_k.size
            else {}
        )
        position = positions[position_ids[choice.position]]
        choices.append(
            {
                "choice_number": choice.choice_number,
                "position_id": position.pk,
                "title": position.title,
                "enterprise": position.enterprise.name,
                "outcome": choice.outcome,
                "seats": choice.seats,
                "seats_filled": choice.seats_filled,
                "admitted_ranked_higher": choice.admitted_ranked_higher,
                "applicants": choice.applicants,
                "place_among_applicants": choice.place_among_applicants,
                "failed_requirements": list(choice.failed_requirements),
                "score": choice.student_score,
                "lowest_admitted_score": choice.lowest_admitted_score,
                "score_parts": breakdown,
                "sentence": _sentence(choice, names[choice.position]),
            }
        )
    placed_name = names[explained.position] if explained.position >= 0 else ""
    return {
        "stage": run.stage,
        "placed": explained.position >= 0,
        "position_id": position_ids[explained.position] if explained.position >= 0 else None,
        "choice_number": explained.choice_number,
        "summary": _summary(explained.position, explained.choice_number, explained.choices, placed_name),
        "choices": choices,
        "lottery_number": int(data["lottery_numbers"][student]),
    }
