"""The two sides' rank-order lists: a student orders positions, an enterprise its candidates
(both by drag and drop), and a student's result with its explanations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import policy, selectors, services
from chanjiao.matching.candidate_profile import candidate_profile
from chanjiao.matching.explanations import explain_participant
from chanjiao.matching.forms_rounds import ChoicesForm, PositionSearchForm, RankingForm
from chanjiao.matching.models import MAIN, SCRAMBLE, MatchingRound, Offer, RoundStudent
from chanjiao.matching.next_steps import next_step
from chanjiao.matching.services.rounds import ranking_stage

POSITIONS_PER_PAGE = 25


def _ranking_open(rnd) -> tuple[bool, str]:
    try:
        ranking_stage(rnd)
    except ValueError as error:
        return False, str(error)
    return True, ""


def _save(request, form, save) -> bool:
    """Validate and save; on a refusal show why and keep the page as it was."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return False
    try:
        save(form.cleaned_data)
    except ValueError as error:
        messages.error(request, str(error))
        return False
    return True


@login_required
def my_list(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    participant = policy.participant_of(request.user, rnd)
    stage = selectors.current_stage(rnd)
    if request.method == "POST":
        form = ChoicesForm(request.POST, round=rnd)
        saved = _save(
            request,
            form,
            lambda data: services.set_student_choices(
                actor=request.user, participant=participant, positions=data["positions"]
            ),
        )
        if saved:
            messages.success(request, _("Your list is saved."))
            return redirect("matching:my_list", pk=pk)
    options = selectors.positions_for_student(participant, stage)
    listed = [o for o in options if o.rank is not None]
    if request.GET.get("suggest"):
        listed.sort(key=lambda o: -o.score)
    is_open, closed_reason = _ranking_open(rnd)
    if stage == SCRAMBLE:
        options = [o for o in options if o.open_seats > 0]
    search = PositionSearchForm(request.GET)
    if search.is_valid():
        found = selectors.filter_options(
            [o for o in options if o.rank is None and o.eligible], **search.cleaned_data
        )
    else:
        found = []
        for errors in search.errors.values():
            for error in errors:
                messages.error(request, error)
    page = Paginator(found, POSITIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status = 200 if search.is_valid() else 400
    return render(
        request,
        "matching/my_list.html",
        {
            "round": rnd,
            "participant": participant,
            "stage": stage,
            "listed": listed,
            "page": page,
            "search": search,
            "query": query.urlencode(),
            "ineligible": [o for o in options if o.rank is None and not o.eligible],
            "is_open": is_open,
            "closed_reason": closed_reason,
            "suggested": bool(request.GET.get("suggest")),
        },
        status=status,
    )


@login_required
def candidates(request, pk, position_pk):
    rnd = access.get(request.user, MatchingRound, pk)
    side = policy.round_side(request.user, rnd)
    position = access.get(
        request.user, rnd.positions.all(), position_pk, Action.VIEW if side.oversee else Action.RANK
    )
    can_rank = access.allows(request.user, Action.RANK, position)
    stage = selectors.current_stage(rnd)
    if request.method == "POST":
        if not can_rank:
            raise PermissionDenied(_("Only the position's enterprise ranks its candidates."))
        form = RankingForm(request.POST, round=rnd)
        saved = _save(
            request,
            form,
            lambda data: services.set_candidate_ranking(
                actor=request.user,
                position=position,
                mode=data["mode"],
                ranked=data["ranked"],
                excluded=data["excluded"],
            ),
        )
        if saved:
            messages.success(request, _("Ranking saved."))
            return redirect("matching:candidates", pk=pk, position_pk=position_pk)
    is_open, closed_reason = _ranking_open(rnd)
    return render(
        request,
        "matching/candidates.html",
        {
            "round": rnd,
            "position": position,
            "rows": selectors.candidates_for(position, stage),
            "can_rank": can_rank and is_open,
            "closed_reason": closed_reason,
        },
    )


@login_required
def candidate(request, pk, participant_pk):
    """A candidate's profile, for the enterprises the student applied to and those who see the
    student's list (404 for anyone else)."""
    rnd = access.get(request.user, MatchingRound, pk)
    participant = get_object_or_404(
        access.visible(request.user, RoundStudent, Action.VIEW_PRIVATE).filter(round=rnd), pk=participant_pk
    )
    side = policy.round_side(request.user, rnd)
    profile = candidate_profile(participant, enterprise_id=None if side.oversee else side.enterprise_id)
    return render(request, "matching/candidate.html", {"round": rnd, "profile": profile})


@login_required
def my_result(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    participant = policy.participant_of(request.user, rnd)
    if rnd.status not in policy.RESULTS_PUBLIC:
        raise PermissionDenied(_("Results are not published yet."))
    explanations = []
    for stage in (MAIN, SCRAMBLE):
        run = selectors.latest_run(rnd, stage)
        explained = explain_participant(run, participant.pk) if run is not None else None
        if explained is not None:
            explanations.append(explained)
    offers = list(access.visible(request.user, Offer).filter(round=rnd).filter(participant=participant))
    return render(
        request,
        "matching/my_result.html",
        {
            "round": rnd,
            "participant": participant,
            "explanations": explanations,
            "offers": offers,
            "next_step": next_step(rnd, offers),
        },
    )
