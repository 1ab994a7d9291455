"""Dashboard, scorecards and their downloads."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chanjiao.accounts import access
from chanjiao.accounts.access import Action
from chanjiao.evaluation import selectors
from chanjiao.evaluation.models import CaseStatus, Colour, Evaluation, RectificationCase, Scheme, UnitResult
from chanjiao.evaluation.reasons import indicator_names, reason_text
from chanjiao.evaluation.reports import rank_text, scorecard_pdf, scorecard_xlsx
from chanjiao.evaluation.units import owned_units_condition
from chanjiao.web.excel import xlsx_response


def _own_latest_results(user):
    """The latest result of each unit the user's organisation answers for."""
    seen, latest = set(), []
    results = (
        access.visible(user, UnitResult)
        .filter(owned_units_condition(user))
        .order_by("-evaluation__cycle__year", "-evaluation_id")
    )
    names: dict[int, dict[str, str]] = {}
    for result in results[:500]:
        if (result.unit_kind, result.unit_id) not in seen:
            seen.add((result.unit_kind, result.unit_id))
            if result.evaluation_id not in names:
                names[result.evaluation_id] = indicator_names(result.evaluation.config)
            result.reason = reason_text(result, names[result.evaluation_id])
            latest.append(result)
    return latest


@login_required
def dashboard(request):
    evaluations = list(selectors.current_evaluations(request.user)[:60])
    chosen = None
    if request.GET.get("evaluation"):
        chosen = next((e for e in evaluations if str(e.pk) == request.GET["evaluation"]), None)
    if chosen is None and evaluations:
        chosen = next((e for e in evaluations if e.config["unit_kind"] == "carrier"), evaluations[0])
    cases = access.visible(request.user, RectificationCase).exclude(status=CaseStatus.CLOSED)
    context = {
        "evaluations": evaluations,
        "chosen": chosen,
        "grid": selectors.light_grid(chosen, request.user) if chosen else [],
        "own_results": _own_latest_results(request.user),
        "open_cases": cases.count(),
        "overdue_cases": cases.filter(deadline__lt=timezone.localdate()).count(),
        "is_officer": access.possible(request.user, Action.VIEW, Scheme),
    }
    return render(request, "evaluation/dashboard.html", context)


@login_required
def result_detail(request, pk):
    result = access.get(request.user, UnitResult, pk)
    card = selectors.scorecard(result, request.user)
    cycle = result.evaluation.cycle
    has_case = RectificationCase.objects.filter(result=result).exists()
    card.update(
        rank_text=rank_text(result),
        cases=access.visible(request.user, RectificationCase).filter(
            unit_kind=result.unit_kind, unit_id=result.unit_id
        ),
        can_open_case=access.allows(request.user, Action.MANAGE, cycle)
        and result.colour in (Colour.RED, Colour.YELLOW)
        and not has_case,
        can_see_evaluation=access.visible(request.user, Evaluation).filter(pk=result.evaluation_id).exists(),
        chart={
            "labels": [h.evaluation.cycle.name for h in card["history"]],
            "scores": [h.score for h in card["history"]],
        },
    )
    return render(request, "evaluation/scorecard.html", card)


def scorecard_filename(result, extension: str) -> str:
    return f"scorecard-{result.unit_kind}-{result.unit_id}-{result.evaluation.cycle.year}.{extension}"


@login_required
def result_pdf(request, pk):
    result = access.get(request.user, UnitResult, pk)
    response = HttpResponse(
        scorecard_pdf(selectors.scorecard(result, request.user)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{scorecard_filename(result, "pdf")}"'
    return response


@login_required
def result_xlsx(request, pk):
    result = access.get(request.user, UnitResult, pk)
    return xlsx_response(
        scorecard_filename(result, "xlsx"), scorecard_xlsx(selectors.scorecard(result, request.user))
    )
