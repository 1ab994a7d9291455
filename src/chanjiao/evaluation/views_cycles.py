"""Cycle pages: list, open, evaluate, assign evaluators, on-site scores, evaluation results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import rectification, runs, services
from chanjiao.evaluation.filters import CycleFilter, ResultFilter
from chanjiao.evaluation.forms import AssignmentForm, CycleForm, OnsiteScoreForm
from chanjiao.evaluation.models import Assignment, Cycle, CycleKind, Evaluation, UnitResult
from chanjiao.evaluation.reasons import indicator_names, reason_text
from chanjiao.evaluation.tables import CYCLE_COLUMNS, RESULT_COLUMNS
from chanjiao.evaluation.units import units_of
from chanjiao.web.excel import xlsx_bytes, xlsx_response
from chanjiao.web.forms_page import form_page
from chanjiao.web.lists import list_page


@login_required
def cycle_list(request):
    can_open = access.may_create(request.user, Cycle)
    return list_page(
        request,
        queryset=access.visible(request.user, Cycle),
        filterset_class=CycleFilter,
        title=_("Evaluation cycles"),
        columns=CYCLE_COLUMNS,
        link=lambda c: reverse("evaluation:cycle", args=[c.pk]),
        actions=[(reverse("evaluation:cycle_new"), _("New cycle"))] if can_open else [],
    )


@login_required
def cycle_new(request):
    access.require_possible(request.user, Action.CREATE, Cycle)
    form = CycleForm(request.POST or None, user=request.user, initial={"scheme": request.GET.get("scheme")})
    return form_page(
        request,
        form=form,
        title=_("New evaluation cycle"),
        save=lambda data: services.create_cycle(actor=request.user, **data),
        success_url=lambda c: reverse("evaluation:cycle", args=[c.pk]),
        cancel_url=reverse("evaluation:cycles"),
        success_message=_("Cycle opened."),
    )


def _assignment_form(cycle, data=None):
    scheme = cycle.scheme
    return AssignmentForm(data, units=units_of(scheme.unit_kind, scheme.region, cycle.year))


@login_required
def cycle_detail(request, pk, assignment_form=None, status=200):
    cycle = access.get(request.user, Cycle, pk)
    can_manage = access.allows(request.user, Action.MANAGE, cycle)
    evaluations = access.visible(request.user, Evaluation).filter(cycle=cycle)
    assignments = access.visible(request.user, Assignment).filter(cycle=cycle)
    triennial = cycle.kind == CycleKind.TRIENNIAL
    context = {
        "cycle": cycle,
        "can_manage": can_manage,
        "evaluations": evaluations,
        "latest": evaluations.first(),
        "assignments": assignments,
        "scorable": access.allowed_ids(request.user, Action.SCORE, Assignment, [a.pk for a in assignments]),
        "triennial": triennial,
        "assignment_form": assignment_form or (_assignment_form(cycle) if can_manage and triennial else None),
    }
    return render(request, "evaluation/cycle_detail.html", context, status=status)


@login_required
@require_POST
def cycle_evaluate(request, pk):
    cycle = access.get(request.user, Cycle, pk, Action.MANAGE)
    try:
        evaluation = runs.run_evaluation(actor=request.user, cycle=cycle)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("evaluation:cycle", pk=pk)
    counts = evaluation.colour_counts
    messages.success(
        request,
        _("Evaluated %(n)s units: %(red)s red, %(yellow)s yellow, %(green)s green.")
        % {
            "n": evaluation.unit_count,
            "red": counts["red"],
            "yellow": counts["yellow"],
            "green": counts["green"],
        },
    )
    return redirect("evaluation:evaluation", pk=evaluation.pk)


@login_required
@require_POST
def assignment_add(request, pk):
    cycle = access.get(request.user, Cycle, pk, Action.MANAGE)
    form = _assignment_form(cycle, request.POST)
    if form.is_valid():
        try:
            services.assign_evaluator(
                actor=request.user,
                cycle=cycle,
                unit=form.cleaned_data["unit"],
                evaluator=form.cleaned_data["evaluator"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Evaluator assigned."))
            return redirect("evaluation:cycle", pk=pk)
    return cycle_detail(request, pk, assignment_form=form, status=400)


@login_required
def assignment_score(request, pk):
    assignment = access.get(request.user, Assignment, pk, Action.SCORE)
    form = OnsiteScoreForm(request.POST or None, instance=assignment)
    return form_page(
        request,
        form=form,
        title=_("On-site score: %(unit)s") % {"unit": assignment.unit_name},
        save=lambda data: services.record_onsite_score(actor=request.user, assignment=assignment, data=data),
        success_url=lambda a: reverse("evaluation:cycle", args=[a.cycle_id]),
        cancel_url=reverse("evaluation:cycle", args=[assignment.cycle_id]),
        success_message=_("On-site score saved."),
    )


def _without_page(query) -> str:
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def evaluation_detail(request, pk):
    evaluation = access.get(request.user, Evaluation, pk)
    results = access.visible(request.user, UnitResult).filter(evaluation=evaluation)
    filterset = ResultFilter(request.GET or None, queryset=results, request=request)
    rows = results.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
    rows = rows.order_by("rank", "position")
    if request.GET.get("format") == "xlsx":
        content = xlsx_bytes(_("Results"), RESULT_COLUMNS, rows.iterator(chunk_size=2000))
        return xlsx_response(f"evaluation-{evaluation.pk}.xlsx", content)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    names = indicator_names(evaluation.config)
    for result in page.object_list:
        result.reason = reason_text(result, names)
    return render(
        request,
        "evaluation/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "cycle": evaluation.cycle,
            "filter": filterset,
            "page": page,
            "can_manage": access.allows(request.user, Action.MANAGE, evaluation.cycle),
            "query": _without_page(request.GET),
        },
    )


@login_required
@require_POST
def evaluation_open_cases(request, pk):
    evaluation = access.get(request.user, Evaluation, pk, Action.MANAGE)
    opened = rectification.open_cases(actor=request.user, evaluation=evaluation)
    messages.success(request, _("%(n)s cases opened.") % {"n": len(opened)})
    return redirect("evaluation:cases")


@login_required
@require_POST
def evaluation_reproduce(request, pk):
    evaluation = access.get(request.user, Evaluation, pk, Action.MANAGE)
    report = runs.reproduce_evaluation(evaluation)
    if report["reproduced"] and report["records_unchanged"]:
        messages.success(
            request, _("Reproduced: the stored configuration gives the same scores from today's records.")
        )
    elif report["reproduced"]:
        messages.warning(
            request,
            _(
                "The stored configuration gives the stored scores, but the records of %(n)s units have changed since."
            )
            % {"n": len(report["units_with_changed_records"])},
        )
    else:
        messages.error(request, _("The stored configuration no longer gives the stored scores."))
    return redirect("evaluation:evaluation", pk=pk)


@login_required
def evaluation_config(request, pk):
    evaluation = access.get(request.user, Evaluation, pk)
    response = JsonResponse(evaluation.config, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}-config.json"'
    return response
