"""Round pages for coordinators and participants: list, open, overview, settings, run with a
progress bar, publish, scramble, close, the report, students and positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.matching import policy, selectors, services
from chanjiao.matching.confirmations import publish_consequences
from chanjiao.matching.filters import ParticipantFilter, PositionFilter, RoundFilter
from chanjiao.matching.forms_rounds import PositionForm, RoundForm, RoundSettingsForm
from chanjiao.matching.models import MatchingRound, Offer, RoundStatus, RoundStudent
from chanjiao.matching.reports import report_for_side
from chanjiao.matching.tables import (
    ENTERPRISE_REPORT_COLUMNS,
    PARTICIPANT_COLUMNS,
    POSITION_COLUMNS,
    ROUND_COLUMNS,
    SCHOOL_REPORT_COLUMNS,
    reason_label,
)
from chanjiao.web.confirm import confirmation_page, confirmed
from chanjiao.web.excel import xlsx_bytes, xlsx_response
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def round_list(request):
    can_open = policy.organiser_for(request.user) is not None
    own = request.user.organisation
    # Suggestions are for the user's own school or enterprise (an officer opens them from one).
    suggests = own is not None and policy.may_recommend_for(request.user, own)
    return list_page(
        request,
        queryset=access.visible(request.user, MatchingRound),
        filterset_class=RoundFilter,
        title=_("Matching rounds"),
        columns=ROUND_COLUMNS,
        link=lambda r: reverse("matching:round", args=[r.pk]),
        actions=[
            *([(reverse("matching:round_new"), _("Open a round"))] if can_open else []),
            *([(reverse("matching:partners"), _("Partner suggestions"))] if suggests else []),
            (reverse("matching:invitations"), _("Expert invitations")),
        ],
    )


@login_required
def round_new(request):
    organiser = policy.organiser_for(request.user)
    if organiser is None:
        raise PermissionDenied(_("Only an education bureau or a school's cooperation office opens rounds."))
    form = RoundForm(request.POST or None, organiser=organiser)
    return form_page(
        request,
        form=form,
        title=_("Open a matching round"),
        save=lambda data: services.open_round(actor=request.user, organiser=organiser, data=dict(data)),
        success_url=lambda rnd: reverse("matching:round", args=[rnd.pk]),
        cancel_url=reverse("matching:rounds"),
        success_message=_("Round opened: students and enterprises can rank."),
    )


@login_required
def round_detail(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    side = policy.round_side(request.user, rnd)
    context = {
        "round": rnd,
        "side": side,
        "run": selectors.latest_run(rnd),
        "scramble_run": selectors.latest_run(rnd, "scramble"),
        "running": rnd.job is not None and not rnd.job.finished,
        "overview": selectors.round_overview(rnd) if side.oversee else None,
        "results_public": rnd.status in policy.RESULTS_PUBLIC,
        "ranking_open": timezone.now() < rnd.ranking_closes,
    }
    if side.enterprise_id is not None:
        context["own_positions"] = selectors.enterprise_positions(rnd, side.enterprise_id)
    if side.participant is not None:
        context["my_choices"] = side.participant.choices.filter(stage=selectors.current_stage(rnd)).count()
        context["my_offers"] = (
            access.visible(request.user, Offer).filter(round=rnd).filter(participant=side.participant)
        )
    return render(request, "matching/round_detail.html", context)


@login_required
def round_progress(request, pk):
    """The run's progress bar, polled by the round page; reloads the page once the job ends."""
    rnd = access.get(request.user, MatchingRound, pk)
    if rnd.job is None or rnd.job.finished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "matching/_progress.html", {"round": rnd, "job": rnd.job})


@login_required
def round_edit(request, pk):
    rnd = access.get(request.user, MatchingRound, pk, Action.MANAGE)
    return form_page(
        request,
        form=RoundSettingsForm(request.POST or None, instance=rnd),
        title=_("Round settings"),
        save=lambda data: services.update_round(actor=request.user, rnd=rnd, data=data),
        success_url=lambda r: reverse("matching:round", args=[r.pk]),
        cancel_url=reverse("matching:round", args=[pk]),
        success_message=_("Round saved."),
    )


def _act(request, pk, action, done: str):
    rnd = access.get(request.user, MatchingRound, pk, Action.MANAGE)
    try:
        action(actor=request.user, rnd=rnd)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("matching:round", pk=pk)


@login_required
@require_POST
def round_run(request, pk):
    def start(*, actor, rnd):
        return services.start_round_run(actor=actor, rnd=rnd, reason=request.POST.get("reason", ""))

    return _act(request, pk, start, _("The round is running."))


@login_required
@require_POST
def round_publish(request, pk):
    rnd = access.get(request.user, MatchingRound, pk, Action.MANAGE)
    if rnd.status == RoundStatus.MATCHED and not confirmed(request):
        return confirmation_page(
            request, publish_consequences(rnd), cancel_url=reverse("matching:round", args=[pk])
        )
    return _act(
        request, pk, services.publish_round, _("Results published: every party can answer its offers.")
    )


@login_required
@require_POST
def round_scramble(request, pk):
    return _act(
        request, pk, services.open_scramble, _("Scramble open: students without a seat can list open seats.")
    )


@login_required
@require_POST
def round_close(request, pk):
    return _act(request, pk, services.close_round, _("Round closed."))


@login_required
def round_report(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    side = policy.round_side(request.user, rnd)
    if not side.sees_report:
        raise PermissionDenied(
            _("The report is for the coordinator, officers and participating organisations.")
        )
    stage = request.GET.get("stage", "main")
    run = selectors.latest_run(rnd, "scramble" if stage == "scramble" else "main")
    if run is not None and not side.oversee and rnd.status not in policy.RESULTS_PUBLIC:
        run = None
    document = None
    if run is not None:
        document = (
            run.report
            if side.oversee
            else report_for_side(run.report, school_id=side.school_id, enterprise_id=side.enterprise_id)
        )
    if document is not None and request.GET.get("format") == "xlsx":
        table = request.GET.get("table", "schools")
        columns, rows = (
            (ENTERPRISE_REPORT_COLUMNS, document["by_enterprise"])
            if table == "enterprises"
            else (SCHOOL_REPORT_COLUMNS, document["by_school"])
        )
        return xlsx_response(f"round-{rnd.pk}-{table}.xlsx", xlsx_bytes(rnd.name, columns, rows))
    return render(
        request,
        "matching/round_report.html",
        {
            "round": rnd,
            "side": side,
            "run": run,
            "report": document,
            "stage": stage,
            "reason_label": reason_label,
        },
    )


@login_required
def round_students(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    side = policy.round_side(request.user, rnd)
    if not (side.oversee or side.school_id is not None):
        raise PermissionDenied(_("Students' outcomes are for the coordinator, officers and their schools."))
    return list_page(
        request,
        queryset=access.visible(request.user, RoundStudent).filter(round=rnd),
        filterset_class=ParticipantFilter,
        title=_("Students of %(round)s") % {"round": rnd.name},
        columns=PARTICIPANT_COLUMNS,
        link=lambda p: reverse("registry:student", args=[p.student_id]),
        per_page=50,
    )


@login_required
def round_positions(request, pk):
    rnd = access.get(request.user, MatchingRound, pk)
    side = policy.round_side(request.user, rnd)
    return list_page(
        request,
        queryset=rnd.positions.select_related("enterprise", "occupation"),
        filterset_class=PositionFilter,
        title=_("Positions of %(round)s") % {"round": rnd.name},
        columns=POSITION_COLUMNS,
        link=(
            (lambda p: reverse("matching:position_edit", args=[rnd.pk, p.pk]))
            if side.manage
            else (lambda p: reverse("docking:posting", args=[p.posting_id]))
        ),
        per_page=50,
    )


@login_required
def position_edit(request, pk, position_pk):
    rnd = access.get(request.user, MatchingRound, pk)
    position = access.get(request.user, rnd.positions.all(), position_pk, Action.CHANGE)
    return form_page(
        request,
        form=PositionForm(request.POST or None, instance=position),
        title=str(position),
        save=lambda data: services.update_position(actor=request.user, position=position, data=data),
        success_url=lambda p: reverse("matching:round_positions", args=[pk]),
        cancel_url=reverse("matching:round_positions", args=[pk]),
        success_message=_("Position saved."),
    )
