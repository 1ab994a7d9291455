"""Partner recommendation for a college (enterprises to approach) or an enterprise (colleges),
built from postings, programs' CSCO crosswalks, regions and placement outcomes; the scoring and
the diversity re-ranking are the core's (:mod:`chanjiao.core.matching.partners`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from chanjiao.core.matching import occupation_fit_matrix
from chanjiao.core.matching.partners import (
    completion_score,
    demand_fit,
    recommend_partners,
    region_proximity,
    saturating_score,
)
from chanjiao.docking.models import Posting, PostingStatus
from chanjiao.matching.models import Placement, PlacementStatus
from chanjiao.registry.models import Occupation, Organisation, OrgKind, ProgramOccupation, ProgramYear

DEMAND_WINDOW_DAYS = 730
HOSTING_KINDS = ("internship", "apprenticeship", "order_class")
FITTING = 0.5
PROXIMITY_WORDS = {
    1.0: gettext_lazy("same district or county"),
    0.6: gettext_lazy("same city"),
    0.3: gettext_lazy("same province"),
    0.0: gettext_lazy("another province"),
}


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    score: float
    relevance: float
    components: dict[str, float]
    contributions: dict[str, float]
    popularity_penalty: float
    redundancy_penalty: float
    reasons: list[str]


def _window_start() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=DEMAND_WINDOW_DAYS)


def _demand(enterprise_ids: list[int]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Occupations asked for, seats per (enterprise, occupation), hosting seats per enterprise."""
    rows = (
        Posting.objects.filter(
            enterprise_id__in=enterprise_ids,
            occupation__isnull=False,
            published_on__gte=_window_start(),
        )
        .exclude(status=PostingStatus.DRAFT)
        .values_list("enterprise_id", "occupation_id")
        .annotate(seats=Sum("seats"))
        .order_by()
    )
    hosting = dict(
        Posting.objects.filter(
            enterprise_id__in=enterprise_ids, kind__in=HOSTING_KINDS, published_on__gte=_window_start()
        )
        .exclude(status=PostingStatus.DRAFT)
        .values_list("enterprise_id")
        .annotate(seats=Sum("seats"))
        .order_by()
    )
    rows = list(rows)
    occupations = sorted({code for _, code, _ in rows})
    column = {code: i for i, code in enumerate(occupations)}
    row = {pk: i for i, pk in enumerate(enterprise_ids)}
    matrix = np.zeros((len(enterprise_ids), len(occupations)))
    for enterprise_id, code, seats in rows:
        matrix[row[enterprise_id], column[code]] += seats
    return occupations, matrix, np.array([hosting.get(pk, 0) for pk in enterprise_ids], dtype=np.float64)


def _school_fit(
    school_ids: list[int], occupations: list[str]
) -> tuple[np.ndarray, dict[int, list[tuple[int, list[str]]]]]:
    """Best fit of any of each school's programs to each occupation, and the programs' targets."""
    targets: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for school_id, program_id, code in ProgramOccupation.objects.filter(
        program__school_id__in=school_ids
    ).values_list("program__school_id", "program_id", "occupation_id"):
        targets[school_id][program_id].append(code)
    fit = np.zeros((len(school_ids), len(occupations)))
    programs: dict[int, list[tuple[int, list[str]]]] = {}
    for i, school_id in enumerate(school_ids):
        programs[school_id] = list(targets[school_id].items())
        if programs[school_id] and occupations:
            fit[i] = occupation_fit_matrix([codes for _, codes in programs[school_id]], occupations).max(
                axis=0
            )
    return fit, programs


def _outcomes(field: str, ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Placements completed and ended per organisation, and how many partners each has."""
    ended_statuses = (PlacementStatus.COMPLETED, PlacementStatus.TERMINATED)
    partner_field = "enterprise" if field == "student__school" else "student__school"
    rows = {
        pk: (completed, ended, partners)
        for pk, completed, ended, partners in Placement.objects.filter(**{f"{field}__in": ids})
        .values_list(field)
        .annotate(
            completed=Count("id", filter=Q(status=PlacementStatus.COMPLETED)),
            ended=Count("id", filter=Q(status__in=ended_statuses)),
            partners=Count(partner_field, distinct=True),
        )
        .order_by()
    }
    values = np.array([rows.get(pk, (0, 0, 0)) for pk in ids], dtype=np.float64).reshape(len(ids), 3)
    return values[:, 0], values[:, 1], values[:, 2]


def _existing(school_id: int | None, enterprise_id: int | None) -> dict[int, int]:
    """Placements the organisation already has with each partner."""
    if school_id is not None:
        rows = Placement.objects.filter(student__school_id=school_id).values_list("enterprise_id")
    else:
        rows = Placement.objects.filter(enterprise_id=enterprise_id).values_list("student__school_id")
    return dict(rows.annotate(n=Count("id")).order_by())


def _occupation_names(codes: list[str]) -> dict[str, str]:
    return dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))


def _reasons(context: dict[str, Any]) -> list[str]:
    reasons = []
    if context["top_occupations"]:
        reasons.append(
            _("Demand fits: %(occupations)s (fit %(fit).2f).")
            % {"occupations": "、".join(context["top_occupations"]), "fit": context["fit"]}
        )
    else:
        reasons.append(_("No coded demand in the last two years to compare programs with."))
    reasons.append(_("Location: %(where)s.") % {"where": PROXIMITY_WORDS[context["proximity"]]})
    reasons.append(context["capacity_text"])
    if context["ended"]:
        reasons.append(
            _("%(completed)d of %(ended)d ended placements were completed.")
            % {"completed": context["completed"], "ended": context["ended"]}
        )
    else:
        reasons.append(_("No ended placements yet: outcomes count as average."))
    if context["existing"]:
        reasons.append(
            ngettext(
                "Already cooperating: %(count)d placement together.",
                "Already cooperating: %(count)d placements together.",
                context["existing"],
            )
            % {"count": context["existing"]}
        )
    if context["popularity_penalty"] > 0:
        reasons.append(
            _(
                "Already works with %(partners)d partners: %(penalty).2f off so less-known partners get a chance."
            )
            % {"partners": context["partners"], "penalty": context["popularity_penalty"]}
        )
    if context["redundancy_penalty"] > 0:
        reasons.append(
            _("%(penalty).2f off so the list spans more than one group.")
            % {"penalty": context["redundancy_penalty"]}
        )
    return reasons


def recommend_for(organisation: Organisation, *, top: int = 10) -> list[Suggestion]:
    """Partners to approach, best first, each with its reasons."""
    province = organisation.region.path.split("/")[1]
    in_province = Q(region__path__startswith=f"/{province}/")
    if organisation.kind == OrgKind.SCHOOL:
        candidates = list(
            Organisation.objects.filter(in_province, kind=OrgKind.ENTERPRISE)
            .select_related("region")
            .order_by("pk")
        )
        ids = [c.pk for c in candidates]
        occupations, demand, hosting = _demand(ids)
        school_fit, _programs = _school_fit([organisation.pk], occupations)
        fit = demand_fit(school_fit, demand)[0]
        contribution = demand * school_fit[0]
        capacity_amount = hosting
        completed, ended, partners = _outcomes("enterprise", ids)
        groups = [c.industry or "-" for c in candidates]
        existing = _existing(organisation.pk, None)
    else:
        candidates = list(
            Organisation.objects.filter(in_province, kind=OrgKind.SCHOOL)
            .select_related("region")
            .order_by("pk")
        )
        ids = [c.pk for c in candidates]
        occupations, demand, _hosting = _demand([organisation.pk])
        school_fit, programs = _school_fit(ids, occupations)
        fit = demand_fit(school_fit, demand)[:, 0]
        contribution = school_fit * demand[0]
        capacity_amount = _fitting_graduates(ids, programs, occupations, demand[0])
        completed, ended, partners = _outcomes("student__school", ids)
        groups = [c.school_level or "-" for c in candidates]
        existing = _existing(None, organisation.pk)
    if not candidates:
        return []
    proximity = region_proximity(organisation.region_id, [c.region_id for c in candidates])
    popularity = partners / partners.max() if partners.max() > 0 else np.zeros(len(candidates))
    chosen = recommend_partners(
        {
            "fit": fit,
            "proximity": proximity,
            "capacity": saturating_score(capacity_amount),
            "outcomes": completion_score(completed, ended),
        },
        popularity=popularity,
        groups=groups,
        top=top,
    )
    names = _occupation_names(occupations)
    suggestions = []
    for place, index in enumerate(chosen.order.tolist()):
        best: list[int] = np.argsort(-contribution[index], kind="stable")[:2].tolist() if occupations else []
        candidate = candidates[index]
        capacity_text = (
            _("Posted %(seats)d internship, apprenticeship and order-class seats in the last two years.")
            if organisation.kind == OrgKind.SCHOOL
            else _("About %(seats)d graduates a year in programs that fit your demand.")
        ) % {"seats": int(capacity_amount[index])}
        suggestions.append(
            Suggestion(
                organisation=candidate,
                score=float(chosen.score[place]),
                relevance=float(chosen.relevance[index]),
                components={name: float(values[index]) for name, values in chosen.components.items()},
                contributions=chosen.contributions(index),
                popularity_penalty=float(chosen.popularity_penalty[index]),
                redundancy_penalty=float(chosen.redundancy_penalty[place]),
                reasons=_reasons(
                    {
                        "top_occupations": [
                            names.get(occupations[o], occupations[o])
                            for o in best
                            if contribution[index, o] > 0
                        ],
                        "fit": float(fit[index]),
                        "proximity": float(proximity[index]),
                        "capacity_text": capacity_text,
                        "completed": int(completed[index]),
                        "ended": int(ended[index]),
                        "existing": existing.get(candidate.pk, 0),
                        "partners": int(partners[index]),
                        "popularity_penalty": float(chosen.popularity_penalty[index]),
                        "redundancy_penalty": float(chosen.redundancy_penalty[place]),
                    }
                ),
            )
        )
    return suggestions


def _fitting_graduates(
    school_ids: list[int],
    programs: dict[int, list[tuple[int, list[str]]]],
    occupations: list[str],
    demand: np.ndarray,
) -> np.ndarray:
    """Expected graduates a year (the latest year recorded) of each school's programs fitting the
    demand (fit >= 0.5)."""
    wanted = [occupations[i] for i in np.flatnonzero(demand > 0)]
    graduates = dict(
        ProgramYear.objects.filter(program__school_id__in=school_ids, year__lte=timezone.localdate().year)
        .order_by("program_id", "year")
        .values_list("program_id", "expected_graduates")
    )
    amounts = np.zeros(len(school_ids))
    for i, school_id in enumerate(school_ids):
        for program_id, codes in programs.get(school_id, []):
            if wanted and codes and occupation_fit_matrix([codes], wanted).max() >= FITTING:
                amounts[i] += graduates.get(program_id, 0)
    return amounts
